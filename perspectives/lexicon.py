"""Find a theme's lexicon terms in text, tolerant of case, light inflection and typography.

A term matches as whole words. Between its words any run of spaces, line breaks or hyphens
matches ("double freeze" finds "double-freeze" and "double\\nfreeze"). Text and term are folded
as `anchor.normalise` folds them (typographic quotes and dashes to plain ones) and accents are
dropped ("detente" finds "détente"). A term of kind `words` ignores case and lets each word take
an English ending: plural or possessive (-s, -es, -'s, -s'), -ed and -ing, with -y becoming
-ies/-ied and a final -e dropped before -ing. A term of kind `exact` keeps its case and form, for
acronyms such as "US" that would otherwise match ordinary words.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from perspectives import anchor
from perspectives.model import LexiconTerm
from perspectives.schema import LexiconMatch

_SEPARATOR = r"[\s\-]+"
_WORD_SPLIT = re.compile(_SEPARATOR)
_CONSONANT_Y = re.compile(r"[^aeiou]y$", re.IGNORECASE)
_SIBILANT = re.compile(r"(?:s|x|z|ch|sh)$", re.IGNORECASE)
_CACHED_TERMS = 8192


def strip_accents(text: str) -> str:
    """Drop accents letter by letter, keeping the length so that offsets stay valid."""
    letters = []
    for char in text:
        parts = unicodedata.normalize("NFKD", char)
        base = "".join(part for part in parts if not unicodedata.combining(part))
        letters.append(base if len(base) == 1 else char)
    return "".join(letters)


def _inflected(word: str) -> str:
    """A word with the English endings a `words` term tolerates (longest alternative first, so a
    possessive is part of the hit)."""
    if _CONSONANT_Y.search(word):
        return re.escape(word[:-1]) + r"(?:y's|ying|ies|ied|y)"
    if word.lower().endswith("e"):
        return re.escape(word[:-1]) + r"(?:e's|es|ed|ing|e)"
    if _SIBILANT.search(word):
        return re.escape(word) + r"(?:es|ed|ing|'s|')?"
    return re.escape(word) + r"(?:s'|'s|s|ed|ing)?"


def term_words(term: str) -> list[str]:
    """The words of a term, folded as the text is; empty when it has no letter or digit."""
    return list(_term_words(term))


@lru_cache(maxsize=_CACHED_TERMS)
def _term_words(term: str) -> tuple[str, ...]:
    folded = strip_accents(anchor.fold(term))
    return tuple(word for word in _WORD_SPLIT.split(folded) if any(c.isalnum() for c in word))


def term_pattern(term: LexiconTerm) -> re.Pattern[str]:
    return _pattern(term.term, term.match)


# Cached beyond the `re` module's own 512 patterns: the duplicate check compares each term with
# others many times, and compiling again for each pair made 800 terms take minutes.
@lru_cache(maxsize=_CACHED_TERMS)
def _pattern(term: str, match: LexiconMatch) -> re.Pattern[str]:
    words = _term_words(term)
    if match == "exact":
        body = _SEPARATOR.join(re.escape(word) for word in words)
        return re.compile(rf"(?<!\w){body}(?!\w)")
    body = _SEPARATOR.join(_inflected(word) for word in words)
    return re.compile(rf"(?<!\w){body}(?!\w)", re.IGNORECASE)


@dataclass(frozen=True)
class Hit:
    """Where a term occurs: offsets in the original (unfolded) text."""

    theme_id: str
    term: str
    start: int
    end: int


class Matcher:
    """A lexicon compiled once, to find its terms in many texts."""

    def __init__(self, terms: tuple[LexiconTerm, ...]):
        self.terms = terms
        self._patterns = [(term, term_pattern(term)) for term in terms]

    def find(self, text: str, offset: int = 0) -> list[Hit]:
        """Every occurrence of every term in `text`, with offsets shifted by `offset`."""
        folded = anchor.normalise(text)
        haystack = strip_accents(folded.text)
        hits = []
        for term, pattern in self._patterns:
            for match in pattern.finditer(haystack):
                start = folded.to_original(match.start())
                end = folded.to_original(match.end() - 1) + 1
                hits.append(Hit(term.theme_id, term.term, offset + start, offset + end))
        return sorted(hits, key=lambda hit: (hit.start, hit.end))


def covers(other: LexiconTerm, term: LexiconTerm) -> bool:
    """Whether `other` already finds every occurrence of `term`, making `term` a duplicate."""
    if other.theme_id != term.theme_id or (other.match == "exact" and term.match != "exact"):
        return False
    return bool(term_pattern(other).fullmatch(" ".join(_term_words(term.term))))


def coverers(terms: Sequence[LexiconTerm]) -> list[list[int]]:
    """For each term (each has a word: see `term_words`), the indices (ascending) of the other
    terms that `cover` it. Only terms whose first word could be the same word are compared: a
    pattern's first word is the term's first word, less at most its last letter, plus an
    ending, so the candidates are found by the prefixes of each first word, not by comparing
    every pair (800 terms: 640,000 pairs)."""
    by_stem: dict[tuple[str, str], list[int]] = {}
    for index, term in enumerate(terms):
        first = _term_words(term.term)[0].lower()
        by_stem.setdefault((term.theme_id, first[:-1]), []).append(index)
    found = []
    for index, term in enumerate(terms):
        first = _term_words(term.term)[0].lower()
        candidates = sorted(
            other
            for length in range(len(first) + 1)
            for other in by_stem.get((term.theme_id, first[:length]), ())
            if other != index
        )
        found.append([other for other in candidates if covers(terms[other], term)])
    return found
