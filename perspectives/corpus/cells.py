"""Each cell checked against its field's kind, and each table's rows against its key.

The ids each file defines are what a reference may name; a mistyped one is reported where it
is, with the id it most likely means, and read as that id by the checks across tables.
"""

from __future__ import annotations

import dataclasses
import difflib
import operator
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from perspectives import files, language
from perspectives.corpus.checker import Checker, Finding, Report, Row
from perspectives.corpus.kept import KEPT, reused
from perspectives.dates import parse_partial_date
from perspectives.schema import (
    DOCUMENTS,
    EVENTS,
    ID_PATTERN,
    RESOURCES,
    THEMES,
    Field,
    FieldKind,
    Resource,
)

ID = re.compile(ID_PATTERN)
_URL = re.compile(r"^https?://[^\s/$.?#][^\s]*$", re.IGNORECASE)
_WHOLE_NUMBER = re.compile(r"^[+-]?[0-9]+$")  # ASCII digits: not ２０ or ١
#: Control characters other than tab and line breaks: NUL, escape sequences, C1 codes.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")

#: How alike an unknown id and a defined one must be to suggest the latter (difflib's ratio).
_LIKELY_CUTOFF = 0.75


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
            ids = sorted(known for known in self.known.get(file, ()) if ID.match(known))
            close = difflib.get_close_matches(value, ids, n=1, cutoff=_LIKELY_CUTOFF)
            self._likely[file, value] = close[0] if close else None
        return self._likely[file, value]

    def unknown_hint(self, field: Field, value: str, extra: str = "") -> str:
        target = field.references or ""
        likely = self.likely(target, value)
        if likely is not None:
            return f"did you mean {likely!r}? It is defined in {target}"
        return f"define it in {target} or fix the spelling" + extra


def scope_of(checker: Checker, tables: dict[str, list[Row]]) -> Scope:
    """What the cells of these tables may refer to."""
    known = {
        file: {row.cells["id"] for row in tables[file]}
        for file in (DOCUMENTS.file, THEMES.file, EVENTS.file)
    }
    return Scope(checker.root, known)


def defined(scope: Scope) -> tuple[tuple[str, frozenset[str]], ...]:
    """The ids each file defines, to key the work that depends on them."""
    return tuple((file, frozenset(ids)) for file, ids in scope.known.items())


def check_tables(
    checker: Checker, tables: dict[str, list[Row]]
) -> tuple[dict[str, list[Row]], dict[str, list[Row]]]:
    """Every cell of every table against its field. Returns each table's rows with no problem,
    and every row with its mistyped ids read as the ids they most likely mean (for the checks
    across tables)."""
    for file in (DOCUMENTS.file, THEMES.file):
        if not tables[file]:
            checker.at(file).add(None, "no rows", "add at least one row under the header")
    scope = scope_of(checker, tables)
    known = defined(scope)
    checked = {
        resource.file: _checked(checker, resource, tables[resource.file], scope, known)
        for resource in RESOURCES
    }
    valid = {file: good for file, (good, _) in checked.items()}
    read = {file: rows for file, (_, rows) in checked.items()}
    return valid, read


def _checked(
    checker: Checker, resource: Resource, rows: list[Row], scope: Scope, known: object
) -> tuple[list[Row], list[Row]]:
    """The table's rows with no problem, and its rows with mistyped ids read as meant; kept by
    the table's text and the ids it may refer to, unless a cell names a file."""
    if any(field.kind == "path" for field in resource.fields):  # checked on the folder as it is
        return check_cells(checker, resource, rows, scope), _likely_ids(resource, rows, scope)
    fine: set[tuple[str, ...]] = KEPT.get(("fine", resource.file, known), set)

    def check() -> tuple[list[Row], list[Row]]:
        return check_cells(checker, resource, rows, scope, fine), _likely_ids(resource, rows, scope)

    key = (resource, checker.texts[resource.file], known)
    return reused(checker, ("cells", resource.file), key, check)


