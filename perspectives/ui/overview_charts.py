"""Altair specifications for the Overview: the stance dot plot and the alignment heatmap.

Pure: they take the frames built in `perspectives.overview` and return chart specifications, so
their encodings can be checked without a browser.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import altair as alt
import pandas as pd

from perspectives.model import format_point
from perspectives.overview import NOT_ADDRESSED, SCALE_LANE, SHARE_TITLE
from perspectives.palette import perspective_colours
from perspectives.schema import CONFIDENCE, SCALE_POINTS

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
            scale=alt.Scale(domain=perspectives, range=perspective_colours(len(perspectives))),
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
