"""Krippendorff's alpha between readings, against the worked examples of Krippendorff's papers,
and the agreement command."""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pytest

from perspectives import agreement, load
from perspectives.cli import main
from perspectives.model import Reading
from perspectives.paths import EMBEDDED_CORPUS

from .conftest import ROOT, read_rows
from .test_readings import (
    add_reader,
    declaration,
    declare,
    positions_as_reading,
    write_reading,
)

nan = math.nan

# Krippendorff, "Computing Krippendorff's Alpha-Reliability" (2011), the example with missing
# values: 4 observers × 12 units, values 1–5. His figures, and the krippendorff package's:
# nominal 0.743, ordinal 0.815 (interval 0.849, ratio 0.797).
KRIPPENDORFF_2011 = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, nan, nan, nan],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, nan, 3],
    [nan, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, nan],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, nan],
]
# The example of Krippendorff (1980/2004) the package documents: 3 coders × 15 units, with
# missing values; nominal 0.691.
KRIPPENDORFF_2004 = [
    [nan, nan, nan, nan, nan, 3, 4, 1, 2, 1, 1, 3, 3, nan, 3],
    [1, nan, 2, 1, 3, 3, 4, 3, nan, nan, nan, nan, nan, nan, nan],
    [nan, nan, 2, 1, 3, 4, 4, nan, 2, 1, 1, 3, 3, nan, 4],
]


def counts(data: list[list[float]], values: int = 5) -> np.ndarray:
    """Value counts (unit × value 1…values) of a readers × units matrix with nan for missing."""
    matrix = np.array(data)
    return np.stack([(matrix == value).sum(axis=0) for value in range(1, values + 1)], axis=1)


@pytest.mark.parametrize(
    ("data", "level", "expected", "units"),
    [
        (KRIPPENDORFF_2011, "nominal", 0.743, 11),
        (KRIPPENDORFF_2011, "ordinal", 0.815, 11),
        (KRIPPENDORFF_2004, "nominal", 0.691, 12),
    ],
)
def test_alpha_matches_krippendorffs_worked_examples(data, level, expected, units):
    alpha = agreement.krippendorff_alpha(counts(data), level, readers=len(data), resamples=200)
    assert alpha.value == pytest.approx(expected, abs=5e-4)
    assert alpha.units == units  # a unit only one observer coded is not pairable


def test_the_interval_is_seeded_and_brackets_alpha():
    data = counts(KRIPPENDORFF_2011)
    first, again = (agreement.krippendorff_alpha(data, "ordinal", 4, seed=7) for _ in range(2))
    other = agreement.krippendorff_alpha(data, "ordinal", 4, seed=8)
    assert first == again and first.interval != other.interval
    low, high = first.interval
    assert low <= first.value <= high <= 1
    assert 0 < first.resamples <= agreement.RESAMPLES


def test_too_few_units_give_alpha_without_an_interval():
    few = counts(KRIPPENDORFF_2011)[:5]
    alpha = agreement.krippendorff_alpha(few, "ordinal", 4)
    assert alpha.value is not None and alpha.interval is None
    assert "no interval under 10 units" in alpha.reason
    assert alpha.describe() == f"α = {alpha.value:.2f} over 5 units"


@pytest.mark.parametrize(
    ("data", "readers", "units", "reason"),
    [
        ([[1, 2, 3, 4]], 1, 0, "one reader only"),
        (
            [[1, nan, 3], [1, 2, nan]],
            2,
            1,
            "1 unit with values from two or more readers; alpha needs 2",
        ),
        ([[nan, nan], [1, 2]], 2, 0, "0 units with values from two or more readers"),
        ([[2, 2, 2], [2, 2, 2]], 2, 3, "every reading gives the same value"),
    ],
    ids=["one reader", "one pairable unit", "no pairable unit", "no variation"],
)
def test_undefined_alpha_says_why(data, readers, units, reason):
    alpha = agreement.krippendorff_alpha(counts(data), "ordinal", readers)
    assert (alpha.value, alpha.interval, alpha.units) == (None, None, units)
    assert reason in alpha.reason
    assert alpha.describe().startswith("α undefined: ")


def reading(theme: str, document: str, coverage: str, point: int | None, reader: str = "a"):
    return Reading(reader, theme, document, coverage, point, "medium" if point is not None else "")


@pytest.mark.parametrize(
    ("readings", "why"),
    [
        ([("explicit", 0), ("explicit", 2)], "2 points apart"),
        ([("explicit", -2), ("implicit", 1)], "coverage differs, 3 points apart"),
        ([("absent", None), ("implicit", -1)], "coverage differs"),
        ([("explicit", 0), ("explicit", 1)], ""),
        ([("absent", None), ("absent", None)], ""),
    ],
)
def test_a_pair_is_disputed_on_coverage_or_two_points(readings, why):
    given = [reading("t", "d", coverage, point) for coverage, point in readings]
    assert agreement.disagreement(given) == why


def krippendorff_corpus(unread: Path) -> Path:
    """The 2011 example as four readings of the embedded corpus: unit n is the n-th theme ×
    document of positions.csv, value v the scale point v − 3; a missing value, no row."""
    pairs = [row[:2] for row in read_rows(unread / "positions.csv")[1:13]]
    for number, values in enumerate(KRIPPENDORFF_2011, start=1):
        rows = [
            [*pair, "explicit", str(int(value) - 3), "medium", ""]
            for pair, value in zip(pairs, values, strict=True)
            if not math.isnan(value)
        ]
        add_reader(unread, f"observer-{number}", rows)
    return unread


