"""Timeline: the events each author refers to, and what happened between the texts."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import streamlit as st

from perspectives import timeline
from perspectives.markup import escape_markdown
from perspectives.model import Corpus, Event
from perspectives.ui import charts, links, widgets

THEMES_KEY = "timeline_themes"
YEARS_KEY = "timeline_years"
DOCUMENTS_KEY = "timeline_documents"


def _filters(corpus: Corpus) -> tuple[list[str], tuple[int, int]]:
    """Theme and year filters; themes start from ?theme= and are written back to it."""

    def linked(asked: list[str]) -> widgets.Linked[tuple[str, ...]]:
        """Only the themes the link names: none means every event."""
        found = widgets.linked_themes(corpus, asked)
        return widgets.Linked(tuple(t for t in found.start if t in asked), found.notices)

    themes = widgets.id_multiselect(
        links.THEME,
        "Themes",
        widgets.theme_choices(corpus),
        THEMES_KEY,
        linked,
        placeholder="Every event",
        help="Only events linked to these themes; leave empty for every event.",
    )
    years_known = timeline.years(corpus)
    with st.sidebar:
        years = (years_known[0], years_known[-1])
        if len(years_known) > 1:
            years = st.select_slider(
                "Years",
                years_known,
                value=timeline.default_years(corpus),
                key=YEARS_KEY,
                help="First and last year shown; the scale lists years with an event or a text.",
            )
    return list(themes), years


def _events(corpus: Corpus, theme_ids: Sequence[str], years: tuple[int, int]) -> list[Event]:
    """The events the filters keep: linked to one of the themes (any, when none is chosen) and
    within the years."""
    events = timeline.with_themes(corpus.events, theme_ids) if theme_ids else corpus.events
    return timeline.in_years(events, *years)


@widgets.kept_chart
def _chart(
    corpus: Corpus,
    theme_ids: tuple[str, ...],
    years: tuple[int, int],
    document_ids: tuple[str, ...],
) -> widgets.Chart:
    """Events on a time axis, one row per perspective shown; dashed lines mark their
    publications. Once per version of the files and set of filters."""
    return widgets.Chart(
        charts.timeline_chart(
            timeline.chart_data(corpus, _events(corpus, theme_ids, years), document_ids),
            timeline.publication_marks(corpus, document_ids),
            timeline.chart_rows(corpus, document_ids),
            charts.perspective_colours(corpus, document_ids),
            years,
        )
    )


def render(corpus: Corpus) -> None:
    theme_ids, years = _filters(corpus)
    document_ids = widgets.perspective_filter(corpus, DOCUMENTS_KEY, "the timeline")
    events = _events(corpus, theme_ids, years)
    if not corpus.events:
        st.info(
            "This corpus has no events yet: the chart shows when the texts appeared. Add events "
            "on the Curate page (Events and lexicon), or in events.csv and event_quotes.csv."
        )
    else:
        st.markdown(escape_markdown(timeline.describe(corpus, events, theme_ids, years)))
    if corpus.events and not events:
        st.info("No event matches these filters: choose other themes or widen the years.")
        return
    if not document_ids:
        st.info("No perspective chosen: choose at least one in the sidebar.")
        return
    st.caption(
        "Each dot is an event, in the row of each author who refers to it; a bar shows the "
        "span of a date known only to the month or year. Numbered dashed lines mark when the "
        "texts appeared (listed under the chart). Hover for the authors' words."
    )
    widgets.charted_caption(corpus, document_ids, "the timeline and the table")
    chosen = tuple(theme_ids)
    widgets.chart(
        _chart(corpus, chosen, years, document_ids),
        "Timeline of the events the texts refer to; the table below lists the same events.",
    )
    st.caption(_published(corpus, document_ids))
    if events:
        st.subheader("Events")
        widgets.ready_table(_events_table(corpus, chosen, years, document_ids))


@widgets.kept_view
def _published(corpus: Corpus, document_ids: tuple[str, ...]) -> str:
    """What each numbered line of the chart stands for, once per version of the files and
    choice of perspectives."""
    marks = timeline.publication_marks(corpus, document_ids)
    return "Published: " + " · ".join(
        f"{row['number']}. {escape_markdown(row['text'])}" for row in marks.to_dict("records")
    )


@widgets.kept_view
def _events_table(
    corpus: Corpus,
    theme_ids: tuple[str, ...],
    years: tuple[int, int],
    document_ids: tuple[str, ...],
) -> pd.DataFrame:
    """The events the filters keep, with the words of the perspectives shown, made ready for the
    page; once per version of the files and set of filters, like the chart above it."""
    events = _events(corpus, theme_ids, years)
    return widgets.ready(timeline.events_table(corpus, events, document_ids))
