"""Every chart the dashboard draws, as an Altair specification: the Overview's stance dot plot
and alignment heatmap, the Timeline, the Readability grades and the Theme coverage heatmap.

Pure: they take the frames the core builds (`perspectives.overview`, `timeline`, `readability`,
`coverage`) and return chart specifications, so their encodings can be checked without a browser;
the pages keep and send them.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any

import altair as alt
import pandas as pd

from perspectives import palette, timeline
from perspectives.model import Corpus, format_point
from perspectives.overview import NOT_ADDRESSED, SCALE_LANE, SHARE_TITLE
from perspectives.schema import CONFIDENCE, SCALE_POINTS

#: What st.altair_chart draws.
Figure = alt.Chart | alt.LayerChart | alt.HConcatChart | alt.VConcatChart | alt.ConcatChart

#: Widest a chart's axis or legend label may be, in pixels: a longer theme label or author name
#: is cut short with an ellipsis (each chart's tooltips give it whole), so that no label makes a
#: chart wider than its column.
LABEL_LIMIT = 260

# A placed marker always has a full-strength outline in its perspective's colour; confidence
# sets how much of it is filled. Even a low-confidence marker stays stronger than the lane's
# hollow "not addressed" marker, drawn at NOT_ADDRESSED_OPACITY.
CONFIDENCE_FILL = (0.3, 0.65, 1.0)  # low, medium, high
NOT_ADDRESSED_OPACITY = 0.55
MARKER_SIZE = 170
SHARE_SIZES = (40, 600)  # marker area for the smallest and largest share of a text
SLOT_HEIGHT = 28  # per perspective within a theme row
LABEL_WIDTH = 230  # the same for every block, so their scales line up
SCALE_WIDTH = 460
LANE_WIDTH = 90
WIDE_LABELS_UP_TO = 4  # perspectives whose axis labels fit level, side by side
HEATMAP_WIDTH = 880  # pixels the columns of a heatmap share
# Vega expression: each point on the axis as `format_point` writes it (+1, 0, −2).
_POINT_LABEL = "".join(f"datum.value == {p} ? '{format_point(p)}' : " for p in SCALE_POINTS) + "''"
_TOOLTIP = [
    alt.Tooltip("theme:N", title="Theme"),
    alt.Tooltip("perspective:N", title="Perspective"),
    alt.Tooltip("point:N", title="Point"),
    alt.Tooltip("confidence:N", title="Confidence"),
    alt.Tooltip("stance:N", title="Stance"),
    alt.Tooltip("summary:N", title="Summary"),
    alt.Tooltip("quote:N", title="First quote"),
]


def _sized(data: pd.DataFrame) -> bool:
    return bool(data["share"].notna().any())


def _shared_encodings(data: pd.DataFrame, themes: list[str]) -> dict:
    perspectives = list(dict.fromkeys(data["perspective"]))
    share = [alt.Tooltip("share:Q", title=SHARE_TITLE, format=".1%")] if _sized(data) else []
    return {
        "y": alt.Y(
            "theme:N",
            title=None,
            scale=alt.Scale(domain=themes),
            axis=alt.Axis(labelLimit=LABEL_WIDTH, minExtent=LABEL_WIDTH, maxExtent=LABEL_WIDTH),
        ),
        "yOffset": alt.YOffset("perspective:N", scale=alt.Scale(domain=perspectives)),
        "color": alt.Color(
            "perspective:N",
            title="Perspective",
            scale=alt.Scale(
                domain=perspectives, range=palette.perspective_colours(len(perspectives))
            ),
            # Cut to the width of the theme labels (a marker's tooltip names it whole): the
            # legends side by side below the chart then never make it wider than its column.
            legend=alt.Legend(orient="bottom", direction="vertical", labelLimit=LABEL_WIDTH),
        ),
        "tooltip": [*_TOOLTIP, *share],
        "href": alt.Href("href:N"),
    }


def _size(data: pd.DataFrame) -> alt.Size | Mapping[str, object]:
    """Marker area from the share of the author's text when given, else one size for all."""
    if _sized(data):
        return alt.Size(
            "share:Q",
            title=SHARE_TITLE,
            scale=alt.Scale(range=list(SHARE_SIZES), zero=True),
            legend=alt.Legend(format=".0%", orient="bottom"),
        )
    return alt.value(MARKER_SIZE)


