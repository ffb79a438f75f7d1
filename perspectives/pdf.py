"""The text of a PDF, page by page, with pypdf: what a corpus keeps of a report or a statement.

The text is kept as plain text with a form feed (U+000C) between pages, so that a page number
can be told from an offset (`page_of`) and nothing beside the text is needed to say "p. 4". A
word hyphenated at a line's end is joined again, keeping its hyphen where the document writes
it so elsewhere ("non-\nnormal" where "non-normal" occurs: a compound, not a break). Lines
that recur at the top or the bottom of most pages (running heads, footers, page numbers) are
found (`running_lines`) for the curator to declare as not the author's text. A PDF without a
text layer (a scan), an encrypted one, a damaged one or one of more than MAX_PAGES pages is
refused with the reason.
"""

from __future__ import annotations

import datetime as dt
import io
import logging
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from perspectives import pdf_layout

if TYPE_CHECKING:
    from pypdf import PageObject, PdfReader

#: Between two pages of the text.
PAGE_BREAK = "\f"
#: More pages than this, and the file is refused: a report has hundreds, not tens of thousands.
MAX_PAGES = 2000
#: Lines at each end of a page where running heads, footers and page numbers are looked for.
_EDGE_LINES = 3
#: A line recurs on "most pages" when it is on more than this share of them, and on three.
_MOST = 0.5
_FEWEST_PAGES = 3
# A word cut by a hyphen at a line's end ("inter-\nnational"; not "Jean-\nPaul", see _join).
_HYPHENATED = re.compile(r"([^\W\d_]+)([-\u00ad])\n([^\W\d_]+)")
# Two words joined by a hyphen inside a line ("non-normal"): compounds the document spells so.
_COMPOUND = re.compile(r"[^\W\d_]+-[^\W\d_]+")
_DIGITS = re.compile(r"\d+")
_LINE = re.compile(r"[^\n]+")


class PdfError(ValueError):
    """The file cannot be read as a text PDF: the message says why."""


@dataclass(frozen=True)
class Extracted:
    """A PDF's text, pages apart by PAGE_BREAK, and what its document information says."""

    text: str
    pages: int
    title: str = ""
    author: str = ""
    published: str = ""  # the day the PDF was made (YYYY-MM-DD), when it gives a likely one
    publisher: str = ""  # its XMP metadata's dc:publisher
    language: str = ""  # its catalog's /Lang, as the file declares it


@dataclass(frozen=True)
class RunningLine:
    """A line of one page (its offsets in the text) that recurs at the edge of most pages."""

    start: int
    end: int
    pages: int  # how many pages have it
    number: bool  # a page number (no letters), rather than a running head or footer


def extract(data: bytes) -> Extracted:
    """The text of each page of a PDF, joined; PdfError for a file that is not a PDF, is
    damaged, encrypted, too long, or has no text to extract."""
    if not data.lstrip(b"\x00\t\n\r ").startswith(b"%PDF-"):
        raise PdfError("not a PDF: the file does not start with %PDF-")
    from pypdf import PdfReader  # imported here: only a PDF needs it

    # pypdf logs what it could parse better (a font's encoding, a stray byte) as warnings, dozens
    # for one report: they speak to its developers, and what it extracts is checked here.
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not _opened(reader):
            raise PdfError("the PDF is encrypted: save a copy without a password and add that")
        count = len(reader.pages)
        if count > MAX_PAGES:
            raise PdfError(f"{count} pages, more than the {MAX_PAGES} a text may have")
        pages = _texts(reader)
        described = _described(reader)
    except PdfError:
        raise
    except Exception as error:  # a damaged file can fail anywhere in the parser
        raise PdfError(
            f"the PDF cannot be read ({type(error).__name__}): is it complete?"
        ) from None
    compounds = {word.casefold() for word in _COMPOUND.findall("\n".join(pages))}
    pages = [_joined(page, compounds) for page in pages]
    if not any(page.strip() for page in pages):
        raise PdfError(
            "the PDF has no text layer (a scan?): run text recognition (OCR) on it first"
        )
    return Extracted(PAGE_BREAK.join(pages), count, **described)


def _described(reader: PdfReader) -> dict[str, str]:
    """What the PDF says of itself: title and author from its document information, the day it
    was made, its publisher (XMP) and language (catalog). A field that cannot be read, or a
    date before 1900 (a blank one reads as year 0), is left out rather than guessed."""
    found = {}
    info = reader.metadata
    for field, read in (
        ("title", lambda: info and info.title),
        ("author", lambda: info and info.author),
        ("published", lambda: info and _likely_day(info.creation_date)),
        ("publisher", lambda: _publisher(reader)),
        ("language", lambda: reader.root_object.get("/Lang")),
    ):
        try:
            value = read()
        except Exception:  # a damaged or odd field leaves only itself out
            continue
        if value:
            found[field] = " ".join(str(value).split())
    return found


def _publisher(reader: PdfReader) -> str:
    xmp = reader.xmp_metadata
    return "; ".join(xmp.dc_publisher or ()) if xmp else ""


def _likely_day(made: dt.datetime | None) -> str:
    return made.date().isoformat() if made and 1900 <= made.year <= dt.date.today().year else ""


def _opened(reader: PdfReader) -> bool:
    """Whether an encrypted PDF opens without a password (one that only restricts printing)."""
    try:
        return bool(reader.decrypt(""))
    except Exception:  # a cipher pypdf cannot undo without further packages: still locked
        return False


