"""Load one corpus folder into a `Corpus`, checking everything in a single pass.

Problems are collected, not raised one at a time: a curator sees every defect of an edit at
once, each with file, row, column and a hint. Rows are counted as a spreadsheet counts them
(the header is row 1).
"""

from __future__ import annotations

import bisect
import csv
import dataclasses
import datetime as dt
import difflib
import io
import operator
import re
import tomllib
from collections import defaultdict
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath
from typing import Any, NamedTuple, TypeVar, cast

from perspectives import anchor, files, lexicon, memo
from perspectives.dates import parse_partial_date
from perspectives.model import (
    Comparison,
    Corpus,
    CorpusError,
    CorpusMeta,
    Document,
    Event,
    EventQuote,
    ExcludedSpan,
    Judgment,
    LexiconTerm,
    Position,
    Problem,
    Quote,
    Reader,
    Reading,
    ScalePoint,
    Severity,
    Theme,
)
from perspectives.schema import (
    AGREE_MAX_SPREAD,
    AGREEMENT,
    COMPARISONS,
    CONFIDENCE,
    DIVERGE_MIN_SPREAD,
    DOCUMENTS,
    EVENT_QUOTES,
    EVENTS,
    EXCLUDED_SPANS,
    ID_PATTERN,
    LEXICON,
    LEXICON_REVIEWS,
    METADATA_FILE,
    METADATA_KEYS,
    POSITIONS,
    QUOTES,
    READER_KEYS,
    READERS_TABLE,
    READINGS,
    READINGS_FOLDER,
    RESOURCES,
    SCALE_POINTS,
    SCALES,
    THEMES,
    Field,
    FieldKind,
    LexiconMatch,
    MetadataKey,
    Resource,
    SpanKind,
    reading_file,
)
from perspectives.sentences import Sentence, SentenceLookup

_ID = re.compile(ID_PATTERN)
_URL = re.compile(r"^https?://[^\s/$.?#][^\s]*$", re.IGNORECASE)
_WHOLE_NUMBER = re.compile(r"^[+-]?[0-9]+$")  # ASCII digits: not ２０ or ١
# Control characters other than tab and line breaks: NUL, escape sequences, C1 codes.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
#: The closest-passage hint shows this many words, from a few before the first that differs.
_WORDS_SHOWN = 16
_WORDS_BEFORE_CHANGE = 5
_CHANGES_NAMED = 3
#: Lines named when a span's opening words occur more than once.
_LINES_NAMED = 5
#: Quotes not found for which other texts and the closest passage are searched: past this
#: many, a corpus is broken wholesale, and a hint on each row would only make the list slower
#: (each aligns the quote along its whole text: 0.3 ms or more).
SEARCHES = 100
_NOT_SEARCHED = (
    "copy the words exactly from the text (other texts and the closest passage are searched "
    f"for the first {SEARCHES:,} quotes not found only)"
)
#: Below this similarity (0–100) a passage is too unlike the quote to be shown as the closest.
_LEAST_SIMILAR = 60

#: How alike an unknown id and a defined one must be to suggest the latter (difflib's ratio).
_LIKELY_CUTOFF = 0.75

#: A problem found in one cell, before it is placed: (message, hint).
Finding = tuple[str, str]
T = TypeVar("T")


class Row(NamedTuple):  # a tuple, made at once: there is one for every row of every table
    number: int
    cells: dict[str, str]


class Report(NamedTuple):
    """Where problems go: one file, and one row of it (None: the file as a whole). Each check
    then names only the column, the message and the hint. A tuple: several checks make one for
    every row, and a tuple is made at once."""

    problems: list[Problem]
    file: str
    row: int | None = None

    def add(
        self, column: str | None, message: str, hint: str = "", severity: Severity = "error"
    ) -> None:
        self.problems.append(Problem(self.file, self.row, column, message, hint, severity))


@dataclass(frozen=True)
class Scope:
    """What a cell check may look beyond its cell: the folder, and the ids each file defines."""

    root: Path
    known: dict[str, set[str]]
    _likely: dict[tuple[str, str], str | None] = dataclasses.field(default_factory=dict)

    def likely(self, file: str, value: str) -> str | None:
        """The id defined in `file` that an unknown one most likely mistypes (double_freeze:
        double-freeze), or None when none is close."""
        if (file, value) not in self._likely:
            ids = sorted(known for known in self.known.get(file, ()) if _ID.match(known))
            close = difflib.get_close_matches(value, ids, n=1, cutoff=_LIKELY_CUTOFF)
            self._likely[file, value] = close[0] if close else None
        return self._likely[file, value]

    def unknown_hint(self, field: Field, value: str, extra: str = "") -> str:
        target = field.references or ""
        likely = self.likely(target, value)
        if likely is not None:
            return f"did you mean {likely!r}? It is defined in {target}"
        return f"define it in {target} or fix the spelling" + extra