def check_cells(
    checker: Checker,
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
    wrong = _wrong_values(resource, unchecked, scope)
    duplicates = _duplicates(resource, rows)
    good = []
    for row in rows:
        report = None  # made at the row's first problem
        cells = cells_of.get(row.number, ())
        if fine is None or cells not in fine:
            report = _report_wrong(checker, resource.file, row, wrong)
            if fine is not None and report is None:
                fine.add(cells)
        if row.number in duplicates:
            report = report or checker.at(resource.file, row.number)
            report.add(resource.key[-1], *duplicates[row.number])
        if report is None:
            good.append(row)
    return good


def _report_wrong(
    checker: Checker, file: str, row: Row, wrong: dict[str, dict[str, tuple[Finding, ...]]]
) -> Report | None:
    """Report what is wrong with the row's cells: the row's report, or None when nothing is."""
    report = None  # made at the row's first problem
    for name, findings in wrong.items():
        for message, hint in findings.get(row.cells[name], ()):
            report = report or checker.at(file, row.number)
            report.add(name, message, hint)
    return report


def _duplicates(resource: Resource, rows: list[Row]) -> dict[int, Finding]:
    """Each row whose key an earlier row has, by number, with what to say of it. A key with a
    required part left empty is reported as an empty cell, not a duplicate."""
    seen: dict[tuple[str, ...], int] = {}
    required = [f.name for f in resource.fields if f.required and f.name in resource.key]
    key_of = operator.itemgetter(*resource.key)  # a tuple of two parts or more
    duplicates = {}
    for row in rows:
        key = key_of(row.cells) if len(resource.key) > 1 else (key_of(row.cells),)
        if key in seen and all(map(row.cells.__getitem__, required)):
            duplicates[row.number] = (
                f"duplicate {' × '.join(resource.key)}: {' × '.join(key)}",
                f"already defined at row {seen[key]}; merge or remove one",
            )
        seen.setdefault(key, row.number)
    return duplicates


def _wrong_values(
    resource: Resource, rows: list[Row], scope: Scope
) -> dict[str, dict[str, tuple[Finding, ...]]]:
    """What is wrong with each value of each column, by column: it depends on the value's field
    alone, so each value of a column is checked once (its ids repeat on every row), and rows are
    looked up in what is wrong."""
    wrong: dict[str, dict[str, tuple[Finding, ...]]] = {}
    for field in resource.fields:
        values = {row.cells[field.name] for row in rows}
        findings = {v: found for v in values if (found := cell_findings(field, v, scope))}
        if findings:
            wrong[field.name] = findings
    return wrong


def cell_findings(field: Field, value: str, scope: Scope) -> tuple[Finding, ...]:
    """What is wrong with a cell's value for its field, if anything."""
    if not value:
        return (("empty required cell", f"e.g. {field.example}"),) if field.required else ()
    hidden = None if value.isprintable() else CONTROL.search(value)  # isprintable: fast
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
    if not ID.match(value):
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


def _path_rule(field: Field, value: str, scope: Scope) -> Iterator[Finding]:
    try:
        path = files.relative(value)
    except ValueError:
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


def _language_rule(field: Field, value: str, scope: Scope) -> Iterator[Finding]:
    if not language.well_formed(value):
        yield (
            f"not a language tag: {value!r}",
            f"use a BCP 47 tag such as en, ru, zh-Hans or ar, e.g. {field.example}",
        )


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
    "language": _language_rule,
}


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


#: How a checked cell becomes the value the model holds, by the kind of its field.
_CONVERTERS: dict[FieldKind, Callable[[str], Any]] = {
    "int": lambda value: int(value) if value else None,
    "date": lambda value: parse_partial_date(value) if value else None,
    "refs": lambda value: tuple(dict.fromkeys(value.split())),
}


def arguments(resource: Resource, row: Row) -> dict[str, Any]:
    """A checked row as keyword arguments for the model: one per declared column, converted by
    its kind, so a dataclass whose fields are named after the columns is built in one call."""
    return {
        field.name: _CONVERTERS.get(field.kind, str)(row.cells[field.name])
        for field in resource.fields
    }
