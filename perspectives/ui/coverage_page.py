"""Theme coverage: what each author spends sentences and words on, by the corpus's lexicon."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import streamlit as st

from perspectives import coverage, paging
from perspectives.markup import escape_markdown
from perspectives.model import Corpus
from perspectives.schema import LEXICON, LEXICON_REVIEWS, VERDICT
from perspectives.ui import charts, derived, links, widgets

MEASURE_KEY = "coverage_measure"
THEMES_KEY = "coverage_themes"
DOCUMENTS_KEY = "coverage_documents"
PAGE_KEY = "coverage_page"
#: Rows the sentence browser sends at once: a large corpus tags hundreds of thousands.
SENTENCES_PER_PAGE = 500


def _heatmap(corpus: Corpus, theme_ids: tuple[str, ...], document_ids: tuple[str, ...]) -> None:
    measure = st.segmented_control(
        "Share of each author's",
        list(coverage.MEASURES),
        default="sentences",
        key=MEASURE_KEY,
        required=True,
    )
    widgets.chart(
        _heatmap_chart(corpus, theme_ids, document_ids, measure),
        f"Heatmap: the share of each author's {measure} that touch each theme.",
    )


@widgets.kept_chart
def _heatmap_chart(
    corpus: Corpus,
    theme_ids: tuple[str, ...],
    document_ids: tuple[str, ...],
    measure: str,
) -> widgets.Chart:
    """The share of each chosen author's sentences or words per chosen theme, once per version
    of the files and set of filters."""
    table = coverage.coverage_table(corpus, derived.tagged_sentences(corpus))
    chosen = table["theme_id"].isin(theme_ids) & table["document_id"].isin(document_ids)
    data = coverage.heatmap_data(table[chosen], measure)
    themes = [corpus.theme(theme_id).label for theme_id in theme_ids]
    perspectives = list(dict.fromkeys(data["perspective"]))
    as_table = data.pivot(index="theme", columns="perspective", values="label")
    as_table = as_table.loc[themes, perspectives].reset_index().rename(columns={"theme": "Theme"})
    return widgets.Chart(charts.coverage_heatmap(data, themes, measure), as_table)


@widgets.kept_view
def _sentences(
    corpus: Corpus,
    themes: tuple[str, ...],
    documents: tuple[str, ...],
    number: int,
) -> tuple[paging.Page[int], pd.DataFrame]:
    """Page `number` (clamped to the pages there are) of the tagged sentences of these themes
    and documents, each row with its link to the source reader; once per version of the files,
    set of filters and page."""
    matching = coverage.sentence_tags(corpus, derived.tagged_sentences(corpus), themes, documents)
    page = paging.paginate(range(len(matching)), number, SENTENCES_PER_PAGE)
    rows = matching.rows(page.first - 1, page.first - 1 + len(page.items))
    rows["source"] = [
        links.source_url(document_id, theme_id)
        for document_id, theme_id in zip(rows["document_id"], rows["theme_id"], strict=True)
    ]
    return page, rows


def _browser(corpus: Corpus, themes: tuple[str, ...], documents: tuple[str, ...]) -> None:
    st.session_state.setdefault(PAGE_KEY, 1)
    page, rows = _sentences(corpus, themes, documents, st.session_state[PAGE_KEY])
    if not page.total:
        st.info("No sentence of these authors is tagged with these themes.")
        return
    st.session_state[PAGE_KEY] = page.number  # clamped when the filters shrink the pages
    if page.count > 1:
        st.number_input("Page of sentences", 1, page.count, key=PAGE_KEY)
        st.caption(
            f"{page.total} tagged sentence(s). {page.describe('Sentences')} To find one, "
            "narrow the themes or the perspectives in the sidebar, or turn the page. *Source* "
            "opens the text at the theme."
        )
    else:
        st.caption(f"{page.total} tagged sentence(s). *Source* opens the text at the theme.")
    st.dataframe(
        rows,
        hide_index=True,
        width="stretch",
        height=640,
        row_height=100,
        column_order=(
            "perspective",
            "number",
            "theme",
            "sentence",
            "terms",
            "curated",
            *(("verdict",) if corpus.lexicon_reviews else ()),
            "source",
        ),
        column_config={
            "perspective": st.column_config.TextColumn("Author", width=130),
            "number": st.column_config.NumberColumn(
                "No.", help="Sentence number in the text", width=45
            ),
            "theme": st.column_config.TextColumn("Theme", width=120),
            "sentence": st.column_config.TextColumn("Sentence", width=350),
            "terms": st.column_config.TextColumn("Found terms", width=100),
            "curated": st.column_config.CheckboxColumn(
                "Quoted", help="The curated table quotes this sentence for this theme", width=60
            ),
            "verdict": st.column_config.TextColumn(
                "Review",
                help=f"The reviewer's verdict in {LEXICON_REVIEWS.file}; empty for a quoted "
                "sentence, or one nobody has reviewed",
                width=60,
            ),
            "source": st.column_config.LinkColumn("Source", display_text="open", width=60),
        },
    )


def _quality(corpus: Corpus, tagged: Sequence[coverage.TaggedSentence]) -> None:
    measured = coverage.quality(corpus, tagged)
    reviewed = bool(corpus.lexicon_reviews)
    columns = st.columns(3 if reviewed else 2)  # recall, [reviewed precision,] curated share
    recall, curated = columns[0], columns[-1]
    recall.metric(
        "Recall",
        f"{measured.recall:.0%}",
        help="Curated quotes that lie in a sentence the lexicon tags with the quote's theme.",
        border=True,
    )
    if reviewed:
        columns[1].metric(
            "Precision (reviewed)",
            f"{measured.precision:.0%}",
            help=_precision_help(measured),
            border=True,
        )
    curated.metric(
        "Tags the curated table quotes",
        f"{measured.curated_precision:.0%}",
        help="Tagged sentences that overlap a curated quote of that theme: a lower bound on "
        "precision, since the table quotes only the clearest passages.",
        border=True,
    )
    found = f"{measured.recalled} of {measured.quotes} curated quotes are found; "
    if reviewed:
        st.caption(
            found + f"{measured.curated + measured.accepted} of {measured.tags} theme tags are "
            f"right: {measured.curated} fall on a curated quote and a reviewer accepted "
            f"{measured.accepted} of the others, and rejected {measured.rejected} (listed below)"
            + (
                f"; {measured.unreviewed} tag(s) await a review and count as not right (in "
                "the sentence browser, neither *Quoted* nor *Review* is filled in for them)."
                if measured.unreviewed
                else "; every tag is reviewed."
            )
        )
    else:
        st.caption(
            found + f"{measured.curated} of {measured.tags} theme tags fall on a curated quote. A "
            "tag outside the quotes may still be right (the table quotes only the clearest "
            "passages), so the second figure is a floor, not the lexicon's precision."
        )
        st.info(
            "Precision has not been reviewed. To measure it, add "
            f"`{LEXICON_REVIEWS.file}` to the corpus folder (columns: "
            f"{', '.join(f'`{name}`' for name in LEXICON_REVIEWS.columns)}) with a verdict, "
            f"{' or '.join(f'`{choice}`' for choice in VERDICT)}, and a reason for each tagged "
            "sentence that no curated quote covers; name the sentence by its first words."
        )
    st.dataframe(
        measured.themes,
        hide_index=True,
        width="stretch",
        column_order=(
            "theme",
            "quotes",
            "recalled",
            "recall",
            "tags",
            *(("precision",) if reviewed else ()),
            "curated_precision",
        ),
        column_config={
            "theme": st.column_config.TextColumn("Theme"),
            "quotes": st.column_config.NumberColumn("Quotes"),
            "recalled": st.column_config.NumberColumn("Found"),
            "recall": st.column_config.NumberColumn("Recall", format="percent"),
            "tags": st.column_config.NumberColumn("Tagged sentences"),
            "precision": st.column_config.NumberColumn(
                "Precision",
                help="Tags on a curated quote or accepted by a reviewer",
                format="percent",
            ),
            "curated_precision": st.column_config.NumberColumn("Quoted", format="percent"),
        },
    )
    _listed("Curated quotes the lexicon misses", _missed(corpus))
    if reviewed:
        _listed("Tags a reviewer rejected", _rejected(corpus))


def _listed(title: str, table: pd.DataFrame) -> None:
    """A table made widgets.ready, in an expander that counts its rows: static while it is
    short, a grid when there are thousands of rows."""
    with st.expander(f"{title} ({len(table)})"):
        if table.empty:
            st.caption("None.")
        else:
            widgets.ready_table(table)


def _precision_help(measured: coverage.Quality) -> str:
    unreviewed = (
        f"{measured.unreviewed} tag(s) outside the curated quotes have no review yet; they "
        "count as not right, so the figure can only rise as they are reviewed."
        if measured.unreviewed
        else "Every tag outside the curated quotes is reviewed."
    )
    return (
        "Share of theme tags that are right. A tag (a sentence tagged with a theme) is right "
        "when the sentence overlaps a curated quote of that theme, or when a reviewer accepted "
        f"it in {LEXICON_REVIEWS.file}. " + unreviewed
    )


@widgets.kept_view(max_entries=8)
def _missed(corpus: Corpus) -> pd.DataFrame:
    """The curated quotes the lexicon misses, where a curator would add a term; once per version
    of the files."""
    missed = coverage.untagged_quotes(corpus, derived.tagged_sentences(corpus))
    return widgets.ready(
        pd.DataFrame(
            {
                "Theme": [corpus.theme(theme_id).label for theme_id in missed["theme_id"]],
                "Author": [corpus.document(d).author for d in missed["document_id"]],
                "Quote": missed["quote"],
            }
        )
    )


@widgets.kept_view(max_entries=8)
def _rejected(corpus: Corpus) -> pd.DataFrame:
    """The tags a reviewer rejected, with the reviewer's reason: where the lexicon misfires;
    once per version of the files."""
    rows = coverage.rejected_rows(corpus, derived.tagged_sentences(corpus))
    return widgets.ready(
        pd.DataFrame(
            {
                "Theme": rows["theme"],
                "Author": [corpus.document(d).author for d in rows["document_id"]],
                "No.": rows["number"].astype(str),
                "Found terms": rows["terms"],
                "Sentence": rows["sentence"],
                "Rejected because": rows["reason"],
            }
        )
    )


def render(corpus: Corpus) -> None:
    if not corpus.lexicon:
        st.info(
            f"This corpus has no theme lexicon, so coverage cannot be measured. Add "
            f"`{LEXICON.file}` to the corpus folder (columns: "
            f"{', '.join(f'`{name}`' for name in LEXICON.columns)}) with words that signal "
            "each theme."
        )
        return
    theme_ids = widgets.theme_filter(
        corpus, THEMES_KEY, help="Themes in the heatmap and the sentence browser."
    )
    where = "the heatmap and the sentence browser"
    document_ids = widgets.perspective_filter(corpus, DOCUMENTS_KEY, where)
    if not theme_ids or not document_ids:
        st.info("Nothing selected: choose at least one theme and one perspective in the sidebar.")
        return
    tagged = derived.tagged_sentences(corpus)
    st.markdown(
        "Each sentence of an author's text is tagged with every theme whose lexicon terms it "
        "contains (any case; plural, possessive, -ed and -ing endings count). Coverage is the "
        "share of the author's sentences, or of their words, that touch the theme; a sentence "
        "can touch several themes."
    )

    st.header("Coverage", divider="gray")
    widgets.charted_caption(corpus, document_ids, where)
    _heatmap(corpus, theme_ids, document_ids)
    untagged = coverage.untagged_table(corpus, tagged)
    st.caption(
        "  \n".join(
            f"{escape_markdown(row['perspective'])}: {row['with_a_theme']} of {row['sentences']} "
            f"sentences touch at least one theme; {row['with_no_theme']} touch none."
            for row in untagged[untagged["document_id"].isin(document_ids)].to_dict("records")
        )
    )

    st.header("Sentences", divider="gray")
    _browser(corpus, theme_ids, document_ids)

    st.header("How good is the lexicon?", divider="gray")
    _quality(corpus, tagged)
    with st.expander(f"The lexicon ({len(corpus.lexicon)} terms)"):
        labels = {theme.id: theme.label for theme in corpus.themes}
        st.dataframe(
            pd.DataFrame(
                [
                    {"theme": labels[t.theme_id], "term": t.term, "match": t.match, "note": t.note}
                    for t in corpus.lexicon
                ]
            ),
            hide_index=True,
            width="stretch",
        )
