"""Find a theme's lexicon terms in text, tolerant of case, light inflection and typography.

A term matches as whole words. Between its words any run of spaces, line breaks or hyphens
matches ("double freeze" finds "double-freeze" and "double\\nfreeze"). Text and term are folded
as `anchor.normalise` folds them (typographic quotes and dashes to plain ones) and accents are
dropped ("detente" finds "détente"). A term of kind `words` ignores case; an English one (of
language `en`, or of none) lets each word take an English ending: plural or possessive (-s, -es,
-'s, -s'), -ed and -ing, with -y becoming -ies/-ied and a final -e dropped before -ing. A term of
kind `exact` keeps its case and form, for acronyms such as "US" that would otherwise match
ordinary words. A Korean term of kind `words` takes the endings and particles that follow it
in its word (제재 finds 제재는 and 제재를). In a script written without spaces between words
(Chinese, Japanese, Thai…: `language.unspaced`), a word may begin or end next to any letter: a
term that begins (ends) with such a character needs no word boundary before (after) it, so
that 制裁 is found inside 对朝鲜实施制裁, and a letter of such a script is a boundary for a
word of another (WTO in 加入WTO后). An Arabic term of kind `words` (of language `ar`, or of
none) takes the particles written on to its first word: و and ف, then ب, ك or ل, and لل for
ل and the article (العقوبات finds والعقوبات, بالعقوبات, للعقوبات). In Arabic and Hebrew a term
matches its words with or without their vowel points, and a vowel sign of any script is part
of its word (कम is not in कमी). A term with a language is looked for only in texts in that
language (`Matcher.for_document`).
"""

from __future__ import annotations

import itertools
import re
import string
import unicodedata
from bisect import bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from perspectives import anchor, language, memo
from perspectives.model import Document, LexiconTerm
from perspectives.schema import LexiconMatch

_SEPARATOR = r"[\s\-]+"
_WORD_SPLIT = re.compile(_SEPARATOR)
_CONSONANT_Y = re.compile(r"[^aeiou]y$", re.IGNORECASE)
_SIBILANT = re.compile(r"(?:s|x|z|ch|sh)$", re.IGNORECASE)
_CACHED_TERMS = 8192
_JOINT = "\x00"
# What a term's first or last letter may not stand beside, to be a whole word: a letter, a
# digit or a mark of its word's spelling (the Devanagari vowel sign of the longer word कमी, not
# the word कम); but a letter of a script written without spaces, which a word of another
# script may meet (WTO in 加入WTO后).
_IN_WORD = rf"(?:[^\W{language.UNSPACED}]|[{language.SPELLING_MARKS}])"
_NO_WORD_BEFORE = rf"(?<!{_IN_WORD})"
_NO_WORD_AFTER = rf"(?!{_IN_WORD})"
# A letter of a script whose vowel points a writer may leave out (see language.POINTS).
_POINTED_SCRIPT = re.compile(r"[\u0590-\u05ff\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff]")
_ASCII_LOWER = {
    ord(upper): lower
    for upper, lower in zip(string.ascii_uppercase, string.ascii_lowercase, strict=True)
}


def _translated(text: str, convert: Callable[[str], str]) -> str:
    """`text` with each non-ASCII character converted (ASCII is left as it is)."""
    if text.isascii():
        return text
    table = {}
    for char in set(text):
        if not char.isascii():
            converted = convert(char)
            if converted != char:
                table[ord(char)] = converted
    return text.translate(table) if table else text


# What each non-ASCII character becomes, unaccented or matched ignoring case, is worked out once.
@memo.by_content(max_size=1 << 20, max_entries=1 << 16)
def _unaccented(char: str) -> str:
    parts = unicodedata.normalize("NFKD", char)
    base = "".join(part for part in parts if not unicodedata.combining(part))
    return base if len(base) == 1 else char


def strip_accents(text: str) -> str:
    """Drop accents letter by letter, keeping the length so that offsets stay valid."""
    return _translated(text, _unaccented)


