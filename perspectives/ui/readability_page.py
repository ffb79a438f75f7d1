"""Readability: how hard each author's text, and the evidence quoted from it, is to read."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from perspectives import readability
from perspectives.markup import escape_markdown
from perspectives.model import Corpus
from perspectives.ui import charts, links, widgets

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
@widgets.kept_view
def _rating(
    corpus: Corpus,
    theme_id: str | None,
    evidence: bool,
    document_ids: tuple[str, ...],
) -> Rating:
    """The chosen perspectives' scores laid out for the page, once per version of the files and
    choice; each text is rated once (readability.rate keeps its scores), so a
    reader who adds a perspective waits only for that one."""
    if evidence:
        samples = readability.evidence_samples(corpus, theme_id or None, document_ids)
    else:
        samples = readability.body_samples(corpus, document_ids)
    long = readability.scores_long(samples)
    return Rating(
        widgets.ready(readability.by_perspective(long)),
        tuple(readability.withheld(long)),
        readability.grade_chart_data(long),
    )


def _rated(
    corpus: Corpus,
    theme_id: str | None,
    evidence: bool,
    document_ids: tuple[str, ...],
) -> None:
    """One row per chosen perspective, one column per metric (the legend below says what each
    means), and the school grades as bars."""
    rating = _rating(corpus, theme_id, evidence, document_ids)
    widgets.ready_table(rating.table)
    for line in rating.withheld:
        st.caption("Too short to rate: " + escape_markdown(line))
    if rating.grades.empty:
        st.caption("No school-grade score could be given: every text here is too short.")
        return
    widgets.chart(
        _grades(corpus, theme_id, evidence, document_ids),
        "Bar chart of the school-grade scores in the table above, by perspective.",
    )


@widgets.kept_chart
def _grades(
    corpus: Corpus,
    theme_id: str | None,
    evidence: bool,
    document_ids: tuple[str, ...],
) -> widgets.Chart:
    """The school grades of `_rating` with the same arguments, as bars."""
    data = _rating(corpus, theme_id, evidence, document_ids).grades
    return widgets.Chart(charts.grade_bars(data, charts.perspective_colours(corpus, document_ids)))


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
    labels = {ALL_THEMES: "All themes together"} | widgets.theme_choices(corpus)

    def linked(asked: list[str]) -> widgets.Linked[str]:
        found = widgets.linked_themes(corpus, asked)
        if len(found.start) == len(corpus.themes):
            return widgets.Linked(ALL_THEMES, found.notices)
        first, notices = found.start[0], list(found.notices)
        if len(found.start) > 1:
            notices.append(f"The link names several themes; showing the first: {first}.")
        return widgets.Linked(first, notices)

    return widgets.url_bound(
        links.THEME,
        THEME_KEY,
        linked,
        lambda key: st.selectbox(
            "Evidence on", list(labels), format_func=labels.__getitem__, key=key
        ),
        lambda theme_id: [theme_id] if theme_id else [],
    )


def render(corpus: Corpus) -> None:
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
    _rated(corpus, None, False, document_ids)

    st.header("The evidence quoted", divider="gray")
    theme_id = _evidence_theme(corpus)
    st.caption(
        "The curated quotes of each position, read as one passage. A few quotes rarely reach "
        "the length a formula needs; a perspective that does not address the theme has no text."
    )
    _rated(corpus, theme_id, True, document_ids)

    st.header("What the metrics mean", divider="gray")
    _legend()
