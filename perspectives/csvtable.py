"""A CSV file read so that it can be written back with only the changed rows different.

Curators keep their corpus under version control and read `git diff`. Each record keeps the
exact text it was read from; only a record whose cells change is formatted again, in the file's
own style: byte-order mark, line ending, and whether every cell is quoted.

The loader reads its tables with `records` here, so a table is split into records one way: a
cell with a line break stays one record, for the loader and for an edit alike.
"""

from __future__ import annotations

import csv
import io
import itertools
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import NamedTuple

_BOM = "\ufeff"
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+")
# str.splitlines also breaks at these, which csv does not: with none, it is the faster split.
_OTHER_BREAKS = "\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"


class Record(NamedTuple):
    """One record: its cells, and the text it was read from (None once its cells change). A
    tuple, not a dataclass: a large table makes tens of thousands of them."""

    cells: tuple[str, ...]
    raw: str | None = None  # without its line ending
    ending: str = ""  # the line ending that followed it in the file; "" for none

    @property
    def blank(self) -> bool:
        return not any(cell.strip() for cell in self.cells)


@dataclass(frozen=True)
class Style:
    """How a file writes what it writes: kept for every record formatted again."""

    bom: bool = False
    newline: str = "\n"
    quote_all: bool = False
    final_newline: bool = True


@dataclass(frozen=True)
class Table:
    head: Record  # the header row
    records: tuple[Record, ...]
    style: Style = Style()

    @property
    def header(self) -> tuple[str, ...]:
        return self.head.cells

    @classmethod
    def parse(cls, data: bytes) -> Table:
        """A table from a file's bytes (UTF-8, with or without a byte-order mark)."""
        text = data.decode("utf-8-sig")
        bom = data.startswith(_BOM.encode())
        split = lines(text)
        records = [
            _record(cells, split[begin] if end == begin + 1 else "".join(split[begin:end]))
            for cells, begin, end in located(split)
        ]
        if not records:
            return cls(Record(()), (), Style(bom=bom))
        head, *rest = records
        return cls(head, tuple(rest), _style(bom, records))

    @classmethod
    def new(cls, columns: Sequence[str], style: Style = Style()) -> Table:
        """An empty table with this header, written in `style`."""
        return cls(Record(tuple(columns)), (), replace(style, final_newline=True))

    def to_bytes(self) -> bytes:
        """The file: records as read where unchanged; a record that lost its place as the last
        one gets the file's line ending, and the last one ends as the file's last one did."""
        records = (self.head, *self.records)
        parts = [_BOM] if self.style.bom else []
        for number, record in enumerate(records, start=1):
            parts.append(record.raw if record.raw is not None else self._format(record.cells))
            if number < len(records) or self.style.final_newline:
                parts.append(record.ending or self.style.newline)
        return "".join(parts).encode("utf-8")

    def _format(self, cells: Sequence[str]) -> str:
        return _format(cells, self.style.quote_all)

    # -- reading rows by column name -------------------------------------------------------------

    def row(self, record: Record) -> dict[str, str]:
        """A record's cells by column, trimmed as the loader trims them; missing cells are ""."""
        padded = list(record.cells) + [""] * (len(self.header) - len(record.cells))
        return {
            name.strip(): value.strip() for name, value in zip(self.header, padded, strict=False)
        }

    def rows(self) -> list[dict[str, str]]:
        return [self.row(record) for record in self.records if not record.blank]

    def find(self, key: Mapping[str, str]) -> list[int]:
        """Indices of the records whose cells, trimmed, equal `key` in every column it names (a
        column the table lacks reads as empty)."""
        names = [name.strip() for name in self.header]
        wanted = [(names.index(n) if n in names else -1, v) for n, v in key.items()]
        found = []
        for index, record in enumerate(self.records):  # a large table: the plainest loop
            cells = record.cells
            for column, value in wanted:
                if (cells[column].strip() if 0 <= column < len(cells) else "") != value:
                    break
            else:
                if not record.blank:
                    found.append(index)
        return found

    # -- changes: each returns a new table --------------------------------------------------------

    def with_columns(self, columns: Iterable[str]) -> Table:
        """The table with these columns added to the header where missing. Rows are left as they
        are: the loader reads a short row as ending in empty cells."""
        names = [name.strip() for name in self.header]
        missing = [column for column in columns if column not in names]
        if not missing:
            return self
        head = Record((*self.header, *missing), ending=self.head.ending)
        return replace(self, head=head)

    def record(self, values: Mapping[str, str]) -> Record:
        """A new record with these values by column, one cell per column of the header (with
        the columns these values fill added); columns not named are empty."""
        table = self.with_columns(name for name, value in values.items() if value)
        names = [name.strip() for name in table.header]
        unknown = set(values) - set(names)
        if any(values[name] for name in unknown):
            raise ValueError(f"unknown column(s): {', '.join(sorted(unknown))}")
        return Record(tuple(values.get(name, "").strip() for name in names))

    def updated(self, index: int, values: Mapping[str, str]) -> Table:
        """Record `index` with these cells changed; the same table if nothing changes."""
        table = self.with_columns(name for name, value in values.items() if value)
        current = table.row(self.records[index])
        if all(current.get(name, "") == value.strip() for name, value in values.items()):
            return self
        merged = {**current, **{name: value.strip() for name, value in values.items()}}
        records = list(table.records)
        records[index] = table.record(merged)._replace(ending=self.records[index].ending)
        return replace(table, records=tuple(records))

    def appended(self, values: Mapping[str, str]) -> Table:
        table = self.with_columns(name for name, value in values.items() if value)
        return replace(table, records=(*table.records, table.record(values)))

    def without(self, indices: Iterable[int]) -> Table:
        dropped = set(indices)
        kept = tuple(r for i, r in enumerate(self.records) if i not in dropped)
        return replace(self, records=kept)

    def with_records(self, records: Sequence[Record]) -> Table:
        return replace(self, records=tuple(records))


