"""Adjudicate: position by position, every reading beside the table's value; the curator keeps
the table's value or takes a reader's, and the decision and its reason go into the position's
rationale, through the Curate page's checked, undoable save.

Served only in curation mode, with the Curate page's toolbar (undo, where saves go) and
outcome. The core (`adjudicate`) builds the change; this page lays out the choice.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import streamlit as st

from perspectives import adjudicate, agreement
from perspectives.agreement_text import reading_text
from perspectives.markup import escape_markdown
from perspectives.model import Corpus
from perspectives.ui import curate_page, curate_state, widgets
from perspectives.ui.curate_state import FORM

POSITION_KEY = "adjudicate_position"
DISPUTED_KEY = "adjudicate_disputed"
DECISION_KEY, REASON_KEY = f"{FORM}adjudicate_decision", f"{FORM}adjudicate_reason"
SAVE_KEY = "adjudicate_save"


def readings_table(position: agreement.PositionReadings) -> pd.DataFrame:
    """The table's value, then each reader's reading with their note."""
    rows = [{"Who": "the table", "Reading": reading_text(position.adjudicated), "Note": ""}]
    rows += [
        {
            "Who": f"{reader.name} ({reader.id}, {reader.protocol})",
            "Reading": reading_text(reading),
            "Note": reading.note if reading else "",
        }
        for reader, reading in position.readings
    ]
    return pd.DataFrame(rows)


def render(corpus: Corpus) -> None:
    if not curate_page.curating_here():
        return
    root = Path(corpus.root)
    snapshot = curate_state.snapshot_of(root)
    curate_page.toolbar(root, snapshot)
    curate_state.show_outcome()
    positions = agreement.adjudication(corpus)
    if not corpus.readers:
        st.info(
            "No reading of the table to adjudicate: readers are declared in corpus.toml, and a "
            "reading can be made on the Read blind page."
        )
        return
    disputed = st.toggle("Only positions where the readings differ", True, key=DISPUTED_KEY)
    shown = [p for p in positions if p.why or not disputed]
    if not shown:
        st.success("The readings agree on every position.")
        return
    labels = {
        (p.theme_id, p.document_id): f"{p.theme_id} × {p.document_id}"
        + (f" ({p.why})" if p.why else "")
        for p in shown
    }
    pair = st.selectbox("Position", list(labels), format_func=lambda p: labels[p], key=POSITION_KEY)
    position = next(p for p in shown if (p.theme_id, p.document_id) == pair)
    curate_state.forms_shown("adjudicate", pair)
    widgets.literal_table(readings_table(position))
    read = [reader.id for reader, reading in position.readings if reading is not None]
    decision = st.radio(
        "Decision",
        [adjudicate.KEEP, *read],
        format_func=lambda rid: (
            "keep the table's value" if rid == adjudicate.KEEP else f"take {rid}'s"
        ),
        horizontal=True,
        key=DECISION_KEY,
    )
    reason = st.text_input("Reason (added to the position's rationale)", key=REASON_KEY)
    if st.button("Record decision", key=SAVE_KEY, type="primary"):
        chosen = adjudicate.Decision(*pair, decision, reason)
        curate_state.save(corpus, lambda: adjudicate.adjudicate(snapshot, positions, chosen))
    if position.adjudicated is not None:
        st.caption("Rationale: " + escape_markdown(position.adjudicated.rationale))
