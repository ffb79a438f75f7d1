"""Locate quotes in source text, tolerant of spacing, typographic quotes and dashes.

An anchor follows the W3C Web Annotation selectors: character offsets into the captured text
(TextPositionSelector) plus the exact words with a little context (TextQuoteSelector), so a
quote can be found again even if offsets drift.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

from rapidfuzz import fuzz

_EQUIVALENTS = str.maketrans(
    {
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
        "\u00a0": " ",
        "\u2026": "...",
    }
)

CONTEXT_CHARS = 32


@dataclass(frozen=True)
class Normalised:
    """Text folded for matching, with the original offset of every folded character."""

    text: str
    origin: tuple[int, ...]  # origin[i] = offset in the original of text[i]; one extra at the end


def normalise(text: str) -> Normalised:
    """Fold typographic quotes and dashes to ASCII and every run of whitespace to one space."""
    chars: list[str] = []
    origin: list[int] = []
    in_space = False
    for index, char in enumerate(text):
        folded = char.translate(_EQUIVALENTS)
        if folded.isspace():
            if not in_space:
                chars.append(" ")
                origin.append(index)
            in_space = True
            continue
        in_space = False
        for piece in folded:
            chars.append(piece)
            origin.append(index)
    origin.append(len(text))
    return Normalised("".join(chars), tuple(origin))


def fold(text: str) -> str:
    """The folded form of a short string (a quote, a span marker), trimmed."""
    return normalise(text).text.strip()


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


def find_all(haystack: Normalised, needle: str) -> list[tuple[int, int]]:
    """Every (start, end) in the original text where the folded needle occurs."""
    folded = fold(needle)
    if not folded:
        return []
    spans = []
    position = haystack.text.find(folded)
    while position != -1:
        end = position + len(folded)
        spans.append((haystack.origin[position], haystack.origin[end - 1] + 1))
        position = haystack.text.find(folded, position + 1)
    return spans


def _folded_bounds(haystack: Normalised, span: tuple[int, int]) -> tuple[int, int]:
    """Where an original (start, end) lies in the folded text, spaces around it left out."""
    start = bisect_left(haystack.origin, span[0])
    end = bisect_left(haystack.origin, span[1])
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
    start = haystack.origin[alignment.dest_start]
    end = haystack.origin[max(alignment.dest_end - 1, alignment.dest_start)] + 1
    return Suggestion(
        passage=original[start:end], score=round(alignment.score, 1), start=start, end=end
    )


def overlaps(span: tuple[int, int], others: list[tuple[int, int]]) -> bool:
    start, end = span
    return any(start < other_end and other_start < end for other_start, other_end in others)
