"""The Readability page, driven through Streamlit's AppTest.

AppTest cannot switch to a page given as a function, so a page runs in a one-page navigation,
as app.py registers it."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from perspectives.readability import METRICS, TOO_SHORT

from .conftest import ROOT


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


def test_app_lists_the_page():
    source = (ROOT / "app.py").read_text(encoding="utf-8")
    assert 'url_path="readability"' in source


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
    legend = at.markdown[-1].value
    assert all(m.label.replace(".", "\\.") in legend for m in METRICS)
    assert len(at.get("vega_lite_chart")) == 2


def test_readability_of_one_themes_evidence_is_too_short_to_rate():
    at = page("readability_page", "readability").run()
    at.selectbox(key="readability_theme").set_value("double-freeze").run()
    evidence = at.dataframe[1].value.set_index("metric")
    assert evidence.loc["Flesch Reading Ease", "asmolov-2019"] == TOO_SHORT
    assert evidence.loc["Flesch Reading Ease", "singh-2018"] == "no text"
    assert any("fewer than the 100 needed" in c.value for c in at.caption)
    assert "every text here is too short" in " ".join(c.value for c in at.caption)
