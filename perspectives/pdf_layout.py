"""Where the text of a PDF page lies, for `perspectives.pdf` to put it in reading order.

pypdf gives a page's text in the order the PDF holds it, and decides where a space goes from the
gap between two pieces of text. Three things go wrong there on real reports, and are mended here
from the positions pypdf reports of each piece (`Run`):

- Word spacing (the Tw operator, which justified lines use) is left out of the width pypdf gives
  a piece of text, so the gap after a justified piece looks wider than it is and the last letter
  of a word is spaced off ("thei r"). `fold_word_spacing` writes the word spacing as explicit
  moves after each space (a TJ array), which draws the same page and which pypdf does count.
- Text set sideways (a printer's margin note) is glued onto the upright line it follows: the
  page's upright and sideways text are taken apart (see perspectives.pdf), the sideways after.
- A PDF may hold a page's footnotes before its body text: `reading_order` puts a block of small
  print that the PDF holds before body text printed above it, in its column, after that text.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

#: Print smaller than this share of the body's size is small print (footnotes, notes).
_SMALL = 0.95
#: A line starts in a column when it starts no further right than this many body sizes past
#: the column's left edge (a paragraph's or a footnote number's indent).
_INDENT = 2.0

# The end of a sentence at the end of a line, closing quotes or brackets after its stop: the
# stops `perspectives.sentences` ends a sentence with, in any script.
_SENTENCE_END = re.compile(r"(?:[.?!…؟।॥][\"'’”)\]»]*|[。！？][」』”’）\"')\]]*)\s*$")

Operation = tuple[list[Any], bytes]


@dataclass(frozen=True)
class Run:
    """A piece of a page's text as pypdf gives it, where it starts and how big it is printed."""

    text: str
    x: float
    y: float
    size: float


@dataclass(frozen=True)
class Line:
    """The runs of a page's text up to a line break, where the first printed one starts, and
    the size of its largest print."""

    text: str
    x: float
    y: float
    size: float


def collector(runs: list[Run]) -> Callable[[Any, Any, Any, Any, Any], None]:
    """A pypdf `visitor_text` that keeps each piece of text with its place on the page."""

    def visit(text: Any, cm: Any, tm: Any, _font: Any, font_size: Any) -> None:
        if text:
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            height = math.hypot(tm[2] * cm[0] + tm[3] * cm[2], tm[2] * cm[1] + tm[3] * cm[3])
            runs.append(Run(str(text), x, y, float(font_size) * height))

    return visit


def lines(runs: Iterable[Run]) -> list[Line]:
    """The runs gathered into lines, each ending where pypdf breaks the line."""
    found: list[Line] = []
    pending: list[Run] = []
    for run in runs:
        pending.append(run)
        if run.text.endswith("\n"):
            found.append(_line(pending))
            pending = []
    if pending:
        found.append(_line(pending))
    return found


def _line(runs: list[Run]) -> Line:
    printed = [run for run in runs if run.text.strip()] or runs
    text = "".join(run.text for run in runs)
    text += "" if text.endswith("\n") else "\n"  # the page's last, which may be moved up
    return Line(text, printed[0].x, printed[0].y, max(run.size for run in printed))


def body_size(pages: Iterable[list[Line]]) -> float:
    """The print size that most of a document's characters have: its body text's."""
    sizes: Counter[float] = Counter()
    for page in pages:
        for line in page:
            sizes[round(line.size, 1)] += len(line.text.strip())
    return sizes.most_common(1)[0][0] if sizes else 0.0


def reading_order(page: list[Line], body: float) -> list[Line]:
    """A page's lines with each block of small print that the PDF holds before body text printed
    above it in its column moved after that text: footnotes after the text they annotate, as
    the page prints them. They go after the last sentence that ends there, so that they part no
    sentence: one that runs on to the next column or the next page reads whole."""
    after: dict[int, list[Line]] = {}
    moved: set[int] = set()
    for first, last in _small_blocks(page, body):
        target = _above_in_column(page, first, last, body)
        if target is not None:
            target = _sentence_end(page, last, target, body)
            after.setdefault(target, []).extend(page[first : last + 1])
            moved.update(range(first, last + 1))
    ordered: list[Line] = []
    for index, line in enumerate(page):
        if index not in moved:
            ordered.append(line)
        ordered.extend(after.get(index, []))
    return ordered


