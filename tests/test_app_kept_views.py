"""Charts and tables built once per corpus version and set of filters, then kept for every rerun
and session (widgets.kept_view): a rerun pays only for sending them, sends what st.altair_chart
would, and a corpus never gets another's view."""

from __future__ import annotations

import json

import altair as alt
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from perspectives import coverage, load, overview, readability, reader, timeline
from perspectives.corpus import stamp
from perspectives.markup import escape_markdown
from perspectives.paths import EMBEDDED_CORPUS
from perspectives.ui import (
    coverage_page,
    derived,
    frame,
    links,
    overview_page,
    readability_page,
    source_page,
    timeline_page,
    widgets,
)

from .conftest import open_page, set_cell

CORPUS = load(EMBEDDED_CORPUS)
FIRST, SECOND = CORPUS.themes[0].id, CORPUS.themes[1].id
EVERY_THEME = tuple(theme.id for theme in CORPUS.themes)


@pytest.fixture
def builds(monkeypatch) -> list[object]:
    """Every chart turned into Vega-Lite: every page draws its charts as kept charts."""
    built: list[object] = []
    convert = widgets.vega_lite_spec

    def counted(chart):
        built.append(chart)
        return convert(chart)

    monkeypatch.setattr(widgets, "vega_lite_spec", counted)
    monkeypatch.delenv("PERSPECTIVES_DATA", raising=False)
    return built


def charts(at: AppTest) -> list[str]:
    return [chart.proto.spec for chart in at.get("vega_lite_chart")]


# page, its charts, the filter that changes, how many of its charts depend on that filter
PAGES = [
    (links.OVERVIEW, 2, ("multiselect", overview_page.THEMES_KEY, [FIRST, SECOND]), 1),
    (links.COVERAGE, 1, ("multiselect", coverage_page.THEMES_KEY, [FIRST, SECOND]), 1),
    (links.TIMELINE, 1, ("multiselect", timeline_page.THEMES_KEY, [FIRST]), 1),
    (links.READABILITY, 2, ("selectbox", readability_page.THEME_KEY, FIRST), 1),
]


@pytest.mark.parametrize(
    ("url_path", "count", "change", "depend"), PAGES, ids=[p[0] for p in PAGES]
)
def test_a_rerun_with_the_same_filters_builds_no_chart(builds, url_path, count, change, depend):
    at = open_page(url_path).run()
    assert not at.exception
    shown = charts(at)
    assert len(builds) == len(shown) == count

    at.run()
    assert len(builds) == count, "the same filters: every chart is the kept one"
    assert charts(at) == shown

    kind, key, value = change
    widget = getattr(at, kind)(key=key)
    before = widget.value
    widget.set_value(value).run()
    assert len(builds) == count + depend, "only the charts that show the filter are built"
    assert charts(at) != shown

    getattr(at, kind)(key=key).set_value(before).run()
    assert len(builds) == count + depend, "back to the first filters: the kept charts again"
    assert charts(at) == shown

    again = open_page(url_path).run()
    assert charts(again) == shown
    assert len(builds) == count + depend, "another session shares the kept charts"


def test_an_edited_corpus_is_charted_anew(builds, corpus_copy, monkeypatch):
    monkeypatch.setenv("PERSPECTIVES_DATA", str(corpus_copy))
    at = open_page(links.OVERVIEW).run()
    shown = charts(at)
    placed = next(p for p in CORPUS.positions if p.scale_value is not None)
    row = 2 + CORPUS.positions.index(placed)  # below the header
    moved = -2 if placed.scale_value != -2 else 2
    set_cell(corpus_copy, "positions.csv", row, "scale_value", str(moved))
    at.run()
    assert not at.exception
    assert len(builds) == 4, "a new version of the files: both charts are built again"
    assert charts(at)[0] != shown[0]


ADDED = "A closing paragraph that only the second folder has."


