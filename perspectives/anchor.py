"""Locate quotes in source text, tolerant of spacing, typographic quotes and dashes.

An anchor follows the W3C Web Annotation selectors: character offsets into the captured text
(TextPositionSelector) plus the exact words with a little context (TextQuoteSelector), so a
quote can be found again even if offsets drift.
"""

from __future__ import annotations

import difflib
import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import cached_property

from rapidfuzz import fuzz

from perspectives import memo

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
    # Chinese and Japanese quotation marks, full stop and enumeration comma.
    "\u300c": '"',
    "\u300d": '"',
    "\u300e": '"',
    "\u300f": '"',
    "\u3002": ".",
    "\u3001": ",",
}
# Full-width forms of ASCII (！ ， ： （ ） Ａ １ …), as Chinese and Japanese texts write them.
_FULL_WIDTH = {chr(code): chr(code - 0xFEE0) for code in range(0xFF01, 0xFF5F)}
_WHITESPACE = {char: " " for char in map(chr, range(0x3001)) if char.isspace()}
_FOLDS = str.maketrans(_TYPOGRAPHIC | _FULL_WIDTH | _WHITESPACE)
#: The typographic and whitespace folds, as (character, replacement) for those that change
#: something; full-width forms are folded by translation, in texts that have them.
_REPLACED = tuple(
    (char, into) for char, into in (_TYPOGRAPHIC | _WHITESPACE).items() if char != into
)
_WIDE = str.maketrans(_FULL_WIDTH)

#: Scripts written without spaces between words (kana, Han) and their punctuation: whitespace
#: between two of their characters is where a line was wrapped, and folds to nothing.
NO_SPACE = "\u3001-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff01-\uff60"
_NO_SPACE_CHAR = re.compile(f"[{NO_SPACE}]")
_JOIN = f"(?<=[{NO_SPACE}])\\s+(?=[{NO_SPACE}])"
_JOINS = re.compile(_JOIN)
# What changes the length of the text when folded: a run of whitespace, and an ellipsis; in a
# text with characters of a script without spaces, whitespace between two of them too.
_LENGTH_CHANGES = re.compile(r"\s{2,}|\u2026")
_LENGTH_CHANGES_JOINED = re.compile(f"(?P<join>{_JOIN})|\\s{{2,}}|\u2026")
_SPACE_RUN = re.compile(r" {2,}")

CONTEXT_CHARS = 32
_WORD_REACH = 24  # characters read per word wanted around a span, at first


@dataclass(frozen=True, eq=False)  # itself, as a key: normalise makes one per text
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

    @cached_property
    def words(self) -> frozenset[str]:
        """Every word of the folded text (what lies between two spaces), made when a search
        first asks: a run of words that holds one not among them occurs nowhere in the text."""
        return frozenset(self.text.split(" "))

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


@memo.by_content(max_size=1 << 27, max_entries=1024)
def normalise(text: str) -> Normalised:
    """Fold typographic quotes and dashes to ASCII and every run of whitespace to one space.

    Cached: a document's text is folded once however many quotes, spans or pages look in it."""
    joined = not text.isascii() and _NO_SPACE_CHAR.search(text) is not None
    starts, origins, flat = [0], [0], [False]
    shift = 0  # folded offset minus original offset, so far
    for match in (_LENGTH_CHANGES_JOINED if joined else _LENGTH_CHANGES).finditer(text):
        begin, end = match.span()
        folded_at = begin + shift
        if match.group() == "\u2026":
            starts += [folded_at, folded_at + 3]
            origins += [begin, end]
            flat += [True, False]
            shift += 2
        else:
            kept = 0 if joined and match.group("join") else 1  # the space a run folds to
            starts.append(folded_at + kept)
            origins.append(end)
            flat.append(False)
            shift -= end - begin - kept
    folded = _SPACE_RUN.sub(" ", _replaced(_JOINS.sub("", text) if joined else text, joined))
    return Normalised(folded, tuple(starts), tuple(origins), tuple(flat))


def _replaced(text: str, wide: bool) -> str:
    """`text.translate(_FOLDS)`, made by replacing each character that occurs: a few C-speed
    passes, where translate looks up every character of a text that is not ASCII (a second
    for 20 MB). No replacement holds a character replaced, so the order does not matter; full
    width forms (`wide`: the text has characters of a script without spaces) are translated."""
    for char, into in _REPLACED:
        if char in text:
            text = text.replace(char, into)
    return text.translate(_WIDE) if wide else text


def squeeze(text: str) -> str:
    """The text on one line, trimmed: each run of whitespace one space, and none between two
    characters of a script written without spaces (a Chinese sentence wrapped over lines)."""
    return " ".join((_JOINS.sub("", text) if _NO_SPACE_CHAR.search(text) else text).split())


@memo.by_content(max_size=1 << 24, max_entries=1 << 15)  # a quote, for each text it is sought in
def fold(text: str) -> str:
    """The folded form of a short string (a quote, a span marker), trimmed; no offset map."""
    if text.isascii():  # the common case, without translate's per-character lookups
        if text.isprintable() and "  " not in text and "`" not in text and text.strip(" ") == text:
            return text  # folded already: printable ASCII whitespace is a space
        return " ".join(text.replace("`", "'").split())
    # split() cuts at runs of what str.isspace() calls whitespace: what _FOLDS makes a space.
    return squeeze(text).translate(_FOLDS)


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


