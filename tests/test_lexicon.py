"""Lexicon terms: what they find in text, and how a bad lexicon.csv is reported."""

from __future__ import annotations

import pytest

from perspectives import load
from perspectives.corpus import validate
from perspectives.lexicon import Matcher
from perspectives.model import LexiconTerm
from perspectives.paths import EMBEDDED_CORPUS

from .conftest import read_rows, write_rows
from .test_validate import append_copy_of_row, cell, drop_column


def found(term: str, text: str, match: str = "words") -> list[str]:
    hits = Matcher((LexiconTerm("theme", term, match),)).find(text)
    return [text[hit.start : hit.end] for hit in hits]


@pytest.mark.parametrize(
    ("term", "match", "text", "expected"),
    [
        ("sanction", "words", "New Sanctions and sanctioned banks.", ["Sanctions", "sanctioned"]),
        ("sanctions regime", "words", "the current sanctions\n  regime", ["sanctions\n  regime"]),
        ("sanction", "words", "the sanctions regime’s reach", ["sanctions"]),
        ("Seoul", "words", "Seoul’s view and SEOUL's", ["Seoul’s", "SEOUL's"]),
        ("Moon Jae-in", "words", "President Moon Jae-in’s visit", ["Moon Jae-in’s"]),
        ("Moon Jae-in", "words", "Moon Jae‑in (with a non-breaking hyphen)", ["Moon Jae‑in"]),
        ("THAAD", "exact", "the THAAD issue, not thaad", ["THAAD"]),
        ("double freeze", "words", "the “double-freeze” regime", ["double-freeze"]),
        (
            "double freeze",
            "words",
            "a double\nfreeze, a double – freeze",
            ["double\nfreeze", "double – freeze"],
        ),
        ("trade war", "words", "trade wars, not trade warfare", ["trade wars"]),
        (
            "visit",
            "words",
            "visited, visiting, visits; not revisit",
            ["visited", "visiting", "visits"],
        ),
        ("freeze", "words", "freezing and freezes", ["freezing", "freezes"]),
        ("economy", "words", "economies and the economy’s", ["economies", "economy’s"]),
        ("detente", "words", "the détente process", ["détente"]),
        ("US", "exact", "the US–China relationship tells us more", ["US"]),
        ("relation", "words", "the relationship", []),
        ("South Korea", "words", "SOUTH KOREA and south korean", ["SOUTH KOREA"]),
    ],
)
def test_term_matching(term, match, text, expected):
    assert found(term, text, match) == expected


def test_hits_carry_offsets_shifted_into_the_document():
    (hit,) = Matcher((LexiconTerm("sanctions", "sanction"),)).find("new sanctions", offset=100)
    assert (hit.theme_id, hit.term, hit.start, hit.end) == ("sanctions", "sanction", 104, 113)


def test_embedded_lexicon_covers_every_theme():
    corpus = load(EMBEDDED_CORPUS)
    assert {term.theme_id for term in corpus.lexicon} == {theme.id for theme in corpus.themes}
    assert {"Seoul", "Moon Jae-in", "THAAD", "double freeze", "trade war"} <= {
        term.term for term in corpus.lexicon
    }


def test_a_corpus_without_lexicon_loads(corpus_copy):
    (corpus_copy / "lexicon.csv").unlink()
    assert validate(corpus_copy) == []
    assert load(corpus_copy).lexicon == ()


def test_the_match_column_may_be_left_out(corpus_copy):
    drop_column("lexicon.csv", "match")(corpus_copy)
    assert validate(corpus_copy) == []
    assert {term.match for term in load(corpus_copy).lexicon} == {"words"}


def add_row(*cells: str):
    def mutate(root):
        rows = read_rows(root / "lexicon.csv")
        write_rows(root / "lexicon.csv", [*rows, list(cells)])

    return mutate


LAST_ROW = len(read_rows(EMBEDDED_CORPUS / "lexicon.csv")) + 1
ROW_2 = read_rows(EMBEDDED_CORPUS / "lexicon.csv")[1]  # sanctions,sanction,…

CASES = [
    # (id, mutation, row, column, words in the message)
    (
        "unknown theme",
        cell("lexicon.csv", 2, "theme_id", "sanction"),
        2,
        "theme_id",
        "unknown theme",
    ),
    ("empty term", cell("lexicon.csv", 3, "term", ""), 3, "term", "empty required cell"),
    ("term without a word", cell("lexicon.csv", 3, "term", " — "), 3, "term", "no letter or digit"),
    ("bad match kind", cell("lexicon.csv", 2, "match", "fuzzy"), 2, "match", "unknown value"),
    ("missing column", drop_column("lexicon.csv", "term"), 1, "term", "missing column"),
    (
        "same row twice",
        append_copy_of_row("lexicon.csv", 2),
        LAST_ROW,
        "term",
        "duplicate theme_id × term",
    ),
    ("case variant", add_row("sanctions", "SANCTION"), LAST_ROW, "term", "duplicate term"),
    ("inflected variant", add_row("sanctions", "sanctions"), LAST_ROW, "term", "duplicate term"),
    (
        "typographic variant",
        add_row("double-freeze", "double-freeze"),
        LAST_ROW,
        "term",
        "duplicate",
    ),
    ("exact under words", add_row("south-korea", "Seoul", "exact"), LAST_ROW, "term", "duplicate"),
]


@pytest.mark.parametrize(
    ("mutate", "row", "column", "message"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_each_lexicon_defect_is_reported_where_it_is(corpus_copy, mutate, row, column, message):
    mutate(corpus_copy)
    problems = validate(corpus_copy)
    matching = [p for p in problems if (p.file, p.row, p.column) == ("lexicon.csv", row, column)]
    assert matching, "\n".join(map(str, problems))
    assert any(message in p.message for p in matching), [str(p) for p in matching]
    assert all(p.hint for p in problems)


def test_a_duplicate_names_the_row_that_already_finds_it(corpus_copy):
    add_row("sanctions", "Sanctioned")(corpus_copy)
    (problem,) = validate(corpus_copy)
    assert problem.message == (
        "duplicate term 'Sanctioned' for theme 'sanctions': 'sanction' at row 2 already finds it"
    )
    assert ROW_2[:2] == ["sanctions", "sanction"]


@pytest.mark.parametrize(
    "row",
    [
        ("bilateral-ties", "sanction"),  # the same term under another theme
        ("south-korea", "MOON", "exact"),  # an exact term in another case finds other text
        ("sanctions", "sanction regime"),  # a longer phrase is a different term
    ],
)
def test_terms_that_are_not_duplicates(corpus_copy, row):
    add_row(*row)(corpus_copy)
    assert validate(corpus_copy) == []
