"""CSL-JSON for the sources: the shape citeproc, Zotero and Pandoc expect."""

from __future__ import annotations

import dataclasses
import json

import pytest

from perspectives import cli, csl, load
from perspectives.dates import PartialDate
from perspectives.paths import EMBEDDED_CORPUS

CORPUS = load(EMBEDDED_CORPUS)
SOURCE = CORPUS.documents[0].source
#: The item types of CSL 1.0.2 that a source of the corpus can be.
CSL_TEXT_TYPES = {"article", "article-journal", "article-magazine", "article-newspaper", "webpage"}


def assert_csl_item(item: dict) -> None:
    """What CSL-JSON requires of an item, and the CSL form of names and dates."""
    assert isinstance(item["id"], str) and item["id"]
    assert item["type"] in CSL_TEXT_TYPES
    assert isinstance(item["title"], str) and item["title"]
    for name in item.get("author", []):
        assert set(name) in ({"family", "given"}, {"literal"})
        assert all(isinstance(part, str) and part for part in name.values())
    (parts,) = item["issued"]["date-parts"]
    assert 1 <= len(parts) <= 3 and all(isinstance(part, int) for part in parts)


@pytest.mark.parametrize(
    ("author", "published", "names", "parts"),
    [
        (
            "Gunjan Singh",
            PartialDate(2018, 10, 1),
            [{"family": "Singh", "given": "Gunjan"}],
            [2018, 10, 1],
        ),
        (
            "Anne  de la Rue",
            PartialDate(2019, 6),
            [{"family": "Rue", "given": "Anne de la"}],
            [2019, 6],
        ),
        ("Reuters", PartialDate(2020), [{"literal": "Reuters"}], [2020]),
        ("", PartialDate(2021, 2), None, [2021, 2]),
        ("   ", PartialDate(2021), None, [2021]),
    ],
    ids=["signed-day", "particle-month", "organisation-year", "unsigned-month", "blank-year"],
)
def test_each_source_is_a_csl_item(author, published, names, parts):
    source = dataclasses.replace(SOURCE, author=author, published=published)
    item = csl.item(source)
    assert_csl_item(item)
    assert item.get("author") == names
    assert item["issued"] == {"date-parts": [parts]}
    assert item["container-title"] == SOURCE.outlet


def test_a_source_without_address_has_no_url():
    assert "URL" not in csl.item(dataclasses.replace(SOURCE, url=""))
    assert csl.item(SOURCE)["URL"] == SOURCE.url


def test_the_export_lists_every_selected_source(tmp_path):
    target = tmp_path / "sources.json"
    assert (
        cli.main(["export", str(EMBEDDED_CORPUS), "--format", "csl-json", "-o", str(target)]) == 0
    )
    items = json.loads(target.read_text(encoding="utf-8"))
    assert [item["id"] for item in items] == [document.id for document in CORPUS.documents]
    for item in items:
        assert_csl_item(item)


def test_the_footer_offers_it_beside_the_bibtex(app):
    at = app.run()
    blocks = [block for block in at.code if block.language == "json"]
    assert [json.loads(block.value) for block in blocks] == [
        [csl.item(document) for document in CORPUS.documents]
    ]
