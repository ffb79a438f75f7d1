"""Locate quotes in source text, tolerant of spacing, typographic quotes and dashes.

An anchor follows the W3C Web Annotation selectors: character offsets into the captured text
(TextPositionSelector) plus the exact words with a little context (TextQuoteSelector), so a
quote can be found again even if offsets drift.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz

_TYPOGRAPHIC = {
    "\u2018": "'",
    "\u2019": "'",
    "\u201a": "'",
    "\u201b": "'",
    "\u2032": "'",
    "\u00b4": "'",
    "`": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u201e": '"',
    "\u201f": '"',
    "\u2033": '"',
    "\u00ab": '"',
    "\u00bb": '"',
    "\u2010": "-",
    "\u2011": "-",
    "\u2012": "-",
    "\u2013": "-",
    "\u2014": "-",
    "\u2015": "-",
    "\u2212": "-",
    "\u2026": "...",
}
_WHITESPACE = {char: " " for char in map(chr, range(0x3001)) if char.isspace()}
_FOLDS = str.maketrans(_TYPOGRAPHIC | _WHITESPACE)
# What changes the length of the text when folded: a run of whitespace, and an ellipsis.
_LENGTH_CHANGES = re.compile(r"\s{2,}|\u2026")
_SPACE_RUN = re.compile(r" {2,}")

CONTEXT_CHARS = 32


@dataclass(frozen=True)
class Normalised:
    """Text folded for matching, and the map from folded offsets back to the original.

    The map is piecewise: segment k starts at folded offset `starts[k]` and original offset
    `origins[k]`; within it offsets advance together, except in a `flat` segment (an ellipsis
    folded to three dots), whose characters all come from one original character. Folding a
    long text is then a few C-speed passes and a handful of segments, not a list per character.
    """

    text: str
    starts: tuple[int, ...]
    origins: tuple[int, ...]
    flat: tuple[bool, ...]

    def to_original(self, index: int) -> int:
        """Offset in the original text of folded offset `index` (len(text) maps to the end)."""
        segment = bisect_right(self.starts, index) - 1
        if self.flat[segment]:
            return self.origins[segment]
        return self.origins[segment] + index - self.starts[segment]

    def to_folded(self, offset: int) -> int:
        """The first folded offset that maps at or after original `offset`."""
        segment = bisect_right(self.origins, offset) - 1
        if self.flat[segment]:
            return self.starts[segment] + (0 if offset == self.origins[segment] else 3)
        candidate = self.starts[segment] + offset - self.origins[segment]
        following = segment + 1
        if following < len(self.starts) and candidate >= self.starts[following]:
            return self.starts[following]
        return min(candidate, len(self.text))


@lru_cache(maxsize=1024)
def normalise(text: str) -> Normalised:
    """Fold typographic quotes and dashes to ASCII and every run of whitespace to one space.

    Cached: a document's text is folded once however many quotes, spans or pages look in it."""
    starts, origins, flat = [0], [0], [False]
    shift = 0  # folded offset minus original offset, so far
    for match in _LENGTH_CHANGES.finditer(text):
        begin, end = match.span()
        folded_at = begin + shift
        if match.group() == "\u2026":
            starts += [folded_at, folded_at + 3]
            origins += [begin, end]
            flat += [True, False]
            shift += 2
        else:
            starts.append(folded_at + 1)
            origins.append(end)
            flat.append(False)
            shift -= end - begin - 1
    folded = _SPACE_RUN.sub(" ", text.translate(_FOLDS))
    return Normalised(folded, tuple(starts), tuple(origins), tuple(flat))


def fold(text: str) -> str:
    """The folded form of a short string (a quote, a span marker), trimmed; no offset map."""
    return _SPACE_RUN.sub(" ", text.translate(_FOLDS)).strip()


@dataclass(frozen=True)
class Anchor:
    start: int
    end: int
    exact: str
    prefix: str
    suffix: str


@dataclass(frozen=True)
class Suggestion:
    """The passage closest to a quote that does not match, and how close it is (0–100)."""

    passage: str
    score: float
    start: int
    end: int


@lru_cache(maxsize=1 << 16)
def find_all(haystack: Normalised, needle: str) -> tuple[tuple[int, int], ...]:
    """Every (start, end) in the original text where the folded needle occurs.

    Cached: checking a change to a large corpus looks up the same quotes in the same (cached,
    see `normalise`) texts again, and finds them at once."""
    folded = fold(needle)
    if not folded:
        return ()
    spans = []
    position = haystack.text.find(folded)
    while position != -1:
        end = position + len(folded)
        spans.append((haystack.to_original(position), haystack.to_original(end - 1) + 1))
        position = haystack.text.find(folded, position + 1)
    return tuple(spans)


def _folded_bounds(haystack: Normalised, span: tuple[int, int]) -> tuple[int, int]:
    """Where an original (start, end) lies in the folded text, spaces around it left out."""
    start = haystack.to_folded(span[0])
    end = haystack.to_folded(span[1])
    while start > 0 and haystack.text[start - 1] == " ":
        start -= 1
    while end < len(haystack.text) and haystack.text[end] == " ":
        end += 1
    return start, end


def follows(haystack: Normalised, span: tuple[int, int], prefix: str) -> bool:
    """Whether the text just before the span ends with the prefix, compared folded."""
    before, _ = _folded_bounds(haystack, span)
    return haystack.text.endswith(fold(prefix), 0, before)


def precedes(haystack: Normalised, span: tuple[int, int], suffix: str) -> bool:
    """Whether the text just after the span begins with the suffix, compared folded."""
    _, after = _folded_bounds(haystack, span)
    return haystack.text.startswith(fold(suffix), after)


def words_around(haystack: Normalised, span: tuple[int, int], words: int = 4) -> tuple[str, str]:
    """The last few words before the span and the first few after it, folded: a hint for a
    curator choosing a prefix or suffix."""
    before, after = _folded_bounds(haystack, span)
    return (
        " ".join(haystack.text[:before].split()[-words:]),
        " ".join(haystack.text[after:].split()[:words]),
    )


def make_anchor(text: str, start: int, end: int) -> Anchor:
    return Anchor(
        start=start,
        end=end,
        exact=text[start:end],
        prefix=text[max(0, start - CONTEXT_CHARS) : start],
        suffix=text[end : end + CONTEXT_CHARS],
    )


def closest_passage(haystack: Normalised, needle: str, original: str) -> Suggestion | None:
    """The stretch of text most like the needle, for a curator fixing a typo."""
    folded = fold(needle)
    if not folded or not haystack.text:
        return None
    alignment = fuzz.partial_ratio_alignment(folded, haystack.text)
    if alignment is None:
        return None
    start = haystack.to_original(alignment.dest_start)
    end = haystack.to_original(max(alignment.dest_end - 1, alignment.dest_start)) + 1
    return Suggestion(
        passage=original[start:end], score=round(alignment.score, 1), start=start, end=end
    )


def overlaps(span: tuple[int, int], others: list[tuple[int, int]]) -> bool:
    start, end = span
    return any(start < other_end and other_start < end for other_start, other_end in others)