def add_paragraph(root):
    """The first text of the corpus in `root` made one paragraph longer."""
    text = root / CORPUS.documents[0].text_file
    text.write_text(text.read_text(encoding="utf-8") + "\n\n" + ADDED + "\n", encoding="utf-8")


@pytest.fixture
def other_text(corpus_copy):
    """A copy of the embedded corpus whose first text ends in one more paragraph."""
    add_paragraph(corpus_copy)
    return corpus_copy


def test_two_corpora_served_by_one_kept_view_each_get_their_own(other_text):
    first, second = load(EMBEDDED_CORPUS), load(other_text)
    document_id, themes = CORPUS.documents[0].id, (FIRST,)
    one, other = (source_page._marked(c, document_id, themes) for c in (first, second))
    assert ADDED not in one.html and ADDED in other.html
    assert source_page._marked(first, document_id, themes) is one, "kept, not built again"
    assert source_page._marked(second, document_id, themes) is other
    assert widgets.version(first) != widgets.version(second)


def test_reload_corpus_lets_go_of_every_kept_view():
    document_id = CORPUS.documents[0].id
    kept = source_page._marked(CORPUS, document_id, EVERY_THEME)
    index = derived.suggestion_index(CORPUS)
    frame.clear_caches()
    assert source_page._marked(CORPUS, document_id, EVERY_THEME) is not kept
    assert derived.suggestion_index(CORPUS) is not index


def served(root) -> object:
    """The corpus object the dashboard serves from `root`, as its frame loads it."""
    return frame.cached_load(str(root), stamp(root)).corpus


def test_each_folder_the_app_serves_shows_its_own_text_and_a_rerun_keeps_the_view(
    other_text, monkeypatch
):
    document_id = CORPUS.documents[0].id
    shown = {}
    for root in (EMBEDDED_CORPUS, other_text):
        monkeypatch.setenv("PERSPECTIVES_DATA", str(root))
        at = open_page(links.SOURCE)
        at.query_params[links.DOC] = document_id
        at.run()
        assert not at.exception
        (html,) = [m.value for m in at.markdown if "perspectives-source" in m.value]
        shown[root] = html
        kept = source_page._marked(served(root), document_id, EVERY_THEME)
        assert kept.html == html
        at.run()
        again = source_page._marked(served(root), document_id, EVERY_THEME)
        assert again is kept, "the rerun used the kept view"
    assert ADDED not in shown[EMBEDDED_CORPUS] and ADDED in shown[other_text]


def test_the_suggestion_index_is_kept_by_the_texts_and_rebuilt_when_one_changes(corpus_copy):
    index = derived.suggestion_index(CORPUS)
    assert derived.suggestion_index(CORPUS) is index
    placed = next(p for p in CORPUS.positions if p.stance)
    set_cell(corpus_copy, "positions.csv", 2 + CORPUS.positions.index(placed), "stance", "New")
    assert derived.suggestion_index(load(corpus_copy)) is index, "a table changed, not a text"
    add_paragraph(corpus_copy)
    changed = derived.suggestion_index(load(corpus_copy))
    assert changed is not index
    assert ADDED in " ".join(s.text for s in changed.sentences[CORPUS.documents[0].id])


def drawn_twice(figure: alt.TopLevelMixin, description: str) -> AppTest:
    """A script that draws `figure` with st.altair_chart, then as a kept chart."""

    def script(figure_json: str, description: str) -> None:
        import altair as alt
        import streamlit as st

        from perspectives.ui import widgets

        @widgets.kept_chart
        def kept(spec: str) -> widgets.Chart:
            return widgets.Chart(alt.Chart.from_json(spec))

        st.altair_chart(alt.Chart.from_json(figure_json), width="stretch", alt=description)
        widgets.chart(kept(figure_json), description)

    return AppTest.from_function(script, args=(figure.to_json(), description)).run()


