"""The corpus's own details, corpus.toml's `[corpus]` table, set from a form of the Curate page.

The file is rewritten, not written anew: a key given a new value keeps its place, its
indentation, its spelling and the comment after its value; a key newly given is added after the
table's last key, under its description as a comment, as init writes it; an optional key
emptied goes, with that comment. Every other byte stays as it was: comments, blank lines, the
`[readers.*]` tables, line endings and byte-order mark. The rewritten text is read back with
tomllib and refused unless it says exactly what was meant, so a table this cannot rewrite (one
written inline, say) is refused with nothing written.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from collections.abc import Mapping, Sequence
from typing import Any

from perspectives import store, toml_tables
from perspectives.curate import CurationError
from perspectives.curate_readers import encoded_toml, parsed_toml, read_toml
from perspectives.dates import PartialDate
from perspectives.metadata import METADATA_KEYS, MetadataKey, key_comment, toml_value
from perspectives.model import CorpusMeta
from perspectives.schema import METADATA_FILE

TABLE = "corpus"
KEYS: dict[str, MetadataKey] = {key.name: key for key in METADATA_KEYS}
#: A key's value as TOML holds it: a text (a date is written as text), or a list of names.
Value = str | list[str]

_HEADER = toml_tables.header(TABLE)
_ASSIGNED = re.compile(r"[^=\n]*=[ \t]*")  # a key's first line, up to its value


def names(text: str) -> list[str]:
    """Names as typed in a form: one a line, or, on a single line, separated by commas (so a
    name with a comma in it is typed on a line of its own, with a line break after it)."""
    parts = text.split("\n") if "\n" in text else text.split(",")
    return [part.strip() for part in parts if part.strip()]


def names_text(given: Sequence[str]) -> str:
    """Names as a form shows them, which `names` reads back as they are."""
    text = "\n".join(given)
    return text + "\n" if len(given) == 1 and "," in given[0] else text


def form_text(meta: CorpusMeta, key: MetadataKey) -> str:
    """A key's value as the corpus loaded it, as a form shows it."""
    value = getattr(meta, key.name)
    if key.kind == "names":
        return names_text(value)
    if isinstance(value, PartialDate):
        return value.isoformat()
    return str(value or "")


def form_value(key: MetadataKey, text: str) -> Value | None:
    """What a form's text writes for a key: None (the key removed) for an optional key left
    empty. A required key left empty is written empty, and the validator refuses it."""
    value: Value = names(text) if key.kind == "names" else text.strip()
    return value if value or key.required else None


def set_details(toml: bytes | None, fields: Mapping[str, str]) -> store.Change:
    """The change giving corpus.toml (`toml`: its bytes as read) the details typed in a form,
    by key name as `form_text` shows them. Refused when the file cannot be read or rewritten, or
    when nothing changes."""
    text, data = read_toml(toml)
    values = {name: form_value(KEYS[name], typed) for name, typed in fields.items()}
    written = rewritten(text, values)
    before, after = data[TABLE], parsed_toml(written)[TABLE]
    changed = [key.name for key in METADATA_KEYS if before.get(key.name) != after.get(key.name)]
    if not changed:
        raise CurationError("nothing changed: the form holds the details the corpus has")
    return store.Change(
        f"set the corpus's {', '.join(changed)}",
        {METADATA_FILE: encoded_toml(toml, written)},
        {METADATA_FILE: store.digest(toml)},
    )


