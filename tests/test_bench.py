"""The benchmark's instruments: the synthetic corpus, each page's floor, and the final table
(the timings themselves live in bench/)."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from bench import run
from bench.floor import Floor, elements, open_page
from bench.synth import generate
from perspectives import compare, load, validate
from perspectives.paths import EMBEDDED_CORPUS
from perspectives.ui import compare_page, links, pages

from .conftest import ROOT


def test_synthetic_corpus_is_valid_and_quotes_occur_in_their_texts(tmp_path):
    root = generate(
        tmp_path / "synthetic", documents=8, themes=5, positions=20, quotes=60, text_bytes=80_000
    )
    (warning,) = validate(root)  # only the theme × document pairs left uncurated
    assert warning.severity == "warning"
    corpus = load(root)
    assert (len(corpus.documents), len(corpus.themes), len(corpus.positions)) == (8, 5, 20)
    assert corpus.quote_count == 60
    assert len({doc.country for doc in corpus.documents}) == 8


def test_the_same_seed_writes_the_same_corpus(tmp_path):
    sizes = {"documents": 3, "themes": 2, "positions": 6, "quotes": 12, "text_bytes": 20_000}
    first = generate(tmp_path / "a", **sizes)
    second = generate(tmp_path / "b", **sizes)
    for name in ("quotes.csv", "positions.csv", "texts/doc-001.txt"):
        assert (first / name).read_bytes() == (second / name).read_bytes()


def test_synthetic_compare_view_pages_themes_and_limits_perspectives(tmp_path, monkeypatch):
    root = generate(
        tmp_path / "big", documents=12, themes=14, positions=84, quotes=168, text_bytes=120_000
    )
    monkeypatch.setenv("PERSPECTIVES_DATA", str(root))
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    assert not app.exception
    shown = compare.DEFAULT_DOCUMENTS
    assert len(app.header) == compare.THEMES_PER_PAGE
    text = "\n".join(m.value for m in app.markdown)
    assert f"across {shown} of 12 perspectives" in text
    assert "Themes 1–10 of 14 \\(page 1 of 2\\)\\." in text
    app.number_input(key=compare_page.PAGE_KEY).set_value(2).run()
    assert len(app.header) == 4
    assert app.query_params[links.PAGE] == "2"


@pytest.fixture(scope="module")
def small_corpus(tmp_path_factory) -> Path:
    """A synthetic corpus small enough for every page's first run to take a moment."""
    return generate(
        tmp_path_factory.mktemp("bench") / "small",
        documents=6,
        themes=5,
        positions=20,
        quotes=60,
        text_bytes=60_000,
        events=6,
    )


@pytest.mark.parametrize("page", run.PAGES, ids=lambda page: page.url_path)
def test_each_page_floor_writes_what_the_page_wrote_before_and_after_its_change(
    page, tmp_path, monkeypatch
):
    monkeypatch.setenv("PERSPECTIVES_DATA", str(EMBEDDED_CORPUS))
    change = page.change(load(EMBEDDED_CORPUS))
    app = open_page(run.APP, page.url_path)
    for parameter, values in change.query.items():
        app.query_params[parameter] = values
    app.run()
    floor = Floor(tmp_path, page.key)
    shown, held = [], []
    for value in (change.before, change.after):
        run.set_widget(app, page, value)
        held.append(floor.record(app, page.url_path))
        shown.append(elements(app))
    assert shown[0] != shown[1]  # the change shows: a floor of the wrong view would be caught
    static = open_page(floor.script(), page.url_path).run()
    assert not static.exception
    assert elements(static) == shown[0]
    run.set_widget(static, page, held[1])
    assert elements(static) == shown[1]
    heading = pages.spec(page.url_path).heading
    assert [title.value for title in static.title] == [heading]


@pytest.mark.parametrize("page", run.PAGES, ids=lambda page: page.url_path)
def test_each_page_rerun_is_timed_beside_its_floor_on_the_synthetic_corpus(
    page, small_corpus, monkeypatch, tmp_path
):
    monkeypatch.setenv("PERSPECTIVES_DATA", str(small_corpus))
    figures = run.page_rerun_figures("synthetic", small_corpus, page, runs=1, folder=tmp_path)
    where = f"{page.url_path}/synthetic"
    assert set(figures) == {f"rerun_s[{where}]", f"rerun_floor_s[{where}]"}
    assert all(seconds > 0 for seconds in figures.values())


def test_the_table_gives_each_figure_its_floor_ratio_and_target_and_marks_a_miss():
    figures = {
        "rerun_s[overview/synthetic]": 0.4,
        "rerun_floor_s[overview/synthetic]": 0.1,
        "load_cold_s[embedded]": 0.5,
        "rerun_s[overview/embedded]": 0.3,
        "rerun_floor_s[overview/embedded]": 0.1,
        "validate_s[800 lexicon terms in a theme]": 2.5,
        "suggest_recall_at_10": 0.9,
    }
    rows = run.table(figures)
    assert [(r.page, r.corpus, r.measure) for r in rows] == [
        ("overview", "embedded", "rerun_s"),
        ("overview", "synthetic", "rerun_s"),
        ("", "embedded", "load_cold_s"),
        ("", "", "validate_s[800 lexicon terms in a theme]"),
        ("", "", "suggest_recall_at_10"),
    ]
    embedded, synthetic, load_row, hostile, recall = rows
    assert (embedded.floor, embedded.ratio, embedded.target, embedded.met) == (
        0.1,
        pytest.approx(3.0),
        "ratio <= 1.5",
        False,
    )
    assert (synthetic.ratio, synthetic.target, synthetic.met) == (pytest.approx(4.0), "< 0.5", True)
    assert (load_row.floor, load_row.target, load_row.met) == (None, "", None)
    assert (hostile.target, hostile.met) == ("< 2", False)
    assert (recall.target, recall.met) == (">= 0.8", True)
    printed = run.format_table(rows).splitlines()
    assert [line.split()[-1] for line in printed[1:3]] == ["MISSES", "yes"]
    assert sum("MISSES" in line for line in printed) == 2


def test_the_quick_synthetic_corpus_is_valid(tmp_path):
    root = generate(tmp_path / "quick", **run.QUICK_SIZE)
    (warning,) = validate(root)  # only the theme × document pairs left uncurated
    assert warning.severity == "warning"
    corpus = load(root)
    assert len(corpus.documents) == run.QUICK_SIZE["documents"]
    assert len(corpus.events) == run.QUICK_SIZE["events"]
    assert sum(len(event.quotes) for event in corpus.events) == 2 * len(corpus.documents)


@pytest.mark.parametrize(
    ("value", "shown_page", "notice"),
    [("2", 2, False), ("9" * 5000, 2, False), ("²", 1, True), ("<b>x</b>" * 100, 1, True)],
)
def test_a_page_number_in_the_link_is_clamped_or_ignored(
    tmp_path, monkeypatch, value, shown_page, notice
):
    root = generate(
        tmp_path / "big", documents=3, themes=14, positions=20, quotes=40, text_bytes=20_000
    )
    monkeypatch.setenv("PERSPECTIVES_DATA", str(root))
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    app.query_params[links.PAGE] = value
    app.run()
    assert not app.exception
    assert f"\\(page {shown_page} of 2\\)" in "\n".join(m.value for m in app.markdown)
    warnings = [w.value for w in app.warning]
    if notice:
        (warning,) = warnings
        assert warning.startswith("Ignored the page number in the link")
        assert len(warning) < 200
    else:
        assert warnings == []