def test_a_kept_chart_sends_what_st_altair_chart_sends():
    data = pd.DataFrame({"perspective": ["India", "Russia"], "words": [1271, 2040]})
    figure = alt.Chart(data).mark_bar().encode(x="perspective:N", y="words:Q", color="perspective")
    at = drawn_twice(figure, "Words by perspective.")
    assert not at.exception
    plain, kept = at.get("vega_lite_chart")
    assert kept.proto == plain.proto
    assert json.loads(kept.proto.spec)["mark"] == {"type": "bar"}
    assert len(kept.proto.datasets) == 1 and kept.proto.alt == "Words by perspective."


def test_a_kept_chart_keeps_its_table_escaped():
    table = pd.DataFrame({"*who*": ["India [1]"], "words": ["1,271"]})
    kept = widgets.kept_chart(lambda: widgets.Chart(alt.Chart(table).mark_bar(), table))()
    assert list(kept.table.columns) == [r"\*who\*", "words"]
    assert kept.table.iloc[0].tolist() == [r"India \[1\]", "1,271"]


def test_the_source_reader_marks_each_text_once(monkeypatch):
    monkeypatch.delenv("PERSPECTIVES_DATA", raising=False)
    marked = []
    document_html = reader.document_html

    def counted(document, highlights):
        marked.append(document.id)
        return document_html(document, highlights)

    monkeypatch.setattr(reader, "document_html", counted)
    at = open_page(links.SOURCE).run()
    shown = len(marked)
    assert shown >= 1
    at.run()
    open_page(links.SOURCE).run()
    assert len(marked) == shown, "a rerun and another session show the kept text"
    at.multiselect(key=source_page.THEMES_KEY).set_value([FIRST]).run()
    assert len(marked) == 2 * shown, "other themes are marked anew"


@pytest.mark.parametrize(
    ("url_path", "module", "name"),
    [
        (links.OVERVIEW, overview, "describe"),  # each theme's line of the theme list
        (links.COVERAGE, coverage.Tags, "rows"),  # a page of the sentence browser
        (links.TIMELINE, timeline, "events_table"),
        (links.READABILITY, readability, "scores_long"),
    ],
)
def test_a_rerun_with_the_same_filters_writes_no_list_again(monkeypatch, url_path, module, name):
    monkeypatch.delenv("PERSPECTIVES_DATA", raising=False)
    calls = []
    work = getattr(module, name)

    def counted(*args, **kwargs):
        calls.append(1)
        return work(*args, **kwargs)

    monkeypatch.setattr(module, name, counted)
    at = open_page(url_path).run()
    assert not at.exception
    done = len(calls)
    assert done > 0
    at.run()
    open_page(url_path).run()
    assert len(calls) == done, "a rerun and another session show what was made once"


def _tables(table: pd.DataFrame) -> AppTest:
    def script(columns: dict[str, list[str]]) -> None:
        import pandas as pd

        from perspectives.ui import widgets

        frame = pd.DataFrame(columns)
        widgets.literal_table(frame)
        widgets.ready_table(widgets.ready(frame))

    return AppTest.from_function(script, args=(table.to_dict(orient="list"),)).run()


HOSTILE = "<img src=x onerror=alert(1)> **not bold** [link](javascript:alert(1))"


@pytest.mark.parametrize("rows", [1, widgets.STATIC_CELLS // 2, widgets.STATIC_CELLS // 2 + 1])
def test_a_table_is_static_up_to_its_limit_and_a_grid_past_it_each_cell_shown_as_itself(rows):
    table = pd.DataFrame({"*who*": [f"{HOSTILE} {n}" for n in range(rows)], "n": ["1,271"] * rows})
    at = _tables(table)
    assert not at.exception
    if table.size <= widgets.STATIC_CELLS:
        assert not at.dataframe and len(at.table) == 2
        for shown in at.table:
            assert list(shown.value.columns) == [escape_markdown("*who*"), "n"]
            assert list(shown.value.iloc[:, 0]) == [escape_markdown(c) for c in table["*who*"]]
    else:
        assert not at.table and len(at.dataframe) == 2
        for shown in at.dataframe:
            pd.testing.assert_frame_equal(shown.value, table)
