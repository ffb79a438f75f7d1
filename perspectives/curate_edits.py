"""Edits that reach across rows and tables: a row of any table edited, added or deleted (how a
corpus with errors is repaired); documents, themes and events deleted or renamed with every
row that names them; a quote deleted; the starter's examples removed.

Each returns a `store.Change` holding the new rows of every table it affects, computed from a
`curate.Snapshot`, so `store.save` checks it, writes it all or nothing and can undo it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import replace

from perspectives import starter, store
from perspectives.csvtable import Table
from perspectives.curate import NOUNS, CurationError, Snapshot, check_new_id, fitted_comparison
from perspectives.reading_schema import READINGS, READINGS_FOLDER
from perspectives.schema import (
    COMPARISONS,
    DOCUMENTS,
    POSITIONS,
    QUOTES,
    RESOURCES,
    THEMES,
    Resource,
)

#: Table by file name, for a problem that names its file.
BY_FILE: dict[str, Resource] = {resource.file: resource for resource in RESOURCES}
#: The validator's number of a table's first record: the header is row 1.
FIRST_ROW = 2


def table_of(file: str) -> Resource | None:
    """The table a file of the corpus holds: one of its own, or a reader's reading; None for
    any other file (a text, corpus.toml)."""
    if file.startswith(f"{READINGS_FOLDER}/") and file.endswith(".csv") and file.count("/") == 1:
        return READINGS
    return BY_FILE.get(file)


def resource(file: str) -> Resource:
    """The table a file name stands for; CurationError for a file that is not a table."""
    found = table_of(file)
    if found is None:
        raise CurationError(f"{file} is not one of the corpus's tables")
    return found


def row_cells(snapshot: Snapshot, file: str, row: int) -> dict[str, str]:
    """The cells of row `row` (as the validator numbers it) by column, every declared column
    included (a column the file lacks reads as empty)."""
    table = snapshot.table(resource(file), file)
    record = table.records[_index(table, file, row)]
    return {column: "" for column in resource(file).columns} | table.row(record)


def _index(table: Table, file: str, row: int) -> int:
    index = row - FIRST_ROW
    if not 0 <= index < len(table.records):
        raise CurationError(f"{file} has no row {row}")
    return index


def edit_row(snapshot: Snapshot, file: str, row: int, cells: Mapping[str, str]) -> store.Change:
    """Row `row` of the table with these cells."""
    table = snapshot.table(resource(file), file)
    updated = table.updated(_index(table, file, row), cells)
    return snapshot.change(f"edit row {row} of {file}", {file: updated})


def delete_row(snapshot: Snapshot, file: str, row: int) -> store.Change:
    """The table without row `row`."""
    table = snapshot.table(resource(file), file)
    return snapshot.change(
        f"delete row {row} of {file}", {file: table.without([_index(table, file, row)])}
    )


def add_row(snapshot: Snapshot, file: str, cells: Mapping[str, str]) -> store.Change:
    """The table with a row of these cells at its end (with an id not in use, if it has ids)."""
    if not any(value.strip() for value in cells.values()):
        raise CurationError("an empty row")
    if "id" in resource(file).key:
        check_new_id(snapshot, resource(file), cells.get("id", "").strip())
    table = snapshot.table(resource(file), file)
    return snapshot.change(f"add a row to {file}", {file: table.appended(cells)})


# -- deleting and renaming what other rows name --------------------------------------------------


class _Tables:
    """The snapshot's tables with the edits made so far: several deletions make one change."""

    def __init__(self, snapshot: Snapshot):
        self.snapshot = snapshot
        self.changed: dict[str, Table] = {}
        self.touched: set[str] = set()  # the files whose tables an edit changed
        self.removed: dict[str, str | None] = {}  # a text file to remove → its digest as read
        self.dropped: Counter[str] = Counter()  # rows dropped by file, for the description
        self.badges: list[str] = []  # badges the rule required afterwards, for the description

    def files(self) -> list[tuple[str, Resource]]:
        """Every table by file: the corpus's own, then each reader's reading."""
        readings = [(f, READINGS) for f in self.snapshot.files if f.startswith(READINGS_FOLDER)]
        return [(r.file, r) for r in RESOURCES] + readings

    def __getitem__(self, file: str) -> Table:
        if file not in self.changed:
            self.changed[file] = self.snapshot.table(resource(file), file)
        return self.changed[file]

    def drop(self, file: str, indices: Sequence[int]) -> None:
        if indices:
            self[file] = self[file].without(indices)
            self.dropped[file] += len(indices)

    def __setitem__(self, file: str, table: Table) -> None:
        if table is not self[file]:
            self.changed[file] = table
            self.touched.add(file)

    def change(self, description: str) -> store.Change:
        tables = {file: table for file, table in self.changed.items() if file in self.touched}
        change = self.snapshot.change(description, tables)
        return store.Change(
            description + self.consequences(),
            {**change.writes, **dict.fromkeys(self.removed)},
            {**change.base, **self.removed},
        )

    def consequences(self) -> str:
        """What went with it, in words: ", with its text texts/x.txt, 2 row(s) of quotes.csv",
        and any badge the rule then required."""
        said = [f"{count} row(s) of {file}" for file, count in self.dropped.items() if count]
        if self.removed:
            texts = ", ".join(self.removed)
            said.insert(
                0, f"its text {texts}" if len(self.removed) == 1 else f"their texts {texts}"
            )
        return (f", with {', '.join(said)}" if said else "") + "".join(
            f"; {badge}, as its positions require" for badge in self.badges
        )