class _Checker:
    """Collects problems while the tables are read and cross-checked."""

    def __init__(self, root: Path):
        self.root = root
        self.problems: list[Problem] = []
        self.searches = 0
        self.texts: dict[str, str | None] = {}  # each table's text as read (None: left out)
        # Each document's anchors kept from earlier loads (see _anchored), looked up once.
        self.anchored: dict[str, dict[tuple[str, str, str], anchor.Anchor]] = {}

    def at(self, file: str, row: int | None = None) -> Report:
        return Report(self.problems, file, row)

    @property
    def has_errors(self) -> bool:
        return any(problem.severity == "error" for problem in self.problems)

    # -- reading -------------------------------------------------------------------------------

    def read_text(self, relative: str) -> str | None:
        """A file's text, or None after reporting why it is not read (see `files`)."""
        try:
            return files.decode(files.read_bytes(self.root, relative))
        except files.Refused as refusal:
            self.at(relative, refusal.line).add(None, refusal.message, refusal.hint)
            return None

    def read_table(self, resource: Resource) -> list[Row] | None:
        """The table's non-empty rows, or None when the file or its header cannot be used."""
        path = self.root / resource.file
        if not resource.required and not path.exists() and not path.is_symlink():
            self.texts[resource.file] = None
            return []  # an optional file left out; a dangling link is reported when read
        text = self.texts[resource.file] = self.read_text(resource.file)
        if text is None:
            return None
        return _reused(
            self, ("rows", resource.file), (resource, text), lambda: self._rows(resource, text)
        )

    def _rows(self, resource: Resource, text: str) -> list[Row] | None:
        report = self.at(resource.file, 1)
        separator = _other_separator(text, resource)
        if separator is not None:
            report.add(None, f"the columns are separated by {separator}, not by commas", _COMMAS)
            return None
        try:
            records = _records(text)
        except files.Refused as refusal:
            self.at(resource.file, refusal.line).add(None, refusal.message, refusal.hint)
            return None
        header = self._header(resource, records[0] if records else [])
        if header is None:
            return None
        # An optional column may be left out of the header, and a short row lacks its last
        # cells: both read as empty. A full row of a full header needs no filling in.
        blank = dict.fromkeys(resource.columns, "")
        full = len(header) if set(resource.columns) <= set(header) else -1
        # The rows of the table as last read with this header, by number and cells: a table
        # read again after an edit keeps the objects of the rows it did not change.
        before: dict[tuple[int, tuple[str, ...]], Row] = (
            _KEPT.find(("lines", resource.file, tuple(header))) or {}  # type: ignore[assignment]
        )
        made = {}
        for number, record in enumerate(records[1:], 2):
            line = (number, tuple(record))
            row = before.get(line) or self._row(resource, header, number, record, blank, full)
            if row is not None:
                made[line] = row
        _KEPT.keep(("lines", resource.file, tuple(header)), made)
        return list(made.values())

    def _header(self, resource: Resource, first: list[str]) -> list[str] | None:
        """The header's column names, or None when it lacks a required column or names one
        twice (the last of two would silently win)."""
        report = self.at(resource.file, 1)
        if not any(cell.strip() for cell in first):
            report.add(None, "no header row", f"first row: {','.join(resource.columns)}")
            return None
        header = [cell.strip() for cell in first]
        missing = [f.name for f in resource.fields if f.required and f.name not in header]
        for column in missing:
            report.add(column, "missing column", f"add a '{column}' column to the header")
        repeated = {column for column in header if header.count(column) > 1}
        for column in sorted(repeated):
            places = [str(n) for n, name in enumerate(header, 1) if name == column]
            report.add(
                column,
                f"the header names this column {len(places)} times "
                f"(columns {', '.join(places[:-1])} and {places[-1]})",
                "keep one column of each name and remove the others",
            )
        for column in dict.fromkeys(header):
            if column not in resource.columns:
                report.add(
                    column, "unknown column", f"expected only: {', '.join(resource.columns)}"
                )
        return None if missing or repeated else header

    def _row(
        self,
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
            self.at(resource.file, number).add(
                None,
                f"row has {len(record)} cells but the header has {len(header)}",
                "put double quotes around a cell that contains a comma",
            )
            return None
        return Row(number, blank | dict(zip(header, map(str.strip, record), strict=False)))

    # -- cells ---------------------------------------------------------------------------------

    def check_cells(
        self,
        resource: Resource,
        rows: list[Row],
        scope: Scope,
        fine: set[tuple[str, ...]] | None = None,
    ) -> list[Row]:
        """Check every cell against its field; return the rows with no problem. `fine` holds the
        cells of rows found to have none before, with the same ids defined: they are not
        checked again, and the rows found fine now are added."""
        cells_of = (
            {row.number: tuple(map(row.cells.__getitem__, resource.columns)) for row in rows}
            if fine is not None
            else {}
        )
        unchecked = rows if fine is None else [r for r in rows if cells_of[r.number] not in fine]
        # What is wrong with a value depends on its field alone: each value of a column is
        # checked once (its ids repeat on every row), and rows are looked up in what is wrong.
        wrong: dict[str, dict[str, tuple[Finding, ...]]] = {}
        for field in resource.fields:
            values = {row.cells[field.name] for row in unchecked}
            findings = {v: found for v in values if (found := cell_findings(field, v, scope))}
            if findings:
                wrong[field.name] = findings
        good = []
        seen: dict[tuple[str, ...], int] = {}
        # A key with a required part left empty is reported as an empty cell, not a duplicate.
        required = [f.name for f in resource.fields if f.required and f.name in resource.key]
        key_of = operator.itemgetter(*resource.key)  # a tuple of two parts or more
        for row in rows:
            report = None  # made at the row's first problem
            cells = cells_of.get(row.number, ())
            if fine is None or cells not in fine:
                for name, findings in wrong.items():
                    for message, hint in findings.get(row.cells[name], ()):
                        report = report or self.at(resource.file, row.number)
                        report.add(name, message, hint)
                if fine is not None and report is None:
                    fine.add(cells)
            key = key_of(row.cells) if len(resource.key) > 1 else (key_of(row.cells),)
            if key in seen and all(map(row.cells.__getitem__, required)):
                report = report or self.at(resource.file, row.number)
                report.add(
                    resource.key[-1],
                    f"duplicate {' × '.join(resource.key)}: {' × '.join(key)}",
                    f"already defined at row {seen[key]}; merge or remove one",
                )
            seen.setdefault(key, row.number)
            if report is None:
                good.append(row)
        return good


# -- CSV, read strictly -------------------------------------------------------------------------

_COMMAS = (
    "save it again as CSV with commas: in Excel choose CSV UTF-8 (comma delimited); in "
    "LibreOffice, Text CSV with the field delimiter ','"
)
_SEPARATORS = {";": "semicolons (;)", "\t": "tabs"}
_QUOTE_HINT = (
    'end the cell with a closing " where it ends; a quote mark inside a cell is written twice ("")'
)


def _other_separator(text: str, resource: Resource) -> str | None:
    """How the header separates its columns when a spreadsheet saved it with another separator
    than the comma (as some do in countries that write 0,5): its words, or None."""
    first_line = text.split("\n", 1)[0]
    for separator, words in _SEPARATORS.items():
        names = [name.strip().strip('"') for name in first_line.split(separator)]
        if "," not in first_line and len(names) > 1 and set(names) & set(resource.columns):
            return words
    return None


def _records(text: str) -> list[list[str]]:
    """Every record, parsed strictly: a quote left open would otherwise swallow the following
    cells and rows without a word. Refused says where the record that cannot be read begins."""
    try:
        return list(csv.reader(io.StringIO(text, newline=""), strict=True))  # at C speed
    except csv.Error:
        pass  # read again, a record at a time, to say where
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    records: list[list[str]] = []
    while True:
        first_line = reader.line_num + 1
        try:
            records.append(next(reader))
        except StopIteration:
            return records
        except csv.Error as error:
            raise _unreadable_record(
                str(error), len(records) + 1, first_line, reader.line_num
            ) from None


def _unreadable_record(error: str, row: int, first_line: int, last_line: int) -> files.Refused:
    """What went wrong in the record that begins at `row` (line `first_line` of the file):
    almost always a quote that opens a cell and is never closed."""
    runs_on = last_line > first_line
    if "expected after" in error and not runs_on:
        return files.Refused(
            f"text after the closing quote of a cell in row {row}",
            'a quote mark inside a cell is written twice (""); put the whole cell in quotes',
            row,
        )
    if "field larger than field limit" in error and not runs_on:
        return files.Refused(
            f"a cell in row {row} is longer than {csv.field_size_limit():,} characters",
            "shorten it: long texts belong in texts/",
            row,
        )
    if runs_on or "unexpected end of data" in error:
        return files.Refused(
            f"unterminated quote, opened at row {row} (line {first_line} of the file); "
            f"everything up to line {last_line} was read as one cell",
            _QUOTE_HINT,
            row,
        )
    return files.Refused(f"row {row} cannot be read as CSV: {error}", _QUOTE_HINT, row)


# -- one cell against its declared field ---------------------------------------------------------


def cell_findings(field: Field, value: str, scope: Scope) -> tuple[Finding, ...]:
    """What is wrong with a cell's value for its field, if anything."""
    if not value:
        return (("empty required cell", f"e.g. {field.example}"),) if field.required else ()
    hidden = None if value.isprintable() else _CONTROL.search(value)  # isprintable: fast
    if hidden:
        return (
            (
                f"the cell holds an invisible control character (U+{ord(hidden.group()):04X})",
                "retype the cell; such characters come from copying out of other programs",
            ),
        )
    return tuple(_CELL_RULES[field.kind](field, value, scope))


def _text_rule(field: Field, value: str, scope: Scope) -> Iterator[Finding]:
    if field.max_length is not None and len(value) > field.max_length:
        yield (
            f"{len(value)} characters, more than the {field.max_length} that fit",
            f"shorten it, e.g. {field.example}",
        )


def _id_rule(field: Field, value: str, scope: Scope) -> Iterator[Finding]:
    if not _ID.match(value):
        yield (
            f"invalid id {value!r}",
            "use lowercase letters, digits and single hyphens, e.g. " + field.example,
        )


def _enum_rule(field: Field, value: str, scope: Scope) -> Iterator[Finding]:
    if value not in field.choices:
        yield f"unknown value {value!r}", "one of: " + ", ".join(field.choices)


def _date_rule(field: Field, value: str, scope: Scope) -> Iterator[Finding]:
    try:
        parse_partial_date(value)
    except ValueError as error:
        yield f"invalid date: {error}", "use YYYY, YYYY-MM or YYYY-MM-DD"


def _int_rule(field: Field, value: str, scope: Scope) -> Iterator[Finding]:
    bounds = field.bounds
    hint = f"a whole number from {bounds[0]} to {bounds[1]}" if bounds else "a whole number"
    if not _WHOLE_NUMBER.match(value):
        yield f"not a whole number: {value!r}", hint
    elif bounds and not bounds[0] <= int(value) <= bounds[1]:
        yield f"{int(value)} is out of range", hint


def _url_rule(field: Field, value: str, scope: Scope) -> Iterator[Finding]:
    if not _URL.match(value):
        yield f"invalid URL {value!r}", "use a full http:// or https:// address"


def _ref_rule(field: Field, value: str, scope: Scope) -> Iterator[Finding]:
    target = field.references or ""
    if target in scope.known and value not in scope.known[target]:
        yield (
            f"unknown {field.name.removesuffix('_id')} {value!r}",
            scope.unknown_hint(field, value),
        )


def _refs_rule(field: Field, value: str, scope: Scope) -> Iterator[Finding]:
    target = field.references or ""
    for listed in value.split() if target in scope.known else ():
        if listed not in scope.known[target]:
            yield (
                f"unknown {field.name.removesuffix('_ids')} {listed!r}",
                scope.unknown_hint(field, listed, "; separate ids with spaces"),
            )


def _likely_ids(resource: Resource, rows: list[Row], scope: Scope) -> list[Row]:
    """The rows with each mistyped id read as the id it most likely means: the checks across
    tables then report the typo once, where it is, and not again as a missing position, an
    unquoted one or a theme without rows."""
    read = list(rows)
    for field in resource.fields:
        known = scope.known.get(field.references or "")
        if field.kind not in ("ref", "refs") or known is None:
            continue
        meant = {}  # each distinct cell that names an unknown id, read as the ids it means
        for cell in {row.cells[field.name] for row in read}:
            ids = cell.split() if field.kind == "refs" else (cell,)
            if not known.issuperset(ids):
                meant[cell] = " ".join(_read_as(scope, field.references or "", i) for i in ids)
        if meant:  # the rows as written stay as they are: a row read otherwise is a copy
            read = [
                Row(row.number, row.cells | {field.name: meant[row.cells[field.name]]})
                if row.cells[field.name] in meant
                else row
                for row in read
            ]
    return read


def _read_as(scope: Scope, target: str, value: str) -> str:
    if target in scope.known and value not in scope.known[target]:
        return scope.likely(target, value) or value
    return value


def _path_rule(field: Field, value: str, scope: Scope) -> Iterator[Finding]:
    path = PurePosixPath(value)
    if path.is_absolute() or ".." in path.parts:
        yield (
            f"path {value!r} leaves the corpus folder",
            "use a relative path such as texts/name.txt",
        )
    else:
        try:
            files.resolve(scope.root, value)
        except files.Missing:
            yield f"text file {value!r} not found", f"put the text at {scope.root / path}"
        except files.Refused as refusal:
            yield refusal.message, refusal.hint


_CELL_RULES: dict[FieldKind, Callable[[Field, str, Scope], Iterator[Finding]]] = {
    "id": _id_rule,
    "text": _text_rule,
    "date": _date_rule,
    "enum": _enum_rule,
    "ref": _ref_rule,
    "refs": _refs_rule,
    "url": _url_rule,
    "path": _path_rule,
    "int": _int_rule,
}

#: How a checked cell becomes the value the model holds, by the kind of its field.
_CONVERTERS: dict[FieldKind, Callable[[str], Any]] = {
    "int": lambda value: int(value) if value else None,
    "date": lambda value: parse_partial_date(value) if value else None,
    "refs": lambda value: tuple(dict.fromkeys(value.split())),
}


def _values(resource: Resource, row: Row) -> dict[str, Any]:
    """A checked row as keyword arguments for the model: one per declared column, converted by
    its kind, so a dataclass whose fields are named after the columns is built in one call."""
    return {
        field.name: _CONVERTERS.get(field.kind, str)(row.cells[field.name])
        for field in resource.fields
    }


# -- corpus.toml ---------------------------------------------------------------------------------


def _read_metadata(checker: _Checker) -> dict[str, Any] | None:
    """corpus.toml's tables, or None after reporting why it cannot be read."""
    text = checker.read_text(METADATA_FILE)
    if text is None:
        return None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        line = re.search(r"line (\d+)", str(error))
        checker.at(METADATA_FILE, int(line.group(1)) if line else None).add(
            None, f"invalid TOML: {error}", "check quotes and brackets"
        )
        return None
    except RecursionError:
        checker.at(METADATA_FILE).add(
            None, "invalid TOML: brackets nested too deeply to read", "check quotes and brackets"
        )
        return None


def _load_metadata(checker: _Checker, data: dict[str, Any]) -> CorpusMeta | None:
    report = checker.at(METADATA_FILE)
    table = data.get("corpus")
    if not isinstance(table, dict):
        report.add(None, "missing [corpus] table", "start the file with a line [corpus]")
        return None
    before = len(checker.problems)
    values = {key: _metadata_value(report, key, value) for key, value in table.items()}
    for declared in METADATA_KEYS:
        if declared.required and not str(table.get(declared.name, "")).strip():
            report.add(declared.name, "missing required key", _toml_example(declared.name))
    if len(checker.problems) > before:
        return None
    return CorpusMeta(**values)


_TOML_TYPES = {
    bool: "true or false",
    int: "a number",
    float: "a number",
    list: "a list",
    dict: "a table",
    dt.datetime: "a date and time",
    dt.date: "a date",
    dt.time: "a time",
}
_METADATA_KINDS = {"text": "text in double quotes", "names": "a list of names", "date": "a date"}


def _metadata_value(report: Report, key: str, value: object) -> Any:
    """A value of corpus.toml as CorpusMeta holds it; None after reporting an unknown key or a
    value of the wrong type (a number is not silently turned into text)."""
    declared = _METADATA.get(key)
    if declared is None:
        report.add(key, "unknown key", "expected only: " + ", ".join(sorted(_METADATA)))
        return None
    if declared.kind == "names" and isinstance(value, list):
        if all(isinstance(name, str) for name in value):
            return _metadata_text(report, key, tuple(value))
    elif declared.kind == "date" and (
        isinstance(value, str)
        or (isinstance(value, dt.date) and not isinstance(value, dt.datetime))
    ):
        try:
            return parse_partial_date(value if isinstance(value, str) else value.isoformat())
        except ValueError as error:
            report.add(key, f"invalid date: {error}", _toml_example(key))
            return None
    elif declared.kind == "text" and isinstance(value, str):
        return _metadata_text(report, key, value)
    found = _toml_type(value)
    if isinstance(value, list):
        strangers = [item for item in value if not isinstance(item, str)]
        found = f"a list holding {_toml_type(strangers[0])}" if strangers else found
    report.add(key, f"must be {_METADATA_KINDS[declared.kind]}, not {found}", _toml_example(key))
    return None


def _toml_type(value: object) -> str:
    return next((words for kind, words in _TOML_TYPES.items() if isinstance(value, kind)), "text")


def _metadata_text(report: Report, key: str, value: str | tuple[str, ...]) -> Any:
    """Text of corpus.toml without the control characters TOML lets an escape write."""
    if any(_CONTROL.search(text) for text in ((value,) if isinstance(value, str) else value)):
        report.add(
            key,
            "holds an invisible control character (a \\u escape)",
            "remove the escape; write the text as it should read",
        )
        return None
    return value


def _check_keys(
    report: Report, table: dict[str, Any], declared: tuple[MetadataKey, ...], prefix: str = ""
) -> None:
    """Only the declared keys, each required one filled in; `prefix` names the table."""
    names = [key.name for key in declared]
    for name in table:
        if name not in names:
            report.add(prefix + name, "unknown key", "expected only: " + ", ".join(sorted(names)))
    for key in declared:
        if key.required and not str(table.get(key.name, "")).strip():
            report.add(
                prefix + key.name, "missing required key", f"e.g. {key.name} = {key.example}"
            )


_METADATA = {key.name: key for key in METADATA_KEYS}


def _toml_example(key: str) -> str:
    return f"e.g. {key} = {_METADATA[key].example}"


# -- texts and anchors ---------------------------------------------------------------------------


def _locate_spans(
    checker: _Checker, rows: list[Row], texts: dict[str, str]
) -> dict[str, list[ExcludedSpan]]:
    spans: dict[str, list[ExcludedSpan]] = defaultdict(list)
    for row in rows:
        document_id = row.cells["document_id"]
        if document_id not in texts:
            continue
        report = checker.at(EXCLUDED_SPANS.file, row.number)
        span = _locate_span(report, row, texts[document_id])
        if span is not None:
            spans[document_id].append(span)
    return spans


def _line(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def _locate_span(report: Report, row: Row, text: str) -> ExcludedSpan | None:
    """The span from its opening words (the occurrence the row names, else the first) to the
    first occurrence of its closing words that begins at or after them. Both match whole words,
    folded as quotes are (so across line breaks); several spans may overlap."""
    folded = anchor.normalise(text)
    starts = anchor.find_all(folded, row.cells["starts_with"], whole_words=True)
    if not starts:
        report.add(
            "starts_with",
            "opening words not found in the text",
            _closest_hint(folded, row.cells["starts_with"], text, "copy the first words"),
        )
        return None
    lines = ", ".join(str(_line(text, begin)) for begin, _ in starts[:_LINES_NAMED])
    lines += ", …" if len(starts) > _LINES_NAMED else ""
    occurrence = int(row.cells["occurrence"] or 0)
    if occurrence > len(starts):
        report.add(
            "occurrence",
            f"the opening words occur only {len(starts)} time(s) (line(s) {lines})",
            f"give a number from 1 to {len(starts)}",
        )
        return None
    if len(starts) > 1 and not occurrence:
        report.add(
            "starts_with",
            f"the opening words occur {len(starts)} times (lines {lines}); "
            "the span starts at the first",
            "give the occurrence column the number of the one you mean (1 for the first), "
            "or lengthen the opening words",
            severity="warning",
        )
    start = starts[max(occurrence, 1) - 1][0]
    ends = [
        end
        for begin, end in anchor.find_all(folded, row.cells["ends_with"], whole_words=True)
        if begin >= start
    ]
    if not ends:
        report.add(
            "ends_with",
            f"closing words not found after the opening words (line {_line(text, start)})",
            _closest_hint(folded, row.cells["ends_with"], text, "copy the last words", start),
        )
        return None
    kind = cast(SpanKind, row.cells["kind"])  # a valid row's kind is one of the choices
    return ExcludedSpan(kind, start, ends[0], row.cells["note"], row.number)


def _closest_hint(
    folded: anchor.Normalised, needle: str, text: str, advice: str, after: int = 0
) -> str:
    """Where the text comes closest to words that are not in it, the words that differ marked:
    "closest passage, 97% similar: 'Xi was the [first] Chinese leader…' (the quote has 'frist'
    where the text has 'first')"."""
    suggestion = anchor.closest_passage(folded, needle, text, after)
    if suggestion is None or suggestion.score < _LEAST_SIMILAR:
        return f"{advice} exactly from the text; no passage of it is much like them"
    words = anchor.fold(suggestion.passage).split(" ")
    changes = anchor.differences(anchor.probe(needle), suggestion.passage)
    for _, _, first, last in changes:
        if first < last:
            words[first] = "[" + words[first]
            words[last - 1] += "]"
    focus = changes[0][2] if changes else 0
    begin = max(0, focus - _WORDS_BEFORE_CHANGE)
    shown = words[begin : begin + _WORDS_SHOWN]
    passage = ("…" if begin else "") + " ".join(shown)
    passage += "…" if begin + _WORDS_SHOWN < len(words) else ""
    said = [_change(ours, theirs) for ours, theirs, _, _ in changes[:_CHANGES_NAMED]]
    more = len(changes) - _CHANGES_NAMED
    said += [f"{more} more difference(s)"] if more > 0 else []
    return f"closest passage, {suggestion.score:.0f}% similar: {passage!r}" + (
        f" ({'; '.join(said)})" if said else ""
    )


def _change(ours: str, theirs: str) -> str:
    ours, theirs = _few_words(ours), _few_words(theirs)
    if ours and theirs:
        return f"the quote has {ours!r} where the text has {theirs!r}"
    if ours:
        return f"the text lacks {ours!r}"
    return f"the quote leaves out {theirs!r}"


def _few_words(text: str, count: int = 6) -> str:
    words = text.split(" ")
    return " ".join(words[:count]) + (" …" if len(words) > count else "")


def _anchor_quote(
    checker: _Checker,
    row: Row,
    document: Document,
    others: dict[str, Document],
    file: str = QUOTES.file,
) -> anchor.Anchor | None:
    report = checker.at(file, row.number)
    quote = row.cells["quote"]
    folded = document.folded
    found = anchor.find_all(folded, quote)
    if found:
        excluded = [(span.start, span.end) for span in document.excluded]
        in_body = [span for span in found if not anchor.overlaps(span, excluded)]
        if in_body:
            chosen = _pick_occurrence(report, row, folded, in_body, document.id)
            return None if chosen is None else anchor.make_anchor(document.text, *chosen)
        spans = dict.fromkeys(span for place in found for span in _excluded_by(document, place))
        named = "; ".join(f"{EXCLUDED_SPANS.file} row {span.row} ({span.label})" for span in spans)
        report.add(
            "quote",
            f"quote lies in text that is not the author's: {named}",
            "quote the author's own words",
        )
        return None
    if checker.searches >= SEARCHES:
        report.add("quote", f"quote not found verbatim in {document.id}", _NOT_SEARCHED)
        return None
    checker.searches += 1
    elsewhere = [
        other.id
        for other in others.values()
        if other.id != document.id
        and any(not _excluded_by(other, span) for span in anchor.find_all(other.folded, quote))
    ]
    if elsewhere:
        report.add(
            "quote",
            f"quote not found in {document.id}, but it occurs verbatim in {', '.join(elsewhere)}",
            f"set document_id to {elsewhere[0]}" if len(elsewhere) == 1 else "set document_id",
        )
        return None
    hint = _closest_hint(folded, quote, document.text, "copy the words")
    report.add("quote", f"quote not found verbatim in {document.id}", hint)
    return None


def _excluded_by(document: Document, span: tuple[int, int]) -> list[ExcludedSpan]:
    """The excluded spans of the document that a quote's span overlaps."""
    return [s for s in document.excluded if anchor.overlaps(span, [(s.start, s.end)])]


def _pick_occurrence(
    report: Report,
    row: Row,
    folded: anchor.Normalised,
    spans: list[tuple[int, int]],
    document_id: str,
) -> tuple[int, int] | None:
    """The one occurrence a quote means; its optional prefix and suffix choose among several."""
    context = {"prefix": (anchor.follows, 0, "before"), "suffix": (anchor.precedes, 1, "after")}
    for column, (fits, side, where) in context.items():
        words = row.cells.get(column, "")  # only quotes.csv has these columns
        if not words:
            continue
        narrowed = [span for span in spans if fits(folded, span, words)]
        if not narrowed:
            actual = " / ".join(repr(anchor.words_around(folded, s)[side]) for s in spans[:3])
            report.add(
                column,
                f"{column} {words!r} is not found just {where} the quote",
                f"the words just {where} it read {actual}",
            )
            return None
        spans = narrowed
    if len(spans) > 1:
        before = " / ".join(repr(anchor.words_around(folded, s)[0]) for s in spans[:3])
        narrowed_by = (
            " with this prefix and suffix"
            if row.cells.get("prefix") or row.cells.get("suffix")
            else ""
        )
        report.add(
            "quote",
            f"quote occurs {len(spans)} times in {document_id}{narrowed_by}",
            "lengthen the quote, or give the words just before it in the prefix column "
            f"(they read {before}) or just after it in the suffix column",
        )
        return None
    return spans[0]


def _build_documents(
    checker: _Checker, rows: list[Row], span_rows: list[Row]
) -> dict[str, Document]:
    """Every document whose text could be read, with its excluded spans located."""
    texts = {}
    for row in rows:
        text = checker.read_text(row.cells["text_file"])
        if text is not None:
            texts[row.cells["id"]] = text
    spans = _locate_spans(checker, span_rows, texts)
    return {
        row.cells["id"]: Document(
            **_values(DOCUMENTS, row),
            text=texts[row.cells["id"]],
            excluded=tuple(sorted(spans.get(row.cells["id"], []), key=lambda span: span.start)),
        )
        for row in rows
        if row.cells["id"] in texts
    }


def _anchor_quotes(
    checker: _Checker, rows: list[Row], documents: dict[str, Document]
) -> dict[tuple[str, str], list[Quote]]:
    """The evidence anchored in its document's body, by (theme id, document id)."""
    quotes: dict[tuple[str, str], list[Quote]] = defaultdict(list)
    for row in rows:
        document = documents.get(row.cells["document_id"])
        found = None if document is None else _anchored(checker, row, document, documents)
        if found is not None:
            quotes[_pair(row)].append(Quote(*_pair(row), row.cells["quote"], found))
    return quotes


# -- lexicon -------------------------------------------------------------------------------------


def _lexicon_terms(checker: _Checker, rows: list[Row]) -> tuple[LexiconTerm, ...]:
    """The lexicon's terms; a term with no word in it, or one another term already finds, is a
    problem (a term finds its case and inflection variants: see perspectives/lexicon.py)."""
    terms = []
    for row in rows:
        cells = row.cells
        match = cast(LexiconMatch, cells["match"] or "words")  # a valid row's is a choice
        term = LexiconTerm(cells["theme_id"], cells["term"], match, cells["note"])
        if not lexicon.term_words(term.term):
            checker.at(LEXICON.file, row.number).add(
                "term", "term has no letter or digit", "write a word"
            )
        else:
            terms.append((row, term))
    covering = lexicon.coverers([term for _, term in terms])
    for index, (row, term) in enumerate(terms):
        for other_index in covering[index]:
            other_row, other = terms[other_index]
            if other_index < index or not lexicon.covers(term, other):
                checker.at(LEXICON.file, row.number).add(
                    "term",
                    f"duplicate term {term.term!r} for theme {term.theme_id!r}: "
                    f"{other.term!r} at row {other_row.number} already finds it",
                    "remove one of the two rows",
                )
                break
    return tuple(term for _, term in terms)


def _lexicon_reviews(
    checker: _Checker, rows: list[Row], documents: dict[str, Document]
) -> tuple[Judgment, ...]:
    """Reviewers' verdicts on lexicon tags. A review's opening words must start exactly one
    sentence of its document's author body, and no other review may name that sentence for the
    same theme."""
    openings: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        if row.cells["document_id"] in documents:
            openings[row.cells["document_id"]].add(anchor.fold(row.cells["opening"]))
    indexes = {key: _SentenceIndex(documents[key], words) for key, words in openings.items()}
    named: dict[tuple[str, str, int], int] = {}
    reviews = []
    for row in rows:
        cells = row.cells
        document = documents.get(cells["document_id"])
        if document is None:
            continue
        report = checker.at(LEXICON_REVIEWS.file, row.number)
        sentence = _reviewed_sentence(report, cells["opening"], document.id, indexes[document.id])
        if sentence is None:
            continue
        key = (document.id, cells["theme_id"], sentence.start)
        if key in named:
            report.add(
                "opening",
                f"row {named[key]} already reviews this sentence for theme {cells['theme_id']!r}",
                "keep one verdict per sentence and theme",
            )
            continue
        named[key] = row.number
        accepted = cells["verdict"] == "accept"
        reviews.append(
            Judgment(document.id, cells["theme_id"], cells["opening"], accepted, cells["reason"])
        )
    return tuple(reviews)


class _SentenceIndex:
    """The sentences of a document that the reviews' openings may start, folded (cut from the
    document's folded text, not folded again) and sorted to find those that open with given
    words by bisection. Only those sentences are split out (see `SentenceLookup.opening`): a
    20 MB text has some 120,000 sentences, and splitting them all for 60 reviews took seconds."""

    def __init__(self, document: Document, openings: Collection[str]):
        self.document = document
        self.sentences = SentenceLookup(document)
        self._sorted = sorted(
            (self._folded(sentence), sentence.start, sentence)  # no two start at once
            for sentence in self.sentences.opening(openings)
        )

    def opening_with(self, words: str) -> list[Sentence]:
        """The sentences that open with these words (folded, and among the openings given or
        longer than one), in text order."""
        if not words:
            return []
        found = []
        at = bisect.bisect_left(self._sorted, (words,))
        while at < len(self._sorted) and self._sorted[at][0].startswith(words):
            found.append(self._sorted[at])
            at += 1
        return [sentence for _, _, sentence in sorted(found, key=lambda entry: entry[1])]

    def holding(self, words: str) -> Sentence | None:
        """The first sentence these words (folded) lie inside, if any: each place they occur is
        looked up, past those that cannot lie inside one."""
        folded = self.document.folded
        at = folded.text.find(words) if words else -1
        while at != -1:
            sentence = self.sentences.after(folded.to_original(at))
            if sentence is None:
                return None
            start, end = folded.to_folded(sentence.start), folded.to_folded(sentence.end)
            if start <= at and at + len(words) <= end:
                return sentence
            # Before the sentence, or inside it but running past its end, as would any later
            # place inside it.
            at = folded.text.find(words, max(at + 1, start if at < start else end))
        return None

    def _folded(self, sentence: Sentence) -> str:
        whole = self.document.folded
        return whole.text[whole.to_folded(sentence.start) : whole.to_folded(sentence.end)]


def _reviewed_sentence(
    report: Report, opening: str, document_id: str, sentences: _SentenceIndex
) -> Sentence | None:
    """The one sentence that starts with the review's opening words."""
    folded = anchor.fold(opening)
    starting = sentences.opening_with(folded)
    if len(starting) == 1:
        return starting[0]
    if starting:
        report.add(
            "opening",
            f"{len(starting)} sentences of {document_id} start with these words",
            "add words until only one sentence starts with them",
        )
        return None
    inside = sentences.holding(folded)
    hint = (
        f"they lie inside the sentence that begins {' '.join(inside.plain().split()[:6])!r}"
        if inside is not None
        else "copy the first words of the tagged sentence exactly"
    )
    report.add("opening", f"no sentence of {document_id} starts with these words", hint)
    return None


# -- rules across tables -------------------------------------------------------------------------

PositionRows = dict[tuple[str, str], Row]


def _check_coverage(checker: _Checker, tables: dict[str, list[Row]]) -> None:
    """Cross-table rules: a position for every theme × document, quotes that fit coverage, and a
    comparison per theme whose agreement fits the coverage. Rows with a bad cell take part:
    counting them keeps one typo from cascading."""
    positions = {
        (row.cells["theme_id"], row.cells["document_id"]): row for row in tables[POSITIONS.file]
    }
    themes, documents = (
        {row.cells["id"] for row in tables[f]} for f in (THEMES.file, DOCUMENTS.file)
    )
    quotes = [  # a quote of an unknown theme or document is reported as such, and only so
        row
        for row in tables[QUOTES.file]
        if row.cells["theme_id"] in themes and row.cells["document_id"] in documents
    ]
    quoted = _check_quotes_fit_positions(checker, quotes, positions)
    _warn_uncurated(checker, tables[THEMES.file], tables[DOCUMENTS.file], positions)
    for row in tables[POSITIONS.file]:
        key = (row.cells["theme_id"], row.cells["document_id"])
        if row.cells["coverage"] in ("explicit", "implicit") and key not in quoted:
            checker.at(POSITIONS.file, row.number).add(
                "coverage",
                f"{row.cells['coverage']} position has no evidence quote",
                "add quotes to quotes.csv, or set coverage to 'absent'",
            )
    _check_comparisons(checker, tables[THEMES.file], tables[COMPARISONS.file], positions)


def _check_quotes_fit_positions(
    checker: _Checker, quotes: list[Row], positions: PositionRows
) -> set[tuple[str, str]]:
    """Each quote needs a position that addresses the theme; returns the pairs quoted."""
    quoted = set()
    for row in quotes:
        key = (row.cells["theme_id"], row.cells["document_id"])
        position = positions.get(key)
        if position is None:
            checker.at(QUOTES.file, row.number).add(
                "document_id",
                f"no position for theme {key[0]!r} and document {key[1]!r}",
                "add that row to positions.csv first",
            )
        elif position.cells["coverage"] == "absent":
            checker.at(QUOTES.file, row.number).add(
                "quote",
                "the position is 'absent' but has a quote",
                "set coverage to explicit or implicit in positions.csv, or remove the quote",
            )
        quoted.add(key)
    return quoted


def _warn_uncurated(
    checker: _Checker, themes: list[Row], documents: list[Row], positions: PositionRows
) -> None:
    """A pair without a row is shown as "not curated": fine for a large corpus curated in
    stages, but worth one warning, since in a small one it is usually a forgotten row."""
    uncurated = [
        (theme.cells["id"], document.cells["id"])
        for theme in themes
        for document in documents
        if (theme.cells["id"], document.cells["id"]) not in positions
    ]
    if uncurated:
        examples = ", ".join(f"{theme} × {document}" for theme, document in uncurated[:3])
        checker.at(POSITIONS.file).add(
            None,
            f"{len(uncurated)} theme × document pair(s) have no position (e.g. {examples}); "
            "they are shown as not curated",
            "add a row for each; use coverage 'absent' if the author does not address the theme",
            severity="warning",
        )


def _check_comparisons(
    checker: _Checker, themes: list[Row], comparisons: list[Row], positions: PositionRows
) -> None:
    """One comparison per theme; 'one-sided' exactly when some, not all, positions are absent."""
    compared = {row.cells["theme_id"]: row for row in comparisons}
    by_theme: dict[str, list[str]] = defaultdict(list)
    for (theme_id, _), position in positions.items():
        by_theme[theme_id].append(position.cells["coverage"])
    for theme in themes:
        theme_id = theme.cells["id"]
        row = compared.get(theme_id)
        if row is None:
            checker.at(COMPARISONS.file).add(
                None, f"no comparison for theme {theme_id!r}", "add a row for it"
            )
            continue
        agreement = row.cells["agreement"]
        coverages = by_theme.get(theme_id, [])
        addressed = sum(coverage != "absent" for coverage in coverages)
        one_sided = 0 < addressed < len(coverages)
        if agreement not in AGREEMENT or one_sided == (agreement == "one-sided"):
            continue
        report = checker.at(COMPARISONS.file, row.number)
        if one_sided:
            report.add(
                "agreement",
                f"{agreement!r}, but not every document addresses the theme",
                "use 'one-sided'",
            )
        else:
            report.add(
                "agreement",
                "'one-sided', but every document addresses the theme",
                "use agree, partly or diverge",
            )


def _build_events(
    checker: _Checker, rows: list[Row], quote_rows: list[Row], documents: dict[str, Document]
) -> tuple[Event, ...]:
    """Events in file order, each with its anchored quotes; one no text quotes needs a source."""
    quotes: dict[str, list[EventQuote]] = defaultdict(list)
    for row in quote_rows:
        document = documents.get(row.cells["document_id"])
        if document is None:
            continue
        found = _anchored(checker, row, document, documents, EVENT_QUOTES.file)
        if found is not None:
            quotes[row.cells["event_id"]].append(EventQuote(document.id, row.cells["quote"], found))
    quoted = {row.cells["event_id"] for row in quote_rows}
    for row in rows:
        if row.cells["id"] not in quoted and not row.cells["date_source"]:
            checker.at(EVENTS.file, row.number).add(
                "date_source",
                "no text refers to this event, so nothing in the corpus gives its date",
                "name the public record the date comes from, "
                "or add the authors' words to event_quotes.csv",
            )
    return tuple(
        Event(**_values(EVENTS, row), quotes=tuple(quotes[row.cells["id"]])) for row in rows
    )


# -- scales --------------------------------------------------------------------------------------


def _check_scales(
    checker: _Checker, tables: dict[str, list[Row]], valid: dict[str, list[Row]]
) -> None:
    """Scale rules: five points per scaled theme; a point and a confidence for each position that
    addresses a scaled theme, and none otherwise; a warning when the curated agreement contradicts
    the spread of the points."""
    themes = {row.cells["id"] for row in tables[THEMES.file]}
    scaled = {row.cells["theme_id"] for row in tables[SCALES.file]}
    _check_scale_points(checker, tables[SCALES.file], valid[SCALES.file], scaled & themes)
    fitting = set()  # what decides whether a row's cells fit: its theme, coverage, what is given
    for row in tables[POSITIONS.file]:
        cells = row.cells
        shape = (
            cells["theme_id"],
            cells["coverage"],
            bool(cells["scale_value"]),
            bool(cells["confidence"]),
        )
        if shape not in fitting and _check_scale_cells(
            checker.at(POSITIONS.file, row.number), row, themes, scaled
        ):
            fitting.add(shape)
    _warn_agreement_spread(checker, tables[POSITIONS.file], valid, scaled)


def _check_scale_points(
    checker: _Checker, rows: list[Row], valid: list[Row], theme_ids: set[str]
) -> None:
    """Each scaled theme has every point of the scale; a bad or repeated point is reported
    where it is, not again here."""
    good = {row.number for row in valid}
    for theme_id in sorted(theme_ids):
        points = [row for row in rows if row.cells["theme_id"] == theme_id]
        if any(row.number not in good for row in points):
            continue
        missing = sorted(set(SCALE_POINTS) - {int(row.cells["value"]) for row in points})
        if missing:
            checker.at(SCALES.file).add(
                "value",
                f"the scale of theme {theme_id!r} lacks point(s) {', '.join(map(str, missing))}",
                f"give the theme every point from {SCALE_POINTS[0]} to {SCALE_POINTS[-1]}, once",
            )


_SCALE_CELL_HINTS = {
    "scale_value": f"a whole number from {SCALE_POINTS[0]} to {SCALE_POINTS[-1]}",
    "confidence": "one of: " + ", ".join(CONFIDENCE),
}


def _check_scale_cells(
    report: Report, row: Row, themes: set[str], scaled: set[str], subject: str = "position"
) -> bool:
    """Report a scale point or confidence that does not fit; True when both fit."""
    fits = True
    for column in ("scale_value", "confidence"):
        finding = _scale_cell_finding(row, column, themes, scaled, subject)
        if finding is not None:
            report.add(column, *finding)
            fits = False
    return fits


def _scale_cell_finding(
    row: Row, column: str, themes: set[str], scaled: set[str], subject: str = "position"
) -> Finding | None:
    """A scale point or confidence where there should be none, or none where there should, in a
    row of positions.csv or of a reading (`subject`)."""
    theme_id, coverage = row.cells["theme_id"], row.cells["coverage"]
    name = column.replace("_", " ")
    given = bool(row.cells[column])
    if coverage == "absent" and given:
        return (
            f"the {subject} is 'absent' but has a {name}",
            f"leave {column} empty when the author does not address the theme",
        )
    if coverage in ("explicit", "implicit") and theme_id in scaled and not given:
        return f"missing {name} (the theme has a scale)", _SCALE_CELL_HINTS[column]
    if given and coverage != "absent" and theme_id in themes - scaled:
        return (
            f"{name} given, but theme {theme_id!r} has no scale",
            f"declare its five points in {SCALES.file}, or leave {column} empty",
        )
    return None


def _warn_agreement_spread(
    checker: _Checker, positions: list[Row], valid: dict[str, list[Row]], scaled: set[str]
) -> None:
    """Warn where the agreement contradicts the spread of the points: 'agree' allows at most
    AGREE_MAX_SPREAD apart, 'diverge' needs at least DIVERGE_MIN_SPREAD, 'partly' allows any."""
    good = {row.number for row in valid[POSITIONS.file]}
    by_theme: dict[str, list[Row]] = defaultdict(list)
    for row in positions:
        by_theme[row.cells["theme_id"]].append(row)
    for comparison in valid[COMPARISONS.file]:
        theme_id = comparison.cells["theme_id"]
        rows = by_theme.get(theme_id, [])
        if theme_id not in scaled or any(row.number not in good for row in rows):
            continue
        values = [int(row.cells["scale_value"]) for row in rows if row.cells["scale_value"]]
        if len(values) < 2:
            continue
        finding = _spread_finding(comparison.cells["agreement"], max(values) - min(values))
        if finding is not None:
            checker.at(COMPARISONS.file, comparison.number).add(
                "agreement", *finding, severity="warning"
            )


def _spread_finding(agreement: str, spread: int) -> Finding | None:
    if agreement == "agree" and spread > AGREE_MAX_SPREAD:
        return (
            f"'agree', but the scale points are {spread} apart",
            f"'agree' allows at most {AGREE_MAX_SPREAD}; check the points or the label",
        )
    if agreement == "diverge" and spread < DIVERGE_MIN_SPREAD:
        return (
            f"'diverge', but the scale points are only {spread} apart",
            f"'diverge' needs at least {DIVERGE_MIN_SPREAD}; check the points or the label",
        )
    return None


def _scales(rows: list[Row]) -> dict[str, tuple[ScalePoint, ...]]:
    """Each scaled theme's points, lowest first."""
    points: dict[str, list[ScalePoint]] = defaultdict(list)
    for row in rows:
        points[row.cells["theme_id"]].append(
            ScalePoint(int(row.cells["value"]), row.cells["label"])
        )
    return {
        theme_id: tuple(sorted(p, key=lambda point: point.value)) for theme_id, p in points.items()
    }


# -- independent readings ------------------------------------------------------------------------


def _load_readers(checker: _Checker, data: dict[str, Any]) -> dict[str, Reader | None]:
    """Every reader id corpus.toml declares (a `[readers.<reader-id>]` table each), with the
    reader, or None after reporting what is wrong with the declaration."""
    report = checker.at(METADATA_FILE)
    declared = data.get(READERS_TABLE, {})
    example = f"[{READERS_TABLE}.reader-b] on a line of its own, then name = … and method = …"
    if not isinstance(declared, dict):
        report.add(READERS_TABLE, "must be a table of readers", f"write {example}")
        return {}
    readers: dict[str, Reader | None] = {}
    for reader_id, keys in declared.items():
        where = f"{READERS_TABLE}.{reader_id}"
        readers[reader_id] = None
        if not _ID.match(reader_id):
            report.add(
                where,
                f"invalid reader id {reader_id!r}",
                "use lowercase letters, digits and single hyphens, e.g. "
                f"[{READERS_TABLE}.reader-b]; the id also names the file "
                + reading_file("reader-b"),
            )
        elif not isinstance(keys, dict):
            report.add(where, "must be a table", f"write {example}")
        else:
            before = len(checker.problems)
            _check_keys(report, keys, READER_KEYS, prefix=where + ".")
            if len(checker.problems) == before:
                readers[reader_id] = Reader(reader_id, str(keys["name"]), str(keys["method"]))
    return readers


def _load_readings(
    checker: _Checker, readers: dict[str, Reader | None], tables: dict[str, list[Row]]
) -> list[Reading]:
    """Each declared reader's reading, checked cell by cell and against the scales as
    positions.csv is; a reading file needs a declared reader and a reader a file."""
    _check_reading_files(checker, readers)
    scope = _scope(checker, tables)
    themes = {row.cells["id"] for row in tables[THEMES.file]}
    scaled = {row.cells["theme_id"] for row in tables[SCALES.file]}
    readings = []
    for reader_id in filter(_ID.match, readers):
        resource = replace(READINGS, file=reading_file(reader_id))
        if not (checker.root / resource.file).is_file():
            checker.at(METADATA_FILE).add(
                f"{READERS_TABLE}.{reader_id}",
                f"reader {reader_id!r} has no reading",
                f"put it in {resource.file}, or remove [{READERS_TABLE}.{reader_id}]",
            )
            continue
        rows = checker.read_table(resource) or []
        good = {row.number for row in checker.check_cells(resource, rows, scope)}
        for row in rows:
            report = checker.at(resource.file, row.number)
            fits = _check_scale_cells(report, row, themes, scaled, "reading")
            if fits and row.number in good:
                readings.append(Reading(reader_id=reader_id, **_values(READINGS, row)))
    return readings


def _check_reading_files(checker: _Checker, readers: dict[str, Reader | None]) -> None:
    """Every file in readings/ is the reading of a declared reader (hidden files, such as a
    spreadsheet's lock file, are left alone)."""
    folder = checker.root / READINGS_FOLDER
    if not folder.is_dir():
        return
    for path in sorted(folder.iterdir()):
        relative = f"{READINGS_FOLDER}/{path.name}"
        if path.name.startswith("."):
            continue
        if path.suffix != ".csv" or not path.is_file():
            checker.at(relative).add(
                None,
                "not a reading",
                f"{READINGS_FOLDER}/ holds only <reader-id>.csv files; move it elsewhere",
            )
        elif path.stem not in readers:
            checker.at(relative).add(
                None,
                f"reader {path.stem!r} is not declared in {METADATA_FILE}",
                f"add a [{READERS_TABLE}.{path.stem}] table with name and method, "
                "or name the file after a declared reader",
            )


# -- work kept from earlier loads ----------------------------------------------------------------

#: What stages of a load computed, by what they computed it from (a table's text, the text of
#: every table…), with the problems they reported: a load after a change redoes only the work
#: that depends on the files that changed. Kept by content, never by folder, so checking a
#: change in a scratch folder leaves the work done for loading the corpus once it is written.
_KEPT = memo.ContentCache(max_size=1 << 27, max_entries=1024)
#: The anchors found in each document, by its text and excluded spans: (quote, prefix, suffix)
#: → anchor. A quote not found is looked for again: what is said of it depends on other rows.
_ANCHORED = memo.ContentCache(max_size=1 << 27, max_entries=4096)


def forget() -> None:
    """Drop the work kept from earlier loads: the next load reads and checks everything afresh."""
    _KEPT.clear()
    _ANCHORED.clear()


def _reused(
    checker: _Checker,
    slot: str | tuple[str, str],
    key: object,
    compute: Callable[[], T],
    clean: bool = False,
) -> T:
    """compute(), or what it returned when last computed from `key` in `slot`, its problems
    reported again in their place. compute may report problems and nothing else, and depend on
    nothing but what `key` stands for: not on the folder, nor on the checker's other state.
    With `clean`, a result is kept only when compute reported nothing (for a stage whose
    findings may depend on what was reported before it)."""
    found = _KEPT.find((slot, key))
    if found is not None:
        result, reported = cast(tuple[T, tuple[Problem, ...]], found)
        checker.problems.extend(reported)
        return result
    before = len(checker.problems)
    result = compute()
    reported = tuple(checker.problems[before:])
    if not (clean and reported):
        _KEPT.keep((slot, key), (result, reported))
    return result


def _anchored(
    checker: _Checker,
    row: Row,
    document: Document,
    others: dict[str, Document],
    file: str = QUOTES.file,
) -> anchor.Anchor | None:
    """The quote's anchor (see _anchor_quote), or the one found before for the same words in
    the same text with the same excluded spans."""
    kept = checker.anchored.get(document.id)
    if kept is None:
        version = (document.text, tuple((span.start, span.end) for span in document.excluded))
        kept = checker.anchored[document.id] = _ANCHORED.get((document.id, version), dict)
    cells = row.cells
    key = (cells["quote"], cells.get("prefix", ""), cells.get("suffix", ""))
    found = kept.get(key)
    if found is None:
        found = _anchor_quote(checker, row, document, others, file)
        if found is not None:
            kept[key] = found
    return found


def _contents(documents: dict[str, Document]) -> tuple[object, ...]:
    """Everything the documents hold, to key work done on them (no document is kept alive)."""
    return tuple(
        (document.source, document.text, document.excluded) for document in documents.values()
    )


# -- the whole folder ----------------------------------------------------------------------------


def _read_tables(checker: _Checker) -> dict[str, list[Row]]:
    """Every table's rows; CorpusError when one cannot be read at all."""
    tables = {resource.file: checker.read_table(resource) for resource in RESOURCES}
    readable = {file: rows for file, rows in tables.items() if rows is not None}
    if len(readable) < len(tables):
        raise CorpusError(checker.problems)
    return readable


def _scope(checker: _Checker, tables: dict[str, list[Row]]) -> Scope:
    known = {
        file: {row.cells["id"] for row in tables[file]}
        for file in (DOCUMENTS.file, THEMES.file, EVENTS.file)
    }
    return Scope(checker.root, known)


def _defined(scope: Scope) -> tuple[tuple[str, frozenset[str]], ...]:
    """The ids each file defines, to key the work that depends on them."""
    return tuple((file, frozenset(ids)) for file, ids in scope.known.items())


def _check_tables(
    checker: _Checker, tables: dict[str, list[Row]]
) -> tuple[dict[str, list[Row]], dict[str, list[Row]]]:
    """Every cell of every table against its field. Returns each table's rows with no problem,
    and every row with its mistyped ids read as the ids they most likely mean (for the checks
    across tables)."""
    for file in (DOCUMENTS.file, THEMES.file):
        if not tables[file]:
            checker.at(file).add(None, "no rows", "add at least one row under the header")
    scope = _scope(checker, tables)
    known = _defined(scope)
    checked = {
        resource.file: _checked(checker, resource, tables[resource.file], scope, known)
        for resource in RESOURCES
    }
    valid = {file: good for file, (good, _) in checked.items()}
    read = {file: rows for file, (_, rows) in checked.items()}
    return valid, read


def _checked(
    checker: _Checker, resource: Resource, rows: list[Row], scope: Scope, known: object
) -> tuple[list[Row], list[Row]]:
    """The table's rows with no problem, and its rows with mistyped ids read as meant; kept by
    the table's text and the ids it may refer to, unless a cell names a file."""
    if any(field.kind == "path" for field in resource.fields):  # checked on the folder as it is
        return checker.check_cells(resource, rows, scope), _likely_ids(resource, rows, scope)
    fine: set[tuple[str, ...]] = _KEPT.get(("fine", resource.file, known), set)

    def check() -> tuple[list[Row], list[Row]]:
        return checker.check_cells(resource, rows, scope, fine), _likely_ids(resource, rows, scope)

    key = (resource, checker.texts[resource.file], known)
    return _reused(checker, ("cells", resource.file), key, check)


def _in_order(ids: list[str]) -> Callable[[str], int]:
    """A sort key that keeps the order of `ids`, the order the curator wrote the rows in."""
    rank = {value: index for index, value in enumerate(ids)}
    return rank.__getitem__


def load(root: str | Path) -> Corpus:
    """Read and check a corpus folder; raise CorpusError listing every problem found."""
    with memo.collector_paused():
        return _load(Path(root))


def _load(root: Path) -> Corpus:
    try:
        files.folder(root)
    except files.Refused as refusal:
        raise CorpusError([Problem(str(root), None, None, refusal.message, refusal.hint)]) from None
    checker = _Checker(root)
    toml = _read_metadata(checker)
    meta = None if toml is None else _load_metadata(checker, toml)
    tables = _read_tables(checker)
    valid, read = _check_tables(checker, tables)
    documents = _build_documents(checker, valid[DOCUMENTS.file], valid[EXCLUDED_SPANS.file])
    # What the work kept from earlier loads is keyed by: the tables' texts, the ids they
    # define, and what the documents hold.
    tables_read = tuple(checker.texts[resource.file] for resource in RESOURCES)
    defined = _defined(_scope(checker, tables))
    contents = _contents(documents)
    _reused(checker, "coverage", tables_read, lambda: _check_coverage(checker, read))
    lexicon_terms = _lexicon_terms(checker, valid[LEXICON.file])
    lexicon_reviews = _reused(
        checker,
        "reviews",
        (checker.texts[LEXICON_REVIEWS.file], defined, contents),
        lambda: _lexicon_reviews(checker, valid[LEXICON_REVIEWS.file], documents),
    )
    _reused(checker, "scales", tables_read, lambda: _check_scales(checker, read, valid))
    quotes = _reused(
        checker,
        "quotes",
        (checker.texts[QUOTES.file], defined, contents),
        lambda: _anchor_quotes(checker, valid[QUOTES.file], documents),
        clean=True,  # what is said of a quote not found depends on the quotes before it
    )
    events = _build_events(checker, valid[EVENTS.file], valid[EVENT_QUOTES.file], documents)
    readers = {} if toml is None else _load_readers(checker, toml)
    readings = [] if toml is None else _load_readings(checker, readers, tables)
    if checker.has_errors or meta is None:
        raise CorpusError(checker.problems)
    theme_rank = _in_order([row.cells["id"] for row in valid[THEMES.file]])
    document_rank = _in_order([row.cells["id"] for row in valid[DOCUMENTS.file]])
    positions = _positions(valid[POSITIONS.file], quotes)
    scales = _scales(valid[SCALES.file])
    return Corpus(
        root=str(root),
        meta=meta,
        documents=tuple(documents.values()),  # in file order, as the valid rows are
        themes=tuple(
            Theme(**_values(THEMES, row), scale=scales.get(row.cells["id"], ()))
            for row in valid[THEMES.file]
        ),
        positions=tuple(
            sorted(positions, key=lambda p: (theme_rank(p.theme_id), document_rank(p.document_id)))
        ),
        comparisons=tuple(
            sorted(
                (Comparison(**_values(COMPARISONS, row)) for row in valid[COMPARISONS.file]),
                key=lambda c: theme_rank(c.theme_id),
            )
        ),
        events=events,
        lexicon=lexicon_terms,
        lexicon_reviews=lexicon_reviews,
        readers=tuple(reader for reader in readers.values() if reader is not None),
        readings=tuple(
            sorted(
                readings,
                key=lambda r: (
                    list(readers).index(r.reader_id),
                    theme_rank(r.theme_id),
                    document_rank(r.document_id),
                ),
            )
        ),
        warnings=tuple(checker.problems),
    )


def _positions(rows: list[Row], quotes: dict[tuple[str, str], list[Quote]]) -> list[Position]:
    """A position for each row: the one the load before made where the row and its quotes are
    the same objects (every row a save did not touch, when work was kept for them)."""
    before: dict[int, tuple[Row, object, Position]] = _KEPT.find("positions") or {}  # type: ignore[assignment]
    made = {}
    for row in rows:
        found = quotes.get(_pair(row), ())
        kept = before.get(id(row))  # the row is alive while kept: its id is its own
        if kept is not None and kept[0] is row and kept[1] is found:
            position = kept[2]
        else:
            position = Position(**_values(POSITIONS, row), quotes=tuple(found))
        made[id(row)] = (row, found, position)
    _KEPT.keep("positions", made)
    return [position for _, _, position in made.values()]


def _pair(row: Row) -> tuple[str, str]:
    return (row.cells["theme_id"], row.cells["document_id"])


def validate(root: str | Path) -> list[Problem]:
    """Every problem in the corpus folder, warnings included; it loads unless one is an error."""
    try:
        corpus = load(root)
    except CorpusError as error:
        return list(error.problems)
    return list(corpus.warnings)
