"""Stance scales: five points per scaled theme, a point and a confidence where a position (or
a reading) addresses one, and an agreement that fits the spread of the points."""

from __future__ import annotations

from collections import defaultdict

from perspectives.corpus.checker import Checker, Finding, Report, Row
from perspectives.model import ScalePoint, spread_of
from perspectives.schema import (
    AGREE_MAX_SPREAD,
    COMPARISONS,
    CONFIDENCE,
    DIVERGE_MIN_SPREAD,
    POSITIONS,
    SCALE_POINTS,
    SCALES,
    THEMES,
)


def check_scales(
    checker: Checker, tables: dict[str, list[Row]], valid: dict[str, list[Row]]
) -> None:
    """Scale rules: five points per scaled theme; a point and a confidence for each position that
    addresses a scaled theme, and none otherwise; a warning when the curated agreement contradicts
    the spread of the points."""
    themes = {row.cells["id"] for row in tables[THEMES.file]}
    scaled = {row.cells["theme_id"] for row in tables[SCALES.file]}
    _check_scale_points(checker, tables[SCALES.file], valid[SCALES.file], scaled & themes)
    fitting = set()  # what decides whether a row's cells fit: its theme, coverage, what is given
    for row in tables[POSITIONS.file]:
        cells = row.cells
        shape = (
            cells["theme_id"],
            cells["coverage"],
            bool(cells["scale_value"]),
            bool(cells["confidence"]),
        )
        if shape not in fitting and check_scale_cells(
            checker.at(POSITIONS.file, row.number), row, themes, scaled
        ):
            fitting.add(shape)
    _warn_agreement_spread(checker, tables[POSITIONS.file], valid, scaled)


def _check_scale_points(
    checker: Checker, rows: list[Row], valid: list[Row], theme_ids: set[str]
) -> None:
    """Each scaled theme has every point of the scale; a bad or repeated point is reported
    where it is, not again here."""
    good = {row.number for row in valid}
    for theme_id in sorted(theme_ids):
        points = [row for row in rows if row.cells["theme_id"] == theme_id]
        if any(row.number not in good for row in points):
            continue
        missing = sorted(set(SCALE_POINTS) - {int(row.cells["value"]) for row in points})
        if missing:
            checker.at(SCALES.file).add(
                "value",
                f"the scale of theme {theme_id!r} lacks point(s) {', '.join(map(str, missing))}",
                f"give the theme every point from {SCALE_POINTS[0]} to {SCALE_POINTS[-1]}, once",
            )


_SCALE_CELL_HINTS = {
    "scale_value": f"a whole number from {SCALE_POINTS[0]} to {SCALE_POINTS[-1]}",
    "confidence": "one of: " + ", ".join(CONFIDENCE),
}


def check_scale_cells(
    report: Report, row: Row, themes: set[str], scaled: set[str], subject: str = "position"
) -> bool:
    """Report a scale point or confidence that does not fit; True when both fit."""
    fits = True
    for column in ("scale_value", "confidence"):
        finding = _scale_cell_finding(row, column, themes, scaled, subject)
        if finding is not None:
            report.add(column, *finding)
            fits = False
    return fits


def _scale_cell_finding(
    row: Row, column: str, themes: set[str], scaled: set[str], subject: str = "position"
) -> Finding | None:
    """A scale point or confidence where there should be none, or none where there should, in a
    row of positions.csv or of a reading (`subject`)."""
    theme_id, coverage = row.cells["theme_id"], row.cells["coverage"]
    name = column.replace("_", " ")
    given = bool(row.cells[column])
    if coverage == "absent" and given:
        return (
            f"the {subject} is 'absent' but has a {name}",
            f"leave {column} empty when the author does not address the theme",
        )
    if coverage in ("explicit", "implicit") and theme_id in scaled and not given:
        return f"missing {name} (the theme has a scale)", _SCALE_CELL_HINTS[column]
    if given and coverage != "absent" and theme_id in themes - scaled:
        return (
            f"{name} given, but theme {theme_id!r} has no scale",
            f"declare its five points in {SCALES.file}, or leave {column} empty",
        )
    return None


def _warn_agreement_spread(
    checker: Checker, positions: list[Row], valid: dict[str, list[Row]], scaled: set[str]
) -> None:
    """Warn where the agreement contradicts the spread of the points: 'agree' allows at most
    AGREE_MAX_SPREAD apart, 'diverge' needs at least DIVERGE_MIN_SPREAD, 'partly' allows any."""
    good = {row.number for row in valid[POSITIONS.file]}
    by_theme: dict[str, list[Row]] = defaultdict(list)
    for row in positions:
        by_theme[row.cells["theme_id"]].append(row)
    for comparison in valid[COMPARISONS.file]:
        theme_id = comparison.cells["theme_id"]
        rows = by_theme.get(theme_id, [])
        if theme_id not in scaled or any(row.number not in good for row in rows):
            continue
        values = [int(row.cells["scale_value"]) for row in rows if row.cells["scale_value"]]
        if len(values) < 2:
            continue
        finding = _spread_finding(comparison.cells["agreement"], spread_of(values))
        if finding is not None:
            checker.at(COMPARISONS.file, comparison.number).add(
                "agreement", *finding, severity="warning"
            )


def _spread_finding(agreement: str, spread: int) -> Finding | None:
    if agreement == "agree" and spread > AGREE_MAX_SPREAD:
        return (
            f"'agree', but the scale points are {spread} apart",
            f"'agree' allows at most {AGREE_MAX_SPREAD}; check the points or the label",
        )
    if agreement == "diverge" and spread < DIVERGE_MIN_SPREAD:
        return (
            f"'diverge', but the scale points are only {spread} apart",
            f"'diverge' needs at least {DIVERGE_MIN_SPREAD}; check the points or the label",
        )
    return None


def theme_scales(rows: list[Row]) -> dict[str, tuple[ScalePoint, ...]]:
    """Each scaled theme's points, lowest first."""
    points: dict[str, list[ScalePoint]] = defaultdict(list)
    for row in rows:
        points[row.cells["theme_id"]].append(
            ScalePoint(int(row.cells["value"]), row.cells["label"])
        )
    return {
        theme_id: tuple(sorted(p, key=lambda point: point.value)) for theme_id, p in points.items()
    }
