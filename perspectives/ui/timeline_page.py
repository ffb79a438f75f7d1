"""Timeline: the events each author refers to, and what happened between the texts."""

from __future__ import annotations

from collections.abc import Sequence

import altair as alt
import pandas as pd
import streamlit as st

from perspectives import compare, timeline
from perspectives.markup import escape_markdown
from perspectives.model import Corpus, Event
from perspectives.ui import derived, widgets

THEMES_KEY = "timeline_themes"
YEARS_KEY = "timeline_years"
DOCUMENTS_KEY = "timeline_documents"
ROW_HEIGHT = 72
LANE_HEIGHT = 16  # pixels between the staggered numbers of the publication lines
# Greys for the rows that are no perspective: "only perspectives not shown" and "neither".
OTHERS_COLOUR = "#5f5f5f"
NEITHER_COLOUR = "#8a8a8a"


def _filters(corpus: Corpus) -> tuple[list[str], tuple[int, int]]:
    """Theme and year filters; themes start from ?theme= and are written back to it."""
    requested = st.query_params.get_all("theme")
    from_url = compare.select(corpus, requested)
    themes = widgets.id_multiselect(
        "Themes",
        widgets.theme_choices(corpus),
        THEMES_KEY,
        [t for t in from_url.theme_ids if t in requested],
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
    for notice in from_url.notices():
        st.warning(escape_markdown(notice), icon="⚠️")
    widgets.sync_query_params({"theme": list(themes)})
    return list(themes), years


def _publication_numbers(published: alt.Chart, x_scale: alt.Scale) -> alt.LayerChart:
    """Each publication line's number at its top, staggered over timeline.LABEL_LANES heights
    so that texts published close together keep legible labels."""
    return alt.LayerChart(
        layer=[
            published.transform_filter(alt.datum.lane == lane)
            .mark_text(align="left", baseline="top", dx=4, fontSize=12, fontWeight="bold",
                       color="#555555", clip=True)
            .encode(
                x=alt.X("middle:T", scale=x_scale),
                y=alt.value(2 + lane * LANE_HEIGHT),
                text="number:N",
                tooltip=[alt.Tooltip("text:N", title="Published")],
            )
            for lane in range(timeline.LABEL_LANES)
        ]
    )  # fmt: skip


def _events(corpus: Corpus, theme_ids: Sequence[str], years: tuple[int, int]) -> list[Event]:
    """The events the filters keep: linked to one of the themes (any, when none is chosen) and
    within the years."""
    events = timeline.with_themes(corpus.events, theme_ids) if theme_ids else corpus.events
    return timeline.in_years(events, *years)


@widgets.kept_chart
def _chart(
    _corpus: Corpus,
    key: tuple,
    theme_ids: tuple[str, ...],
    years: tuple[int, int],
    document_ids: tuple[str, ...],
) -> widgets.Chart:
    """Events on a time axis, one row per perspective shown; dashed lines mark their
    publications. Once per version of the files (`key`) and set of filters."""
    events = _events(_corpus, theme_ids, years)
    rows = timeline.chart_rows(_corpus, document_ids)
    domain = [pd.Timestamp(years[0], 1, 1), pd.Timestamp(years[1] + 1, 1, 1)]
    x_scale = alt.Scale(domain=domain)
    y = alt.Y(
        "row:N",
        sort=rows,
        scale=alt.Scale(domain=rows),
        title=None,
        axis=alt.Axis(labelLimit=widgets.LABEL_LIMIT),
    )
    colours = widgets.perspective_colours(_corpus, document_ids)
    colours |= {timeline.OTHERS_ROW: OTHERS_COLOUR, timeline.NEITHER_ROW: NEITHER_COLOUR}
    palette = [colours[row] for row in rows]
    colour = alt.Color("row:N", scale=alt.Scale(domain=rows, range=palette), legend=None)
    data = timeline.chart_data(_corpus, events, document_ids)
    marks = timeline.publication_marks(_corpus, document_ids)
    tooltip = [
        alt.Tooltip("row:N", title="Referred to by"),  # the row's label, which may be cut short
        alt.Tooltip("event:N", title="Event"),
        alt.Tooltip("date:N", title="Date"),
        alt.Tooltip("themes:N", title="Themes"),
        alt.Tooltip("words:N", title="In the text"),
        alt.Tooltip("date_source:N", title="Date from"),
    ]
    published = alt.Chart(marks)
    span = alt.Chart(data).mark_rule(strokeWidth=10, opacity=0.3, strokeCap="round", clip=True)
    layers = (
        published.mark_rect(opacity=0.12, color="gray", clip=True).encode(
            x=alt.X("start:T", scale=x_scale), x2="end:T"
        )
        + published.mark_rule(strokeDash=[5, 4], color="gray", clip=True).encode(
            x=alt.X("middle:T", scale=x_scale),
            tooltip=[alt.Tooltip("text:N", title="Published")],
        )
        + _publication_numbers(published, x_scale)
        + span.encode(x=alt.X("start:T", scale=x_scale, title=None), x2="end:T", y=y, color=colour)
        + alt.Chart(data)
        .mark_circle(size=110, opacity=0.9, clip=True)
        .encode(x=alt.X("middle:T", scale=x_scale), y=y, color=colour, tooltip=tooltip)
    )
    return widgets.Chart(layers.properties(height=ROW_HEIGHT * len(rows)))


def render(corpus: Corpus) -> None:
    if not corpus.events:
        st.info("This corpus has no events. Add events.csv (and event_quotes.csv) to see them.")
        return
    theme_ids, years = _filters(corpus)
    document_ids = widgets.perspective_filter(corpus, DOCUMENTS_KEY, "the timeline")
    events = _events(corpus, theme_ids, years)
    st.markdown(escape_markdown(timeline.describe(corpus, events, theme_ids, years)))
    if not events:
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
    key, chosen = derived.corpus_key(corpus), tuple(theme_ids)
    widgets.chart(
        _chart(corpus, key, chosen, years, document_ids),
        "Timeline of the events the texts refer to; the table below lists the same events.",
    )
    st.caption(_published(corpus, key, document_ids))
    st.subheader("Events")
    widgets.ready_table(_events_table(corpus, key, chosen, years, document_ids))


@st.cache_resource(show_spinner=False, max_entries=widgets.KEPT_VIEWS)
def _published(_corpus: Corpus, key: tuple, document_ids: tuple[str, ...]) -> str:
    """What each numbered line of the chart stands for, once per version of the files and
    choice of perspectives."""
    marks = timeline.publication_marks(_corpus, document_ids)
    return "Published: " + " · ".join(
        f"{row['number']}. {escape_markdown(row['text'])}" for row in marks.to_dict("records")
    )


@st.cache_resource(show_spinner=False, max_entries=widgets.KEPT_VIEWS)
def _events_table(
    _corpus: Corpus,
    key: tuple,
    theme_ids: tuple[str, ...],
    years: tuple[int, int],
    document_ids: tuple[str, ...],
) -> pd.DataFrame:
    """The events the filters keep, with the words of the perspectives shown, made ready for the
    page; once per version of the files and set of filters, like the chart above it."""
    events = _events(_corpus, theme_ids, years)
    return widgets.ready(timeline.events_table(_corpus, events, document_ids))
