"""Krippendorff's alpha between readings, against the worked examples of Krippendorff's papers,
and the agreement command."""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pytest

from perspectives import agreement, agreement_text, load
from perspectives.cli import main
from perspectives.dates import PartialDate
from perspectives.model import Reader, Reading
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
        # A dispute was 2 points or more; now every difference is listed, one point too.
        ([("explicit", 0), ("explicit", 1)], "1 point apart"),
        ([("explicit", 1), ("explicit", 1), ("explicit", 2)], "1 point apart"),
        ([("explicit", 1), ("explicit", 1)], ""),
        ([("absent", None), ("absent", None)], ""),
    ],
)
def test_a_position_is_disputed_wherever_its_readings_differ(readings, why):
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
    assert sanctions.theme_id == "sanctions" and sanctions.points.units == 2
    assert sanctions.points.withheld and sanctions.points.value is None  # under 10 units
    # Every unit whose values differ is a dispute (it took 2 points before): units 2 (2, 2, 3,
    # 2), 6 (1, 2, 3, 4: double freeze × Asmolov) and 8 (1, 1, 2, 1).
    assert [(d.theme_id, d.document_id, d.why) for d in found.disputes] == [
        ("sanctions", "asmolov-2019", "1 point apart"),
        ("double-freeze", "asmolov-2019", "3 points apart"),
        ("us-china-trade", "asmolov-2019", "1 point apart"),
    ]
    assert sanctions.splits == found.disputes[:1]


def test_a_theme_gets_its_alpha_from_min_theme_units(unread, monkeypatch):
    monkeypatch.setattr(agreement, "MIN_THEME_UNITS", 2)
    sanctions = agreement.report(load(krippendorff_corpus(unread))).themes[0]
    assert sanctions.points.value is not None and not sanctions.points.withheld
    assert sanctions.points.describe().endswith("over 2 units")


def test_overall_alpha_pools_units_rather_than_averaging_themes(unread, monkeypatch):
    monkeypatch.setattr(agreement, "MIN_THEME_UNITS", 2)  # so that the themes have an alpha
    found = agreement.report(load(krippendorff_corpus(unread)))
    defined = [t.points.value for t in found.themes if t.points and t.points.value is not None]
    assert len(defined) > 1
    assert found.scale.value != pytest.approx(sum(defined) / len(defined), abs=1e-3)


def test_an_absent_reading_is_a_missing_point_but_a_coverage_value(unread):
    add_reader(unread, "a", [["sanctions", "singh-2018", "absent", "", "", ""]])
    add_reader(unread, "b", [["sanctions", "singh-2018", "explicit", "1", "high", "Mildly."]])
    found = agreement.report(load(unread))
    assert (found.scale.units, found.coverage.units) == (0, 1)
    (dispute,) = found.disputes
    assert dispute.why == "coverage differs"
    assert [agreement_text.reading_text(r) for _, r in dispute.readings] == [
        "absent",
        "explicit, +1, high",
    ]
    assert agreement_text.reading_text(dispute.adjudicated) == "explicit, 0, medium"


def units_of(*values: tuple[int | None, str] | None) -> list[Reading]:
    """One unit's readings: (point, confidence) each, None for an absent theme."""
    return [
        reading("t", "d", "absent", None)
        if value is None
        else Reading(f"r{n}", "t", "d", "explicit", value[0], value[1])
        for n, value in enumerate(values)
    ]


TALLY_CASES = [
    # (units as (point, confidence) per reader, exact, within one, same coverage, confidence)
    ([[(1, "low"), (1, "low")]], (1, 1), (1, 1), (1, 1), (1, 1)),
    ([[(1, "low"), (2, "low")]], (0, 1), (1, 1), (1, 1), (1, 1)),
    ([[(-1, "low"), (1, "high")]], (0, 1), (0, 1), (1, 1), (0, 1)),
    ([[(0, "low"), (1, "low"), (2, "low")]], (0, 1), (0, 1), (1, 1), (1, 1)),
    ([[(0, "low"), None]], (0, 0), (0, 0), (0, 1), (0, 0)),  # a point from one reader only
    ([[(0, "low")]], (0, 0), (0, 0), (0, 0), (0, 0)),  # one reading: not pairable
    (
        [[(2, "high"), (2, "high")], [(-2, "low"), (-1, "low")], [(0, "low"), (0, "high")]],
        (2, 3),
        (3, 3),
        (3, 3),
        (2, 3),
    ),
]


@pytest.mark.parametrize(("units", "exact", "within", "coverage", "confidence"), TALLY_CASES)
def test_counts_say_on_how_many_of_the_pairable_units_readers_agree(
    units, exact, within, coverage, confidence
):
    given = [units_of(*unit) for unit in units]
    group = agreement.group_of(("r0", "r1", "r2"), given, given, given)
    assert (group.exact.agree, group.exact.of) == exact
    assert (group.within_one.agree, group.within_one.of) == within
    assert (group.same_coverage.agree, group.same_coverage.of) == coverage
    assert (group.same_confidence.agree, group.same_confidence.of) == confidence
    assert group.exact.describe() == f"{exact[0]} of {exact[1]}"


