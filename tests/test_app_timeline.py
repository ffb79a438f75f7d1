"""The Timeline page and the Compare view's "Between these texts", through Streamlit's AppTest."""

from __future__ import annotations

import json

import pytest
from streamlit.testing.v1 import AppTest

from perspectives import load, timeline
from perspectives.markup import escape_markdown
from perspectives.paths import EMBEDDED_CORPUS
from perspectives.ui import links, timeline_page

from .conftest import open_page, problem_table, set_cell

CORPUS = load(EMBEDDED_CORPUS)


@pytest.fixture
def timeline_app(monkeypatch) -> AppTest:
    monkeypatch.delenv("PERSPECTIVES_DATA", raising=False)
    return open_page(links.TIMELINE)


def shown_events(at: AppTest) -> list[str]:
    (table,) = at.table
    return list(table.value["event"])


def expected(theme_ids: list[str], years: tuple[int, int]) -> list[str]:
    events = timeline.with_themes(CORPUS.events, theme_ids) if theme_ids else CORPUS.events
    chosen = timeline.chronological(timeline.in_years(events, *years))
    return [escape_markdown(event.label) for event in chosen]


def chart_spec(at: AppTest) -> dict:
    (chart,) = [e for e in at.main if getattr(e, "type", "") == "vega_lite_chart"]
    return json.loads(chart.proto.spec)


def test_default_view_shows_the_years_around_the_texts(timeline_app):
    timeline_app.run()
    assert not timeline_app.exception
    assert timeline_app.title[0].value == "Timeline"
    years = timeline.default_years(CORPUS)
    assert timeline_app.select_slider(key=timeline_page.YEARS_KEY).value == years
    assert shown_events(timeline_app) == expected([], years)
    assert timeline_app.markdown[0].value == escape_markdown(
        timeline.describe(CORPUS, timeline.in_years(CORPUS.events, *years), [], years)
    )


def test_the_chart_has_a_row_per_perspective_and_lines_at_the_publications(timeline_app):
    timeline_app.run()
    spec = chart_spec(timeline_app)
    layers = spec["layer"]
    marks = [layer.get("mark", {}).get("type") or "layer" for layer in layers]
    assert marks == ["rect", "rule", "layer", "rule", "circle"]
    numbers = layers[2]["layer"]
    assert [layer["mark"]["type"] for layer in numbers] == ["text"] * timeline.LABEL_LANES
    assert len({layer["encoding"]["y"]["value"] for layer in numbers}) == timeline.LABEL_LANES
    published = [c.value for c in timeline_app.caption if c.value.startswith("Published: ")]
    assert len(published) == 1 and "1. Gunjan Singh" in published[0]
    rows = layers[-1]["encoding"]["y"]["scale"]["domain"]
    assert rows == timeline.chart_rows(CORPUS)
    first, last = timeline.default_years(CORPUS)
    domain = layers[-1]["encoding"]["x"]["scale"]["domain"]
    assert [day[:10] for day in domain] == [f"{first}-01-01", f"{last + 1}-01-01"]
    tooltips = [tip["field"] for tip in layers[-1]["encoding"]["tooltip"]]
    assert {"event", "date", "words", "date_source"} <= set(tooltips)


def test_a_theme_in_the_link_filters_events(timeline_app):
    timeline_app.query_params[links.THEME] = "sanctions"
    timeline_app.run()
    assert timeline_app.multiselect(key=timeline_page.THEMES_KEY).value == ["sanctions"]
    assert shown_events(timeline_app) == expected(["sanctions"], timeline.default_years(CORPUS))
    assert not timeline_app.warning


def test_choosing_themes_updates_the_link_and_clearing_shows_every_event(timeline_app):
    timeline_app.run()
    timeline_app.multiselect(key=timeline_page.THEMES_KEY).set_value(
        ["us-china-trade", "double-freeze"]
    ).run()
    assert timeline_app.query_params[links.THEME] == ["double-freeze", "us-china-trade"]
    years = timeline.default_years(CORPUS)
    assert shown_events(timeline_app) == expected(["double-freeze", "us-china-trade"], years)
    timeline_app.multiselect(key=timeline_page.THEMES_KEY).set_value([]).run()
    assert links.THEME not in timeline_app.query_params
    assert shown_events(timeline_app) == expected([], years)


def test_widening_the_years_shows_the_earlier_events(timeline_app):
    timeline_app.run()
    years = timeline.years(CORPUS)
    timeline_app.select_slider(key=timeline_page.YEARS_KEY).set_range(years[0], years[-1]).run()
    assert len(shown_events(timeline_app)) == len(CORPUS.events)
    assert escape_markdown("Korean War begins") in shown_events(timeline_app)


