"""Citations of the corpus version and of each source, plain text and BibTeX."""

from __future__ import annotations

import dataclasses
import re

import pytest

from perspectives import cite, load
from perspectives.dates import PartialDate
from perspectives.model import CorpusMeta
from perspectives.paths import EMBEDDED_CORPUS

from .conftest import ROOT

EMBEDDED = load(EMBEDDED_CORPUS)
THREE = load(ROOT / "tests" / "fixtures" / "overview-three")


def balanced(text: str) -> bool:
    """BibTeX's own rule: every brace counts, escaped or not."""
    depth = 0
    for char in text:
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth < 0:
            return False
    return depth == 0


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("Science & Security", r"Science \& Security"),
        ("50% of #1", r"50\% of \#1"),
        ("$5 and_so", r"\$5 and\_so"),
        ("{braces}", r"\textbraceleft{}braces\textbraceright{}"),
        ("back\\slash", r"back\textbackslash{}slash"),
        ("a~b^c", r"a\textasciitilde{}b\textasciicircum{}c"),
        ("Xi Jinping’s “visit”", "Xi Jinping’s “visit”"),
        ("two\n  lines", "two lines"),
    ],
)
def test_escape_bibtex(text, escaped):
    assert cite.escape_bibtex(text) == escaped


def test_corpus_citation_names_title_version_curators_year_and_licence():
    meta = EMBEDDED.meta
    text = cite.corpus_text(meta)
    assert text.startswith(f"{', '.join(meta.curators)} ({meta.created.year}). {meta.title}.")
    assert f"version {meta.version}" in text and meta.license in text
    entry = cite.corpus_bibtex(meta)
    assert entry.startswith("@misc{china-and-north-korea-v1.2.0,\n")
    assert f"  version = {{{meta.version}}}," in entry
    assert f"  title = {{{{{meta.title}}}}}," in entry
    assert "  month = dec," in entry
    assert balanced(entry)


def test_curators_are_kept_whole_and_joined_with_and():
    entry = cite.corpus_bibtex(THREE.meta)
    assert "  author = {{Test Curator} and {Second Curator}}," in entry
    assert "  month = jan," in entry and "  date = {2026-01}," in entry


def test_hostile_metadata_still_gives_balanced_entries():
    meta = CorpusMeta(
        title="Odd } title { with \\ and %",
        version="2.0",
        curators=("A & B",),
        license="CC {BY}",
        created=PartialDate(2026),
    )
    entry = cite.corpus_bibtex(meta)
    assert balanced(entry)
    assert r"Odd \textbraceright{} title \textbraceleft{} with \textbackslash{} and \%" in entry
    assert "month" not in entry
    assert cite.corpus_text(meta) == (
        "A & B (2026). Odd } title { with \\ and %. Curated corpus, version 2.0. License: CC {BY}."
    )


def test_document_entries_are_keyed_by_id_with_escaped_fields():
    singh = EMBEDDED.document("singh-2018")
    entry = cite.document_bibtex(singh)
    assert entry.startswith("@misc{singh-2018,\n")
    assert r"Science Technology \& Security Forum" in entry
    assert "  month = oct," in entry and "  date = {2018-10-01}" in entry
    assert f"  url = {{{singh.url}}}" in entry
    assert cite.document_text(singh) == f"{singh.citation} {singh.url}"
    assert balanced(entry)
    without_url = dataclasses.replace(singh, url="")
    assert "url" not in cite.document_bibtex(without_url)
    assert cite.document_text(without_url) == singh.citation


def test_document_url_is_kept_verbatim_and_added_to_the_text():
    alvarez = THREE.document("alvarez-2020")
    assert "  url = {https://example.org/alvarez}" in cite.document_bibtex(alvarez)
    assert cite.document_text(alvarez) == f"{alvarez.citation} https://example.org/alvarez"
    odd = dataclasses.replace(alvarez, url="https://example.org/a{b}?q=1%20#x")
    assert "  url = {https://example.org/a%7Bb%7D?q=1%20#x}" in cite.document_bibtex(odd)


def test_citations_list_the_corpus_then_each_source():
    items = cite.citations(THREE)
    assert [item.label for item in items] == [
        "A shared river: three readings of a water treaty (version 0.1.0)",
        *(f"{doc.author}: {doc.title}" for doc in THREE.documents),
    ]
    keys = [re.match(r"@misc\{([^,]+),", item.bibtex).group(1) for item in items]
    assert keys[1:] == [doc.id for doc in THREE.documents]
    assert len(set(keys)) == len(keys)
