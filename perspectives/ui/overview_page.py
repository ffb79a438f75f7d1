"""Overview: every perspective on every theme's scale, where they part ways, how they align."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import streamlit as st

from perspectives import coverage, overview
from perspectives.markup import escape_markdown
from perspectives.model import Corpus, format_point
from perspectives.schema import LEXICON
from perspectives.ui import charts, derived, links, readings_panel, widgets

ORDER_KEY = "overview_order"
THEMES_KEY = "overview_themes"
DOCUMENTS_KEY = "overview_documents"
ORDERS = {"divergence": "By divergence", "corpus": "As in the corpus"}


def _text_shares(corpus: Corpus) -> dict[tuple[str, str], float]:
    """Each author's share of words per theme, from the sentences Theme coverage tags too."""
    tagged = derived.tagged_sentences(corpus)
    return overview.text_shares(coverage.coverage_table(corpus, tagged))


def _size_caption(sized: bool) -> str:
    if sized:
        return (
            "Marker size: the share of the author's words that lie in sentences the corpus's "
            "lexicon tags with the theme (the Theme coverage page lists those sentences)."
        )
    return (
        f"Marker size is not used: this corpus has no theme lexicon (`{LEXICON.file}`), so "
        "every marker has the same size."
    )


def _shown(
    corpus: Corpus, theme_ids: tuple[str, ...], by_divergence: bool
) -> list[overview.ThemeSpread]:
    """The chosen themes that declare a scale, by divergence or in corpus order."""
    spreads = [s for s in overview.theme_spreads(corpus) if s.theme.id in theme_ids]
    return overview.by_divergence(spreads) if by_divergence else spreads


@widgets.kept_view
def _theme_list(corpus: Corpus, theme_ids: tuple[str, ...], by_divergence: bool) -> str:
    """Each theme in words, its label linking to Compare, with the curator's agreement label
    and how far the readers of the table agree on it; once per version of the files and set of
    filters, since a large corpus names hundreds of perspectives on each theme."""
    notes = readings_panel.theme_notes(readings_panel.report(corpus))
    return "\n".join(
        f"{number}. [{escape_markdown(s.theme.label)}]({links.compare_url(s.theme.id)}) "
        f"· curated as *{s.agreement}* · {escape_markdown(overview.describe(s))}"
        + (f" · {escape_markdown(notes[s.theme.id])}" if s.theme.id in notes else "")
        for number, s in enumerate(_shown(corpus, theme_ids, by_divergence), start=1)
    )


def _scales_table(corpus: Corpus) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "theme": theme.label,
                "question": theme.question,
                **{format_point(p.value): p.label for p in theme.scale},
            }
            for theme in corpus.themes
            if theme.scale
        ]
    )


@widgets.kept_chart
def _alignment_chart(corpus: Corpus, document_ids: tuple[str, ...]) -> widgets.Chart:
    """The heatmap of each pair of the chosen perspectives, once per version of the files and
    choice."""
    table = overview.alignment_table(overview.alignment(corpus).among(document_ids))
    return widgets.Chart(
        charts.alignment_heatmap(table),
        table.pivot(index="first", columns="second", values="cell")
        .reset_index()
        .rename(columns={"first": "Perspective"})
        .fillna("—"),
    )


def _alignment(corpus: Corpus, document_ids: tuple[str, ...]) -> None:
    st.subheader("How the perspectives align", divider="gray")
    if len(document_ids) < 2:
        st.info(
            "One perspective only: there is no pair to align."
            if len(corpus.documents) < 2
            else "Choose at least two perspectives in the sidebar to see how they align."
        )
        return
    st.caption(
        "For each pair of perspectives, over every theme of the corpus: the themes both address, "
        "and their mean distance on the scale (0 = same point on every shared theme, 4 = "
        "opposite ends)."
    )
    widgets.chart(
        _alignment_chart(corpus, document_ids),
        "Heatmap of how far apart each pair of perspectives stands, on the themes both address.",
    )