def test_an_unknown_theme_in_the_link_is_ignored_with_a_notice(timeline_app):
    timeline_app.query_params[links.THEME] = ["<b>nope</b>", "sanctions"]
    timeline_app.run()
    assert not timeline_app.exception
    (warning,) = timeline_app.warning
    assert "Ignored unknown theme" in warning.value and "\\<b\\>" in warning.value
    assert timeline_app.multiselect(key=timeline_page.THEMES_KEY).value == ["sanctions"]


def test_filters_that_match_nothing_show_an_empty_state(timeline_app, corpus_copy, monkeypatch):
    set_cell(corpus_copy, "events.csv", 2, "theme_ids", "")  # Korean War: no theme, 1950
    monkeypatch.setenv("PERSPECTIVES_DATA", str(corpus_copy))
    timeline_app.query_params[links.THEME] = "bilateral-ties"
    timeline_app.run()
    timeline_app.select_slider(key=timeline_page.YEARS_KEY).set_range(1950, 1950).run()
    assert "No event matches" in timeline_app.info[0].value
    assert not timeline_app.table


@pytest.mark.parametrize("files", ["none", "headers only"])
def test_a_corpus_without_events_shows_when_the_texts_appeared(
    timeline_app, corpus_copy, monkeypatch, files
):
    for name in ("events.csv", "event_quotes.csv"):
        path = corpus_copy / name
        if files == "none":
            path.unlink()
        else:
            path.write_bytes(path.read_bytes().splitlines(keepends=True)[0])
    monkeypatch.setenv("PERSPECTIVES_DATA", str(corpus_copy))
    timeline_app.run()
    assert not timeline_app.exception
    assert "no events yet: the chart shows when the texts appeared" in timeline_app.info[0].value
    layers = chart_spec(timeline_app)["layer"]
    assert [layer.get("mark", {}).get("type") or "layer" for layer in layers][1] == "rule"
    published = [c.value for c in timeline_app.caption if c.value.startswith("Published: ")]
    assert "1. Gunjan Singh" in published[0] and "2. Konstantin Asmolov" in published[0]
    assert not timeline_app.table


def test_event_text_is_escaped_in_the_table(timeline_app, corpus_copy, monkeypatch):
    set_cell(corpus_copy, "events.csv", 8, "label", "**Coal** [ban](javascript:x) <i>")
    monkeypatch.setenv("PERSPECTIVES_DATA", str(corpus_copy))
    timeline_app.run()
    assert escape_markdown("**Coal** [ban](javascript:x) <i>") in shown_events(timeline_app)


def test_a_broken_events_table_shows_the_error_panel(timeline_app, corpus_copy, monkeypatch):
    set_cell(corpus_copy, "events.csv", 2, "date", "1950-13")
    monkeypatch.setenv("PERSPECTIVES_DATA", str(corpus_copy))
    timeline_app.run()
    assert not timeline_app.exception
    problems = problem_table(timeline_app)
    assert list(problems.iloc[0][["file", "row", "column"]]) == ["events.csv", "2", "date"]


def between_texts(at: AppTest) -> list:
    return [expander for expander in at.expander if expander.label == "Between these texts"]


def test_compare_lists_events_between_the_texts_under_each_theme(app):
    themes = ["sanctions", "south-korea", "high-level-visits"]
    app.query_params[links.THEME] = themes
    app.run()
    documents = [document.id for document in CORPUS.documents]
    expanders = between_texts(app)
    assert len(expanders) == len(themes)
    for expander, theme_id in zip(expanders, themes, strict=True):
        events = timeline.events_between(CORPUS, documents, theme_id)
        headings = [markdown.value.split("  \n")[0] for markdown in expander.markdown]
        assert headings == [
            f"**{escape_markdown(e.date.display())}** · {escape_markdown(e.label)}" for e in events
        ]
        captions = [caption.value for caption in expander.caption]
        assert "between Gunjan Singh \\(1 October 2018\\)" in captions[0]
        assert any("No curated event" in caption for caption in captions) == (not events)
    sanctions, _, visits = ("\n".join(m.value for m in e.markdown) for e in expanders)
    assert escape_markdown("Trump–Kim summit in Hanoi ends without a deal") in sanctions
    assert escape_markdown("Kim Jong-un’s fourth visit to China") in visits
    assert escape_markdown("Xi Jinping’s state visit to Pyongyang") not in visits  # June 2019


def test_compare_has_nothing_between_a_single_text(app):
    app.query_params[links.DOC] = "asmolov-2019"
    app.run()
    assert not app.exception
    assert between_texts(app) == []