@memo.by_content(max_size=1 << 26, max_entries=1 << 16)
def find_all(
    haystack: Normalised, needle: str, whole_words: bool = False
) -> tuple[tuple[int, int], ...]:
    """Every (start, end) in the original text where the folded needle occurs; with
    `whole_words`, only where it neither begins nor ends inside a word ("Go to content" is not
    found in "Go to contents").

    Cached: checking a change to a large corpus looks up the same quotes in the same (cached,
    see `normalise`) texts again, and finds them at once."""
    folded = fold(needle)
    if not folded:
        return ()
    text = haystack.text
    spans = []
    position = text.find(folded)
    while position != -1:
        end = position + len(folded)
        cuts_a_word = (position > 0 and inside_word(text[position - 1], folded[0])) or (
            end < len(text) and inside_word(folded[-1], text[end])
        )
        if not (whole_words and cuts_a_word):
            spans.append((haystack.to_original(position), haystack.to_original(end - 1) + 1))
        position = text.find(folded, position + 1)
    return tuple(spans)


def inside_word(before: str, after: str) -> bool:
    """Whether two characters side by side belong to one word: both letters or digits, and
    neither of a script written without spaces, whose words are not told apart here."""
    return (
        before.isalnum()
        and after.isalnum()
        and not (_NO_SPACE_CHAR.match(before) or _NO_SPACE_CHAR.match(after))
    )


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
    text = haystack.text
    reach = _WORD_REACH * words  # read only around the span: a text may be 20 MB long
    while True:
        start, end = max(0, before - reach), min(len(text), after + reach)
        ahead, behind = text[start:before].split(), text[after:end].split()
        # One word more than needed at a cut end, as the first or last may be cut in two.
        if (start == 0 or len(ahead) > words) and (end == len(text) or len(behind) > words):
            return " ".join(ahead[-words:]), " ".join(behind[:words])
        reach *= 2


def make_anchor(text: str, start: int, end: int) -> Anchor:
    return Anchor(
        start=start,
        end=end,
        exact=text[start:end],
        prefix=text[max(0, start - CONTEXT_CHARS) : start],
        suffix=text[end : end + CONTEXT_CHARS],
    )


#: The closest-passage search is bounded: it aligns at most this many characters of the needle
#: (a typo shows in its first sentence or two), in a window of at most this many characters of
#: text, placed where a run of the needle's words occurs verbatim when the text is longer.
PROBE_CHARS = 240
WINDOW_CHARS = 24_000
_LANDMARK_WORDS = 3


def probe(needle: str) -> str:
    """The part of a needle the closest-passage search aligns: folded, and cut after at most
    PROBE_CHARS characters at a word's end."""
    folded = fold(needle)
    if len(folded) <= PROBE_CHARS:
        return folded
    return folded[: PROBE_CHARS + 1].rsplit(" ", 1)[0] or folded[:PROBE_CHARS]


def closest_passage(
    haystack: Normalised, needle: str, original: str, after: int = 0
) -> Suggestion | None:
    """The stretch of text (from original offset `after` on) most like the needle's `probe`,
    widened to whole words, for a curator fixing a typo; None when nothing resembles it."""
    probe_text = probe(needle)
    window = _window(haystack, probe_text, haystack.to_folded(after))
    if not probe_text or window is None:
        return None
    alignment = fuzz.partial_ratio_alignment(
        probe_text, haystack.text[window : window + WINDOW_CHARS]
    )
    if alignment is None or not alignment.score:
        return None
    start = haystack.to_original(window + alignment.dest_start)
    end = haystack.to_original(window + max(alignment.dest_end - 1, alignment.dest_start)) + 1
    while start > 0 and inside_word(original[start - 1], original[start]):
        start -= 1
    while end < len(original) and inside_word(original[end - 1], original[end]):
        end += 1
    passage = original[start:end]
    # Scored whole against the whole words shown ("Leave a Repl" is not 100% "Leave a Reply").
    score = fuzz.ratio(probe_text, fold(passage))
    return Suggestion(passage=passage, score=round(score, 1), start=start, end=end)


def _window(haystack: Normalised, probe: str, after: int) -> int | None:
    """Where the search window starts (at or after folded offset `after`): there, when the rest
    of the text fits in the window; else around the first run of the probe's words found
    verbatim; None when no such run occurs. A run whose inner words are not words of the text
    is not looked for: each look scans the text to its end (a 20 MB text without a space took
    seconds a quote)."""
    text = haystack.text
    if len(text) - after <= WINDOW_CHARS:
        return after
    words = probe.split(" ")
    for first in range(max(1, len(words) - _LANDMARK_WORDS + 1)):
        run = words[first : first + _LANDMARK_WORDS]
        landmark = " ".join(run)
        if not landmark.strip() or not haystack.words.issuperset(run[1:-1]):
            continue  # it cannot occur: an inner word of an occurrence is a whole word
        found = text.find(landmark, after)
        if found != -1:
            before = len(" ".join(words[:first])) + 1  # the probe's words ahead of the landmark
            return max(after, found - before - PROBE_CHARS)
    return None


def differences(needle: str, passage: str) -> list[tuple[str, str, int, int]]:
    """Where the needle's words differ from the passage's, compared folded, in order: (the
    needle's words, the passage's words, and where the latter lie among the passage's folded
    words as a slice); either text is empty for words only one of them has."""
    ours, theirs = fold(needle).split(" "), fold(passage).split(" ")
    matcher = difflib.SequenceMatcher(None, ours, theirs, autojunk=False)
    return [
        (" ".join(ours[i1:i2]), " ".join(theirs[j1:j2]), j1, j2)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes()
        if tag != "equal"
    ]


def overlaps(span: tuple[int, int], others: list[tuple[int, int]]) -> bool:
    start, end = span
    return any(start < other_end and other_start < end for other_start, other_end in others)
