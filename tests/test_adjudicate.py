"""Adjudication: the change a decision builds (the chosen values in positions.csv, the decision
and its reason at the end of the rationale), saved and undone as any change is."""

from __future__ import annotations

from pathlib import Path

import pytest

from perspectives import adjudicate, agreement, curate, load, store
from perspectives.adjudicate import KEEP, Decision
from perspectives.csvtable import Table
from perspectives.curate import CurationError
from perspectives.schema import POSITIONS

from .conftest import read_rows
from .test_readings import add_reader, positions_as_reading

PAIR = ("sanctions", "singh-2018")  # explicit, 0, medium in the table


@pytest.fixture
def disputed(unread: Path) -> Path:
    """Reader-b reads sanctions × singh as +1, high, and sanctions × asmolov as absent; the rest
    as the table; reader-c copies the table."""
    rows = positions_as_reading(unread)
    rows[0][3:6] = ["1", "high", "She counts enforcement to Xi's credit."]
    add_reader(unread, "reader-c", [list(row) for row in positions_as_reading(unread)])
    add_reader(unread, "reader-b", rows)
    return unread


def position_row(root: Path, pair: tuple[str, str] = PAIR) -> dict[str, str]:
    header, *rows = read_rows(root / POSITIONS.file)
    return next(dict(zip(header, row, strict=True)) for row in rows if tuple(row[:2]) == pair)


def change(root: Path, decision: Decision) -> store.Change:
    return adjudicate.adjudicate(curate.read(root), agreement.adjudication(load(root)), decision)


def written_row(built: store.Change, pair: tuple[str, str] = PAIR) -> dict[str, str]:
    data = built.writes[POSITIONS.file]
    assert data is not None
    table = Table.parse(data)
    (index,) = table.find({"theme_id": pair[0], "document_id": pair[1]})
    return table.row(table.records[index])


@pytest.mark.parametrize(
    ("reader_id", "values", "sentence"),
    [
        ("reader-b", ("explicit", "1", "high"), "Adjudicated: took reader-b's +1 — she urges it"),
        (KEEP, ("explicit", "0", "medium"), "Adjudicated: kept the table's 0 — she urges it"),
        ("reader-c", ("explicit", "0", "medium"), "Adjudicated: took reader-c's 0 — she urges it"),
    ],
)
def test_a_decision_writes_the_chosen_values_and_its_reason(disputed, reader_id, values, sentence):
    before = position_row(disputed)
    built = change(disputed, Decision(*PAIR, reader_id, "  she  urges it "))
    row = written_row(built)
    assert (row["coverage"], row["scale_value"], row["confidence"]) == values
    assert row["rationale"] == f"{before['rationale']} {sentence}"
    decided = ("coverage", "scale_value", "confidence", "rationale")
    assert {k: row[k] for k in row if k not in decided} == {
        k: before[k] for k in before if k not in decided
    }
    assert built.description == f"adjudicate sanctions × singh-2018: {sentence[13:]}"


def test_a_decision_is_saved_and_undone(disputed):
    before = (disputed / POSITIONS.file).read_bytes()
    store.save(disputed, change(disputed, Decision(*PAIR, "reader-b", "enforcement as credit")))
    settled = load(disputed).find_position(*PAIR)
    assert settled is not None
    assert (settled.scale_value, settled.confidence) == (1, "high")
    assert settled.rationale.endswith("Adjudicated: took reader-b's +1 — enforcement as credit")
    store.undo(disputed)
    assert (disputed / POSITIONS.file).read_bytes() == before


@pytest.mark.parametrize(
    ("decision", "refused"),
    [
        (Decision(*PAIR, "reader-b", "  "), "give the reason"),
        (Decision(*PAIR, "reader-z", "why"), "gave no reading"),
        (Decision("sanctions", "nobody-2020", "reader-b", "why"), "no position"),
    ],
)
def test_a_decision_that_cannot_be_written_is_refused(disputed, decision, refused):
    with pytest.raises(CurationError, match=refused):
        change(disputed, decision)
