"""Split an author's text into sentences, each with its character offsets in the captured text.

Offsets point into `Document.text`, so a sentence can be linked to, highlighted or compared with
a quote's anchor. The rules are deliberately plain, so a reader can predict them:

- a blank line (see `paragraphs`: the paragraphs the source reader shows), or a line that starts
  with a list marker (•, -, *, 1.), starts a new sentence; a single line break inside a paragraph
  does not;
- inside a paragraph, a sentence ends at `.`, `!`, `?`, an ellipsis, the Arabic `؟` or the
  Devanagari `।`, with any closing quotes or brackets that follow, when whitespace comes next and
  then a capital (Latin, Greek, Cyrillic), a digit, a letter of a script without capitals
  (Arabic, Hebrew, Devanagari, Korean, Chinese, Japanese) or an opening quote or bracket;
- a Chinese or Japanese `。`, `！` or `？` ends a sentence with the closing quotes after it,
  whatever follows: those scripts put no space between sentences;
- a full stop after a title (Dr., Mr., Prof., …), an initial (J. Smith) or a dotted acronym
  (U.S., e.g.) does not end a sentence.
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from operator import attrgetter

from perspectives import anchor, language, memo
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

# A line break as Windows (\r\n), old Macs (\r) and everything else (\n) write it (a \r is
# never a line of its own when a \n follows it), then one or more lines of nothing but other
# whitespace, each ended by a line break.
_LINE_END = r"(?:\r\n|\r(?!\n)|\n)"
_PARAGRAPH_BREAK = re.compile(rf"{_LINE_END}(?:[^\S\r\n]*{_LINE_END})+")
# The same for a range without a \r: a \n first, which the engine finds at once, where it tries
# the alternatives above at every character (in 20 MB, 15 ms rather than 145).
_PARAGRAPH_BREAK_LF = re.compile(r"\n(?:[^\S\r\n]*\n)+")
_NOT_SPACE = re.compile(r"\S")  # what str.strip() keeps
_MARKER = r"[ \t]*(?:[•◦▪‣·*\-–]|\d{1,2}[.)])[ \t]+"
_LIST_MARKER = re.compile(_MARKER)  # matched where a paragraph begins, if a line does there
# The markers on its other lines: a line break first, which the engine finds at once (a \n;
# the character class, only for a paragraph that has a \r, is searched for ten times slower).
_NEXT_LIST_MARKER = re.compile(f"\n({_MARKER})")
_NEXT_LIST_MARKER_ANY_END = re.compile(f"[\r\n]({_MARKER})")
# What may open a sentence: a capital (Latin, Greek, Cyrillic), a digit, or a letter of a
# script without capitals (Hebrew, Arabic, Devanagari, Hangul, kana, Han).
_OPENS = "A-Z0-9\u0391-\u03a9\u0400-\u042f\u0590-\u06ff\u0900-\u097f\uac00-\ud7af" + anchor.NO_SPACE
# End punctuation (with the Arabic question mark and the Devanagari danda), closing quotes or
# brackets, whitespace, then what may open the next sentence; or a Chinese or Japanese full
# stop, exclamation or question mark with its closing quotes, which need no space after them.
_BOUNDARY = re.compile(
    rf"[.!?…؟।॥]+[”’\"')\]»]*(?=\s+[“‘\"'(\[«„]?[{_OPENS}])|[。！？]+[」』”’）\"')\]]*"
)
_WORD_BEFORE = re.compile(r"([\w.]+)\.$")
_LOOKBEHIND = 24
_DOTTED = re.compile(r"(?:\w\.)+\w")
# Possessive: nothing after a run of letters can make it give some back, and not keeping the
# places to go back to makes counting the words of a long text a fifth faster.
_WORD = re.compile(rf"[\w{language.MARKS}]++(?:['’\-‐][\w{language.MARKS}]++)*+")
# In a text with Chinese or Japanese: each of their characters is a word of its own.
_IDEOGRAPH = re.compile(f"[{language.IDEOGRAPHS}]")
_RUN = rf"(?:[^\W{language.IDEOGRAPHS}]|[{language.MARKS}])++"
_WORD_OR_IDEOGRAPH = re.compile(rf"[{language.IDEOGRAPHS}]|{_RUN}(?:['’\-‐]{_RUN})*+")
_IDEOGRAPHIC = re.compile(f"[{anchor.NO_SPACE}]")
_ALNUM = re.compile(r"[^\W_]")  # what str.isalnum() accepts
# Review openings are compared with every sentence of their document: fold each once.
_HEAD = 64  # characters of a sentence folded for comparing it with openings
# In folded text (anchor.fold), what stands just before a sentence that does not begin its
# paragraph: the end of a sentence (_BOUNDARY, folded) or a list marker, then one space.
_BEFORE_SENTENCE = r"[.!?؟।॥\"')\]•◦▪‣·*-] "
# The same where no space follows: Chinese and Japanese end punctuation (folded), quote closed.
_UNSPACED_END = frozenset('.!?")')
_WIDE_ENDS = ("\u3002", "\uff01", "\uff1f")  # 。！？, after which a sentence needs no space
#: Openings are looked for by at most this many of their first characters: enough to tell most
#: sentences apart, few enough to keep the pattern of them all small.
_OPENING_PREFIX = 32
#: More openings than this, and a pattern of them all compiles slower than a text is split.
_OPENINGS_SEARCHED = 1000


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
        return anchor.squeeze(self.text)

    @cached_property
    def _folded_head(self) -> str:
        return anchor.fold(self.text[:_HEAD])

    def opens_with(self, words: str) -> bool:
        """Whether the sentence starts with these words, folded as quotes are matched."""
        folded = anchor.fold(words)
        if not folded:
            return False
        # Folding a head of the text gives a head of the folded text: a sentence is compared
        # with many openings, so its head is folded once, and more only for a long opening.
        head, length = self._folded_head, _HEAD
        while len(head) < len(folded) and length < len(self.text):
            length *= 2
            head = anchor.fold(self.text[:length])
        return head.startswith(folded)


def first_words(text: str, words: int, characters: int = 80) -> str:
    """The opening of a text, to name it in a list: its first `words` words, and no more than
    about `characters` characters (a text written without spaces is cut by characters), with
    " …" where it was cut."""
    split = text.split()
    opening = " ".join(split[:words])
    if len(opening) > characters:
        opening = opening[:characters].rstrip()
    return opening + (" …" if opening != " ".join(split) else "")


def last_words(text: str, words: int, characters: int = 80) -> str:
    """The close of a text, as `first_words` gives its opening: "… " where it was cut."""
    split = text.split()
    closing = " ".join(split[-words:])
    if len(closing) > characters:
        closing = closing[-characters:].lstrip()
    return ("… " if closing != " ".join(split) else "") + closing


def word_count(text: str) -> int:
    """Words as a reader counts them, the one count of the app (source reader, Theme coverage,
    capture): a run of letters and digits is a word, and so are hyphenated and possessive
    forms ("well-known", "Kim's"); dashes and other punctuation standing alone are not words.
    Chinese and Japanese count one word per character, as their word counts do (telling their
    words apart takes a dictionary); Thai, one per run between punctuation or spaces."""
    # Telling ideographs apart makes counting twice as slow: done only where there are some.
    ideographic = not text.isascii() and _IDEOGRAPH.search(text) is not None
    return len((_WORD_OR_IDEOGRAPH if ideographic else _WORD).findall(text))


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


def paragraphs(
    text: str, ranges: tuple[tuple[int, int], ...] | None = None
) -> tuple[tuple[int, int], ...]:
    """The (start, end) of each paragraph of `text`, or of the given ranges of it: what blank
    lines separate, trimmed of whitespace, those with none but whitespace left out.

    The one definition the source reader, the curation page, capture and the sentence splitter
    share, so that no sentence crosses a break the reader shows. A blank line is a line of
    whitespace only, whatever the line endings (LF, CRLF, CR or a mix). Each range is split
    alone, so that one can be split without the rest."""
    found = []
    for start, end in ranges if ranges is not None else ((0, len(text)),):
        breaks = _PARAGRAPH_BREAK_LF if text.find("\r", start, end) < 0 else _PARAGRAPH_BREAK
        for match in breaks.finditer(text, start, end):
            found.append(trimmed(text, start, match.start()))
            start = match.end()
        found.append(trimmed(text, start, end))
    return tuple((start, end) for start, end in found if start < end)


def trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """text[start:end] without whitespace (as str.strip() has it) at either end, found where it
    lies rather than by copying the paragraph."""
    first = _NOT_SPACE.search(text, start, end)
    if first is None:
        return start, start
    start = first.start()
    while text[end - 1].isspace():
        end -= 1
    return start, end


def _items(text: str, first: int, last: int) -> Iterator[tuple[int, int]]:
    """The list items of the paragraph text[first:last], markers left out, in order; the
    paragraph itself when it has none."""
    opening = _LIST_MARKER.match(text, first, last) if _starts_line(text, first) else None
    if opening is not None:
        first = opening.end()
    markers = _NEXT_LIST_MARKER if text.find("\r", first, last) < 0 else _NEXT_LIST_MARKER_ANY_END
    for marker in markers.finditer(text, first, last):
        yield first, marker.start(1)
        first = marker.end()
    yield first, last


def _starts_line(text: str, at: int) -> bool:
    """Whether only spaces or tabs stand between the start of a line and `at`: a paragraph is
    trimmed, and a range of the body may start in the middle of a line."""
    line = at
    while line > 0 and text[line - 1] in " \t":
        line -= 1
    return line == 0 or text[line - 1] in "\r\n"


def split(text: str, ranges: tuple[tuple[int, int], ...] | None = None) -> list[Sentence]:
    """The sentences of `text`, or of the given (start, end) ranges of it, in order."""
    return [
        sentence
        for paragraph in paragraphs(text, ranges)
        for sentence in _paragraph_sentences(text, *paragraph)
    ]


def _paragraph_sentences(text: str, first: int, last: int) -> Iterator[Sentence]:
    """The sentences of the paragraph text[first:last], one at a time: its first sentences are
    found without looking for the others."""
    for block_start, block_end in _items(text, first, last):
        cursor = block_start
        for match in _BOUNDARY.finditer(text, block_start, block_end):
            if _is_abbreviation(text, match.start()):
                continue
            yield from _sentence(text, cursor, match.end())
            cursor = match.end()
        yield from _sentence(text, cursor, block_end)


def _sentence(text: str, start: int, end: int) -> tuple[Sentence, ...]:
    """The sentence text[start:end] holds, trimmed; none without a letter or digit."""
    piece = text[start:end]
    stripped = piece.strip()  # whitespace as str.isspace() has it, at both ends
    if not _ALNUM.search(stripped):
        return ()
    start += len(piece) - len(piece.lstrip())
    return (Sentence(start, start + len(stripped), text),)


def overlapping(sentences: Sequence[Sentence], start: int, end: int) -> range:
    """The positions in `sentences` (of one text, in order, as `split` gives them) of those that
    share a character with text[start:end]: the one lookup of the sentences a quote lies in, by
    bisection. Empty when none does."""
    return range(_ending_after(sentences, start), _starting_before(sentences, end))


def _ending_after(sentences: Sequence[Sentence], offset: int) -> int:
    """The position of the first sentence that ends after `offset`."""
    return bisect.bisect_right(sentences, offset, key=attrgetter("end"))


def _starting_before(sentences: Sequence[Sentence], offset: int) -> int:
    """How many sentences start before `offset`."""
    return bisect.bisect_left(sentences, offset, key=attrgetter("start"))


@memo.PerObject
def document_sentences(document: Document) -> tuple[Sentence, ...]:
    """The sentences of the author's own words: excluded spans are never part of one.

    Split once per document and shared (Theme coverage tags them, and suggestions read them),
    for as long as the document lives."""
    return tuple(split(document.text, document.body_ranges))


class SentenceLookup:
    """Sentences of a document's author body found where they are asked for: each paragraph is
    split alone, and only as far as a lookup needs (a few reviews of a 20 MB text, which has
    some 120,000 sentences, need a few of them). They are those of `document_sentences`."""

    def __init__(self, document: Document):
        self.document = document
        self._paragraphs = paragraphs(document.text, document.body_ranges)
        self._starts = [start for start, _ in self._paragraphs]
        # Per paragraph split so far: its sentences, and the rest to split.
        self._split: dict[int, tuple[list[Sentence], Iterator[Sentence]]] = {}

    def after(self, offset: int) -> Sentence | None:
        """The first sentence that ends after this offset of the text: the one that holds
        it, or else the next one."""
        first = max(bisect.bisect_right(self._starts, offset) - 1, 0)
        for number in range(first, len(self._paragraphs)):
            made, rest = self._split.get(number) or self._split.setdefault(
                number, ([], _paragraph_sentences(self.document.text, *self._paragraphs[number]))
            )
            while not made or made[-1].end <= offset:
                sentence = next(rest, None)
                if sentence is None:
                    break
                made.append(sentence)
            at = _ending_after(made, offset)
            if at < len(made):
                return made[at]
        return None

    def opening(self, words: Collection[str]) -> list[Sentence]:
        """The sentences that may open with one of the words (folded), in order: every one that
        does, and a few others. Found where one of the words begins a paragraph, or follows a
        sentence's end or a list marker, by one pass over the folded text rather than by
        splitting all of it."""
        prefixes = {word[:_OPENING_PREFIX] for word in words if word}
        if len(prefixes) > _OPENINGS_SEARCHED:
            return list(document_sentences(self.document))
        folded = self.document.folded
        beginning = re.compile(_trie(prefixes))
        # The space first: the engine finds it at once, and looks behind it only there.
        after_end = re.compile(f" (?<={_BEFORE_SENTENCE})(?={beginning.pattern})")
        places = {match.end() for match in after_end.finditer(folded.text)}
        text = self.document.text  # isascii is a flag of the string: no pass over a long text
        wide_ends = not text.isascii() and any(end in text for end in _WIDE_ENDS)
        places |= _after_unspaced_ends(folded.text, prefixes, wide_ends)
        for start in self._starts:
            first = folded.to_folded(start)
            if beginning.match(folded.text, first):
                places.add(first)
        found: list[Sentence] = []
        for place in sorted(places):
            offset = folded.to_original(place)
            sentence = self.after(offset)
            if sentence is not None and sentence.start == offset:
                found.append(sentence)
        return found


def _after_unspaced_ends(folded: str, words: Collection[str], wide_ends: bool) -> set[int]:
    """Where one of the words follows end punctuation directly, as a Chinese sentence follows
    the one before it; in the folded text. Any word may follow a full-width full stop
    (`wide_ends`: the text has one); only a word of a script without spaces follows another."""
    unspaced = list(words) if wide_ends else [w for w in words if _IDEOGRAPHIC.match(w)]
    if not unspaced:
        return set()
    places = (match.start() for match in re.finditer(f"(?={_trie(unspaced)})", folded))
    return {place for place in places if place and folded[place - 1] in _UNSPACED_END}


def _trie(words: Collection[str]) -> str:
    """A regular expression that matches where any of the words does, their common beginnings
    written once ("Part (?:1|2)"): the engine then follows one branch per character."""
    branches: dict[str, list[str]] = defaultdict(list)
    for word in words:
        if not word:
            return ""  # a word ends here, whatever follows
        branches[word[0]].append(word[1:])
    alternatives = [re.escape(first) + _trie(rest) for first, rest in sorted(branches.items())]
    return alternatives[0] if len(alternatives) == 1 else f"(?:{'|'.join(alternatives)})"