def _small(line: Line, body: float) -> bool:
    return bool(line.text.strip()) and line.size < body * _SMALL


def _small_blocks(page: list[Line], body: float) -> list[tuple[int, int]]:
    """The first and last index of each run of small-print lines, a run ending where a line
    is printed above the one before it (the foot of the next column)."""
    blocks: list[tuple[int, int]] = []
    for index, line in enumerate(page):
        if not _small(line, body):
            continue
        if blocks and blocks[-1][1] == index - 1 and line.y < page[index - 1].y:
            blocks[-1] = (blocks[-1][0], index)
        else:
            blocks.append((index, index))
    return blocks


def _above_in_column(page: list[Line], first: int, last: int, body: float) -> int | None:
    """The last line after a block, in the PDF's order, that is body text printed above the
    block and starting in its column; None if there is none."""
    block = page[first : last + 1]
    top = max(line.y for line in block)
    left = min(line.x for line in block)
    found = None
    for index in range(last + 1, len(page)):
        line = page[index]
        printed = line.text.strip() and not _small(line, body)
        if printed and line.y > top and line.x <= left + _INDENT * body:
            found = index
    return found


def _sentence_end(page: list[Line], last: int, target: int, body: float) -> int:
    """The last body text line from a block's end to this one that ends a sentence; this one
    if none does."""
    for index in range(target, last, -1):
        if not _small(page[index], body) and _SENTENCE_END.search(page[index].text):
            return index
    return target


def fold_word_spacing(operations: list[Operation], simple: set[str]) -> list[Operation]:
    """A content stream's operations with the word spacing (Tw) written as a move after each
    space of a string shown in one of these simple (one-byte) fonts: the same page drawn, but
    with every gap in the widths that pypdf counts. In a font of two-byte codes word spacing
    does not apply, and its strings are left as they are."""
    state = _WordSpacing(simple)
    return [folded for operation in operations for folded in state.fold(*operation)]


class _WordSpacing:
    """The word spacing, font size and kind of font in force along a content stream."""

    def __init__(self, simple: set[str]) -> None:
        self.simple = simple
        self.spacing, self.size, self.one_byte = 0.0, 0.0, False
        self.saved: list[tuple[float, float, bool]] = []

    def fold(self, operands: list[Any], operator: bytes) -> list[Operation]:
        """This operation as drawn without word spacing (none for Tw itself)."""
        before: list[Operation] = []
        if operator == b"q":
            self.saved.append((self.spacing, self.size, self.one_byte))
        elif operator == b"Q" and self.saved:
            self.spacing, self.size, self.one_byte = self.saved.pop()
        elif operator == b"Tf" and len(operands) >= 2:
            self.one_byte = str(operands[0]) in self.simple
            self.size = _number(operands[1], self.size)
        elif operator == b"Tw" and operands:
            self.spacing = _number(operands[0], self.spacing)
            return []
        elif operator == b'"' and len(operands) >= 3:  # word spacing, char spacing, string
            self.spacing = _number(operands[0], self.spacing)
            before, operands, operator = [([operands[1]], b"Tc")], operands[2:], b"'"
        if self.spacing and self.size and self.one_byte and operator in (b"Tj", b"'", b"TJ"):
            return before + _spaced(operands, operator, -1000 * self.spacing / self.size)
        return [*before, (operands, operator)]


def _number(value: Any, default: float) -> float:
    return float(value) if isinstance(value, (int, float)) else default


def _spaced(operands: list[Any], operator: bytes, move: float) -> list[Operation]:
    """A text-showing operation as a TJ array with this move after each space."""
    from pypdf.generic import ArrayObject, ByteStringObject, FloatObject, NameObject

    shown = operands[0] if operator == b"TJ" and operands else operands[:1]
    pieces: list[Any] = []
    for item in shown if isinstance(shown, list) else []:
        if isinstance(item, bytes) and not isinstance(item, NameObject):
            *words, end = item.split(b" ")
            for word in words:
                pieces += [ByteStringObject(word + b" "), FloatObject(move)]
            pieces += [ByteStringObject(end)] if end else []
        else:
            pieces.append(item)
    next_line: list[Operation] = [([], b"T*")] if operator == b"'" else []
    return [*next_line, ([ArrayObject(pieces)], b"TJ")]