def _texts(reader: PdfReader) -> list[str]:
    """Each page's text: its upright lines in reading order (see pdf_layout.reading_order), and
    then any text set sideways (a margin note) on lines of its own, so that the note is found
    as a running line rather than glued onto the line it follows."""
    upright: list[list[pdf_layout.Line]] = []
    sideways: list[str] = []
    for page in reader.pages:
        _fold_word_spacing(page)
        runs: list[pdf_layout.Run] = []
        page.extract_text(orientations=(0,), visitor_text=pdf_layout.collector(runs))
        upright.append(pdf_layout.lines(runs))
        runs = []
        page.extract_text(orientations=(90, 180, 270), visitor_text=pdf_layout.collector(runs))
        sideways.append("".join(run.text for run in runs))
    body = pdf_layout.body_size(upright)
    return [
        _trimmed("".join(line.text for line in pdf_layout.reading_order(lines, body)) + turned)
        for lines, turned in zip(upright, sideways, strict=True)
    ]


def _fold_word_spacing(page: PageObject) -> None:
    """The page's content parsed once (for both readings of it) with its word spacing folded
    into moves that pypdf counts (see pdf_layout.fold_word_spacing)."""
    from pypdf.generic import ContentStream, NameObject

    contents = page.get("/Contents")
    if contents is None:
        return
    stream = ContentStream(contents.get_object(), page.pdf, "bytes")
    fonts = page.get("/Resources", {}).get_object().get("/Font", {}).get_object()
    simple = {
        str(name) for name, font in fonts.items() if font.get_object().get("/Subtype") != "/Type0"
    }
    stream.operations = pdf_layout.fold_word_spacing(stream.operations, simple)
    page[NameObject("/Contents")] = stream


def _trimmed(page: str) -> str:
    """A page's lines without their trailing spaces, so that a hyphen ends its line."""
    return "\n".join(line.rstrip() for line in page.splitlines())


def _joined(page: str, compounds: set[str]) -> str:
    """A page's hyphenated words whole again (but for the document's own hyphenated compounds),
    ending in a line break so that the next page starts on a line of its own."""
    joined = _HYPHENATED.sub(lambda match: _join(match, compounds), page)
    return joined.strip("\n") + "\n" if joined.strip() else ""


def _join(match: re.Match[str], compounds: set[str]) -> str:
    """A word cut at a line's end on one line again: with its hyphen where the document writes
    the pair so elsewhere (a quote of "FAA-approved" is then found), without it where the next
    line goes on in lowercase; left as it is otherwise ("Jean-\nPaul"). A soft hyphen only
    ever marks a break."""
    head, hyphen, tail = match.groups()
    if hyphen == "-" and f"{head}-{tail}".casefold() in compounds:
        return f"{head}-{tail}"
    return head + tail if tail[0].islower() else match.group()


def page_of(text: str, offset: int) -> int | None:
    """The page (from 1) of a text captured from a PDF that holds this offset; None for a text
    of one page or not from a PDF."""
    if PAGE_BREAK not in text:
        return None
    return text.count(PAGE_BREAK, 0, offset) + 1


def _pages(text: str) -> Iterator[tuple[int, str]]:
    start = 0
    for page in text.split(PAGE_BREAK):
        yield start, page
        start += len(page) + len(PAGE_BREAK)


def _lines(page: str) -> list[tuple[int, int]]:
    """The non-empty lines of a page, trimmed, by their offsets in it."""
    found = []
    for match in _LINE.finditer(page):
        line = match.group()
        if line.strip():
            first = match.start() + len(line) - len(line.lstrip())
            found.append((first, match.start() + len(line.rstrip())))
    return found


def _edges(lines: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The first and last few of a page's lines."""
    return lines[:_EDGE_LINES] + lines[_EDGE_LINES:][-_EDGE_LINES:]


def _key(line: str) -> str:
    """What a recurring line keeps from page to page: its words, any number as '#'."""
    return _DIGITS.sub("#", " ".join(line.split())).casefold()


def _worded(key: str) -> bool:
    """Whether a line has words: a running head or footer, not a page number."""
    return any(char.isalpha() for char in key)


def _recurring(pages: list[tuple[int, str]]) -> set[str]:
    """The keys of the lines at the edge of most pages."""
    counts: Counter[str] = Counter()
    for _, page in pages:
        counts.update({_key(page[first:last]) for first, last in _edges(_lines(page))})
    needed = max(_FEWEST_PAGES, math.floor(len(pages) * _MOST) + 1)
    return {key for key, count in counts.items() if count >= needed}


def running_lines(text: str) -> list[RunningLine]:
    """Lines near the top or the bottom of a page that recur (numbers aside) on most pages of a
    text captured from a PDF: running heads, footers and page numbers, in text order.

    Once a line with words is known to recur, it is also found further into a page: a PDF may
    hold a page's footnotes before its body text, and pypdf then puts the footer a long
    footnote away from the page's edge. A line of numbers alone is only taken at an edge: a
    number of a table in the body is no page number."""
    pages = list(_pages(text))
    if len(pages) < _FEWEST_PAGES:
        return []
    recurring = _recurring(pages)
    where: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for start, page in pages:
        lines = _lines(page)
        edges = _edges(lines)
        seen = set()
        for first, last in edges + lines:
            key = _key(page[first:last])
            if key in recurring and key not in seen and (_worded(key) or (first, last) in edges):
                seen.add(key)
                where[key].append((start + first, start + last))
    found = [
        RunningLine(begin, end, len(spans), not _worded(key))
        for key, spans in where.items()
        for begin, end in spans
    ]
    return sorted(found, key=lambda line: line.start)