def _group_chart(data: pd.DataFrame, themes: list[str], title: str) -> alt.HConcatChart:
    """One block of theme rows: the scale on the left, the "not addressed" lane on the right."""
    shared = _shared_encodings(data, themes)
    height = len(themes) * max(2, data["perspective"].nunique()) * SLOT_HEIGHT
    base = alt.Chart(data)
    scale = (
        base.transform_filter(alt.datum.lane == SCALE_LANE)
        .mark_point(filled=True, shape="circle", cursor="pointer", strokeWidth=2, strokeOpacity=1)
        .encode(
            x=alt.X(
                "value:Q",
                title="Stance on the theme's scale (hover a marker for its label)",
                scale=alt.Scale(domain=[SCALE_POINTS[0] - 0.4, SCALE_POINTS[-1] + 0.4], nice=False),
                axis=alt.Axis(values=list(SCALE_POINTS), labelExpr=_POINT_LABEL, grid=True),
            ),
            fillOpacity=alt.FillOpacity(
                "confidence:O",
                title="Confidence",
                scale=alt.Scale(domain=list(CONFIDENCE), range=list(CONFIDENCE_FILL)),
                legend=alt.Legend(orient="bottom", direction="vertical"),
            ),
            stroke=shared["color"],
            size=_size(data),
            **shared,
        )
        .properties(width=SCALE_WIDTH, height=height)
    )
    # A block where every author addresses every theme leaves this layer empty; hidden from the
    # accessibility tree (the page's table lists who does not address a theme), it is never an
    # unlabelled graphic there.
    lane = (
        base.transform_filter(alt.datum.lane == NOT_ADDRESSED)
        .mark_point(
            filled=False,
            shape="circle",
            strokeWidth=2,
            opacity=NOT_ADDRESSED_OPACITY,
            cursor="pointer",
            aria=False,
        )
        .encode(
            x=alt.X(
                "lane:N",
                title=None,
                scale=alt.Scale(domain=[NOT_ADDRESSED]),
                axis=alt.Axis(labelAngle=0, orient="top"),
            ),
            size=alt.value(MARKER_SIZE),
            **{**shared, "y": shared["y"].axis(None)},
        )
        .properties(width=LANE_WIDTH, height=height)
    )
    return (
        alt.hconcat(scale, lane, spacing=8)
        .resolve_scale(y="shared")
        .properties(title=alt.TitleParams(title, anchor="start"))
    )


def dot_plot(data: pd.DataFrame, grouped: bool) -> alt.VConcatChart:
    """Theme rows in the frame's order; `grouped` puts each group (see `ThemeSpread.group`) in a
    block of its own, so one-sided themes stand apart."""
    ordered = data.sort_values("rank", kind="stable")
    if grouped:
        blocks = [
            (group, ordered[ordered["group"] == group]) for group in ordered["group"].unique()
        ]
    else:
        blocks = [("", ordered)]
    return alt.vconcat(
        *(
            _group_chart(frame, list(dict.fromkeys(frame["theme"])), title)
            for title, frame in blocks
        ),
        spacing=24,
    ).configure_axis(labelFontSize=13)


def perspective_axis(count: int, **options: Any) -> alt.Axis:
    """An axis that names every one of `count` perspectives: level while a few fit side by side,
    angled beyond, never thinned out; a label longer than the room ends in "…" (the tooltip has
    it whole)."""
    return alt.Axis(
        labelAngle=0 if count <= WIDE_LABELS_UP_TO else -40,
        labelOverlap=False,
        labelLimit=LABEL_WIDTH,
        **options,
    )


