"""Translations on the pages, through AppTest: a quote's translation under it on Compare and in
its context, and the source reader's original beside its translation."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from perspectives.ui import links, source_page

from .conftest import ROOT, open_page

LANGUAGES = ROOT / "tests" / "fixtures" / "languages"
TRANSLATION = 'class="perspectives-translation"'
PARALLEL = 'class="perspectives-parallel"'


@pytest.fixture
def languages(monkeypatch) -> Path:
    monkeypatch.setenv("PERSPECTIVES_DATA", str(LANGUAGES))
    return LANGUAGES


def shown_html(at: AppTest) -> list[str]:
    return [m.value for m in at.markdown if m.proto.allow_html]


def toggles(at: AppTest) -> list[str]:
    return [toggle.label for toggle in at.toggle]


def test_compare_shows_each_translation_under_its_quote_and_no_translation_as_a_perspective(
    languages,
):
    at = open_page(links.COMPARE)
    at.query_params[links.THEME] = "equality"
    at.run()
    assert not at.exception
    (perspectives,) = [m for m in at.multiselect if m.label == "Perspectives"]
    assert list(perspectives.value) == ["udhr-en", "udhr-zh", "udhr-ar"]
    assert "udhr-ar-en" not in perspectives.options
    quotes = [html for html in shown_html(at) if html.startswith("<blockquote")]
    assert [TRANSLATION in html for html in quotes] == [False, True, True]
    arabic = quotes[2]
    assert arabic.startswith('<blockquote dir="rtl" lang="ar">')
    assert '<p class="perspectives-translation" dir="ltr" lang="en" ' in arabic
    assert "Translation by United Nations:</small><br>All human beings" in arabic
    assert "Translation by the curator:</small><br>All people are born free" in quotes[1]


def test_show_in_context_shows_the_translation_under_the_paragraph(languages):
    at = open_page(links.COMPARE)
    at.query_params[links.THEME] = "life"
    at.run()
    contexts = [e for e in at.expander if e.label == "Show in context"]
    held = [next(m.value for m in e.markdown) for e in contexts]
    assert [TRANSLATION in html for html in held] == [False, True, True]
    assert held[2].index("perspectives-source") < held[2].index("Translation by United Nations")


def test_rows_layout_shows_the_translation_too(languages):
    at = open_page(links.COMPARE)
    at.query_params[links.THEME] = "equality"
    at.query_params[links.LAYOUT] = "rows"
    at.run()
    assert sum(TRANSLATION in html for html in shown_html(at)) >= 2


@pytest.fixture
def reader_at(languages) -> AppTest:
    return open_page(links.SOURCE)


def test_an_original_is_read_alone_until_the_translation_is_asked_beside_it(reader_at):
    reader_at.query_params[links.DOC] = "udhr-ar"
    reader_at.run()
    assert not reader_at.exception
    assert toggles(reader_at) == [source_page.BESIDE_LABEL]
    assert not any(PARALLEL in html for html in shown_html(reader_at))
    reader_at.toggle(key=source_page.BESIDE_KEY).set_value(True).run()
    (parallel,) = [html for html in shown_html(reader_at) if PARALLEL in html]
    assert parallel.index("المادة 1") < parallel.index("Article 1") < parallel.index("المادة 2")
    assert not reader_at.info  # as many paragraphs in each
    assert [s.value for s in reader_at.subheader] == ["الإعلان العالمي لحقوق الإنسان"]


def test_choosing_both_shows_them_side_by_side_without_the_toggle(reader_at):
    reader_at.query_params[links.DOC] = ["udhr-ar-en", "udhr-ar"]
    reader_at.run()
    assert not reader_at.exception and not reader_at.warning
    assert sum(PARALLEL in html for html in shown_html(reader_at)) == 1
    assert [s.value for s in reader_at.subheader] == ["الإعلان العالمي لحقوق الإنسان"]


def test_a_text_without_a_translation_has_no_toggle(reader_at):
    reader_at.query_params[links.DOC] = "udhr-zh"
    reader_at.run()
    assert toggles(reader_at) == []


def test_paragraph_counts_that_differ_are_said(tmp_path, monkeypatch):
    root = tmp_path / "corpus"
    shutil.copytree(LANGUAGES, root)
    (root / "udhr-ar-en.txt").write_text("Article 1\n\nAll human beings.\n", encoding="utf-8")
    documents = (root / "documents.csv").read_text(encoding="utf-8")
    (root / "documents.csv").write_text(
        documents.replace("udhr-en.txt,Arabic text in English", "udhr-ar-en.txt,Arabic text in"),
        encoding="utf-8",
    )
    monkeypatch.setenv("PERSPECTIVES_DATA", str(root))
    at = open_page(links.SOURCE)
    at.query_params[links.DOC] = ["udhr-ar", "udhr-ar-en"]
    at.run()
    (note,) = [info.value for info in at.info]
    assert note.startswith("The original has 6 paragraph(s) and the translation 2")
    (parallel,) = [html for html in shown_html(at) if PARALLEL in html]
    assert parallel.count("<div></div>") == 4
