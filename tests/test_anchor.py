import bisect
import re

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from perspectives import anchor

TEXT = "He said: “the  double\nfreeze” — it’s over.\nAnd then it was over."


@pytest.mark.parametrize(
    "quote",
    [
        "the double freeze\" - it's over",  # straight quotes, hyphen for a dash
        "the double freeze” — it’s over",  # typographic, single spaces
        "  the   double freeze”   —  it’s over ",  # extra spacing
        "the double\r\nfreeze” – it’s over",  # line break, en dash
    ],
)
def test_matching_tolerates_spacing_quotes_and_dashes(quote):
    spans = anchor.find_all(anchor.normalise(TEXT), quote)
    assert len(spans) == 1
    start, end = spans[0]
    assert TEXT[start:end] == "the  double\nfreeze” — it’s over"


def test_every_occurrence_is_found():
    assert len(anchor.find_all(anchor.normalise(TEXT), "over")) == 2


def test_anchor_has_position_and_context():
    (start, end), _ = anchor.find_all(anchor.normalise(TEXT), "over")
    found = anchor.make_anchor(TEXT, start, end)
    assert (found.start, found.end, found.exact) == (start, end, "over")
    assert found.prefix.endswith("it’s ") and found.suffix.startswith(".\nAnd")


def test_closest_passage_for_a_typo():
    suggestion = anchor.closest_passage(anchor.normalise(TEXT), "the duoble freeze", TEXT)
    assert suggestion is not None
    assert "double" in suggestion.passage
    assert 80 <= suggestion.score < 100


def test_overlap():
    assert anchor.overlaps((5, 10), [(9, 12)])
    assert not anchor.overlaps((5, 10), [(10, 12)])


OVER_TWICE = anchor.find_all(anchor.normalise(TEXT), "over")


@pytest.mark.parametrize(
    ("prefix", "suffix", "chosen"),
    [
        ("it’s", "", [0]),
        ("it's", "", [0]),  # straight apostrophe for a typographic one
        ("freeze\" -  it's", "", [0]),  # hyphen for a dash, extra spacing
        ("it was", "", [1]),
        ("", ".\nAnd", [0]),
        ("", ". And", [0]),  # a line break matches a space
        ("", ".", [0, 1]),
        ("", "", [0, 1]),
        ("nowhere", "", []),
        ("it’s", ". And then", [0]),
        ("it’s", "and then", []),  # only text right after the quote counts
    ],
)
def test_context_picks_occurrences(prefix, suffix, chosen):
    haystack = anchor.normalise(TEXT)
    picked = [
        index
        for index, span in enumerate(OVER_TWICE)
        if anchor.follows(haystack, span, prefix) and anchor.precedes(haystack, span, suffix)
    ]
    assert picked == chosen


def test_words_around_a_passage():
    haystack = anchor.normalise(TEXT)
    assert anchor.words_around(haystack, OVER_TWICE[0], words=2) == ("- it's", ". And")
    assert anchor.words_around(haystack, OVER_TWICE[1], words=3) == ("then it was", ".")


def _no_space(char: str) -> bool:
    return re.fullmatch(f"[{anchor.NO_SPACE}]", char) is not None


def _joined(text: str, index: int) -> bool:
    """Whether the whitespace at `index` lies in a run between two characters of a script
    written without spaces (a wrapped line of Chinese), which folds to nothing."""
    start, end = index, index
    while start > 0 and text[start - 1].isspace():
        start -= 1
    while end < len(text) and text[end].isspace():
        end += 1
    return start > 0 and end < len(text) and _no_space(text[start - 1]) and _no_space(text[end])


def _fold_char_by_char(text: str) -> tuple[str, list[int]]:
    """A slow, plainly right folding: each folded character with the offset it came from."""
    chars: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        if char.isspace():
            first = index == 0 or not text[index - 1].isspace()  # a run folds to its first space
            if first and not _joined(text, index):
                chars.append(" ")
                origin.append(index)
            continue
        for piece in char.translate(anchor._FOLDS):
            chars.append(piece)
            origin.append(index)
    origin.append(len(text))
    return "".join(chars), origin


# Texts of what folding changes (runs of space, typographic characters), and of any other
# characters, every kind of white space from any script among them.
_FOLDED = st.lists(
    st.one_of(
        st.sampled_from(["a", "b", " ", "  ", "\n", "\n\n", "\t", "…", "’", "—", "\u00a0", "x"]),
        st.characters(),
    ),
    max_size=30,
).map("".join)
_SPACES = [chr(code) for code in range(0x3001) if chr(code).isspace()]
_SHORT = st.lists(
    st.one_of(st.sampled_from(["a", "`", "’", "…", "—", "é", *_SPACES]), st.characters()),
    max_size=12,
).map("".join)


@given(_FOLDED)
@example("㐀 㐀")  # a wrapped line of Chinese (Extension A): the break folds to nothing
@example("中文 \n\t字。 ａ")
def test_folding_maps_every_offset_like_a_character_by_character_fold(text):
    folded = anchor.normalise(text)
    expected_text, origin = _fold_char_by_char(text)
    assert folded.text == expected_text
    for index, offset in enumerate(origin):
        assert folded.to_original(index) == offset, index
    for offset in range(len(text) + 1):
        assert folded.to_folded(offset) == bisect.bisect_left(origin, offset), offset


@given(_SHORT)
def test_a_short_string_folds_as_a_text_does_trimmed(text):
    assert anchor.fold(text) == _fold_char_by_char(text)[0].strip(" ")


def test_a_short_string_with_every_kind_of_space_folds_to_its_words():
    assert anchor.fold("\u3000 Hello,\x1c `world`\u2029") == "Hello, 'world'"


@pytest.mark.parametrize(
    ("needle", "whole", "expected"),
    [
        ("Go to content", True, ["Go to content"]),
        ("Go to content", False, ["Go to content", "Go to content"]),
        ("to cont", True, []),
        ("(see below)", True, ["(see below)"]),
    ],
)
def test_whole_words_are_not_found_inside_longer_words(needle, whole, expected):
    text = "Skip: Go to contents. Menu (see below). Go to content\nBody."
    folded = anchor.normalise(text)
    assert [text[s:e] for s, e in anchor.find_all(folded, needle, whole_words=whole)] == expected
