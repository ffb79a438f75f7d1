"""The frame app.py draws around every page: heading, reload control, error panel, footer."""

from __future__ import annotations

import os

import pytest
from streamlit.testing.v1 import AppTest

from perspectives import load
from perspectives.markup import escape_markdown
from perspectives.paths import EMBEDDED_CORPUS
from perspectives.ui import compare_page, links
from perspectives.ui.pages import PAGES

from .conftest import open_page, problem_table, set_cell

CORPUS = load(EMBEDDED_CORPUS)
URL_PATHS = [spec.url_path for spec in PAGES]
FOOTER_START = f"Corpus: {escape_markdown(CORPUS.meta.title)} · version"


def footers(at: AppTest) -> list[str]:
    return [c.value for c in at.caption if c.value.startswith("Corpus: ")]


def reload_buttons(at: AppTest) -> list:
    return [b for b in at.sidebar.button if b.label == "Reload corpus"]


@pytest.mark.parametrize("spec", PAGES, ids=URL_PATHS)
def test_every_page_has_one_heading_one_reload_control_and_one_footer(spec, monkeypatch):
    monkeypatch.delenv("PERSPECTIVES_DATA", raising=False)
    at = open_page(spec.url_path).run()
    assert not at.exception
    assert [title.value for title in at.title] == [spec.heading]
    assert len(reload_buttons(at)) == 1
    (footer,) = footers(at)
    assert footer.startswith(FOOTER_START)
    assert len([e for e in at.expander if e.label.startswith("About this corpus")]) == 1
    assert not at.error
    charts = at.get("vega_lite_chart")
    assert all(chart.proto.alt for chart in charts), "every chart has a text alternative"


@pytest.mark.parametrize("url_path", URL_PATHS)
def test_a_broken_corpus_shows_the_error_panel_on_every_page(url_path, corpus_copy, monkeypatch):
    set_cell(corpus_copy, "positions.csv", 2, "coverage", "sometimes")
    monkeypatch.setenv("PERSPECTIVES_DATA", str(corpus_copy))
    at = open_page(url_path).run()
    assert not at.exception
    (error,) = at.error
    assert "has 1 problem(s) and cannot be shown" in error.value
    problems = problem_table(at)
    assert list(problems["column"]) == ["coverage"]
    assert list(problems["row"]) == ["2"]
    assert footers(at) == [], "no footer for a corpus that could not be read"
    assert len(reload_buttons(at)) == 1, "the way out of the error is still there"


def test_an_empty_page_still_ends_with_the_footer(monkeypatch):
    monkeypatch.delenv("PERSPECTIVES_DATA", raising=False)
    at = open_page(links.COMPARE).run()
    at.multiselect(key=compare_page.THEMES_KEY).set_value([]).run()
    assert not at.exception
    assert "Nothing selected" in at.info[0].value
    assert len(footers(at)) == 1


def test_reload_reads_an_edit_the_file_stamps_miss(corpus_copy, monkeypatch):
    monkeypatch.setenv("PERSPECTIVES_DATA", str(corpus_copy))
    at = open_page(links.COMPARE).run()
    assert at.caption[0].value == escape_markdown(CORPUS.meta.title)
    toml = corpus_copy / "corpus.toml"
    before = toml.stat()
    text = toml.read_text(encoding="utf-8")
    edited = text.replace(CORPUS.meta.title, CORPUS.meta.title.upper())
    assert edited != text and len(edited.encode()) == len(text.encode())
    toml.write_text(edited, encoding="utf-8")
    os.utime(toml, ns=(before.st_atime_ns, before.st_mtime_ns))  # same size, same time
    at.run()
    assert at.caption[0].value == escape_markdown(CORPUS.meta.title), "cached until reloaded"
    reload_buttons(at)[0].click().run()
    assert at.caption[0].value == escape_markdown(CORPUS.meta.title.upper())