def three_readers(unread: Path) -> Path:
    """The curators copy the table; Reader B moves one point by one, Reader C gives only the
    direction of every curated point."""
    rows = positions_as_reading(unread)
    add_reader(unread, "curators", rows)
    moved = [list(row) for row in rows]
    moved[0][3] = "1"  # sanctions × singh: 0 → +1
    add_reader(unread, "reader-b", moved)
    signs = [
        [*row[:3], str((int(row[3]) > 0) - (int(row[3]) < 0)) if row[3] else "", *row[4:]]
        for row in rows
    ]
    add_reader(unread, "reader-c", signs)
    return unread


def test_figures_for_all_readers_without_the_curators_and_every_pair(unread):
    found = agreement.report(load(three_readers(unread)))
    labels = [agreement_text.group_label(group) for group in found.groups]
    assert labels == [
        "all readers (curators, reader-b, reader-c)",
        "readers other than the curators (reader-b × reader-c)",
        "curators × reader-b",
        "curators × reader-c",
    ]
    everyone, others, b, c = found.groups
    assert everyone.points.interval is not None  # the bootstrap: all readers only
    assert all(group.points.interval is None for group in (others, b, c))
    assert (b.exact.agree, b.exact.of, b.within_one.agree) == (24, 25, 25)
    # Reader C is the direction-only reader itself, so the pair's baseline is its alpha.
    assert c.baseline.value == pytest.approx(c.points.value)
    assert c.baseline.units == c.points.units == 25
    # The baseline reader keeps only signs: it agrees with the curators less than Reader B.
    assert b.baseline.value < b.points.value


def test_the_baseline_reader_stands_in_only_where_the_replaced_reader_gave_a_point(unread):
    rows = positions_as_reading(unread)
    add_reader(unread, "curators", rows)
    add_reader(unread, "reader-b", rows[:4])  # sanctions and south korea only
    (group,) = agreement.report(load(unread)).groups
    assert group.points.units == group.baseline.units == 4


def test_one_reader_is_reported_not_a_crash(unread, capsys):
    add_reader(unread, "reader-b", positions_as_reading(unread))
    assert main(["agreement", str(unread)]) == 0
    out = capsys.readouterr().out
    assert "  points: α undefined: one reader only" in out
    assert "Disputes (0)" in out


def test_the_command_says_what_each_figure_counts(unread, capsys):
    assert main(["agreement", str(three_readers(unread))]) == 0
    out = capsys.readouterr().out
    assert "Units: theme × document positions, 30 (15 themes × 2 documents)" in out
    assert "Scale points are compared as ordinal values" in out and "coverage as nominal" in out
    assert "Direction-only baseline:" in out
    assert "curators × reader-b:\n  points: α = " in out
    assert "exact agreement on points: 24 of 25 units; within one point: 25 of 25" in out
    assert "same coverage: 30 of 30 units" in out
    assert (
        "  Sanctions: too few units for its alpha (2 with points, 2 with coverage; 10 needed)"
        in out
    )
    assert "splits: Gunjan Singh (India): curators 0 · reader-b +1 · reader-c 0" in out
    assert "  South Korea: too few units for its alpha" in out
    assert "  curators: Perspectives maintainers" not in out  # these readers are the test's
    assert "  reader-b: reader-b; blind reading (made without sight of the positions" in out


def test_the_command_lists_every_dispute(unread, capsys):
    assert main(["agreement", str(three_readers(unread))]) == 0
    out = capsys.readouterr().out
    # Reader C differs wherever the curated point is ±2, Reader B on one more position.
    ends = sum(row[3] in ("-2", "2") for row in positions_as_reading(unread))
    disputes = out.split("Disputes (")[1]
    assert disputes.startswith(f"{ends + 1}): positions where the readings differ on coverage")
    assert "  Sanctions × Gunjan Singh (India): 1 point apart" in disputes
    assert "    reader-b: explicit, +1, medium" in disputes
    assert "    adjudicated (positions.csv): explicit, 0, medium" in disputes


