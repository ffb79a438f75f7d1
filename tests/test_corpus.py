"""The embedded corpus: what it must hold, and every quote verbatim in its author's words."""

from __future__ import annotations

import csv
import re

import pytest

from perspectives import load
from perspectives.paths import EMBEDDED_CORPUS

CORPUS = load(EMBEDDED_CORPUS)
REQUIRED_THEMES = ["sanctions", "south-korea", "double-freeze", "us-china-trade"]


def plain(text: str) -> str:
    """Independent of the loader: straight quotes and dashes, single spaces."""
    text = re.sub("[\u2018\u2019\u201b\u2032]", "'", text)
    text = re.sub("[\u201c\u201d\u201e\u2033]", '"', text)
    text = re.sub("[\u2010-\u2015\u2212]", "-", text)
    return re.sub(r"\s+", " ", text).strip()


def quote_rows() -> list[dict[str, str]]:
    with (EMBEDDED_CORPUS / "quotes.csv").open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_required_themes_come_first_in_order_and_more_are_curated():
    ids = [theme.id for theme in CORPUS.themes]
    assert ids[:4] == REQUIRED_THEMES
    assert len(ids) >= 6


def test_both_seed_documents_with_their_metadata():
    singh, asmolov = CORPUS.documents
    assert (singh.author, singh.country, singh.published.isoformat()) == (
        "Gunjan Singh",
        "India",
        "2018-10-01",
    )
    assert (asmolov.author, asmolov.country, asmolov.published.isoformat()) == (
        "Konstantin Asmolov",
        "Russia",
        "2019-06",
    )


def test_every_theme_has_a_position_per_document_and_a_comparison():
    for theme in CORPUS.themes:
        assert CORPUS.comparison(theme.id)
        for document in CORPUS.documents:
            assert CORPUS.position(theme.id, document.id)


def test_explicit_positions_have_at_least_two_quotes_and_absent_none():
    for position in CORPUS.positions:
        if position.coverage == "explicit":
            assert len(position.quotes) >= 2, position
        elif position.coverage == "absent":
            assert position.quotes == ()


def test_singh_does_not_address_the_double_freeze():
    assert CORPUS.position("double-freeze", "singh-2018").coverage == "absent"
    assert CORPUS.comparison("double-freeze").agreement == "one-sided"


@pytest.mark.parametrize(
    "row", quote_rows(), ids=lambda row: f"{row['document_id']}:{row['quote'][:40]}"
)
def test_quote_occurs_verbatim_in_the_authors_body(row):
    document = CORPUS.document(row["document_id"])
    assert plain(row["quote"]) in plain(document.body)


def test_body_leaves_out_declared_boilerplate():
    singh = CORPUS.document("singh-2018")
    asmolov = CORPUS.document("asmolov-2019")
    assert "Leave a Reply" in singh.text and "Leave a Reply" not in singh.body
    assert "originally published online" not in singh.body
    assert "Georgy Toloraya" in asmolov.text and "Georgy Toloraya" not in asmolov.body
    assert "Views expressed are of individual Members" not in asmolov.body
    assert "believes Konstantin Asmolov" not in asmolov.body
    assert asmolov.body.startswith("After Kim Jong-un")
    assert singh.body.startswith("North Korea has regarded China")


def test_excluded_spans_carry_reader_labels():
    kinds = {span.label for document in CORPUS.documents for span in document.excluded}
    assert {
        "comment form",
        "link to another article",
        "repeated lede",
        "publisher's disclaimer",
    } <= kinds


def test_metadata():
    assert CORPUS.meta.title and CORPUS.meta.version
    assert CORPUS.summary_line().startswith("2 documents, ")


def test_every_theme_has_a_scale_and_every_addressing_author_a_point():
    for theme in CORPUS.themes:
        assert [point.value for point in theme.scale] == [-2, -1, 0, 1, 2], theme.id
        assert all(point.label for point in theme.scale)
    for position in CORPUS.positions:
        addressed = position.coverage != "absent"
        assert (position.scale_value is not None) == addressed, position
        assert (position.confidence in ("low", "medium", "high")) == addressed, position
