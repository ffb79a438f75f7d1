"""The language a text is written in: its BCP 47 tag, checked, guessed from the text when not
given, and what follows from it (which way the script runs, whether English formulas apply,
whether a text is in a language that a tag names, whether its script puts spaces between words).

A tag is checked for its form only (RFC 5646, section 2.1: `zh-Hans-CN`, `sr-Latn`, `ar`), not
looked up in the IANA registry, which changes. A guess comes from py3langid, whose model ships
inside its wheel: nothing is downloaded.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Literal

from perspectives import memo

Direction = Literal["ltr", "rtl"]

_ALPHANUM = "[a-z0-9]"
_LANGTAG = (
    r"(?:[a-z]{2,3}(?:-[a-z]{3}){0,3}|[a-z]{4,8})"  # language, with up to three extlangs
    r"(?:-[a-z]{4})?"  # script
    r"(?:-(?:[a-z]{2}|[0-9]{3}))?"  # region
    rf"(?:-(?:{_ALPHANUM}{{5,8}}|[0-9]{_ALPHANUM}{{3}}))*"  # variants
    rf"(?:-[0-9a-wy-z](?:-{_ALPHANUM}{{2,8}})+)*"  # extensions
    rf"(?:-x(?:-{_ALPHANUM}{{1,8}})+)?"  # private use
)
_WELL_FORMED = re.compile(rf"(?:{_LANGTAG}|x(?:-{_ALPHANUM}{{1,8}})+)", re.IGNORECASE)
#: Tags from before RFC 4646 that RFC 5646 keeps as well-formed, though they fit no pattern.
_GRANDFATHERED = frozenset(
    {"en-gb-oed", "i-ami", "i-bnn", "i-default", "i-enochian", "i-hak", "i-klingon", "i-lux"}
    | {"i-mingo", "i-navajo", "i-pwn", "i-tao", "i-tay", "i-tsu", "sgn-be-fr", "sgn-be-nl"}
    | {"sgn-ch-de", "art-lojban", "cel-gaulish", "no-bok", "no-nyn", "zh-guoyu", "zh-hakka"}
    | {"zh-min", "zh-min-nan", "zh-xiang"}
)
#: Scripts written right to left (ISO 15924), and the languages written in one by default.
_RTL_SCRIPTS = frozenset({"arab", "hebr", "syrc", "thaa", "nkoo", "adlm", "rohg", "mand", "samr"})
_RTL_LANGUAGES = frozenset(
    {"ar", "arz", "ary", "ckb", "dv", "fa", "he", "iw", "ks", "ps", "prs", "sd", "syr", "ug"}
    | {"ur", "yi"}
)
#: The language the dashboard is written in, and the one a translation renders a text into.
READING_LANGUAGE = "en"
#: Enough of a text to tell its language, read from its start: more only takes longer.
_SAMPLE = 20_000
_LETTER = re.compile(r"[^\W\d_]")


def well_formed(tag: str) -> bool:
    """Whether the tag has the form BCP 47 gives a language tag (its case is not checked)."""
    return tag.lower() in _GRANDFATHERED or _WELL_FORMED.fullmatch(tag) is not None


def primary(tag: str) -> str:
    """The language subtag, lowercase: `zh` for `zh-Hant-TW`."""
    return tag.split("-", 1)[0].lower()


def is_english(tag: str) -> bool:
    return primary(tag) == "en"


def within(tag: str, language_range: str) -> bool:
    """Whether the tag falls within the language range, by RFC 4647's basic filtering (section
    3.3.1), case ignored: `zh` takes `zh` and `zh-Hans`, `zh-Hant` does not take `zh-Hans`, and
    `*` takes every tag."""
    tag, language_range = tag.lower(), language_range.lower()
    return language_range in ("*", tag) or tag.startswith(f"{language_range}-")


def direction(tag: str) -> Direction:
    """Which way the tag's script runs: its script subtag says, else its language's usual one."""
    subtags = tag.lower().split("-")
    scripts = [part for part in subtags[1:3] if len(part) == 4 and part.isalpha()]
    if scripts:
        return "rtl" if scripts[0] in _RTL_SCRIPTS else "ltr"
    return "rtl" if subtags[0] in _RTL_LANGUAGES else "ltr"


@memo.by_content(max_size=1 << 24, max_entries=4096)
def detect(text: str) -> str:
    """The language the text is most likely in, as a two- or three-letter tag; "" for a text
    without letters."""
    sample = text[:_SAMPLE]
    if not _LETTER.search(sample):
        return ""
    import py3langid  # imported here: loading its model takes a quarter of a second

    found, _ = py3langid.classify(sample)
    return str(found)


_LATIN_ACCENTS = range(0x300, 0x370)  # Unicode's block of combining diacritical marks


def _ranges(code_points: list[int]) -> str:
    """Code points as the ranges of a regular expression's character class."""
    runs: list[list[int]] = []
    for point in code_points:
        if runs and point == runs[-1][1] + 1:
            runs[-1][1] = point
        else:
            runs.append([point, point])
    return "".join(
        re.escape(chr(first)) + ("" if last == first else "-" + re.escape(chr(last)))
        for first, last in runs
    )


