"""Pages whose charts grow with the perspectives show those chosen in the sidebar: a dozen at
first, others from the filter or a link, never more than compare.MOST_CHARTED."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from streamlit.testing.v1 import AppTest

from bench.floor import chart_parts
from bench.synth import generate
from perspectives import cite, compare, load, timeline
from perspectives.markup import escape_markdown
from perspectives.model import Corpus
from perspectives.ui import coverage_page, frame, links, readability_page, timeline_page

from .conftest import open_page


@pytest.fixture(scope="module")
def thirty(tmp_path_factory) -> Corpus:
    root = generate(tmp_path_factory.mktemp("charted") / "thirty", documents=30, themes=3,
                    positions=90, quotes=90, text_bytes=120_000)  # fmt: skip
    return load(root)


@pytest.fixture
def served(thirty, monkeypatch) -> Corpus:
    monkeypatch.setenv("PERSPECTIVES_DATA", str(thirty.root))
    return thirty


def _chart_values(at: AppTest, column: str) -> set[str]:
    """Every value of `column` in the data of every chart on the page."""
    return {
        value
        for chart in at.get("vega_lite_chart")
        for frame in chart_parts(chart.proto)[1].values()
        if column in frame
        for value in frame[column]
    }


def _timeline_shows(at: AppTest, corpus: Corpus) -> set[str]:
    rows = _chart_values(at, "row") - {timeline.OTHERS_ROW, timeline.NEITHER_ROW}
    (events,) = [*at.table, *at.dataframe]  # a grid when large (widgets.STATIC_CELLS)
    labels = {escape_markdown(d.perspective): d.perspective for d in corpus.documents}
    labels |= {d.perspective: d.perspective for d in corpus.documents}
    columns = {labels[c] for c in events.value.columns if c in labels}
    assert columns == rows or not rows  # the table speaks of the perspectives the chart shows
    return columns


def _readability_shows(at: AppTest, corpus: Corpus) -> set[str]:
    body, evidence = at.table
    assert list(body.value["Perspective"]) == list(evidence.value["Perspective"])
    labels = {escape_markdown(d.perspective): d.perspective for d in corpus.documents}
    shown = {labels[label] for label in body.value["Perspective"]}
    assert _chart_values(at, "perspective") <= shown
    return shown


def _coverage_shows(at: AppTest, corpus: Corpus) -> set[str]:
    shown = _chart_values(at, "perspective")
    (browser,) = [table for table in at.dataframe if "sentence" in table.value.columns]
    browsed = {corpus.document(i).perspective for i in browser.value["document_id"]}
    assert browsed <= shown
    (counts,) = [c.value for c in at.caption if "sentences touch at least one theme" in c.value]
    assert counts.count("touch none") == len(shown)
    return shown


PAGES: list[tuple[str, str, Callable[[AppTest, Corpus], set[str]]]] = [
    (links.TIMELINE, timeline_page.DOCUMENTS_KEY, _timeline_shows),
    (links.READABILITY, readability_page.DOCUMENTS_KEY, _readability_shows),
    (links.COVERAGE, coverage_page.DOCUMENTS_KEY, _coverage_shows),
]


@pytest.mark.parametrize(("page", "key", "shows"), PAGES, ids=[p[0] for p in PAGES])
def test_a_dozen_perspectives_at_first_and_the_filter_chooses_others(served, page, key, shows):
    at = open_page(page).run()
    assert not at.exception
    chosen = at.multiselect(key=key)
    first = [d.id for d in served.documents[: compare.CHARTED_AT_FIRST]]
    assert chosen.value == first
    assert chosen.proto.max_selections == compare.MOST_CHARTED
    assert any(c.value.startswith("Showing 12 of 30 perspectives in ") for c in at.caption)
    assert shows(at, served) == {served.document(i).perspective for i in first}
    assert links.DOC not in at.query_params  # the first dozen need no parameter

    wanted = [served.documents[i].id for i in (29, 13)]
    at.multiselect(key=key).set_value(wanted).run()
    assert not at.exception
    assert at.query_params[links.DOC] == [served.documents[13].id, served.documents[29].id]
    assert shows(at, served) == {served.document(i).perspective for i in wanted}
    assert any(c.value.startswith("Showing 2 of 30 perspectives in ") for c in at.caption)

    at.multiselect(key=key).set_value([]).run()
    assert not at.exception
    assert any("choose at least one" in info.value for info in at.info)
    assert not at.get("vega_lite_chart")


@pytest.mark.parametrize(("page", "key", "shows"), PAGES, ids=[p[0] for p in PAGES])
def test_a_link_chooses_the_perspectives_and_an_unknown_one_is_noticed(served, page, key, shows):
    at = open_page(page)
    wanted = [served.documents[i].id for i in (20, 5)]
    at.query_params[links.DOC] = [*wanted, "nowhere"]
    at.run()
    assert not at.exception
    notices = [warning.value for warning in at.warning]
    assert escape_markdown("Ignored unknown document(s) in the link: nowhere") in notices
    assert at.multiselect(key=key).value == sorted(wanted)
    assert shows(at, served) == {served.document(i).perspective for i in wanted}


@pytest.mark.parametrize("page", [p[0] for p in PAGES])
def test_a_corpus_of_a_few_perspectives_shows_every_one_without_a_word_on_it(page, monkeypatch):
    monkeypatch.delenv("PERSPECTIVES_DATA", raising=False)
    at = open_page(page).run()
    assert not at.exception
    assert not [c.value for c in at.caption if c.value.startswith("Showing ")]
    assert links.DOC not in at.query_params


def test_the_footer_of_a_large_corpus_lists_its_sources_once_in_their_citations(served):
    at = open_page(links.READABILITY).run()
    assert not at.exception
    assert len(served.documents) > frame.SOURCES_LISTED
    markdown = [m.value for m in at.markdown]
    assert f":small[{len(served.documents)} sources, each cited under *About this corpus*.]" in (
        markdown
    )
    assert not [m for m in markdown if "Source: " in m]
    (about,) = [e for e in at.expander if e.label.startswith("About this corpus")]
    _, _, texts, bibtex, _ = [code.value for code in about.code]
    assert texts.split("\n\n") == [cite.document_text(d) for d in served.documents]
    assert bibtex.split("\n\n") == [cite.document_bibtex(d) for d in served.documents]
