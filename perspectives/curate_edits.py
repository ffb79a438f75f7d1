"""Edits that reach across rows and tables: a row of any table edited, added or deleted (how a
corpus with errors is repaired), and documents, themes, quotes, excluded spans and events
deleted or renamed with every row that names them.

Each returns a `store.Change` holding the new rows of every table it affects, computed from a
`curate.Snapshot`, so `store.save` checks it, writes it all or nothing and can undo it.
"""

from __future__ import annotations

from collections.abc import Mapping

from perspectives import store
from perspectives.csvtable import Table
from perspectives.curate import CurationError, Snapshot
from perspectives.schema import RESOURCES, Resource

#: Table by file name, for a problem that names its file.
BY_FILE: dict[str, Resource] = {resource.file: resource for resource in RESOURCES}
#: The validator's number of a table's first record: the header is row 1.
FIRST_ROW = 2


def resource(file: str) -> Resource:
    """The table a file name stands for; CurationError for a file that is not a table."""
    found = BY_FILE.get(file)
    if found is None:
        raise CurationError(f"{file} is not one of the corpus's tables")
    return found


def row_cells(snapshot: Snapshot, file: str, row: int) -> dict[str, str]:
    """The cells of row `row` (as the validator numbers it) by column, every declared column
    included (a column the file lacks reads as empty)."""
    table = snapshot.table(resource(file))
    record = table.records[_index(table, file, row)]
    return {column: "" for column in resource(file).columns} | table.row(record)


def _index(table: Table, file: str, row: int) -> int:
    index = row - FIRST_ROW
    if not 0 <= index < len(table.records):
        raise CurationError(f"{file} has no row {row}")
    return index


def edit_row(snapshot: Snapshot, file: str, row: int, cells: Mapping[str, str]) -> store.Change:
    """Row `row` of the table with these cells."""
    table = snapshot.table(resource(file))
    updated = table.updated(_index(table, file, row), cells)
    return snapshot.change(f"edit row {row} of {file}", {file: updated})


def delete_row(snapshot: Snapshot, file: str, row: int) -> store.Change:
    """The table without row `row`."""
    table = snapshot.table(resource(file))
    return snapshot.change(
        f"delete row {row} of {file}", {file: table.without([_index(table, file, row)])}
    )


def add_row(snapshot: Snapshot, file: str, cells: Mapping[str, str]) -> store.Change:
    """The table with a row of these cells at its end."""
    if not any(value.strip() for value in cells.values()):
        raise CurationError("an empty row")
    table = snapshot.table(resource(file))
    return snapshot.change(f"add a row to {file}", {file: table.appended(cells)})