def heatmap_step(count: int) -> int:
    """Pixels per column of a heatmap of `count` perspectives, so that twelve fit a laptop."""
    return max(56, min(200, HEATMAP_WIDTH // max(count, 1)))


def alignment_heatmap(table: pd.DataFrame) -> alt.LayerChart:
    """Mean distance on the scale for each pair of perspectives, with the count of shared themes
    (the count only in the tooltip when there are too many columns for it)."""
    order = list(dict.fromkeys([*table["first"], *table["second"]]))
    step = heatmap_step(len(order))
    if len(order) > WIDE_LABELS_UP_TO:
        table = table.assign(
            cell=[("—" if pd.isna(mean) else f"{mean:.1f}") for mean in table["mean_distance"]]
        )
    base = alt.Chart(table).encode(
        x=alt.X("second:N", title=None, sort=order, axis=perspective_axis(len(order))),
        y=alt.Y("first:N", title=None, sort=order, axis=alt.Axis(labelLimit=LABEL_WIDTH)),
    )
    cells = base.mark_rect().encode(
        color=alt.Color(
            "mean_distance:Q",
            title="Mean distance",
            scale=alt.Scale(domain=[0, SCALE_POINTS[-1] - SCALE_POINTS[0]], scheme="orangered"),
        ),
        tooltip=[
            alt.Tooltip("first:N", title="Perspective"),
            alt.Tooltip("second:N", title="and"),
            alt.Tooltip("shared:Q", title="Themes both address"),
            alt.Tooltip("mean_distance:Q", title="Mean distance", format=".2f"),
        ],
    )
    labels = base.mark_text(fontSize=13).encode(text="cell:N")
    return (cells + labels).properties(width=alt.Step(step), height=alt.Step(44))


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


# -- the Timeline ------------------------------------------------------------------------------

TIMELINE_ROW_HEIGHT = 72
LANE_HEIGHT = 16  # pixels between the staggered numbers of the publication lines
# Greys for the rows that are no perspective: "only perspectives not shown" and "neither".
OTHERS_COLOUR = "#5f5f5f"
NEITHER_COLOUR = "#8a8a8a"
_EVENT_TOOLTIP = [
    alt.Tooltip("row:N", title="Referred to by"),  # the row's label, which may be cut short
    alt.Tooltip("event:N", title="Event"),
    alt.Tooltip("date:N", title="Date"),
    alt.Tooltip("themes:N", title="Themes"),
    alt.Tooltip("words:N", title="In the text"),
    alt.Tooltip("date_source:N", title="Date from"),
]


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


def timeline_chart(
    data: pd.DataFrame,
    marks: pd.DataFrame,
    rows: list[str],
    colours: Mapping[str, str],
    years: tuple[int, int],
) -> alt.LayerChart:
    """Events (`timeline.chart_data`) on a time axis over `years`, one row of `rows` each, in
    the perspectives' `colours` (the rows of no perspective grey); dashed lines mark the
    publications (`timeline.publication_marks`)."""
    x_scale = alt.Scale(domain=list(timeline.axis_domain(years)))
    y = alt.Y(
        "row:N",
        sort=rows,
        scale=alt.Scale(domain=rows),
        title=None,
        axis=alt.Axis(labelLimit=LABEL_LIMIT),
    )
    greys = {timeline.OTHERS_ROW: OTHERS_COLOUR, timeline.NEITHER_ROW: NEITHER_COLOUR}
    shades = [{**colours, **greys}[row] for row in rows]
    colour = alt.Color("row:N", scale=alt.Scale(domain=rows, range=shades), legend=None)
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
        .encode(x=alt.X("middle:T", scale=x_scale), y=y, color=colour, tooltip=_EVENT_TOOLTIP)
    )
    return layers.properties(height=TIMELINE_ROW_HEIGHT * len(rows))


# -- Readability -------------------------------------------------------------------------------


def grade_bars(data: pd.DataFrame, colours: Mapping[str, str]) -> alt.Chart:
    """School grades (`readability.grade_chart_data`) as bars, metric by metric, one per
    perspective in its colour (`colours`: perspective label → colour)."""
    metrics = list(dict.fromkeys(data["metric"]))
    perspectives = list(dict.fromkeys(data["perspective"]))
    return (
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
                scale=alt.Scale(domain=list(colours), range=list(colours.values())),
                legend=alt.Legend(
                    orient="bottom",
                    title=None,
                    columns=min(4, len(perspectives)),
                    symbolLimit=0,  # every perspective, however many
                    labelLimit=LABEL_LIMIT,  # a bar's tooltip names it whole
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


# -- Theme coverage ----------------------------------------------------------------------------


def coverage_heatmap(data: pd.DataFrame, themes: list[str], measure: str) -> alt.LayerChart:
    """The share of each author's sentences or words (`measure`) per theme
    (`coverage.heatmap_data`), the themes in the order of `themes`."""
    perspectives = list(dict.fromkeys(data["perspective"]))
    base = alt.Chart(data).encode(
        x=alt.X(
            "perspective:N",
            sort=perspectives,
            title=None,
            axis=perspective_axis(len(perspectives), orient="top"),
        ),
        # Long labels are cut short; a cell's tooltip gives them whole.
        y=alt.Y("theme:N", sort=themes, title=None, axis=alt.Axis(labelLimit=LABEL_LIMIT)),
    )
    cells = base.mark_rect().encode(
        color=alt.Color(
            "share:Q",
            title=f"share of {measure}",
            scale=alt.Scale(scheme="blues", domain=[0, max(0.01, float(data["share"].max()))]),
            legend=alt.Legend(format=".0%", orient="bottom"),  # never taller than the cells
        ),
        tooltip=[
            alt.Tooltip("theme:N", title="Theme"),
            alt.Tooltip("perspective:N", title="Perspective"),
            alt.Tooltip("share:Q", title="Share", format=".1%"),
            alt.Tooltip("count:Q", title=measure.capitalize()),
        ],
    )
    labels = base.mark_text(fontSize=13).encode(
        text="label:N",
        color=alt.condition(alt.datum.share > 0.18, alt.value("white"), alt.value("black")),
    )
    # A row's height set per row, not for the whole chart: the perspectives' labels above it
    # take their room from the chart's height, which left three themes' rows crushed together.
    return (cells + labels).properties(height=alt.Step(36))
