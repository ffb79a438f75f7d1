"""Where a table of a TOML file lies in its text: the lines of its header and of each key, so
that one table can be rewritten, renamed or removed and every other byte kept as it was.

Values are stepped over whole, so a line inside a multi-line string or array is never taken for
a header, however it reads. Only a table with a header of its own (`[a.b]`, written with bare
keys) is found: a table written inline or with dotted keys is not, and whoever rewrites the file
reads the result back with tomllib to refuse what this cannot see.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass


@dataclass(frozen=True)
class Statement:
    """A key and its value in the file: lines `first` to `stop` (excluded)."""

    key: str
    first: int
    stop: int


@dataclass(frozen=True)
class Table:
    """A table in the file: its header's line and where in that line its last name is, its
    keys, and the line of the next header (or the number of lines, for the file's last table)."""

    header: int
    name: tuple[int, int]
    statements: tuple[Statement, ...]
    end: int

    @property
    def stop(self) -> int:
        """The line after the table's last key (after its header, when it has none)."""
        return self.statements[-1].stop if self.statements else self.header + 1


class Unreadable(ValueError):
    """Lines that do not read as TOML from a key on."""


def header(*names: str) -> re.Pattern[str]:
    """The line of the header `[names[0].names[1]…]`, spaces and a comment allowed; the last
    name is the group `name`, so that it can be renamed in place."""
    dotted = r"[ \t]*\.[ \t]*".join(re.escape(name) for name in names[:-1])
    before = rf"[ \t]*\[[ \t]*{dotted}[ \t]*\.[ \t]*" if dotted else r"[ \t]*\[[ \t]*"
    return re.compile(rf"{before}(?P<name>{re.escape(names[-1])})[ \t]*\][ \t]*(#[^\n]*)?\r?\n?")


def lines(text: str) -> list[str]:
    """The text's lines, each with its line break (only \\n breaks a TOML line)."""
    parts = text.split("\n")
    return [part + "\n" for part in parts[:-1]] + ([parts[-1]] if parts[-1] else [])


def find(lines: list[str], pattern: re.Pattern[str]) -> Table | None:
    """The first table whose header line matches `pattern` in full, with its keys; None when
    no header does. Unreadable when the lines do not read as TOML."""
    start: re.Match[str] | None = None
    at = 0
    statements: list[Statement] = []
    index = 0
    while index < len(lines):
        line = lines[index].lstrip(" \t")
        if line.startswith("["):
            if start is not None:
                return Table(at, start.span("name"), tuple(statements), index)
            start, at = pattern.fullmatch(lines[index]), index
            index += 1
        elif line.strip() and not line.startswith("#"):
            statement = _statement(lines, index)
            if start is not None:
                statements.append(statement)
            index = statement.stop
        else:
            index += 1
    return None if start is None else Table(at, start.span("name"), tuple(statements), len(lines))


def _statement(lines: list[str], first: int) -> Statement:
    """The key-value that starts on line `first`: the fewest lines that read as TOML."""
    for stop in range(first + 1, len(lines) + 1):
        try:
            parsed = tomllib.loads("".join(lines[first:stop]))
        except tomllib.TOMLDecodeError:
            continue
        return Statement(next(iter(parsed), ""), first, stop)
    raise Unreadable(f"line {first + 1} does not read as TOML")
