"""Widgets more than one page draws: id filters kept in the URL, a perspective's byline, a quote's
citation and context, the theme legend, and the events between the texts."""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from functools import wraps
from typing import Any, ParamSpec, TypeVar

import altair as alt
import pandas as pd
import streamlit as st
from streamlit.delta_generator import DeltaGenerator
from streamlit.elements import vega_charts

from perspectives import compare, palette, reader, timeline
from perspectives.markup import escape_markdown
from perspectives.model import Corpus, Document
from perspectives.ui import links

#: Widest a chart's axis or legend label may be, in pixels: a longer theme label or author name
#: is cut short with an ellipsis (each chart's tooltips give it whole), so that no label makes a
#: chart wider than its column.
LABEL_LIMIT = 260

#: What st.altair_chart draws.
Figure = alt.Chart | alt.LayerChart | alt.HConcatChart | alt.VConcatChart | alt.ConcatChart

Arguments = ParamSpec("Arguments")

#: Charts (or tables) each function of a page keeps, one for each set of filters asked for
#: lately. On a 200-document corpus the largest is a few megabytes.
KEPT_VIEWS = 16


@dataclass(frozen=True)
class Chart:
    """A chart, and the same content as a table when the page does not already show it."""

    figure: Figure
    table: pd.DataFrame | None = None


@dataclass(frozen=True)
class KeptChart:
    """A chart as st.altair_chart sends it: the Vega-Lite specification, its data already in
    Arrow form; and its table, made ready for `ready_table`."""

    spec: dict[str, Any]
    table: pd.DataFrame | None


def perspective_colours(
    corpus: Corpus, document_ids: Collection[str] | None = None
) -> dict[str, str]:
    """Each perspective's label (of those in `document_ids`; every one when None) and its colour
    by its place in the corpus: the same on every page and chart, whichever are shown."""
    colours = palette.perspective_colours(len(corpus.documents))
    return {
        document.perspective: colour
        for document, colour in zip(corpus.documents, colours, strict=True)
        if document_ids is None or document.id in document_ids
    }


def perspective_colour_scale(
    corpus: Corpus, document_ids: Collection[str] | None = None
) -> alt.Scale:
    """The colour scale of `perspective_colours`."""
    colours = perspective_colours(corpus, document_ids)
    return alt.Scale(domain=list(colours), range=list(colours.values()))


def kept_chart(build: Callable[Arguments, Chart]) -> Callable[Arguments, KeptChart]:
    """Decorates a function that builds a chart from the corpus and a page's filters: the chart
    is built and turned into Vega-Lite once per set of arguments, and kept for every session,
    so that a rerun pays only for sending it. As with st.cache_resource, an argument named with
    a leading underscore (the corpus) is not part of the key: pass `derived.corpus_key` too."""

    @wraps(build)
    def specified(*args: Arguments.args, **kwargs: Arguments.kwargs) -> KeptChart:
        chart = build(*args, **kwargs)
        table = None if chart.table is None else ready(chart.table)
        return KeptChart(vega_lite_spec(chart.figure), table)

    return st.cache_resource(show_spinner=False, max_entries=KEPT_VIEWS)(specified)


def vega_lite_spec(figure: Figure) -> dict[str, Any]:
    """What st.altair_chart runs on every call, by the private Streamlit function it calls: the
    one use of it here, which tests/test_streamlit_private.py checks against st.altair_chart."""
    return vega_charts._convert_altair_to_vega_lite_spec(figure)


def chart(kept: KeptChart, description: str) -> None:
    """A kept chart with its text alternative: a one-line `description` for screen readers, and
    its table, if any, a click away."""
    # Every session shares the kept specification: Streamlit gets its own copy of the top
    # level, which is where it edits one (it takes the datasets out).
    st.vega_lite_chart(dict(kept.spec), width="stretch", alt=description)
    if kept.table is not None:
        with st.expander("The chart as a table"):
            ready_table(kept.table)


#: The most cells a table is shown with as a static table, which wraps its text to the page's
#: width; a larger one is a scrolling grid. Chromium takes 1.6 s to draw a static table of
#: 100 rows × 18 columns on two cores, and 0.4 s to draw the grid.
STATIC_CELLS = 400


def _static(table: pd.DataFrame) -> bool:
    return table.size <= STATIC_CELLS


def ready(table: pd.DataFrame) -> pd.DataFrame:
    """`table` ready for `ready_table`: a static one with every cell and header escaped, since
    st.table renders Markdown and each must show as itself; a grid's, which shows text as it
    is, unchanged. Pages keep tables this way, made once per set of filters."""
    if not _static(table):
        return table
    result = table.map(escape_markdown)
    result.columns = [escape_markdown(str(column)) for column in table.columns]
    return result


def ready_table(table: pd.DataFrame) -> None:
    """A table made `ready`: static up to STATIC_CELLS cells, else a scrolling grid."""
    if _static(table):
        st.table(table, hide_index=True)
    else:
        st.dataframe(table, hide_index=True, width="stretch")


def literal_table(table: pd.DataFrame) -> None:
    """A table whose every cell and header shows as itself, however many there are."""
    ready_table(ready(table))


def id_multiselect(
    label: str, choices: dict[str, str], key: str, initial: Sequence[str], **options: Any
) -> tuple[str, ...]:
    """A sidebar multiselect of ids shown by their labels, starting from `initial` (the ids a link
    asked for) on a session's first run; returns the chosen ids in the order of `choices`."""
    st.session_state.setdefault(key, list(initial))
    chosen = st.sidebar.multiselect(
        label, list(choices), format_func=choices.__getitem__, key=key, **options
    )
    return tuple(choice for choice in choices if choice in chosen)