def dot_plot_rows(
    spreads: list[overview.ThemeSpread], shares: Mapping[tuple[str, str], float] | None
) -> pd.DataFrame:
    """The dot plot's data, each row with the address of its theme in Compare."""
    data = overview.dot_plot_data(spreads, shares)
    return data.assign(href=data["theme_id"].map(links.compare_url)) if not data.empty else data


@widgets.kept_chart
def _dot_plot_chart(
    corpus: Corpus,
    theme_ids: tuple[str, ...],
    document_ids: tuple[str, ...],
    by_divergence: bool,
) -> widgets.Chart:
    """The chosen perspectives' positions on the chosen themes' scales, in divergence or corpus
    order; a marker opens its theme in Compare. Once per version of the files and set of
    filters."""
    rows = dot_plot_rows(
        _shown(corpus, theme_ids, by_divergence),
        _text_shares(corpus) if corpus.lexicon else None,
    )
    rows = rows[rows["document_id"].isin(document_ids)] if not rows.empty else rows
    return widgets.Chart(
        charts.dot_plot(rows, grouped=by_divergence),
        rows[["theme", "perspective", "point", "confidence"]].rename(columns=str.capitalize),
    )


def render(corpus: Corpus) -> None:
    st.caption(
        "Where each perspective stands on each theme's scale, and where they part ways. "
        "The points are the curators' reading of each text; Compare shows the evidence."
    )
    theme_ids = widgets.theme_filter(corpus, THEMES_KEY)
    document_ids = widgets.perspective_filter(corpus, DOCUMENTS_KEY, "the charts")
    spreads = [s for s in overview.theme_spreads(corpus) if s.theme.id in theme_ids]
    if not theme_ids or not document_ids:
        st.info("Nothing selected: choose at least one theme and one perspective in the sidebar.")
        return
    if not spreads:
        st.info(
            "None of the chosen themes has a stance scale, so there is nothing to place."
            if any(theme.scale for theme in corpus.themes)
            else "This corpus declares no stance scales, so there is nothing to place. "
            "Add scales.csv and a scale_value per position (see the corpus format)."
        )
        return
    ranked = overview.by_divergence(spreads)
    st.markdown(
        "\n".join(f"- {escape_markdown(line)}" for line in overview.headlines(corpus, ranked))
    )
    order = st.segmented_control(
        "Order themes",
        list(ORDERS),
        format_func=ORDERS.__getitem__,
        default="divergence",
        required=True,
        key=ORDER_KEY,
    )
    by_divergence = order == "divergence"
    widgets.charted_caption(corpus, document_ids, "the charts")
    widgets.chart(
        _dot_plot_chart(corpus, theme_ids, document_ids, by_divergence),
        "Dot plot: one row per theme, one marker per perspective on the −2 to +2 scale.",
    )
    st.caption(
        "Filled marker: the author's point on the theme's scale; fainter means the curator is "
        "less confident. Hollow marker on the right: the author does not address the theme, so "
        "it has no point. Click a marker to open the theme in Compare."
    )
    st.caption(_size_caption(bool(corpus.lexicon)))
    unscaled = [corpus.theme(t).label for t in theme_ids if not corpus.theme(t).scale]
    if unscaled:
        st.caption("Not placed (no scale declared): " + escape_markdown(", ".join(unscaled)) + ".")
    st.subheader(
        "Themes, widest spread first" if by_divergence else "Themes, in corpus order",
        divider="gray",
    )
    st.markdown(_theme_list(corpus, theme_ids, by_divergence))
    with st.expander("The scales: what each point means"):
        st.dataframe(_scales_table(corpus), hide_index=True, width="stretch")
    readings = readings_panel.report(corpus)
    if readings is not None:
        readings_panel.summary(corpus, readings, theme_ids)
    _alignment(corpus, document_ids)
    if corpus.warnings:
        with st.expander(f"Curation warnings ({len(corpus.warnings)})"):
            for warning in corpus.warnings:
                st.caption(escape_markdown(str(warning)))
