"""The Compare view, driven through Streamlit's AppTest."""

from __future__ import annotations

import datetime as dt
import os

import pytest
from streamlit.testing.v1 import AppTest

from perspectives import compare, load, starter
from perspectives.markup import escape_markdown
from perspectives.paths import EMBEDDED_CORPUS
from perspectives.ui import compare_page, frame, links

from .conftest import open_page, problem_table, set_cell

CORPUS = load(EMBEDDED_CORPUS)
LABELS = [escape_markdown(theme.label) for theme in CORPUS.themes]
FIRST_PAGE = LABELS[: compare.THEMES_PER_PAGE]


def headers(at: AppTest) -> list[str]:
    return [header.value for header in at.header]


def markdown_text(at: AppTest) -> str:
    return "\n".join(element.value for element in at.markdown)


def test_default_view_shows_every_theme_in_order(app):
    app.run()
    assert not app.exception
    assert headers(app) == FIRST_PAGE
    assert not app.warning
    app.number_input(key=compare_page.PAGE_KEY).set_value(2).run()
    assert headers(app) == LABELS[compare.THEMES_PER_PAGE :]


def test_a_column_per_perspective_for_each_theme(app):
    app.run()
    assert len(app.columns) == 2 * len(FIRST_PAGE)
    for column in app.columns[:2]:
        assert column.markdown[0].value.startswith("**")
    text = markdown_text(app)
    assert "**Gunjan Singh** · India" in text and "**Konstantin Asmolov** · Russia" in text


def test_filtering_to_one_theme_shows_only_it_and_updates_the_url(app):
    app.run()
    app.multiselect(key=compare_page.THEMES_KEY).set_value(["double-freeze"]).run()
    assert headers(app) == ["The “double freeze”"]
    assert app.query_params[links.THEME] == "double-freeze"  # AppTest holds one value as a str
    assert "No passage of this text addresses the theme." in [c.value for c in app.caption]


def test_url_parameters_select_themes_and_perspectives(app):
    app.query_params[links.THEME] = ["us-china-trade", "sanctions"]
    app.query_params[links.DOC] = "asmolov-2019"
    app.run()
    assert headers(app) == ["Sanctions", escape_markdown("US–China trade tensions")]
    assert len(app.columns) == 2
    assert "Gunjan Singh** ·" not in markdown_text(app)


def test_bad_url_parameters_are_ignored_with_a_notice(app):
    app.query_params[links.THEME] = ["sanctions", "<script>alert(1)</script>"]
    app.run()
    assert not app.exception
    assert headers(app) == ["Sanctions"]
    (warning,) = app.warning
    assert "Ignored unknown theme" in warning.value
    assert "\\<script\\>" in warning.value


def test_clearing_every_theme_shows_an_empty_state(app):
    app.run()
    app.multiselect(key=compare_page.THEMES_KEY).set_value([]).run()
    assert headers(app) == []
    assert "Nothing selected" in app.info[0].value


def test_quotes_are_block_quotes_with_a_citation(app):
    app.query_params[links.THEME] = "sanctions"
    app.run()
    quotes = [m.value for m in app.markdown if m.value.startswith('<blockquote dir="auto">')]
    citations = [m.value for m in app.markdown if m.value.startswith("— ")]
    count = len(CORPUS.find_position("sanctions", "singh-2018").quotes) + len(
        CORPUS.find_position("sanctions", "asmolov-2019").quotes
    )
    assert len(quotes) == len(citations) == count
    assert all(c.startswith(("— Gunjan Singh", "— Konstantin Asmolov")) for c in citations)


def test_a_broken_corpus_shows_the_error_panel_not_a_traceback(app, corpus_copy, monkeypatch):
    set_cell(corpus_copy, "positions.csv", 2, "coverage", "partial")
    monkeypatch.setenv("PERSPECTIVES_DATA", str(corpus_copy))
    app.run()
    assert not app.exception
    assert "problem(s)" in app.error[0].value
    problems = problem_table(app)
    assert list(problems.iloc[0][["file", "row", "column"]]) == ["positions.csv", "2", "coverage"]
    assert headers(app) == []
    assert app.button(key=frame.RELOAD_KEY).label == "Reload corpus"


def test_edited_files_show_up_without_a_restart(app, corpus_copy, monkeypatch):
    monkeypatch.setenv("PERSPECTIVES_DATA", str(corpus_copy))
    app.run()
    assert headers(app)[0] == "Sanctions"
    set_cell(corpus_copy, "themes.csv", 2, "label", "Sanctions regime")
    app.run()
    assert headers(app)[0] == "Sanctions regime"


def test_reload_corpus_reads_an_edit_the_file_stamps_miss(app, corpus_copy, monkeypatch):
    monkeypatch.setenv("PERSPECTIVES_DATA", str(corpus_copy))
    app.run()
    assert headers(app)[0] == "Sanctions"
    themes = corpus_copy / "themes.csv"
    before = themes.stat()
    set_cell(corpus_copy, "themes.csv", 2, "label", "Embargoes")  # same length as "Sanctions"
    os.utime(themes, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert themes.stat().st_size == before.st_size
    app.run()
    assert headers(app)[0] == "Sanctions", "same size and time: the cached corpus is kept"
    app.button(key=frame.RELOAD_KEY).click().run()
    assert headers(app)[0] == "Embargoes"


def test_each_position_says_where_it_sits_on_the_scale(app):
    app.query_params[links.THEME] = "sanctions"
    app.run()
    placed = [c.value for c in app.caption if c.value.startswith("On the theme")]
    assert len(placed) == 2
    assert all("confidence" in text for text in placed)


@pytest.mark.parametrize(
    ("argv", "environment", "expected"),
    [
        (["app.py", "--data", "/somewhere/corpus"], "/elsewhere", "/somewhere/corpus"),
        (["app.py"], "/elsewhere", "/elsewhere"),
        (["app.py", "--server.port", "1"], None, str(EMBEDDED_CORPUS)),
    ],
)
def test_the_corpus_folder_comes_from_data_then_the_environment(
    monkeypatch, argv, environment, expected
):
    from perspectives.ui.frame import data_dir

    monkeypatch.setattr("sys.argv", argv)
    if environment is None:
        monkeypatch.delenv("PERSPECTIVES_DATA", raising=False)
    else:
        monkeypatch.setenv("PERSPECTIVES_DATA", environment)
    assert str(data_dir()) == expected


def test_a_column_head_names_the_perspective_by_its_label(tmp_path, monkeypatch):
    root = tmp_path / "corpus"
    starter.write_starter(root, dt.date(2024, 6, 1))
    set_cell(root, "documents.csv", 2, "label", "Lisbon columnist")
    monkeypatch.setenv("PERSPECTIVES_DATA", str(root))
    at = open_page(links.COMPARE).run()
    heads = [m.value for m in at.markdown if "Ana Example" in m.value or "Bram" in m.value]
    assert heads[0].startswith("**Lisbon columnist** · **Ana Example** · Portugal")
    assert all(not h.startswith("**Lisbon") for h in heads if "Bram" in h)
