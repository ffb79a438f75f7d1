"""corpus.toml read and typed: only the declared keys, each holding a value of its kind.

A value of the wrong type is reported, not turned into text: TOML says what a value is, and a
number where text belongs is almost always a missing pair of quotes.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from typing import Any, cast

from perspectives.corpus.cells import CONTROL
from perspectives.corpus.checker import Checker, Report
from perspectives.dates import parse_partial_date
from perspectives.metadata import METADATA_KEYS, MetadataKey, MetadataKind
from perspectives.model import CorpusMeta
from perspectives.schema import METADATA_FILE


def read_metadata(checker: Checker) -> dict[str, Any] | None:
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


def load_metadata(checker: Checker, data: dict[str, Any]) -> CorpusMeta | None:
    report = checker.at(METADATA_FILE)
    table = data.get("corpus")
    if not isinstance(table, dict):
        report.add(None, "missing [corpus] table", "start the file with a line [corpus]")
        return None
    values = read_keys(report, table, METADATA_KEYS)
    return None if values is None else CorpusMeta(**values)


def read_keys(
    report: Report,
    table: dict[str, Any],
    declared: tuple[MetadataKey, ...],
    prefix: str = "",
    hints: dict[str, str] | None = None,
) -> dict[str, Any] | None:
    """A table's values as the model holds them; None after reporting an unknown key, a value of
    the wrong type or a missing required key. `prefix` names the table; `hints` replaces the
    example given for a key where a better hint is known (a value to copy)."""
    keys = {key.name: key for key in declared}
    hint = {name: f"e.g. {name} = {key.example}" for name, key in keys.items()} | (hints or {})
    before = len(report.problems)
    values = {}
    for name, value in table.items():
        if name not in keys:
            report.add(prefix + name, "unknown key", "expected only: " + ", ".join(sorted(keys)))
        else:
            values[name] = _metadata_value(report, keys[name], value, prefix, hint[name])
    for key in declared:
        if key.required and not str(table.get(key.name, "")).strip():
            report.add(prefix + key.name, "missing required key", hint[key.name])
    return None if len(report.problems) > before else values


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


def _metadata_value(
    report: Report, declared: MetadataKey, value: object, prefix: str, hint: str
) -> Any:
    """A declared key's value as the model holds it; None after reporting a value of the wrong
    type (a number is not silently turned into text)."""
    key = prefix + declared.name
    if not _of_kind(declared.kind, value):
        found = _toml_type(value)
        if isinstance(value, list):
            strangers = [item for item in value if not isinstance(item, str)]
            found = f"a list holding {_toml_type(strangers[0])}" if strangers else found
        report.add(key, f"must be {_METADATA_KINDS[declared.kind]}, not {found}", hint)
        return None
    if isinstance(value, list):  # of names
        return _metadata_text(report, key, tuple(value))
    if declared.kind == "date":
        try:
            return parse_partial_date(
                value if isinstance(value, str) else cast(dt.date, value).isoformat()
            )
        except ValueError as error:
            report.add(key, f"invalid date: {error}", hint)
            return None
    return _metadata_text(report, key, cast(str, value))


def _of_kind(kind: MetadataKind, value: object) -> bool:
    """Whether TOML gave a key a value of the kind it holds: a date may also be written as
    text, a partial date such as "2026-11"."""
    if kind == "names":
        return isinstance(value, list) and all(isinstance(name, str) for name in value)
    if kind == "date":
        return isinstance(value, str | dt.date) and not isinstance(value, dt.datetime)
    return isinstance(value, str)


def _toml_type(value: object) -> str:
    return next((words for kind, words in _TOML_TYPES.items() if isinstance(value, kind)), "text")


def _metadata_text(report: Report, key: str, value: str | tuple[str, ...]) -> Any:
    """Text of corpus.toml without the control characters TOML lets an escape write."""
    if any(CONTROL.search(text) for text in ((value,) if isinstance(value, str) else value)):
        report.add(
            key,
            "holds an invisible control character (a \\u escape)",
            "remove the escape; write the text as it should read",
        )
        return None
    return value