def rewritten(text: str, values: Mapping[str, Value | None]) -> str:
    """corpus.toml's text with each `[corpus]` key of `values` given its value (None: removed);
    a key that already holds its value is left as it is, and so is every other line."""
    data = parsed_toml(text)
    lines = toml_tables.lines(text)
    try:
        found = toml_tables.find(lines, _HEADER)
    except toml_tables.Unreadable:
        raise _unwritable() from None
    table = data.get(TABLE)
    if found is None or not isinstance(table, dict):
        raise _unwritable()
    statements = found.statements
    placed = {statement.key: statement for statement in statements}
    newline = "\r\n" if lines[0].endswith("\r\n") else "\n"
    expected = dict(table)
    replaced: dict[int, tuple[int, list[str]]] = {}  # first line → (line after, new lines)
    added: list[str] = []
    for name, value in values.items():
        spot = placed.get(name)
        if value is None:
            expected.pop(name, None)
            if spot is not None:
                replaced[_described_from(lines, spot)] = (spot.stop, [])
        elif not _same(table.get(name), value):
            expected[name] = value
            if spot is not None:
                replaced[spot.first] = (spot.stop, [_assigned(lines, spot, value)])
            else:
                added += [key_comment(KEYS[name]), f"{name} = {toml_value(value)}"]
    result = _joined(lines, replaced, found.stop, [line + newline for line in added])
    _check(result, data, expected)
    return result


def _joined(
    lines: list[str], replaced: Mapping[int, tuple[int, list[str]]], at: int, added: list[str]
) -> str:
    """The lines with the ranges `replaced` replaced, and `added` inserted before line `at`."""
    kept: list[str] = []
    index = 0
    while index <= len(lines):
        if index == at and added:
            if kept and not kept[-1].endswith("\n"):
                kept[-1] += added[0][len(added[0].rstrip("\r\n")) :]
            kept += added
        if index == len(lines):
            break
        stop, new = replaced.get(index, (index + 1, [lines[index]]))
        kept += new
        index = stop
    return "".join(kept)


def _check(result: str, data: dict[str, Any], expected: dict[str, Any]) -> None:
    """Refused unless the rewritten text reads as the file did, but for the `[corpus]` table,
    which reads as `expected`."""
    try:
        again = tomllib.loads(result)
    except (tomllib.TOMLDecodeError, RecursionError):
        raise _unwritable() from None
    others = {name: value for name, value in data.items() if name != TABLE}
    if again.get(TABLE) != expected or {n: v for n, v in again.items() if n != TABLE} != others:
        raise _unwritable()


def _unwritable() -> CurationError:
    return CurationError(
        f"{METADATA_FILE} does not hold its [{TABLE}] table in a form this page can rewrite: "
        f"give it a table of its own (a line [{TABLE}], then one key = value a line), by hand"
    )


def _described_from(lines: list[str], statement: toml_tables.Statement) -> int:
    """Where a key's lines begin, counting the description init writes above it."""
    above = statement.first - 1
    described = above >= 0 and lines[above].rstrip("\r\n") == key_comment(KEYS[statement.key])
    return above if described else statement.first


def _assigned(lines: list[str], statement: toml_tables.Statement, value: Value) -> str:
    """A key's lines holding a new value: its first line up to the value, and the comment after
    the value on its last line, kept."""
    body = "".join(lines[statement.first : statement.stop])
    ending = body[len(body.rstrip("\r\n")) :]
    body = body[: len(body) - len(ending)]
    prefix = _ASSIGNED.match(body)
    return (prefix.group() if prefix else "") + toml_value(value) + _comment(body) + ending


def _comment(body: str) -> str:
    """The comment after a key's value, with the space before it ('' when there is none): from
    the first # of the last line before which the lines read as the whole."""
    whole = tomllib.loads(body)
    last = body.rfind("\n") + 1
    for mark in re.finditer("#", body[last:]):
        head = body[: last + mark.start()]
        try:
            if tomllib.loads(head) == whole:
                return body[len(head.rstrip(" \t")) :]
        except tomllib.TOMLDecodeError:
            continue
    return ""


def _same(current: object, value: Value) -> bool:
    """Whether a key already holds this value (a TOML date as the text of that date)."""
    if isinstance(current, dt.date) and not isinstance(current, dt.datetime):
        return current.isoformat() == value
    return current == value