def theme_filter(corpus: Corpus, key: str, **options: Any) -> tuple[str, ...]:
    """The sidebar's theme filter: opened from `?theme=` (an unknown id gets a notice), written
    back to it, and every theme when the link names none."""
    from_url = compare.select(corpus, st.query_params.get_all("theme"))
    for notice in from_url.notices():
        st.warning(escape_markdown(notice), icon="⚠️")
    chosen = id_multiselect("Themes", theme_choices(corpus), key, from_url.theme_ids, **options)
    every_theme = len(chosen) == len(corpus.themes)
    sync_query_params({"theme": [] if every_theme else list(chosen)})
    return chosen


def perspective_filter(corpus: Corpus, key: str, where: str) -> tuple[str, ...]:
    """The sidebar's perspective filter of a page whose charts grow with the perspectives: opened
    from `?doc=` (an unknown id gets a notice) and written back to it, with no parameter for the
    first ones, charted by default; at most compare.MOST_CHARTED at once. `where` names what
    shows the chosen perspectives ("the charts")."""
    from_url = compare.charted_documents(corpus, st.query_params.get_all("doc"))
    for notice in from_url.notices():
        st.warning(escape_markdown(notice), icon="⚠️")
    chosen = id_multiselect(
        "Perspectives",
        document_choices(corpus),
        key,
        from_url.document_ids,
        max_selections=compare.MOST_CHARTED,
        help=f"The perspectives shown in {where}, up to {compare.MOST_CHARTED} at once.",
    )
    default = compare.charted_documents(corpus).document_ids
    sync_query_params({"doc": [] if chosen == default else list(chosen)})
    return chosen


def charted_caption(corpus: Corpus, document_ids: Sequence[str], where: str) -> None:
    """Says, when the perspective filter leaves some out, how many are shown in `where` and
    how to see the others."""
    if len(document_ids) < len(corpus.documents):
        st.caption(
            f"Showing {len(document_ids)} of {len(corpus.documents)} perspectives in {where}; "
            f"choose others in the sidebar, up to {compare.MOST_CHARTED} at once."
        )


Choice = TypeVar("Choice", bound=str)


def choice(
    label: str,
    choices: Mapping[Choice, str],
    key: str,
    where: DeltaGenerator | None = None,
    **options: Any,
) -> Choice:
    """A select box over `choices` (value → what the reader sees), in `where` or the page's
    main area; always returns a value."""
    select = st.selectbox if where is None else where.selectbox
    picked = select(label, list(choices), format_func=choices.__getitem__, key=key, **options)
    return picked if picked is not None else next(iter(choices))


def theme_choices(corpus: Corpus) -> dict[str, str]:
    return {theme.id: theme.label for theme in corpus.themes}


def document_choices(corpus: Corpus) -> dict[str, str]:
    return {document.id: document.perspective for document in corpus.documents}


def sync_query_params(wanted: dict[str, list[str]]) -> None:
    """Write each parameter's values into the URL; an empty list removes the parameter."""
    for name, values in wanted.items():
        if st.query_params.get_all(name) != values:
            if values:
                st.query_params[name] = values
            else:
                del st.query_params[name]


def byline(document: Document) -> str:
    """Markdown header of a perspective: author, affiliation, country, date (all escaped)."""
    return (
        f"**{escape_markdown(document.author)}** · {escape_markdown(document.country)}  \n"
        f"{escape_markdown(document.affiliation)} · {escape_markdown(document.published.display())}"
    )


def citation(document: Document) -> str:
    """Short Markdown citation under a quote; the full reference is in the footer."""
    return (
        f"— {escape_markdown(document.author)}, *{escape_markdown(document.title)}* "
        f"\\({escape_markdown(document.published.display())}\\)"
    )


def show_in_context(document: Document, highlight: reader.Highlight) -> None:
    """Under a quote elsewhere: its paragraph with the quote marked, and a link to the reader."""
    quote = highlight.quote
    with st.expander("Show in context"):
        st.markdown(reader.context_html(document, highlight), unsafe_allow_html=True)
        address = links.source_url(quote.document_id, quote.theme_id, highlight.anchor_id)
        st.markdown(f"[Open in the source reader]({address})")


def theme_legend(corpus: Corpus, theme_ids: Sequence[str]) -> None:
    """The colour of each highlighted theme, and how text that is not the author's looks."""
    colours = palette.theme_colours([theme.id for theme in corpus.themes])
    swatches = [(corpus.theme(theme_id).label, colours[theme_id]) for theme_id in theme_ids]
    st.markdown(
        reader.legend_html(swatches, excluded_label=reader.EXCLUDED_TITLE.lower()),
        unsafe_allow_html=True,
    )


def between_texts(corpus: Corpus, document_ids: Sequence[str], theme_id: str) -> None:
    """The events on this theme between the earliest and latest of these texts."""
    window = timeline.publication_window(corpus, document_ids)
    if window is None:
        return
    events = timeline.events_between(corpus, document_ids, theme_id)
    with st.expander("Between these texts"):
        st.caption(escape_markdown(f"Curated events on this theme {window.describe()}."))
        if not events:
            st.caption("No curated event on this theme falls between these texts.")
        for event in events:
            when = escape_markdown(event.date.display())
            lines = [f"**{when}** · {escape_markdown(event.label)}"]
            if event.description:
                lines.append(escape_markdown(event.description))
            st.markdown("  \n".join(lines))
            notes = [f"Date from: {event.date_source}"] if event.date_source else []
            authors = [corpus.document(document_id).author for document_id in event.document_ids]
            if authors:
                notes.append("Referred to by " + " and ".join(authors))
            if notes:
                st.caption(escape_markdown(" · ".join(notes)))
