"""A corpus whose every field and text holds markup: all of it must show as literal text.

tests/fixtures/hostile/ is a complete, valid corpus with `<script>`, `<img onerror>`, `<iframe>`,
`javascript:` links, Markdown links and Streamlit's colour, icon and math syntax in its texts,
labels, summaries, names, citations, notes and metadata.
"""

from __future__ import annotations

import re

import pytest
from streamlit.testing.v1 import AppTest

from perspectives import load, validate
from perspectives.ui.pages import PAGES

from .conftest import ROOT, open_page

HOSTILE = ROOT / "tests" / "fixtures" / "hostile"
# Raw forms that must never reach the page: tags, live links, Streamlit directives.
TAGS = ("<script", "<img", "<iframe", "<a ", "<h1", "<b>")
MARKDOWN = ("](javascript", ":red[", ":material/", "$x^2$", "**bold**")


@pytest.fixture
def hostile(monkeypatch) -> None:
    monkeypatch.setenv("PERSPECTIVES_DATA", str(HOSTILE))


def shown(at: AppTest) -> tuple[list[str], list[str]]:
    """Text of every element drawn: (HTML the app built, Markdown)."""
    elements = [
        *at.title,
        *at.header,
        *at.subheader,
        *at.markdown,
        *at.caption,
        *at.warning,
        *at.info,
        *at.error,
    ]
    built = [e.value for e in elements if getattr(e.proto, "allow_html", False)]
    markdown = [e.value for e in elements if not getattr(e.proto, "allow_html", False)]
    return built, markdown


def assert_literal(at: AppTest) -> None:
    assert not at.exception
    assert not at.error, "the hostile corpus is valid and must load"
    built, markdown = shown(at)
    assert built, "the page builds HTML for the texts"
    for value in built:
        for raw in (*TAGS, "javascript:", ":red["):
            assert raw not in value, (raw, value[:200])
    assert any("&lt;script&gt;alert&#40;1&#41;&lt;/script&gt;" in value for value in built)
    for value in markdown:
        unescaped = re.sub(r"\\.", "", value, flags=re.DOTALL)  # what is left once escapes go
        for raw in (*TAGS, *MARKDOWN):
            assert raw not in unescaped, (raw, value[:200])
    assert any("\\<script\\>alert\\(1\\)\\<\\/script\\>" in value for value in markdown)


def test_the_hostile_corpus_is_a_valid_corpus():
    assert validate(HOSTILE) == []
    corpus = load(HOSTILE)
    assert "<script>" in corpus.documents[0].author and "<script>" in corpus.themes[0].label


def test_compare_shows_hostile_text_literally(hostile):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30).run()
    assert_literal(at)
    contexts = [e for e in at.expander if e.label == "Show in context"]
    assert len(contexts) == load(HOSTILE).quote_count


def test_the_source_reader_shows_hostile_text_literally(hostile):
    at = open_page("source")
    at.query_params["doc"] = ["mallory-2020", "eve-2021"]
    at.run()
    assert_literal(at)
    (mallory, eve) = [value for value in shown(at)[0] if "perspectives-source" in value]
    assert ">comment form</small>" in mallory and ">link to another article</small>" in mallory
    assert "&#91;click&#93;&#40;javascript&#58;alert&#40;1&#41;&#41;" in mallory
    assert "&lt;iframe src=&quot;javascript&#58;alert&#40;1&#41;&quot;&gt;" in eve


def test_hostile_link_parameters_are_shown_escaped(hostile):
    at = open_page("source")
    at.query_params["doc"] = "<img src=x onerror=alert(1)>"
    at.query_params["theme"] = "[x](javascript:alert(1))"
    at.run()
    assert_literal(at)
    assert len(at.warning) == 2


@pytest.mark.parametrize(
    "url_path", [p.url_path for p in PAGES if p.url_path not in ("compare", "source")]
)
def test_every_other_page_shows_hostile_text_literally(hostile, url_path):
    at = open_page(url_path).run()
    assert not at.exception
    _, markdown = shown(at)
    assert markdown, "the page says something about the corpus"
    for value in markdown:
        unescaped = re.sub(r"\\.", "", value, flags=re.DOTALL)
        for raw in (*TAGS, *MARKDOWN):
            assert raw not in unescaped, (raw, value[:200])