def test_the_corpus_report_reproduces_the_worked_example(unread):
    found = agreement.report(load(krippendorff_corpus(unread)))
    assert found.scale.value == pytest.approx(0.815, abs=5e-4)
    assert found.scale.units == 11 and found.scale.interval is not None
    # Every reader says `explicit` everywhere: no variation, so alpha is undefined, not 1.
    assert found.coverage.value is None
    assert found.coverage.units == 11
    sanctions = found.themes[0]
    assert sanctions.theme_id == "sanctions" and sanctions.scale.units == 2
    # Unit 6 (values 1, 2, 3, 4) is the sixth pair: double freeze × Asmolov.
    assert [(d.theme_id, d.document_id, d.why) for d in found.disputes] == [
        ("double-freeze", "asmolov-2019", "3 points apart")
    ]


def test_overall_alpha_pools_units_rather_than_averaging_themes(unread):
    found = agreement.report(load(krippendorff_corpus(unread)))
    defined = [t.scale.value for t in found.themes if t.scale and t.scale.value is not None]
    assert found.scale.value != pytest.approx(sum(defined) / len(defined), abs=1e-3)


def test_an_absent_reading_is_a_missing_point_but_a_coverage_value(unread):
    add_reader(unread, "a", [["sanctions", "singh-2018", "absent", "", "", ""]])
    add_reader(unread, "b", [["sanctions", "singh-2018", "explicit", "1", "high", "Mildly."]])
    found = agreement.report(load(unread))
    assert (found.scale.units, found.coverage.units) == (0, 1)
    (dispute,) = found.disputes
    assert dispute.why == "coverage differs"
    assert [agreement.reading_text(r) for _, r in dispute.readings] == [
        "absent",
        "explicit, +1, high",
    ]
    assert agreement.reading_text(dispute.adjudicated) == "explicit, 0, medium"


def test_one_reader_is_reported_not_a_crash(unread, capsys):
    add_reader(unread, "reader-b", positions_as_reading(unread))
    assert main(["agreement", str(unread)]) == 0
    out = capsys.readouterr().out
    assert "all themes: α undefined: one reader only" in out
    assert "Disputes (0)" in out


def test_the_command_prints_alpha_per_theme_and_the_disputes(unread, capsys):
    rows = positions_as_reading(unread)
    add_reader(unread, "curators", rows)
    rows[0][3:5] = ["2", "low"]  # sanctions × singh: 0 → +2
    add_reader(unread, "reader-b", rows)
    assert main(["agreement", str(unread)]) == 0
    out = capsys.readouterr().out
    assert "Scale points: Krippendorff's alpha, ordinal" in out
    assert "Coverage: Krippendorff's alpha, nominal" in out
    assert "  Sanctions: α = " in out and " over 2 units" in out
    assert "  The “double freeze”: α undefined: 1 unit with values from two or more readers" in out
    assert "Disputes (1)" in out
    assert "  Sanctions × Gunjan Singh (India): 2 points apart" in out
    assert "    reader-b: explicit, +2, low" in out
    assert "    adjudicated (positions.csv): explicit, 0, medium" in out


def test_json_gives_null_and_a_note_where_alpha_is_undefined(unread, capsys):
    add_reader(unread, "curators", positions_as_reading(unread))
    add_reader(unread, "reader-b", positions_as_reading(unread))
    assert main(["agreement", str(unread), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [reader["id"] for reader in data["readers"]] == ["curators", "reader-b"]
    assert data["scale"]["overall"]["alpha"] == 1.0
    assert data["scale"]["overall"]["units"] == 22
    low, high = data["scale"]["overall"]["interval"]
    assert low == high == 1.0
    assert data["scale"]["themes"]["double-freeze"]["alpha"] is None
    assert "alpha needs 2" in data["scale"]["themes"]["double-freeze"]["note"]
    assert data["disputes"] == []


def test_a_corpus_without_readings_says_so(unread, capsys):
    assert main(["agreement", str(unread)]) == 0
    assert "no independent readings" in capsys.readouterr().out


def test_a_corpus_that_does_not_load_exits_1(unread, capsys):
    declare(unread, "reader-b")
    write_reading(unread, "reader-b", [["sanctions", "singh-2018", "partial", "", "", ""]])
    assert main(["agreement", str(unread)]) == 1
    assert "readings/reader-b.csv:2:coverage: unknown value 'partial'" in capsys.readouterr().out


def test_the_readme_gives_the_embedded_corpus_figures():
    found = agreement.report(load(EMBEDDED_CORPUS))
    assert [reader.id for reader in found.readers] == ["curators", "reader-b", "reader-c"]
    readme = " ".join((ROOT / "README.md").read_text(encoding="utf-8").split())
    assert f"on scale points they give {found.scale.describe()};" in readme
    assert f"on coverage {found.coverage.describe()}." in readme


def test_a_reading_made_against_other_scales_is_left_out_and_named(unread, capsys):
    rows = positions_as_reading(unread)
    add_reader(unread, "curators", rows)
    add_reader(unread, "reader-b", rows)
    declare(unread, "reader-c", declaration("reader-c", digest="sha256:" + "0" * 64))
    write_reading(unread, "reader-c", [[*rows[0][:3], "2", "low", ""]])
    found = agreement.report(load(unread))
    assert [reader.id for reader in found.readers] == ["curators", "reader-b"]
    assert [(reader.id, why) for reader, why in found.left_out] == [("reader-c", agreement.STALE)]
    assert found.disputes == ()  # reader-c's +2 is not compared
    assert main(["agreement", str(unread)]) == 0
    assert f"Left out: reader-c, {agreement.STALE}" in capsys.readouterr().out
    assert main(["agreement", str(unread), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["left_out"] == [{"id": "reader-c", "why": agreement.STALE}]