@memo.by_content(max_size=1 << 20, max_entries=1 << 16)
def _ascii_twin(char: str) -> str:
    """The lowercase ASCII letter that `char` matches when case is ignored (the Kelvin sign
    matches k, a dotless ı matches i), or `char` itself."""
    twins = (letter for letter in string.ascii_lowercase if re.fullmatch(letter, char, re.I))
    return next(twins, char)


def _caseless(text: str) -> str:
    """`text` with every letter that matches an ASCII letter when case is ignored written as that
    letter in lowercase; the same length, and a word character stays one."""
    if text.isascii():
        return text.lower()
    return _translated(text, _ascii_twin).translate(_ASCII_LOWER)


def _inflected(word: str) -> str:
    """A word with the English endings a `words` term tolerates (longest alternative first, so a
    possessive is part of the hit)."""
    if _CONSONANT_Y.search(word):
        return _escaped(word[:-1]) + r"(?:y's|ying|ies|ied|y)"
    if word.lower().endswith("e"):
        return _escaped(word[:-1]) + r"(?:e's|es|ed|ing|e)"
    if _SIBILANT.search(word):
        return _escaped(word) + r"(?:es|ed|ing|'s|')?"
    return _escaped(word) + r"(?:s'|'s|s|ed|ing)?"


def term_words(term: str) -> list[str]:
    """The words of a term, folded as the text is; empty when it has no letter or digit."""
    return list(_term_words(term))


@memo.by_content(max_size=1 << 22, max_entries=_CACHED_TERMS)
def _term_words(term: str) -> tuple[str, ...]:
    folded = language.without_points(strip_accents(anchor.fold(term)))
    return tuple(word for word in _WORD_SPLIT.split(folded) if any(c.isalnum() for c in word))


def _escaped(word: str) -> str:
    """A word as a pattern: in Arabic or Hebrew, each letter with or without its vowel points
    (the term's own are dropped by term_words), as writers write them or leave them out."""
    if word.isascii() or not _POINTED_SCRIPT.search(word):
        return re.escape(word)
    return "".join(re.escape(char) + f"[{language.POINTS}]*" for char in word)


def _body(words: list[str], match: str, english: bool) -> str:
    """The term as a pattern, without the word boundaries around it; English endings only for
    an English term of kind `words`."""
    if match == "exact" or not english:
        return _SEPARATOR.join(_escaped(word) for word in words)
    return _SEPARATOR.join(_inflected(word) for word in words)


_POINTED = f"[{language.POINTS}]*"  # a letter's vowel points, written or left out
_ARABIC_LETTER = re.compile(f"[{language.ARABIC_LETTERS}]")


def _with_particles(body: str, first: str) -> str:
    """The pattern of an Arabic term's words (`body`, whose first word is `first`) with the
    particles that may be written on to its first word (see language.ARABIC_AND)."""
    and_ = f"(?:[{language.ARABIC_AND}]{_POINTED})?"
    with_or_as = f"(?:[{language.ARABIC_WITH_OR_AS}]{_POINTED})?"
    for_ = f"{language.ARABIC_FOR}{_POINTED}"
    if not first.startswith(language.ARABIC_ARTICLE):
        return f"{and_}(?:{with_or_as}|{for_})?{body}"
    article = _escaped(language.ARABIC_ARTICLE)
    return f"{and_}(?:{with_or_as}{article}|{for_}{for_}){body.removeprefix(article)}"


def term_pattern(term: LexiconTerm) -> re.Pattern[str]:
    return _pattern(term.term, term.match, term.english, term.arabic)


