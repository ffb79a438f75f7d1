"""Each table read from its CSV file into rows, its header checked against the schema.

The records are split by `csvtable.records`, the reader the workbench's edits use too.
"""

from __future__ import annotations

from perspectives import csvtable, files
from perspectives.corpus.checker import Checker, Finding, Report, Row
from perspectives.corpus.kept import KEPT, reused
from perspectives.model import CorpusError
from perspectives.schema import RESOURCES, Resource

_COMMAS = (
    "save it again as CSV with commas: in Excel choose CSV UTF-8 (comma delimited); in "
    "LibreOffice, Text CSV with the field delimiter ','"
)
_SEPARATORS = {";": "semicolons (;)", "\t": "tabs"}
_QUOTE_HINT = (
    'end the cell with a closing " where it ends; a quote mark inside a cell is written twice ("")'
)


def read_tables(checker: Checker) -> dict[str, list[Row]]:
    """Every table's rows; CorpusError when one cannot be read at all."""
    tables = {resource.file: read_table(checker, resource) for resource in RESOURCES}
    readable = {file: rows for file, rows in tables.items() if rows is not None}
    if len(readable) < len(tables):
        raise CorpusError(checker.problems)
    return readable


def read_table(checker: Checker, resource: Resource) -> list[Row] | None:
    """The table's non-empty rows, or None when the file or its header cannot be used."""
    if not resource.required and not files.present(checker.root, resource.file):
        checker.texts[resource.file] = None
        return []  # an optional file left out; a dangling link is reported when read
    text = checker.texts[resource.file] = checker.read_text(resource.file)
    if text is None:
        return None
    return reused(
        checker, ("rows", resource.file), (resource, text), lambda: _rows(checker, resource, text)
    )


def _rows(checker: Checker, resource: Resource, text: str) -> list[Row] | None:
    report = checker.at(resource.file, 1)
    separator = _other_separator(text, resource)
    if separator is not None:
        report.add(None, f"the columns are separated by {separator}, not by commas", _COMMAS)
        return None
    try:
        records = csvtable.records(text)
    except csvtable.Unreadable as unreadable:
        checker.at(resource.file, unreadable.row).add(None, *_unreadable_record(unreadable))
        return None
    header = _header(report, resource, records[0] if records else [])
    if header is None:
        return None
    # An optional column may be left out of the header, and a short row lacks its last
    # cells: both read as empty. A full row of a full header needs no filling in.
    blank = dict.fromkeys(resource.columns, "")
    full = len(header) if set(resource.columns) <= set(header) else -1
    # The rows of the table as last read with this header, by number and cells: a table
    # read again after an edit keeps the objects of the rows it did not change.
    before: dict[tuple[int, tuple[str, ...]], Row] = (
        KEPT.find(("lines", resource.file, tuple(header))) or {}  # type: ignore[assignment]
    )
    made = {}
    for number, record in enumerate(records[1:], 2):
        line = (number, tuple(record))
        row = before.get(line) or _row(checker, resource, header, number, record, blank, full)
        if row is not None:
            made[line] = row
    KEPT.keep(("lines", resource.file, tuple(header)), made)
    return list(made.values())


def _header(report: Report, resource: Resource, first: list[str]) -> list[str] | None:
    """The header's column names, or None when it lacks a required column or names one
    twice (the last of two would silently win)."""
    if not any(cell.strip() for cell in first):
        report.add(None, "no header row", f"first row: {','.join(resource.columns)}")
        return None
    header = [cell.strip() for cell in first]
    missing = [f.name for f in resource.fields if f.required and f.name not in header]
    for column in missing:
        report.add(column, "missing column", f"add a '{column}' column to the header")
    repeated = _repeated(report, header)
    for column in dict.fromkeys(header):
        if column not in resource.columns:
            report.add(column, "unknown column", f"expected only: {', '.join(resource.columns)}")
    return None if missing or repeated else header


def _repeated(report: Report, header: list[str]) -> set[str]:
    """The columns the header names more than once, each reported with where it is named."""
    repeated = {column for column in header if header.count(column) > 1}
    for column in sorted(repeated):
        places = [str(n) for n, name in enumerate(header, 1) if name == column]
        report.add(
            column,
            f"the header names this column {len(places)} times "
            f"(columns {', '.join(places[:-1])} and {places[-1]})",
            "keep one column of each name and remove the others",
        )
    return repeated


def _row(
    checker: Checker,
    resource: Resource,
    header: list[str],
    number: int,
    record: list[str],
    blank: dict[str, str],
    full: int,
) -> Row | None:
    """One record as a row; None for an empty one, or after reporting one that overflows.
    A record of `full` cells fills every column (-1: none does)."""
    if not "".join(record).strip():
        return None
    if len(record) == full:
        return Row(number, dict(zip(header, map(str.strip, record), strict=True)))
    if len(record) > len(header):
        checker.at(resource.file, number).add(
            None,
            f"row has {len(record)} cells but the header has {len(header)}",
            "put double quotes around a cell that contains a comma",
        )
        return None
    return Row(number, blank | dict(zip(header, map(str.strip, record), strict=False)))


def _other_separator(text: str, resource: Resource) -> str | None:
    """How the header separates its columns when a spreadsheet saved it with another separator
    than the comma (as some do in countries that write 0,5): its words, or None."""
    first_line = text.split("\n", 1)[0]
    for separator, words in _SEPARATORS.items():
        names = [name.strip().strip('"') for name in first_line.split(separator)]
        if "," not in first_line and len(names) > 1 and set(names) & set(resource.columns):
            return words
    return None


def _unreadable_record(unreadable: csvtable.Unreadable) -> Finding:
    """What went wrong in the record that cannot be read: almost always a quote that opens a
    cell and is never closed."""
    error, row = unreadable.error, unreadable.row
    first_line, last_line = unreadable.first_line, unreadable.last_line
    runs_on = last_line > first_line
    if "expected after" in error and not runs_on:
        return (
            f"text after the closing quote of a cell in row {row}",
            'a quote mark inside a cell is written twice (""); put the whole cell in quotes',
        )
    if "field larger than field limit" in error and not runs_on:
        return (
            f"a cell in row {row} is longer than {csvtable.CELL_LIMIT:,} characters",
            "shorten it: long texts belong in texts/",
        )
    if runs_on or "unexpected end of data" in error:
        return (
            f"unterminated quote, opened at row {row} (line {first_line} of the file); "
            f"everything up to line {last_line} was read as one cell",
            _QUOTE_HINT,
        )
    return f"row {row} cannot be read as CSV: {error}", _QUOTE_HINT