def test_json_gives_every_figure_and_null_with_a_note_where_alpha_is_undefined(unread, capsys):
    add_reader(unread, "curators", positions_as_reading(unread))
    add_reader(unread, "reader-b", positions_as_reading(unread))
    assert main(["agreement", str(unread), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [reader["id"] for reader in data["readers"]] == ["curators", "reader-b"]
    assert data["readers"][1]["protocol"] == "blind"
    assert data["readers"][1]["date"] == "2026-11-25"
    assert data["units"] == {
        "unit": "theme × document position",
        "count": 30,
        "scaled": 30,
        "levels": {"points": "ordinal", "coverage": "nominal"},
    }
    (group,) = data["groups"]
    assert group["points"]["alpha"] == 1.0 and group["points"]["units"] == 25
    low, high = group["points"]["interval"]
    assert low == high == 1.0
    assert group["exact"] == {"agree": 25, "of": 25}
    assert group["same_confidence"] == {"agree": 25, "of": 25}
    assert group["direction_only_baseline"]["alpha"] < 1
    assert data["themes"]["double-freeze"]["points"]["alpha"] is None
    assert "a theme's alpha needs" in data["themes"]["double-freeze"]["points"]["note"]
    assert data["themes"]["double-freeze"]["splits"] == []
    assert data["disputes"] == []


def test_a_corpus_without_readings_says_so(unread, capsys):
    assert main(["agreement", str(unread)]) == 0
    assert "no readings of its table" in capsys.readouterr().out


def test_a_corpus_that_does_not_load_exits_1(unread, capsys):
    declare(unread, "reader-b")
    write_reading(unread, "reader-b", [["sanctions", "singh-2018", "partial", "", "", ""]])
    assert main(["agreement", str(unread)]) == 1
    assert "readings/reader-b.csv:2:coverage: unknown value 'partial'" in capsys.readouterr().out


def test_the_embedded_corpus_keeps_no_reading_and_the_readme_says_why():
    embedded = load(EMBEDDED_CORPUS)
    assert (embedded.readers, embedded.readings) == ((), ())
    readme = " ".join((ROOT / "README.md").read_text(encoding="utf-8").split())
    assert "The embedded corpus declares no reading and shows no agreement figure" in readme


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


def reader_with(reader_id: str, protocol: str) -> Reader:
    return Reader(reader_id, reader_id, "Read.", PartialDate(2026, 11, 25), protocol, "sha256:")


@pytest.mark.parametrize(
    ("protocols", "says", "never"),
    [
        (["blind", "blind"], "Every reading here is blind (made without sight", "open"),
        (["open", "open"], "No reading here is blind: each is open (made with sight", "Every"),
        (["blind", "open"], "1 of 2 readings are blind (r0); the others are open", "Every"),
        (["open"], "No reading here is blind", "independent"),
    ],
)
def test_what_is_said_of_the_readings_comes_from_their_protocols(protocols, says, never):
    readers = [reader_with(f"r{n}", protocol) for n, protocol in enumerate(protocols)]
    text = agreement_text.protocols_text(readers)
    assert says in text and never not in text
    for reader in readers:
        assert agreement_text.protocol_text(reader).startswith(f"{reader.protocol} reading (")


def sentences_that_say(text: str, word: str) -> list[str]:
    return [s for s in " ".join(text.split()).split(". ") if word in s.lower()]


@pytest.mark.parametrize(
    ("file", "start", "end"),
    [
        ("README.md", "## How reliable is the table?", "## Performance"),
        ("docs/corpus-format.md", "### Readers (optional)", "## `documents.csv`"),
        ("docs/corpus-format.md", "## `readings/<reader-id>.csv`", "## Curating in the dashboard"),
    ],
)
def test_the_guides_call_a_reading_independent_only_with_its_blind_protocol(file, start, end):
    text = (ROOT / file).read_text(encoding="utf-8")
    section = text[text.index(start) : text.index(end)]
    said = sentences_that_say(section, "independent")
    assert said and all("blind" in sentence for sentence in said), said


def test_adjudication_lists_every_reading_beside_the_settled_position(unread):
    rows = positions_as_reading(unread)
    add_reader(unread, "curators", rows)
    moved = [list(row) for row in rows[:3]]
    moved[0][3] = "1"  # sanctions × singh: 0 → +1
    add_reader(unread, "reader-b", moved)  # the first three positions only
    corpus = load(unread)
    listed = agreement.adjudication(corpus)
    assert len(listed) == len(corpus.positions) == 30
    assert [(p.theme_id, p.document_id) for p in listed] == [
        (p.theme_id, p.document_id) for p in corpus.positions
    ]
    first, second, *_, last = listed
    assert first.adjudicated == corpus.find_position("sanctions", "singh-2018")
    assert [(reader.id, agreement_text.point_text(r)) for reader, r in first.readings] == [
        ("curators", "0"),
        ("reader-b", "+1"),
    ]
    assert agreement.differing(first) == ["reader-b"]
    assert agreement.differing(second) == []
    assert [r for _, r in last.readings][1] is None  # reader-b did not read it
    assert agreement.differing(last) == []


def test_adjudication_names_every_declared_reader_unless_told_which(unread):
    rows = positions_as_reading(unread)
    add_reader(unread, "curators", rows)
    declare(unread, "reader-c", declaration("reader-c", digest="sha256:" + "0" * 64))
    write_reading(unread, "reader-c", rows)
    corpus = load(unread)
    (first, *_) = agreement.adjudication(corpus)
    assert [reader.id for reader, _ in first.readings] == ["curators", "reader-c"]
    (first, *_) = agreement.adjudication(corpus, corpus.readers[:1])
    assert [reader.id for reader, _ in first.readings] == ["curators"]


def test_every_reading_left_out_leaves_nothing_to_compare(unread, capsys):
    declare(unread, "reader-b", declaration("reader-b", digest="sha256:" + "0" * 64))
    write_reading(unread, "reader-b", positions_as_reading(unread))
    found = agreement.report(load(unread))
    assert found.readers == () and found.scale.reason.startswith("no reader:")
    assert main(["agreement", str(unread)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Readers (0):\nLeft out: reader-b, made against other themes")
    assert out.endswith("No reading is left to compare.\n")
