"""A second corpus, on another topic with three perspectives, loads with no code change."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from perspectives import export, load, validate
from perspectives.markup import escape_markdown

from .conftest import ROOT

FIXTURE = ROOT / "tests" / "fixtures" / "three-perspectives"
CORPUS = load(FIXTURE)
LABELS = [escape_markdown(theme.label) for theme in CORPUS.themes]


@pytest.fixture
def app(monkeypatch) -> AppTest:
    monkeypatch.setenv("PERSPECTIVES_DATA", str(FIXTURE))
    return AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)


def headers(at: AppTest) -> list[str]:
    return [header.value for header in at.header]


def bylines(at: AppTest) -> list[str]:
    return [column.markdown[0].value for column in at.columns]


def test_it_validates_and_exercises_absent_implicit_and_excluded_text():
    assert validate(FIXTURE) == []
    assert len(CORPUS.documents) == 3 and 3 <= len(CORPUS.themes) <= 4
    assert {position.coverage for position in CORPUS.positions} == {
        "explicit",
        "implicit",
        "absent",
    }
    durand = CORPUS.document("durand-2023")
    assert "Comments are closed" in durand.text and "Comments are closed" not in durand.body


def test_compare_shows_three_columns_per_theme(app):
    app.run()
    assert not app.exception
    assert headers(app) == LABELS
    assert len(app.columns) == 3 * len(LABELS)
    for theme_number in range(len(LABELS)):
        row = bylines(app)[3 * theme_number : 3 * theme_number + 3]
        assert [line.split("**")[1] for line in row] == [
            escape_markdown(d.author) for d in CORPUS.documents
        ]
    captions = [caption.value for caption in app.caption]
    assert captions.count("No passage of this text addresses the theme.") == 2


def test_filters_narrow_themes_and_perspectives_and_write_the_url(app):
    app.run()
    app.multiselect(key="compare_themes").set_value(["border-timetables"]).run()
    app.multiselect(key="compare_documents").set_value(["weber-2023", "lindqvist-2023"]).run()
    assert headers(app) == ["Border timetables"]
    assert len(app.columns) == 2
    assert app.query_params["theme"] == "border-timetables"
    assert app.query_params["doc"] == ["weber-2023", "lindqvist-2023"]
    assert "across 2 of 3 perspectives" in "\n".join(m.value for m in app.markdown)


def test_url_parameters_open_a_view_and_bad_ones_give_a_notice(app):
    app.query_params["theme"] = ["rolling-stock", "sanctions"]
    app.query_params["doc"] = "durand-2023"
    app.run()
    assert headers(app) == ["Rolling stock"]
    assert len(app.columns) == 1
    (warning,) = app.warning
    assert warning.value == escape_markdown("Ignored unknown theme(s) in the link: sanctions")


def test_downloads_are_offered_for_the_view_and_built_only_when_asked_for(app, monkeypatch):
    built = []
    monkeypatch.setattr(export, "selection_file", lambda *args: built.append(args) or b"")
    app.query_params["theme"] = "public-subsidy"
    app.run()
    buttons = app.get("download_button")
    assert [button.label for button in buttons] == [f.label for f in export.FORMATS.values()]
    assert all(button.proto.deferred_file_id for button in buttons)
    assert not any(button.proto.url for button in buttons)
    app.multiselect(key="compare_documents").set_value(["durand-2023"]).run()
    assert built == [], "a rerun builds no file until a download button is pressed"
