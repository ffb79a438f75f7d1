"""Stance scales: one case per check, each asserting the exact file, row, column and severity."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from perspectives import load
from perspectives.cli import main
from perspectives.corpus import validate
from perspectives.paths import EMBEDDED_CORPUS

from .conftest import read_rows, set_cell, write_rows
from .test_validate import cell, delete_row, drop_column

# Rows as a spreadsheet counts them (header = 1) in the embedded corpus:
# positions.csv 2 = sanctions × singh, 3 = sanctions × asmolov, 5 = south-korea × asmolov,
# 6 = double-freeze × singh (absent); scales.csv 2–6 = sanctions −2…+2; comparisons.csv
# 2 = sanctions (partly), 3 = south-korea (diverge), 5 = us-china-trade.


def drop_scale_of(theme_id: str) -> Callable[[Path], None]:
    def mutate(root: Path) -> None:
        rows = read_rows(root / "scales.csv")
        write_rows(root / "scales.csv", [row for row in rows if row[0] != theme_id])

    return mutate


ERRORS = [
    # (id, mutation, file, row, column, words in the message)
    (
        "point out of range",
        cell("scales.csv", 2, "value", "3"),
        "scales.csv",
        2,
        "value",
        "3 is out of range",
    ),
    (
        "point not a number",
        cell("scales.csv", 3, "value", "one"),
        "scales.csv",
        3,
        "value",
        "not a whole number",
    ),
    ("point repeated", cell("scales.csv", 3, "value", "-2"), "scales.csv", 3, "value", "duplicate"),
    ("point missing", delete_row("scales.csv", 4), "scales.csv", None, "value", "lacks point(s) 0"),
    (
        "label empty",
        cell("scales.csv", 2, "label", ""),
        "scales.csv",
        2,
        "label",
        "empty required cell",
    ),
    (
        "scale of unknown theme",
        cell("scales.csv", 2, "theme_id", "sanction"),
        "scales.csv",
        2,
        "theme_id",
        "unknown theme",
    ),
    (
        "value out of range",
        cell("positions.csv", 2, "scale_value", "5"),
        "positions.csv",
        2,
        "scale_value",
        "5 is out of range",
    ),
    (
        "value not whole",
        cell("positions.csv", 2, "scale_value", "1.5"),
        "positions.csv",
        2,
        "scale_value",
        "not a whole number",
    ),
    (
        "confidence unknown",
        cell("positions.csv", 2, "confidence", "certain"),
        "positions.csv",
        2,
        "confidence",
        "unknown value",
    ),
    (
        "value missing",
        cell("positions.csv", 2, "scale_value", ""),
        "positions.csv",
        2,
        "scale_value",
        "missing scale value",
    ),
    (
        "confidence missing",
        cell("positions.csv", 3, "confidence", ""),
        "positions.csv",
        3,
        "confidence",
        "missing confidence",
    ),
    (
        "absent with a value",
        cell("positions.csv", 6, "scale_value", "0"),
        "positions.csv",
        6,
        "scale_value",
        "'absent' but has a scale value",
    ),
    (
        "absent with a confidence",
        cell("positions.csv", 6, "confidence", "low"),
        "positions.csv",
        6,
        "confidence",
        "'absent' but has a confidence",
    ),
    (
        "value for a theme without scale",
        drop_scale_of("sanctions"),
        "positions.csv",
        2,
        "scale_value",
        "has no scale",
    ),
    (
        "column left out while themes have scales",
        drop_column("positions.csv", "scale_value"),
        "positions.csv",
        2,
        "scale_value",
        "missing scale value",
    ),
]

WARNINGS = [
    (
        "agree, but far apart",
        cell("comparisons.csv", 5, "agreement", "agree"),
        "comparisons.csv",
        5,
        "agreement",
        "'agree', but the scale points are 4 apart",
    ),
    (
        "diverge, but close",
        cell("positions.csv", 5, "scale_value", "0"),
        "comparisons.csv",
        3,
        "agreement",
        "'diverge', but the scale points are only 1 apart",
    ),
]


def _matching(root: Path, file: str, row: int | None, column: str | None):
    problems = validate(root)
    found = [p for p in problems if (p.file, p.row, p.column) == (file, row, column)]
    assert found, f"expected a problem at {file}:{row}:{column}, got:\n" + "\n".join(
        map(str, problems)
    )
    return problems, found


@pytest.mark.parametrize(
    ("mutate", "file", "row", "column", "message"),
    [case[1:] for case in ERRORS],
    ids=[case[0] for case in ERRORS],
)
def test_each_scale_error_is_reported_where_it_is(corpus_copy, mutate, file, row, column, message):
    mutate(corpus_copy)
    problems, found = _matching(corpus_copy, file, row, column)
    assert any(message in p.message and p.severity == "error" for p in found), list(map(str, found))
    assert all(p.hint for p in problems)


@pytest.mark.parametrize(
    ("mutate", "file", "row", "column", "message"),
    [case[1:] for case in WARNINGS],
    ids=[case[0] for case in WARNINGS],
)
def test_agreement_contradicting_the_spread_is_a_warning(
    corpus_copy, mutate, file, row, column, message
):
    mutate(corpus_copy)
    problems, found = _matching(corpus_copy, file, row, column)
    assert [(p.message, p.severity) for p in found] == [(message, "warning")]
    assert all(p.severity == "warning" for p in problems)
    corpus = load(corpus_copy)  # a warning does not stop loading
    assert list(corpus.warnings) == problems


def test_warnings_are_printed_and_validate_still_exits_0(corpus_copy, capsys):
    set_cell(corpus_copy, "comparisons.csv", 5, "agreement", "agree")
    assert main(["validate", str(corpus_copy)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("comparisons.csv:5:agreement: warning: 'agree', but the scale")
    assert out[-1].startswith("OK ") and out[-1].endswith("; 1 warning(s)")


def test_errors_and_warnings_are_counted_apart(corpus_copy, capsys):
    set_cell(corpus_copy, "comparisons.csv", 5, "agreement", "agree")
    set_cell(corpus_copy, "positions.csv", 2, "confidence", "certain")
    assert main(["validate", str(corpus_copy)]) == 1
    assert capsys.readouterr().out.splitlines()[-1].startswith("1 problem(s), 1 warning(s) in ")


def drop_scales(root: Path) -> None:
    """No scales.csv, and no point or confidence in positions.csv or in any reading."""
    (root / "scales.csv").unlink()
    tables = ["positions.csv", *(f"readings/{p.name}" for p in root.glob("readings/*.csv"))]
    for file in tables:
        drop_column(file, "scale_value")(root)
        drop_column(file, "confidence")(root)


def test_a_corpus_without_scales_still_loads(corpus_copy):
    from .test_readings import add_reader, positions_as_reading  # which imports from here

    add_reader(corpus_copy, "reader-b", positions_as_reading(corpus_copy))
    drop_scales(corpus_copy)
    # Only the reading is warned of: it was made against the scales now dropped.
    assert {(p.column, p.severity) for p in validate(corpus_copy)} == {
        ("readers.reader-b.scales_digest", "warning")
    }
    corpus = load(corpus_copy)
    assert all(theme.scale == () for theme in corpus.themes)
    assert all(p.scale_value is None and p.confidence == "" for p in corpus.positions)
    assert all(r.scale_value is None and r.confidence == "" for r in corpus.readings)


def test_scales_and_points_are_loaded_in_order():
    corpus = load(EMBEDDED_CORPUS)
    sanctions = corpus.theme("sanctions")
    assert [point.value for point in sanctions.scale] == [-2, -1, 0, 1, 2]
    rows = [row for row in read_rows(EMBEDDED_CORPUS / "scales.csv")[1:] if row[0] == "sanctions"]
    assert sanctions.scale_label(-1) == next(row[2] for row in rows if row[1] == "-1")
    absent = corpus.find_position("double-freeze", "singh-2018")
    assert (absent.scale_value, absent.confidence) == (None, "")
