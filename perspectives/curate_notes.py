"""Curators' notes, written as rows: a quote's note in its `note` cell of quotes.csv; a note on
a text, a theme or a theme in a text in notes.csv. An empty note removes the note."""

from __future__ import annotations

from collections.abc import Mapping

from perspectives import store
from perspectives.csvtable import Table
from perspectives.curate import CurationError, Snapshot
from perspectives.curate_edits import FIRST_ROW
from perspectives.schema import NOTES, QUOTES


def set_notes(
    snapshot: Snapshot, quotes: Mapping[int, str], others: Mapping[tuple[str, str], str]
) -> store.Change:
    """The notes as the curator left them, in one save: on quotes by their row of quotes.csv
    (as a spreadsheet counts: the header is row 1), and on texts and themes by (document id,
    theme id), "" standing for none. Only the notes that differ are written."""
    about: list[str] = []
    tables: dict[str, Table] = {}
    quote_table = snapshot.table(QUOTES)
    for row, note in quotes.items():
        index = row - FIRST_ROW
        if not 0 <= index < len(quote_table.records):
            raise CurationError(f"quotes.csv has no row {row}")
        changed = quote_table.updated(index, {"note": note.strip()})
        if changed is not quote_table:
            about.append(f"quotes.csv row {row}")
            quote_table = tables[QUOTES.file] = changed
    note_table = snapshot.table(NOTES)
    for (document_id, theme_id), note in others.items():
        changed = _noted(note_table, document_id, theme_id, note.strip())
        if changed is not note_table:
            about.append(" in ".join(part for part in (theme_id, document_id) if part))
            note_table = tables[NOTES.file] = changed
    if not tables:
        raise CurationError("no note changed")
    return snapshot.change(f"notes on {', '.join(about)}", tables)


def _noted(notes: Table, document_id: str, theme_id: str, note: str) -> Table:
    """notes.csv with the note on this text, theme, or theme in a text: its row added, changed,
    or removed for an empty note."""
    if not (document_id or theme_id):
        raise CurationError("a note is on a text, a theme or both")
    key = {"document_id": document_id, "theme_id": theme_id}
    found = notes.find(key)
    if not note:
        return notes.without(found) if found else notes
    if found:
        return notes.updated(found[0], {"note": note})
    return notes.appended({**key, "note": note})


def note_on(snapshot: Snapshot, document_id: str, theme_id: str) -> str:
    """The note as the file holds it now, "" for none: what a form starts with."""
    notes = snapshot.table(NOTES)
    found = notes.find({"document_id": document_id, "theme_id": theme_id})
    return notes.row(notes.records[found[0]])["note"] if found else ""