# Cached beyond the `re` module's own 512 patterns: the duplicate check compares each term with
# others many times, and compiling again for each pair made 800 terms take minutes.
@memo.by_content(max_size=1 << 22, max_entries=_CACHED_TERMS)
def _pattern(term: str, match: LexiconMatch, english: bool, arabic: bool) -> re.Pattern[str]:
    words = term_words(term)
    body = _body(words, match, english)
    if words and match != "exact" and arabic and _ARABIC_LETTER.match(words[0]):
        body = _with_particles(body, words[0])
    flags = 0 if match == "exact" else re.IGNORECASE
    before = "" if words and language.unspaced(words[0][0]) else _NO_WORD_BEFORE
    after = "" if words and language.unspaced(words[-1][-1]) else _NO_WORD_AFTER
    if words and match != "exact" and language.hangul(words[-1][-1]):
        after = f"[{language.HANGUL}]*{_NO_WORD_AFTER}"  # the rest of the word: its endings
    return re.compile(f"{before}{body}{after}", flags)


@dataclass(frozen=True, slots=True)  # slots: a large corpus has hundreds of thousands
class Hit:
    """Where a term occurs: offsets in the original (unfolded) text."""

    theme_id: str
    term: str
    start: int
    end: int


class Matcher:
    """A lexicon compiled once, to find its terms in many texts.

    The hits are those of each term's pattern (`term_pattern`) run over the text, found faster:
    one scan of the text, with case ignored as the patterns ignore it, finds each place where
    some term begins. Only the terms whose first fixed letters (their stem) stand there are then
    tried: no other term can begin at that place. A term whose words are not all ASCII, or whose
    first word is a single letter, is run over the text on its own.
    """

    def __init__(self, terms: tuple[LexiconTerm, ...]):
        self.terms = terms
        self._patterns = [term_pattern(term) for term in terms]
        self._of_some_language = any(term.language for term in terms)
        self._by_language: dict[str, Matcher] = {}  # lowercase tag: the terms looked for in it
        self._alone: list[int] = []
        self._by_stem: dict[str, list[int]] = {}  # lowercase stem: the terms that begin with it
        rests: dict[str, list[str]] = {}  # first letter: the rest of each term, lowercase
        for index, term in enumerate(terms):
            words = term_words(term.term)
            if not all(word.isascii() for word in words) or len(words[0]) < 2:
                self._alone.append(index)
                continue
            first = words[0].lower()
            inflected = (
                term.match != "exact"
                and term.english
                and (_CONSONANT_Y.search(first) or first[-1] == "e")
            )
            self._by_stem.setdefault(first[:-1] if inflected else first, []).append(index)
            letter = re.escape(first[0])
            body = _body([word.lower() for word in words], term.match, term.english)
            rests.setdefault(letter, []).append(body.removeprefix(letter))
        self._stem_lengths = sorted({len(stem) for stem in self._by_stem})
        # By the letters where a term may begin (as many as the longest stem): the terms whose
        # stem stands there, and a pattern that tries them all at once.
        self._tries: dict[str, tuple[re.Pattern[str], tuple[int, ...]]] = {}
        # Each place where a term may begin, in lowercase text: a first letter that no word
        # character comes before, then the rest of a term. Starting with the letter lets the
        # regular expression engine skip quickly to the next place worth trying.
        self._scan = None
        if rests:
            self._scan = re.compile(
                "|".join(
                    rf"{letter}(?<!{_IN_WORD}{letter})(?=(?:{'|'.join(rest)}){_NO_WORD_AFTER})"
                    for letter, rest in rests.items()
                )
            )

    def for_document(self, document: Document) -> Matcher:
        """The matcher of the terms looked for in the document: those with no language, and
        those whose language its own is within (`LexiconTerm.looked_for_in`). The document's
        language is read (or guessed) only when some term has one."""
        if not self._of_some_language:
            return self
        tag = document.written_in.lower()
        if tag not in self._by_language:
            kept = tuple(term for term in self.terms if term.looked_for_in(tag))
            self._by_language[tag] = self if len(kept) == len(self.terms) else Matcher(kept)
        return self._by_language[tag]

    def _tried(self, letters: str) -> tuple[re.Pattern[str], tuple[int, ...]]:
        """The terms whose stem begins `letters`, and a pattern with each of them in a lookahead
        of its own, in a group that is set when it matches."""
        together = tuple(
            index
            for length in self._stem_lengths
            for index in self._by_stem.get(letters[:length], ())
        )
        tries = "".join(f"(?:(?=({self._flagged(index)})))?" for index in together)
        return re.compile(tries), together

    def _flagged(self, index: int) -> str:
        pattern = self._patterns[index].pattern.removeprefix(_NO_WORD_BEFORE)
        return pattern if self.terms[index].match == "exact" else f"(?i:{pattern})"

    def find(self, text: str, offset: int = 0) -> list[Hit]:
        """Every occurrence of every term in `text`, with offsets shifted by `offset`."""
        return self.find_in(anchor.normalise(text), [(0, len(text))], offset)[0]

    def find_in(
        self, folded: anchor.Normalised, spans: Iterable[tuple[int, int]], offset: int = 0
    ) -> list[list[Hit]]:
        """The hits in each (start, end) span of the text that `folded` folds, each span read as
        a text of its own, so that no term runs from one span into the next (`find` on each
        span's text gives the same). A span other than the whole text must begin and end with
        a character that is not whitespace, as a sentence does."""
        bounds = [(folded.to_folded(start), folded.to_folded(end)) for start, end in spans]
        found: list[list[Hit]] = [[] for _ in bounds]
        if not self.terms:
            return found
        # The spans are read in one go, joined by a character that is not a word character and
        # that no term contains, so that no match runs across it: each span reads as if on its
        # own. Should a term contain it, they are read one at a time.
        joined = not any(_JOINT in term.term for term in self.terms)
        batches = [range(len(bounds))] if joined else [range(i, i + 1) for i in range(len(bounds))]
        for batch in batches:
            haystack = strip_accents(_JOINT.join(folded.text[slice(*bounds[i])] for i in batch))
            lengths = (bounds[i][1] - bounds[i][0] + 1 for i in batch)
            starts = list(itertools.accumulate(lengths, initial=0))
            for index, begin, finish in self._matches(haystack):
                at = bisect_right(starts, begin) - 1
                shift = bounds[batch[at]][0] - starts[at]
                term = self.terms[index]
                found[batch[at]].append(
                    Hit(
                        term.theme_id,
                        term.term,
                        offset + folded.to_original(shift + begin),
                        offset + folded.to_original(shift + finish - 1) + 1,
                    )
                )
        for hits in found:
            hits.sort(key=lambda hit: (hit.start, hit.end))
        return found

    def _matches(self, text: str) -> list[tuple[int, int, int]]:
        """(term index, start, end) of every match in `text`, by term and then by start: what
        running each term's pattern with `finditer` gives."""
        matches = []
        if self._scan is not None:
            caseless = _caseless(text)
            longest, tries = self._stem_lengths[-1], self._tries
            ends: dict[int, int] = {}  # a term's matches do not overlap, as with finditer
            for candidate in self._scan.finditer(caseless):
                at = candidate.start()
                letters = caseless[at : at + longest]
                if letters not in tries:
                    tries[letters] = self._tried(letters)
                pattern, together = tries[letters]
                matched = pattern.match(text, at)
                assert matched is not None, "the letters at this place start one of the terms"
                spans = matched.regs
                for index, (begin, end) in zip(together, spans[1:], strict=True):
                    if begin >= 0 and at >= ends.get(index, 0):
                        matches.append((index, at, end))
                        ends[index] = end
        for index in self._alone:
            matches += [(index, m.start(), m.end()) for m in self._patterns[index].finditer(text)]
        matches.sort()
        return matches


def covers(other: LexiconTerm, term: LexiconTerm) -> bool:
    """Whether `other` already finds every occurrence of `term`, making `term` a duplicate: in
    every text `term` is looked for in, too (a term of no language, or of a language that
    `term`'s is within)."""
    if other.theme_id != term.theme_id or (other.match == "exact" and term.match != "exact"):
        return False
    if other.language and not (term.language and language.within(term.language, other.language)):
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
