"""Adjudication of the readings: for one theme × document position, the curator keeps the
table's coverage, point and confidence or takes one reader's, and says why.

The decision is written into positions.csv as a curator would type it: a reader's values in
place of the table's, and a sentence at the end of the position's rationale that says what was
decided and why ("Adjudicated: took reader-b's +1 — he calls the border the obstacle."), so
the table keeps its own record of how each disputed value was settled. The comparison's badge
follows, when the rule requires another one of the new coverages (as for any edit of a
position).
"""

from __future__ import annotations

from dataclasses import dataclass

from perspectives import store
from perspectives.agreement import PositionReadings
from perspectives.agreement_text import point_text
from perspectives.curate import CurationError, Snapshot, fitted_comparison
from perspectives.model import Position, Reading
from perspectives.schema import COMPARISONS, POSITIONS

#: The decision that leaves the table's value as it is.
KEEP = ""


@dataclass(frozen=True)
class Decision:
    """What the curator decided for one position: `reader_id` is the reader whose value is
    taken, or KEEP for the table's own; `reason` says why."""

    theme_id: str
    document_id: str
    reader_id: str
    reason: str


def decision_text(chosen: Reading | Position, reader_id: str, reason: str) -> str:
    """The sentence the rationale gains: what was kept or taken, and why."""
    what = "kept the table's" if reader_id == KEEP else f"took {reader_id}'s"
    return f"Adjudicated: {what} {point_text(chosen)} — {reason}"


def _chosen(position: PositionReadings, reader_id: str) -> Reading | Position:
    """The value the decision settles on; CurationError when there is none to settle on."""
    if position.adjudicated is None:
        raise CurationError(
            f"the table has no position for {position.theme_id} × {position.document_id}: "
            "add it on the Curate page first, then adjudicate"
        )
    if reader_id == KEEP:
        return position.adjudicated
    reading = next(
        (read for reader, read in position.readings if reader.id == reader_id and read), None
    )
    if reading is None:
        raise CurationError(f"{reader_id!r} gave no reading of this position")
    return reading


def adjudicate(
    snapshot: Snapshot, positions: tuple[PositionReadings, ...], decision: Decision
) -> store.Change:
    """The position's row in positions.csv with the chosen coverage, point and confidence and
    the decision appended to its rationale; the comparison's badge as its positions then
    require. Refused without a reason, or for a position the table or the reader lacks."""
    reason = " ".join(decision.reason.split())
    if not reason:
        raise CurationError("give the reason for the decision: it goes into the rationale")
    pair = (decision.theme_id, decision.document_id)
    position = next((p for p in positions if (p.theme_id, p.document_id) == pair), None)
    if position is None:
        raise CurationError(f"no position {pair[0]} × {pair[1]} to adjudicate")
    chosen = _chosen(position, decision.reader_id)
    table = snapshot.table(POSITIONS)
    found = table.find({"theme_id": pair[0], "document_id": pair[1]})
    if not found:
        raise CurationError(f"{POSITIONS.file} no longer holds {pair[0]} × {pair[1]}")
    old = table.row(table.records[found[0]])["rationale"].strip()
    sentence = decision_text(chosen, decision.reader_id, reason)
    values = {
        "coverage": chosen.coverage,
        "scale_value": "" if chosen.scale_value is None else str(chosen.scale_value),
        "confidence": chosen.confidence,
        "rationale": f"{old} {sentence}" if old else sentence,
    }
    positions_table = table.updated(found[0], values)
    tables = {POSITIONS.file: positions_table}
    comparisons, badge = fitted_comparison(snapshot.table(COMPARISONS), positions_table, pair[0])
    description = f"adjudicate {pair[0]} × {pair[1]}: {sentence.removeprefix('Adjudicated: ')}"
    if badge:
        tables[COMPARISONS.file] = comparisons
        description += f"; the comparison of {pair[0]} set to {badge!r}, as its positions require"
    return snapshot.change(description, tables)
