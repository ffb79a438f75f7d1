"""A reading's evidence: passages of the text a reader read their point from, anchored as
quotes are, and how far they overlap the table's quotes and each other reader's evidence."""

from __future__ import annotations

from pathlib import Path

import pytest

from perspectives import load
from perspectives.corpus import validate
from perspectives.reading_schema import READINGS, evidence_passages, reading_file

from .test_readings import add_reader

FIRST = "Xi was the first Chinese leader to follow the sanctions"
STEPS = "restrictions on financial activities in September 2017"


def row(evidence: str, theme_id: str = "sanctions", document_id: str = "singh-2018") -> list[str]:
    """A reading's row for a theme in a text: explicit, no point, with the evidence given."""
    return [theme_id, document_id, "explicit", "0", "medium", "", evidence]


@pytest.mark.parametrize(
    ("cell", "passages"),
    [
        ("", ()),
        ("one passage", ("one passage",)),
        ("one | two", ("one", "two")),
        (" one |  | two ", ("one", "two")),
        ("a|b", ("a|b",)),  # only a bar with a space each side separates
    ],
)
def test_an_evidence_cell_is_split_at_its_separator(cell, passages):
    assert evidence_passages(cell) == passages


@pytest.mark.parametrize(
    ("cell", "exacts"),
    [
        ("", ()),
        (FIRST, (FIRST,)),
        (f"{FIRST} | {STEPS}", (FIRST, STEPS)),
        ("Xi  was the first\nChinese leader", ("Xi was the first Chinese leader",)),
    ],
)
def test_evidence_is_anchored_in_the_text(unread: Path, cell, exacts):
    add_reader(unread, "reader-b", [row(cell)])
    (reading,) = load(unread).readings
    assert tuple(a.exact for a in reading.evidence) == exacts
    text = load(unread).document("singh-2018").text
    assert all(text[a.start : a.end] == a.exact for a in reading.evidence)


@pytest.mark.parametrize(
    ("cell", "message", "hint"),
    [
        ("Xi was the frist Chinese leader", "not found verbatim in singh-2018", "closest passage"),
        (f"{FIRST} | no such words anywhere here", "'no such words anywhere here' not found", ""),
        ("Research Associate", "lies in text that is not the author's", "author's own words"),
    ],
)
def test_evidence_not_in_the_authors_words_is_reported_where_it_is(unread, cell, message, hint):
    add_reader(unread, "reader-b", [row(cell)])
    problems = validate(unread)
    found = [
        p
        for p in problems
        if (p.file, p.row, p.column) == (reading_file("reader-b"), 2, "evidence")
    ]
    assert found, "\n".join(map(str, problems))
    assert any(message in p.message and hint in p.hint and p.severity == "error" for p in found)


def test_the_evidence_column_is_declared_last_and_optional():
    (field,) = [f for f in READINGS.fields if f.name == "evidence"]
    assert READINGS.columns[-1] == "evidence" and not field.required