_BMP_MARKS = [
    point for point in range(0x10000) if unicodedata.category(chr(point)) in ("Mn", "Mc", "Me")
]
#: Marks written over, under or beside a letter (accents, Cyrillic titlos, Hebrew points, Arabic
#: vowel signs, the vowel signs of Devanagari, Bengali, Tamil…: every combining mark of the
#: Basic Multilingual Plane), as a character class's ranges: inside a word, though not
#: letters themselves (`\w` takes none of them).
MARKS = _ranges(_BMP_MARKS)
#: The same but the Latin accents, which a text in decomposed form writes apart from their
#: letter (e and an acute for é): a mark that is part of the word's spelling, so that a word
#: ending beside one has not ended.
SPELLING_MARKS = _ranges([point for point in _BMP_MARKS if point not in _LATIN_ACCENTS])
#: Of those, the vowel points and cantillation of Hebrew and the vowel signs of Arabic, and
#: Arabic's tatweel: what a writer of these scripts may write or leave out, the word the same.
POINTS = (
    "\u0591-\u05bd\u05bf\u05c1\u05c2\u05c4\u05c5\u05c7"
    "\u0610-\u061a\u0640\u064b-\u065f\u0670\u06d6-\u06ed"
)
#: Chinese and Japanese characters (kana, ideographs), which are not spaced into words.
IDEOGRAPHS = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_POINT = re.compile(f"[{POINTS}]")


def character_pairs(run: str) -> list[str]:
    """Each pair of characters side by side in a run of Chinese or Japanese: what stands in for
    its words, which cannot be told apart without a dictionary (most are two characters long)."""
    return [run[i : i + 2] for i in range(len(run) - 1)]


def without_points(text: str) -> str:
    """The text without the vowel points of Arabic and Hebrew (see POINTS)."""
    return _POINT.sub("", text) if not text.isascii() else text


#: The blocks of the scripts written without spaces between words, as a character class's
#: ranges: Thai, Lao, Tibetan, Myanmar, Khmer, Balinese, Javanese, kana, and the Han
#: ideographs (the iteration mark, unified and compatibility ideographs, in every plane).
UNSPACED = (
    "\u0e00-\u0fff\u1000-\u109f\u1780-\u17ff\u19e0-\u19ff\u1b00-\u1b7f\u3005"
    "\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\ua980-\ua9ff\uaa60-\uaa7f"
    "\uf900-\ufaff\uff65-\uff9f\U00020000-\U000323af"
)
_UNSPACED = re.compile(f"[{UNSPACED}]")


def unspaced(char: str) -> bool:
    """Whether the character belongs to a script written without spaces between words, where
    a word may begin or end next to any other letter (制裁 inside 对朝鲜实施制裁)."""
    return _UNSPACED.match(char) is not None


#: Hangul, as a character class's ranges: a Korean word carries its particles and endings
#: (제재는, 제재를: "sanctions" as topic, as object).
HANGUL = "\u1100-\u11ff\u3130-\u318f\ua960-\ua97f\uac00-\ud7af"
_HANGUL = re.compile(f"[{HANGUL}]")


def hangul(char: str) -> bool:
    """Whether the character is a Hangul syllable or letter."""
    return _HANGUL.match(char) is not None


#: The particles Arabic writes on to the word that follows (ISRI's prefixes): "and" or "so",
#: then "with" or "as", or "for", which before the article is written لل (ل and ال).
ARABIC_AND, ARABIC_WITH_OR_AS, ARABIC_FOR, ARABIC_ARTICLE = "وف", "بك", "ل", "ال"
ARABIC_LETTERS = "\u0621-\u064a"
_ARABIC_PARTICLES = re.compile(
    f"([{ARABIC_AND}]?)([{ARABIC_WITH_OR_AS}{ARABIC_FOR}]?)(?=[{ARABIC_LETTERS}])"
)


def without_particles(word: str) -> str:
    """A word without the particles its language writes on to it, as far as its letters tell:
    of a Korean word, its first two syllables (most nouns are two syllables long: 제재는 and
    제재를 give 제재); of an Arabic word (its vowel points left out), what follows و or ف, then
    ب, ك or ل (والعقوبات, بالعقوبات and للعقوبات give العقوبات). Any other word as it is."""
    if word.isascii():
        return word
    if hangul(word[0]):
        return word[:2]
    found = _ARABIC_PARTICLES.match(word)
    if found is None:
        return word
    stem = word[found.end() :]
    if found.group(2) == ARABIC_FOR and stem.startswith(ARABIC_FOR):  # لل: "for the"
        stem = ARABIC_ARTICLE[0] + stem
    return stem


#: Unicode's first-strong isolate and its end: what they hold takes its own direction and does
#: not reorder the text around it (Unicode Bidirectional Algorithm, UAX #9, section 2.7).
_ISOLATE, _END_ISOLATE = "\u2068", "\u2069"


def isolate(text: str) -> str:
    """Corpus text to set inside a line of the page's English: wrapped in an isolate when it
    holds a right-to-left letter, so that an Arabic title between commas keeps its place in the
    line and carries no digits or punctuation of the line into its own run; else unchanged."""
    if any(unicodedata.bidirectional(char) in ("R", "AL") for char in text):
        return f"{_ISOLATE}{text}{_END_ISOLATE}"
    return text
