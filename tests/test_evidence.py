"""A reading's evidence: passages of the text a reader read their point from, anchored as
quotes are, and how far they overlap the table's quotes and each other reader's evidence."""

from __future__ import annotations

from pathlib import Path

import pytest

from perspectives import agreement, agreement_text, load
from perspectives.corpus import hints, validate
from perspectives.model import Corpus, Quote
from perspectives.reading_schema import READINGS, evidence_passages, reading_file

from .conftest import read_rows, write_rows
from .test_app_agreement import overview, page_text, plain
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


@pytest.mark.parametrize(
    ("ours", "theirs", "expected"),
    [
        ([(0, 10)], [(0, 10)], 1.0),
        ([(0, 10)], [(10, 20)], 0.0),
        ([(0, 10)], [(5, 15)], 5 / 15),
        ([(0, 4), (6, 10)], [(0, 10)], 8 / 10),
        ([(0, 10), (5, 15)], [(0, 15)], 1.0),
        ([(0, 10)], [], 0.0),
        ([], [], 0.0),
    ],
)
def test_overlap_is_shared_characters_over_those_either_covers(ours, theirs, expected):
    assert agreement.span_overlap(ours, theirs) == pytest.approx(expected)
    assert agreement.span_overlap(theirs, ours) == pytest.approx(expected)


def sanctions_singh(corpus: Corpus) -> tuple[Quote, ...]:
    """The table's quotes for sanctions × singh-2018."""
    (position,) = [
        p for p in corpus.positions if (p.theme_id, p.document_id) == ("sanctions", "singh-2018")
    ]
    return position.quotes


@pytest.fixture
def with_evidence(unread: Path) -> Path:
    """Reader A chose the table's quotes of sanctions × singh-2018 as evidence, reader B a
    part of one of them; reader C chose none."""
    add_reader(unread, "reader-a", [row(" | ".join(q.text for q in sanctions_singh(load(unread))))])
    add_reader(unread, "reader-b", [row(STEPS), row("", "double-freeze")])
    add_reader(unread, "reader-c", [row("")])
    return unread


def test_evidence_overlap_per_position_with_the_quotes_and_between_readers(with_evidence):
    corpus = load(with_evidence)
    quotes = sanctions_singh(corpus)
    share = len(STEPS) / sum(q.anchor.end - q.anchor.start for q in quotes)
    (overlap,) = agreement.report(corpus, resamples=0).evidence
    assert (overlap.theme_id, overlap.document_id) == ("sanctions", "singh-2018")
    assert dict(overlap.with_quotes) == pytest.approx({"reader-a": 1.0, "reader-b": share})
    ((one, other, between),) = overlap.between
    assert (one, other, between) == ("reader-a", "reader-b", pytest.approx(share))
    found = agreement.report(corpus, resamples=0)
    text = agreement_text.evidence_text(corpus, found)
    where = f"Sanctions × {corpus.document('singh-2018').perspective}"
    assert text.startswith(
        f"Evidence overlap: 1 position, mean {(1 + share) / 2:.2f}, lowest {share:.2f} "
        f"({where}, reader-b) with the table's quotes; mean {share:.2f}, lowest "
        f"{share:.2f} ({where}, reader-a and reader-b) between two readers' evidence."
    )
    assert text in agreement_text.to_text(corpus, found)
    (position,) = agreement_text.to_json(found)["evidence_overlap"]["positions"]
    assert position["with_quotes"] == pytest.approx({"reader-a": 1.0, "reader-b": share})
    assert position["between_readers"] == [
        {"readers": ["reader-a", "reader-b"], "overlap": pytest.approx(share)}
    ]


def test_without_evidence_the_overlap_is_absent(unread):
    add_reader(unread, "reader-a", [row("")])
    add_reader(unread, "reader-b", [row("")])
    corpus = load(unread)
    found = agreement.report(corpus, resamples=0)
    assert found.evidence == ()
    assert agreement_text.evidence_text(corpus, found) == ""
    assert "Evidence overlap" not in agreement_text.to_text(corpus, found)
    assert "evidence_overlap" not in agreement_text.to_json(found)


def test_the_overview_gives_the_overlap_only_where_readers_chose_evidence(
    with_evidence, monkeypatch
):
    shown = plain(page_text(overview(monkeypatch, with_evidence)))
    corpus = load(with_evidence)
    said = agreement_text.evidence_text(corpus, agreement.report(corpus, resamples=0))
    assert said.startswith("Evidence overlap: 1 position") and said in shown
    for reading in (with_evidence / "readings").iterdir():  # the same readings, no evidence
        rows = read_rows(reading)
        write_rows(reading, [rows[0], *([*cells[:-1], ""] for cells in rows[1:])])
    assert "Evidence overlap" not in page_text(overview(monkeypatch, with_evidence))


def test_the_closest_passage_is_searched_for_a_bounded_number_of_passages(unread):
    """A reading broken wholesale validates quickly: the closest passage is looked for as it is
    for quotes and spans, for the first hints.SEARCHES words not found only."""
    bad = " | ".join(f"missing words number {n}" for n in range(hints.SEARCHES + 20))
    add_reader(unread, "reader-b", [row(bad)])
    found = [p for p in validate(unread) if p.column == "evidence"]
    assert len(found) == hints.SEARCHES + 20
    capped = [p for p in found if f"first {hints.SEARCHES:,} words not found only" in p.hint]
    assert len(capped) == 20