def _named(tables: _Tables, target: str, old: str, new: str | None) -> None:
    """Every row that names `old` in a column referring to `target`'s ids: dropped (new is
    None) or made to name `new`; in a list of ids, only that id goes or changes."""
    for file, resource in tables.files():
        for field in resource.fields:
            if field.references != target or field.name not in tables[file].header:
                continue
            if field.kind != "ref":
                _listed(tables, file, field.name, old, new)
            elif new is None:
                tables.drop(file, tables[file].find({field.name: old}))
            else:
                for index in tables[file].find({field.name: old}):
                    tables[file] = tables[file].updated(index, {field.name: new})


def _listed(tables: _Tables, file: str, column: str, old: str, new: str | None) -> None:
    """`old` taken out of (or renamed in) the space-separated ids of a column."""
    table = tables[file]
    for index, record in enumerate(table.records):
        ids = table.row(record).get(column, "").split()
        if old in ids:
            kept = (
                [i for i in ids if i != old]
                if new is None
                else [new if i == old else i for i in ids]
            )
            table = table.updated(index, {column: " ".join(kept)})
    tables[file] = table


def _own_row(tables: _Tables, resource: Resource, item_id: str) -> int:
    found = tables[resource.file].find({"id": item_id})
    if not found:
        raise CurationError(f"no {NOUNS[resource.file]} {item_id!r} in {resource.file}")
    return found[0]


def _delete(tables: _Tables, resource: Resource, item_id: str) -> None:
    """The item's row and every row that names it (a document's text file goes too)."""
    index = _own_row(tables, resource, item_id)
    if resource is DOCUMENTS:
        text = tables[DOCUMENTS.file].row(tables[DOCUMENTS.file].records[index])["text_file"]
        data = store.read_file(tables.snapshot.root, text) if text else None
        if data is not None:
            tables.removed[text] = store.digest(data)
    tables[resource.file] = tables[resource.file].without([index])
    _named(tables, resource.file, item_id, None)
    if resource is DOCUMENTS:
        _refit_badges(tables)


def _refit_badges(tables: _Tables) -> None:
    """Each theme's badge as the positions left require (a document that was the only one not
    to address a theme takes its 'one-sided' with it), said in the description."""
    comparisons = tables[COMPARISONS.file]
    for row in comparisons.rows():
        fitted, badge = fitted_comparison(comparisons, tables[POSITIONS.file], row["theme_id"])
        if badge:
            comparisons = fitted
            tables.badges.append(f"the comparison of {row['theme_id']} set to {badge!r}")
    tables[COMPARISONS.file] = comparisons


def delete(snapshot: Snapshot, file: str, item_id: str) -> store.Change:
    """Delete a document, theme or event (by its table's file) with every row that names it:
    a document's text, excluded spans, positions, quotes, event links, lexicon reviews and
    readings; a theme's scale, comparison, positions, quotes, lexicon terms, reviews and
    readings, and its id from the events that list it; an event's links."""
    tables = _Tables(snapshot)
    _delete(tables, resource(file), item_id)
    return tables.change(f"delete {NOUNS[file]} {item_id}")


def rename(snapshot: Snapshot, file: str, old: str, new: str) -> store.Change:
    """Give a document, theme or event a new id, in its row and in every row that names it."""
    owner = resource(file)
    tables = _Tables(snapshot)
    index = _own_row(tables, owner, old)
    check_new_id(snapshot, owner, new)
    tables[file] = tables[file].updated(index, {"id": new})
    _named(tables, file, old, new)
    return tables.change(f"rename {NOUNS[file]} {old} to {new}")


def delete_quote(snapshot: Snapshot, row: int) -> store.Change:
    """Delete one quote (by its row of quotes.csv)."""
    cells = row_cells(snapshot, QUOTES.file, row)
    change = delete_row(snapshot, QUOTES.file, row)
    return replace(change, description=f"delete the quote “{cells['quote']}”")


def remove_examples(snapshot: Snapshot) -> store.Change:
    """Delete the starter's example documents and themes, with all that names them, in one save.
    Refused while they are all the corpus has of either: a corpus needs a document and a theme,
    so the curator adds their own first."""
    documents, themes = starter.example_ids()
    tables = _Tables(snapshot)
    for owner, ids in ((DOCUMENTS, documents), (THEMES, themes)):
        present = [item for item in ids if tables[owner.file].find({"id": item})]
        if len(present) == len(tables[owner.file].rows()):
            raise CurationError(
                f"add a {NOUNS[owner.file]} of your own first: a corpus needs at least one"
            )
        for item in present:
            _delete(tables, owner, item)
    return tables.change("remove the starter's examples")
