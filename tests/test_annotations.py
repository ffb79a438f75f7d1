"""The W3C Web Annotation export: every selector finds its quote again in the text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from perspectives import cli, compare, export, load, webannotations
from perspectives.paths import EMBEDDED_CORPUS

from . import wide_corpus


@pytest.fixture(scope="module", params=["embedded", "crlf-and-astral"])
def corpus(request, tmp_path_factory):
    if request.param == "embedded":
        return load(EMBEDDED_CORPUS)
    return load(wide_corpus.write(tmp_path_factory.mktemp("wide") / "corpus"))


def _collection(corpus) -> dict:
    content = export.selection_file(corpus, compare.select(corpus), "w3c")
    return json.loads(content.decode("utf-8"))


def test_one_annotation_per_quote_in_a_collection(corpus):
    found = _collection(corpus)
    assert found["@context"] == "http://www.w3.org/ns/anno.jsonld"
    assert found["type"] == "AnnotationCollection"
    items = found["first"]["items"]
    assert found["total"] == len(items) == corpus.quote_count
    assert len({item["id"] for item in items}) == len(items)
    for item in items:
        assert item["type"] == "Annotation"
        assert item["motivation"] in ("highlighting", "tagging")
        assert item["id"].startswith("urn:uuid:")


def test_every_selector_resolves_against_the_text(corpus):
    texts = {
        webannotations.document_iri(corpus.meta.title, document): document.text
        for document in corpus.documents
    }
    for item in _collection(corpus)["first"]["items"]:
        text = texts[item["target"]["source"]]
        quote, position = item["target"]["selector"]
        assert position["type"] == "TextPositionSelector"
        assert text[position["start"] : position["end"]] == quote["exact"]
        assert quote["type"] == "TextQuoteSelector"
        around = quote["prefix"] + quote["exact"] + quote["suffix"]
        assert text[position["start"] - len(quote["prefix"]) :].startswith(around)


def test_bodies_carry_the_theme_and_the_point(corpus):
    themes = {theme.label: theme for theme in corpus.themes}
    documents = {webannotations.document_iri(corpus.meta.title, d): d for d in corpus.documents}
    points = 0
    for item in _collection(corpus)["first"]["items"]:
        by_purpose = {body["purpose"]: body["value"] for body in item["body"]}
        theme = themes[by_purpose["tagging"]]
        position = corpus.find_position(theme.id, documents[item["target"]["source"]].id)
        assert by_purpose["describing"] == position.stance
        if position.scale_value is None:
            assert "classifying" not in by_purpose
        else:
            points += 1
            assert by_purpose["classifying"].endswith(theme.scale_label(position.scale_value))
    assert points


def test_a_text_without_address_gets_a_stable_urn(tmp_path):
    corpus = load(wide_corpus.write(tmp_path / "corpus"))
    unaddressed = next(document for document in corpus.documents if not document.url)
    sources = {item["target"]["source"] for item in _collection(corpus)["first"]["items"]}
    urn = webannotations.document_iri(corpus.meta.title, unaddressed)
    assert urn.startswith("urn:uuid:") and urn in sources
    assert _collection(corpus) == _collection(load(tmp_path / "corpus"))


def test_the_command_line_writes_it(tmp_path: Path):
    target = tmp_path / "notes.jsonld"
    assert cli.main(["export", str(EMBEDDED_CORPUS), "--format", "w3c", "-o", str(target)]) == 0
    assert json.loads(target.read_text(encoding="utf-8"))["type"] == "AnnotationCollection"
