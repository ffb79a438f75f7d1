"""A perspective's short name: the curator's label, else one made from the document, that fits."""

from __future__ import annotations

import pytest

from perspectives import load, validate
from perspectives.dates import PartialDate
from perspectives.model import Source
from perspectives.paths import EMBEDDED_CORPUS
from perspectives.schema import PERSPECTIVE_LABEL_LENGTH

from .conftest import read_rows, set_cell, write_rows


def source(author: str = "Gunjan Singh", country: str = "India", **extra: str) -> Source:
    values = dict(id="x", author=author, role="", affiliation="", country=country, title="T",
                  outlet="Mainichi Shimbun", published=PartialDate(2019), url="", citation="C",
                  text_file="texts/x.txt", label="")  # fmt: skip
    return Source(**(values | extra))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("made", "expected"),
    [
        (source(), "Gunjan Singh (India)"),
        (source(label="India"), "India"),
        (source(label="Mainichi (Japan)"), "Mainichi (Japan)"),
        (source(author=""), "Mainichi Shimbun (India)"),
        (source(country=""), "Gunjan Singh"),
        (
            source(author="Mainichi Shimbun editorial board (unsigned)", country="Japan"),
            "Mainichi Shimbun editor… (Japan)",
        ),
        (source(author="A" * 80, country="South Korea"), "A" * 17 + "… (South Korea)"),
    ],
)
def test_perspective_names(made, expected):
    assert made.perspective == expected
    assert len(made.perspective) <= PERSPECTIVE_LABEL_LENGTH


def test_a_label_is_used_by_every_view_and_a_long_one_is_refused(corpus_copy):
    rows = read_rows(corpus_copy / "documents.csv")
    rows[0].append("label")
    for row, label in zip(rows[1:], ["India", "Russia"], strict=True):
        row.append(label)
    write_rows(corpus_copy / "documents.csv", rows)
    corpus = load(corpus_copy)
    assert [d.perspective for d in corpus.documents] == ["India", "Russia"]
    set_cell(corpus_copy, "documents.csv", 2, "label", "x" * (PERSPECTIVE_LABEL_LENGTH + 1))
    (problem,) = [p for p in validate(corpus_copy) if p.severity == "error"]
    assert (problem.file, problem.row, problem.column) == ("documents.csv", 2, "label")
    assert f"more than the {PERSPECTIVE_LABEL_LENGTH} that fit" in problem.message


def test_the_embedded_corpus_names_its_perspectives_by_author_and_country():
    corpus = load(EMBEDDED_CORPUS)
    assert [d.perspective for d in corpus.documents] == [
        "Gunjan Singh (India)",
        "Konstantin Asmolov (Russia)",
    ]