#: The most characters a cell may hold: csv's own default, kept here since the csv module's
#: limit is one setting for the whole process, which other libraries change.
CELL_LIMIT = 131_072
TOO_LONG = f"field larger than field limit ({CELL_LIMIT})"


class Unreadable(ValueError):
    """A record that csv cannot read strictly: almost always a quote that opens a cell and is
    never closed. It begins at record `row` (counting the header as 1), on line `first_line`,
    and was read up to line `last_line`."""

    def __init__(self, error: str, row: int, first_line: int, last_line: int):
        super().__init__(error)
        self.error = error
        self.row = row
        self.first_line = first_line
        self.last_line = last_line


def lines(text: str) -> list[str]:
    """The text's lines with their endings, broken where csv breaks them: at \\r\\n, \\r and \\n
    only."""
    other_breaks = any(char in text for char in _OTHER_BREAKS)  # faster than a regex
    return _LINE.findall(text) if other_breaks else text.splitlines(True)


def located(split: list[str], strict: bool = False) -> Iterator[tuple[list[str], int, int]]:
    """Each record of these lines with where it lies: its cells, the index of its first line
    and that of the line after its last. Strict, a record csv cannot read, or one with a cell
    longer than CELL_LIMIT, raises Unreadable."""
    reader = csv.reader(iter(split), strict=strict)
    end = 0
    row = 0
    while True:
        begin, row = end, row + 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            raise Unreadable(str(error), row, begin + 1, reader.line_num) from None
        if strict and _longest(cells) > CELL_LIMIT:
            raise Unreadable(TOO_LONG, row, begin + 1, reader.line_num)
        end = reader.line_num
        yield cells, begin, end


def _longest(cells: Iterable[str]) -> int:
    return max(map(len, cells), default=0)


def records(text: str) -> list[list[str]]:
    """Every record of a CSV text, read strictly: a quote left open would otherwise swallow the
    following cells and rows without a word, and a cell may hold no more than CELL_LIMIT
    characters. Unreadable says where the record that cannot be read begins."""
    split = lines(text)
    try:
        found = list(csv.reader(split, strict=True))  # at C speed
        if _longest(itertools.chain.from_iterable(found)) <= CELL_LIMIT:
            return found
    except csv.Error:
        pass
    return [cells for cells, _, _ in located(split, strict=True)]  # again, to say where


def _record(cells: list[str], raw: str) -> Record:
    terminator = _terminator(raw)
    return Record(tuple(cells), raw[: len(raw) - len(terminator)], terminator)


def _style(bom: bool, records: list[Record]) -> Style:
    """How the file writes its records, read from them (the first is the header)."""
    newline = next((record.ending for record in records if record.ending), "\n")
    filled = [record for record in records if record.cells]
    return Style(
        bom=bom,
        newline=newline,
        quote_all=bool(filled) and all(r.raw == _format(r.cells, True) for r in filled),
        final_newline=bool(records[-1].ending),
    )


def _terminator(raw: str) -> str:
    if raw.endswith("\r\n"):
        return "\r\n"
    return raw[-1] if raw.endswith(("\n", "\r")) else ""


def _format(cells: Sequence[str], quote_all: bool) -> str:
    buffer = io.StringIO()
    if quote_all:
        csv.writer(buffer, quoting=csv.QUOTE_ALL, lineterminator="").writerow(cells)
    else:
        csv.writer(buffer, quoting=csv.QUOTE_MINIMAL, lineterminator="").writerow(cells)
    return buffer.getvalue()
