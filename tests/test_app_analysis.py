"""The Readability and Theme coverage pages, driven through Streamlit's AppTest.

AppTest cannot switch to a page given as a function, so each page runs in a one-page navigation,
as app.py registers it."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from perspectives.markup import escape_markdown
from perspectives.readability import METRICS, TOO_SHORT

from .conftest import ROOT, set_cell


def page(module: str, url_path: str) -> AppTest:
    script = (
        "import streamlit as st\n"
        f"from perspectives.ui import {module}\n"
        f"st.navigation([st.Page({module}.render, url_path={url_path!r})]).run()\n"
    )
    return AppTest.from_string(script, default_timeout=30)


@pytest.fixture(autouse=True)
def _embedded_corpus(monkeypatch):
    monkeypatch.delenv("PERSPECTIVES_DATA", raising=False)
    monkeypatch.chdir(ROOT)


def test_app_lists_both_pages():
    source = (ROOT / "app.py").read_text(encoding="utf-8")
    assert 'url_path="readability"' in source and 'url_path="coverage"' in source


def test_readability_shows_a_column_per_perspective_and_every_metric():
    at = page("readability_page", "readability").run()
    assert not at.exception
    assert [h.value for h in at.header] == [
        "The author's text",
        "The evidence quoted",
        "What the metrics mean",
    ]
    body = at.dataframe[0].value
    assert list(body.columns) == ["metric", "singh-2018", "asmolov-2019", "scale", "harder"]
    assert list(body["metric"]) == [m.label for m in METRICS]
    assert TOO_SHORT not in set(body["singh-2018"])
    legend = next(m.value for m in at.markdown if escape_markdown(METRICS[0].label) in m.value)
    assert all(escape_markdown(m.label) in legend for m in METRICS)
    assert len(at.get("vega_lite_chart")) == 2


def test_readability_of_one_themes_evidence_is_too_short_to_rate():
    at = page("readability_page", "readability").run()
    at.selectbox(key="readability_theme").set_value("double-freeze").run()
    evidence = at.dataframe[1].value.set_index("metric")
    assert evidence.loc["Flesch Reading Ease", "asmolov-2019"] == TOO_SHORT
    assert evidence.loc["Flesch Reading Ease", "singh-2018"] == "no text"
    assert any("fewer than the 100 needed" in c.value for c in at.caption)
    assert "every text here is too short" in " ".join(c.value for c in at.caption)


def test_coverage_shows_heatmap_browser_and_lexicon_quality():
    at = page("coverage_page", "coverage").run()
    assert not at.exception
    assert [h.value for h in at.header] == ["Coverage", "Sentences", "How good is the lexicon?"]
    assert len(at.get("vega_lite_chart")) == 1
    browser = at.dataframe[0].value
    assert set(browser["document_id"]) == {"singh-2018", "asmolov-2019"}
    assert browser["source"].str.startswith("source?doc=").all()
    recall, _ = at.metric
    assert recall.label == "Recall" and recall.value.endswith("%")
    assert int(recall.value.rstrip("%")) >= 90


def test_coverage_browser_filters_by_theme_and_author():
    at = page("coverage_page", "coverage").run()
    at.multiselect(key="coverage_themes").set_value(["south-korea"]).run()
    at.multiselect(key="coverage_documents").set_value(["asmolov-2019"]).run()
    browser = at.dataframe[0].value
    assert set(browser["theme_id"]) == {"south-korea"}
    assert set(browser["document_id"]) == {"asmolov-2019"}
    at.multiselect(key="coverage_themes").set_value([]).run()
    assert "No sentence matches" in at.info[0].value


def test_coverage_heatmap_switches_to_words():
    at = page("coverage_page", "coverage").run()
    assert "share of sentences" in at.get("vega_lite_chart")[0].proto.spec
    at.segmented_control(key="coverage_measure").set_value("words").run()
    assert not at.exception
    assert "share of words" in at.get("vega_lite_chart")[0].proto.spec


def test_coverage_without_a_lexicon_says_so(corpus_copy, monkeypatch):
    (corpus_copy / "lexicon.csv").unlink()
    monkeypatch.setenv("PERSPECTIVES_DATA", str(corpus_copy))
    at = page("coverage_page", "coverage").run()
    assert not at.exception
    assert "no theme lexicon" in at.info[0].value
    assert not at.dataframe and not at.header


def test_a_broken_lexicon_shows_the_error_panel(corpus_copy, monkeypatch):
    set_cell(corpus_copy, "lexicon.csv", 2, "theme_id", "nope")
    monkeypatch.setenv("PERSPECTIVES_DATA", str(corpus_copy))
    at = page("coverage_page", "coverage").run()
    assert not at.exception
    problems = at.dataframe[0].value
    assert list(problems.iloc[0][["file", "row", "column"]]) == ["lexicon.csv", "2", "theme_id"]
