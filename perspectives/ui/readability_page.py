"""Readability: how hard each author's text, and the evidence quoted from it, is to read."""

from __future__ import annotations

from dataclasses import dataclass

import altair as alt
import pandas as pd
import streamlit as st

from perspectives import compare, readability
from perspectives.markup import escape_markdown
from perspectives.model import Corpus
from perspectives.ui import derived, widgets

ALL_THEMES = ""
THEME_KEY = "readability_theme"
DOCUMENTS_KEY = "readability_documents"


@dataclass(frozen=True)
class Rating:
    """Every metric on every perspective's body, or on its evidence, laid out for the page."""

    table: pd.DataFrame  # one row per perspective, one column per metric, made widgets.ready
    withheld: tuple[str, ...]  # the scores too short to rate, in words
    grades: pd.DataFrame  # what the grade chart plots


# A resource, not data: the rating is never changed, so every rerun and session can share it.
@st.cache_resource(show_spinner=False, max_entries=widgets.KEPT_VIEWS)
def _rating(
    _corpus: Corpus,
    stamp: tuple,
    theme_id: str | None,
    evidence: bool,
    document_ids: tuple[str, ...],
) -> Rating:
    """The chosen perspectives' scores laid out for the page, once per version of the files
    (`stamp`) and choice; each text is rated once (readability.rate keeps its scores), so a
    reader who adds a perspective waits only for that one."""
    if evidence:
        samples = readability.evidence_samples(_corpus, theme_id or None, document_ids)
    else:
        samples = readability.body_samples(_corpus, document_ids)
    long = readability.scores_long(samples)
    return Rating(
        widgets.ready(readability.by_perspective(long)),
        tuple(readability.withheld(long)),
        readability.grade_chart_data(long),
    )


def _rated(
    corpus: Corpus,
    stamp: tuple,
    theme_id: str | None,
    evidence: bool,
    document_ids: tuple[str, ...],
) -> None:
    """One row per chosen perspective, one column per metric (the legend below says what each
    means), and the school grades as bars."""
    rating = _rating(corpus, stamp, theme_id, evidence, document_ids)
    widgets.ready_table(rating.table)
    for line in rating.withheld:
        st.caption("Too short to rate: " + escape_markdown(line))
    if rating.grades.empty:
        st.caption("No school-grade score could be given: every text here is too short.")
        return
    widgets.chart(
        _grades(corpus, stamp, theme_id, evidence, document_ids),
        "Bar chart of the school-grade scores in the table above, by perspective.",
    )


@widgets.kept_chart
def _grades(
    _corpus: Corpus,
    stamp: tuple,
    theme_id: str | None,
    evidence: bool,
    document_ids: tuple[str, ...],
) -> widgets.Chart:
    """The school grades of `_rating` with the same arguments, as bars."""
    data = _rating(_corpus, stamp, theme_id, evidence, document_ids).grades
    metrics = list(dict.fromkeys(data["metric"]))
    perspectives = list(dict.fromkeys(data["perspective"]))
    chart = (
        alt.Chart(data)
        .mark_bar()
        .encode(
            x=alt.X(
                "metric:N", sort=metrics, title=None, axis=alt.Axis(labelAngle=0, labelLimit=0)
            ),
            xOffset=alt.XOffset("perspective:N", sort=perspectives),
            y=alt.Y("grade:Q", title="US school grade (higher is harder)"),
            color=alt.Color(
                "perspective:N",
                scale=widgets.perspective_colour_scale(_corpus, document_ids),
                legend=alt.Legend(
                    orient="bottom",
                    title=None,
                    columns=min(4, len(perspectives)),
                    symbolLimit=0,  # every perspective, however many
                    labelLimit=widgets.LABEL_LIMIT,  # a bar's tooltip names it whole
                ),
            ),
            tooltip=[
                alt.Tooltip("perspective:N", title="Perspective"),
                alt.Tooltip("metric:N", title="Metric"),
                alt.Tooltip("grade:Q", title="Grade", format=".1f"),
            ],
        )
        .properties(height=320)
    )
    return widgets.Chart(chart)


def _legend() -> None:
    lines = [
        f"- **{escape_markdown(m.label)}**: {escape_markdown(m.meaning)} "
        f"*{escape_markdown(m.scale)}; {readability.HARDER_WORDS[m.harder]}.*"
        for m in readability.METRICS
    ]
    st.markdown("\n".join(lines))


def _evidence_theme(corpus: Corpus) -> str:
    """The theme whose evidence is rated: opened from `?theme=` (an unknown id, or more than one,
    gets a notice) and written back to it; ALL_THEMES for every theme's evidence together."""
    requested = st.query_params.get_all("theme")
    from_url = compare.select(corpus, requested)
    for notice in from_url.notices():
        st.warning(escape_markdown(notice), icon="⚠️")
    initial = from_url.theme_ids[0] if len(from_url.theme_ids) < len(corpus.themes) else ALL_THEMES
    if len(from_url.theme_ids) > 1 and initial:
        st.warning(
            escape_markdown(f"The link names several themes; showing the first: {initial}."),
            icon="⚠️",
        )
    labels = {ALL_THEMES: "All themes together"} | {t.id: t.label for t in corpus.themes}
    st.session_state.setdefault(THEME_KEY, initial)
    theme_id = st.selectbox(
        "Evidence on", list(labels), format_func=labels.__getitem__, key=THEME_KEY
    )
    widgets.sync_query_params({"theme": [theme_id] if theme_id else []})
    return theme_id


def render(corpus: Corpus) -> None:
    stamp = derived.corpus_key(corpus)
    st.markdown(
        "How hard each author's prose is to read, by the standard formulas of "
        "[textstat](https://pypi.org/project/textstat/). A formula is only given on at least "
        f"{readability.MIN_WORDS} words (SMOG: {readability.SMOG_MIN_SENTENCES} sentences); "
        "on less text it is shown as *too short to rate*."
    )

    document_ids = widgets.perspective_filter(corpus, DOCUMENTS_KEY, "the tables and charts")
    if not document_ids:
        st.info("No perspective chosen: choose at least one in the sidebar.")
        return
    widgets.charted_caption(corpus, document_ids, "the tables and charts")

    st.header("The author's text", divider="gray")
    st.caption("Each document's body: headlines, bylines and other declared boilerplate left out.")
    _rated(corpus, stamp, None, False, document_ids)

    st.header("The evidence quoted", divider="gray")
    theme_id = _evidence_theme(corpus)
    st.caption(
        "The curated quotes of each position, read as one passage. A few quotes rarely reach "
        "the length a formula needs; a perspective that does not address the theme has no text."
    )
    _rated(corpus, stamp, theme_id, True, document_ids)

    st.header("What the metrics mean", divider="gray")
    _legend()
