"""What every check of one load shares: where its problems go, and what it has read.

Each problem names its file, row, column and a hint; rows are counted as a spreadsheet counts
them (the header is row 1).
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from perspectives import anchor, files
from perspectives.model import Problem, Severity

#: A problem found in one cell, before it is placed: (message, hint).
Finding = tuple[str, str]


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


class Checker:
    """Collects problems while the tables are read and cross-checked."""

    def __init__(self, root: Path):
        self.root = root
        self.problems: list[Problem] = []
        self.searches = 0
        self.texts: dict[str, str | None] = {}  # each table's text as read (None: left out)
        # Each document's anchors kept from earlier loads (see quotes.anchored), looked up once.
        self.anchored: dict[str, dict[tuple[str, str, str], anchor.Anchor]] = {}

    def at(self, file: str, row: int | None = None) -> Report:
        return Report(self.problems, file, row)

    @property
    def has_errors(self) -> bool:
        return any(problem.severity == "error" for problem in self.problems)

    def read_text(self, relative: str) -> str | None:
        """A file's text, or None after reporting why it is not read (see `files`)."""
        try:
            return files.decode(files.read_bytes(self.root, relative))
        except files.Refused as refusal:
            self.at(relative, refusal.line).add(None, refusal.message, refusal.hint)
            return None
