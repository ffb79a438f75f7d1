"""Split an author's text into sentences, each with its character offsets in the captured text.

Offsets point into `Document.text`, so a sentence can be linked to, highlighted or compared with
a quote's anchor. The rules are deliberately plain, so a reader can predict them:

- a blank line, or a line that starts with a list marker (•, -, *, 1.), starts a new sentence;
  a single line break inside a paragraph does not;
- inside a paragraph, a sentence ends at `.`, `!`, `?` or an ellipsis, with any closing quotes or
  brackets that follow, when whitespace comes next and then a capital, a digit or an opening
  quote or bracket;
- a full stop after a title (Dr., Mr., Prof., …), an initial (J. Smith) or a dotted acronym
  (U.S., e.g.) does not end a sentence.
"""

from __future__ import annotations

import itertools
import re
import weakref
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from perspectives import anchor
from perspectives.model import Document

#: Titles and short forms that are followed by a full stop mid-sentence.
ABBREVIATIONS = frozenset(
    {
        "dr",
        "mr",
        "mrs",
        "ms",
        "prof",
        "gen",
        "col",
        "lt",
        "capt",
        "sgt",
        "sen",
        "rep",
        "gov",
        "pres",
        "amb",
        "st",
        "jr",
        "sr",
        "no",
        "nos",
        "vol",
        "fig",
        "pp",
        "vs",
        "cf",
        "approx",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
    }
)

_PARAGRAPH_BREAK = re.compile(r"\n(?:[ \t]*\n)+")
_LIST_MARKER = re.compile(r"^[ \t]*(?:[•◦▪‣·*\-–]|\d{1,2}[.)])[ \t]+", re.MULTILINE)
# End punctuation, closing quotes/brackets, whitespace, then what may open the next sentence.
_BOUNDARY = re.compile(r"[.!?…]+[”’\"')\]]*(?=\s+[“‘\"'(\[]?[A-Z0-9])")
_WORD_BEFORE = re.compile(r"([\w.]+)\.$")
_LOOKBEHIND = 24
_DOTTED = re.compile(r"(?:\w\.)+\w")
# Possessive: nothing after a run of letters can make it give some back, and not keeping the
# places to go back to makes counting the words of a long text a fifth faster.
_WORD = re.compile(r"\w++(?:['’\-‐]\w++)*+")
_ALNUM = re.compile(r"[^\W_]")  # what str.isalnum() accepts
# Review openings are compared with every sentence of their document: fold each once.
_fold_words = lru_cache(maxsize=4096)(anchor.fold)
_HEAD = 64  # characters of a sentence folded for comparing it with openings


@dataclass(frozen=True)
class Sentence:
    """One sentence: its offsets in the document's text, and that text, shared, not copied."""

    start: int
    end: int
    source: str = field(repr=False, compare=False)  # the whole text the offsets point into

    @property
    def text(self) -> str:
        """The sentence's words as written, cut from the text when asked: a large corpus would
        otherwise hold every sentence of every text twice."""
        return self.source[self.start : self.end]

    @property
    def words(self) -> int:
        return word_count(self.text)

    def plain(self) -> str:
        """The sentence on one line, for display."""
        return " ".join(self.text.split())

    @cached_property
    def _folded_head(self) -> str:
        return anchor.fold(self.text[:_HEAD])

    def opens_with(self, words: str) -> bool:
        """Whether the sentence starts with these words, folded as quotes are matched."""
        folded = _fold_words(words)
        if not folded:
            return False
        # Folding a head of the text gives a head of the folded text: a sentence is compared
        # with many openings, so its head is folded once, and more only for a long opening.
        head, length = self._folded_head, _HEAD
        while len(head) < len(folded) and length < len(self.text):
            length *= 2
            head = anchor.fold(self.text[:length])
        return head.startswith(folded)


def word_count(text: str) -> int:
    """Words as a reader counts them: hyphenated and possessive forms are one word."""
    return len(_WORD.findall(text))


def _is_abbreviation(text: str, stop: int) -> bool:
    """Whether the full stop at `stop` closes a title, an initial or a dotted acronym."""
    if text[stop] != ".":
        return False
    found = _WORD_BEFORE.search(text[max(0, stop - _LOOKBEHIND) : stop + 1])
    if found is None:
        return False
    word = found.group(1)
    if len(word) == 1 and word.isalpha() and word.isupper() and word != "I":
        return True  # an initial: J. Smith (but not the pronoun: "so did I.")
    return word.lower() in ABBREVIATIONS or bool(_DOTTED.fullmatch(word))


def _blocks(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Paragraphs and list items of text[start:end], list markers left out."""
    cuts = {start, end}
    for match in _PARAGRAPH_BREAK.finditer(text, start, end):
        cuts.update((match.start(), match.end()))
    markers = {}
    for match in _LIST_MARKER.finditer(text, start, end):
        cuts.add(match.start())
        markers[match.start()] = match.end()
    ordered = sorted(cuts)
    return [(markers.get(start, start), end) for start, end in itertools.pairwise(ordered)]


def split(text: str, ranges: tuple[tuple[int, int], ...] | None = None) -> list[Sentence]:
    """The sentences of `text`, or of the given (start, end) ranges of it, in order."""
    sentences = []
    for range_start, range_end in ranges if ranges is not None else ((0, len(text)),):
        for block_start, block_end in _blocks(text, range_start, range_end):
            cursor = block_start
            for match in _BOUNDARY.finditer(text, block_start, block_end):
                if _is_abbreviation(text, match.start()):
                    continue
                sentences.append((cursor, match.end()))
                cursor = match.end()
            sentences.append((cursor, block_end))
    result = []
    for start, end in sentences:
        piece = text[start:end]
        stripped = piece.strip()  # whitespace as str.isspace() has it, at both ends
        if _ALNUM.search(stripped):
            start += len(piece) - len(piece.lstrip())
            result.append(Sentence(start, start + len(stripped), text))
    return result


_SPLIT: weakref.WeakKeyDictionary[Document, tuple[Sentence, ...]] = weakref.WeakKeyDictionary()


def document_sentences(document: Document) -> tuple[Sentence, ...]:
    """The sentences of the author's own words: excluded spans are never part of one.

    Split once per document and shared (loading checks review openings against the same
    sentences that Theme coverage tags), for as long as the document lives."""
    found = _SPLIT.get(document)
    if found is None:
        found = _SPLIT[document] = tuple(split(document.text, document.body_ranges))
    return found
