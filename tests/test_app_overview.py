"""The Overview page and the footer every page shares, driven through Streamlit's AppTest."""

from __future__ import annotations

import json
import re

import pytest
from streamlit.testing.v1 import AppTest

from bench.floor import chart_parts
from bench.synth import generate
from perspectives import cite, compare, csl, load, overview
from perspectives.markup import escape_markdown
from perspectives.paths import EMBEDDED_CORPUS
from perspectives.ui import links, overview_page
from perspectives.ui.charts import MARKER_SIZE
from perspectives.ui.pages import PAGES

from .conftest import ROOT, open_page, set_cell
from .test_scales import drop_scales

CORPUS = load(EMBEDDED_CORPUS)
THREE = ROOT / "tests" / "fixtures" / "overview-three"


@pytest.fixture
def overview_app(monkeypatch) -> AppTest:
    monkeypatch.delenv("PERSPECTIVES_DATA", raising=False)
    return open_page(links.OVERVIEW)


def markdown_text(at: AppTest) -> str:
    return "\n".join(element.value for element in at.markdown)


def linked_themes(at: AppTest) -> list[str]:
    """Theme ids of the Markdown links to Compare, in page order."""
    return re.findall(r"\]\(\./\?theme=([a-z0-9-]+)\)", markdown_text(at))


def chart_specs(at: AppTest) -> list[dict]:
    return [json.loads(chart.proto.spec) for chart in at.get("vega_lite_chart")]


def test_overview_is_listed_right_after_compare():
    paths = [spec.url_path for spec in PAGES]
    assert paths[paths.index(links.COMPARE) + 1] == links.OVERVIEW


def test_overview_shows_headlines_chart_links_and_matrix(overview_app):
    overview_app.run()
    assert not overview_app.exception
    assert [t.value for t in overview_app.title] == ["Overview"]
    text = markdown_text(overview_app)
    ranked = overview.by_divergence(overview.theme_spreads(CORPUS))
    for sentence in overview.headlines(CORPUS, ranked):
        assert f"- {escape_markdown(sentence)}" in text
    for theme in CORPUS.themes:
        assert f"](./?theme={theme.id})" in text
    dot_plot, heatmap = chart_specs(overview_app)
    assert dot_plot["vconcat"][0]["hconcat"][0]["encoding"]["href"]["field"] == "href"
    assert heatmap["layer"][0]["mark"]["type"] == "rect"


def test_each_marker_links_to_its_theme_in_compare():
    rows = overview_page.dot_plot_rows(overview.theme_spreads(CORPUS), None)
    assert list(rows["href"]) == [f"./?theme={theme_id}" for theme_id in rows["theme_id"]]


def size_encodings(at: AppTest) -> list[dict]:
    """The marker size of the scale side of each block of the dot plot."""
    dot_plot = chart_specs(at)[0]
    return [block["hconcat"][0]["encoding"]["size"] for block in dot_plot["vconcat"]]


def test_marker_size_is_the_share_of_words_when_the_corpus_has_a_lexicon(overview_app):
    overview_app.run()
    assert {size.get("field") for size in size_encodings(overview_app)} == {"share"}
    captions = [c.value for c in overview_app.caption]
    assert any(c.startswith("Marker size: the share of the author's words") for c in captions)


def test_without_a_lexicon_the_page_says_marker_size_is_not_used(
    overview_app, corpus_copy, monkeypatch
):
    (corpus_copy / "lexicon.csv").unlink()
    monkeypatch.setenv("PERSPECTIVES_DATA", str(corpus_copy))
    overview_app.run()
    assert not overview_app.exception
    sizes = size_encodings(overview_app)
    assert sizes and all(size == {"value": MARKER_SIZE} for size in sizes)
    captions = [c.value for c in overview_app.caption]
    assert any(c.startswith("Marker size is not used") for c in captions)


def test_theme_list_follows_the_chosen_order(overview_app):
    overview_app.run()
    ranked = [s.theme.id for s in overview.by_divergence(overview.theme_spreads(CORPUS))]
    assert linked_themes(overview_app) == ranked
    assert "Themes, widest spread first" in [s.value for s in overview_app.subheader]

    overview_app.button_group(key=overview_page.ORDER_KEY).set_value("corpus").run()
    assert linked_themes(overview_app) == [theme.id for theme in CORPUS.themes]
    (dot_plot, _) = chart_specs(overview_app)
    assert len(dot_plot["vconcat"]) == 1  # one block: themes in corpus order, not grouped


def test_three_perspectives_fixture(overview_app, monkeypatch):
    monkeypatch.setenv("PERSPECTIVES_DATA", str(THREE))
    overview_app.run()
    assert not overview_app.exception
    text = markdown_text(overview_app)
    assert "Only some perspectives address monitoring and funding" in text
    assert "Not placed (no scale declared): Fisheries." in [c.value for c in overview_app.caption]
    assert any(c.value.startswith("Marker size is not used") for c in overview_app.caption)
    (_, heatmap) = chart_specs(overview_app)
    assert heatmap["layer"][0]["encoding"]["x"]["sort"] == [
        "Marta Alvarez (Chile)",
        "Chidi Okafor (Nigeria)",
        "Eva Lindqvist (Sweden)",
    ]


def test_a_corpus_without_scales_says_so(overview_app, corpus_copy, monkeypatch):
    drop_scales(corpus_copy)
    monkeypatch.setenv("PERSPECTIVES_DATA", str(corpus_copy))
    overview_app.run()
    assert not overview_app.exception
    assert "declares no stance scales" in overview_app.info[0].value
    assert overview_app.get("vega_lite_chart") == []
    assert any(c.value.startswith("Corpus: ") for c in overview_app.caption)


def test_curation_warnings_are_listed(overview_app, corpus_copy, monkeypatch):
    set_cell(corpus_copy, "comparisons.csv", 5, "agreement", "agree")
    monkeypatch.setenv("PERSPECTIVES_DATA", str(corpus_copy))
    overview_app.run()
    assert not overview_app.exception
    (expander,) = [e for e in overview_app.expander if e.label.startswith("Curation warnings")]
    assert expander.label == "Curation warnings (1)"
    assert "comparisons.csv:5:agreement: warning" in expander.caption[0].value.replace("\\", "")


@pytest.mark.parametrize("url_path", [spec.url_path for spec in PAGES])
def test_every_page_shows_the_footer_with_citations(url_path, monkeypatch):
    monkeypatch.delenv("PERSPECTIVES_DATA", raising=False)
    at = open_page(url_path)
    at.run()
    assert not at.exception
    captions = [c.value for c in at.caption]
    meta = CORPUS.meta
    assert any(
        c.startswith(
            f"Corpus: {escape_markdown(meta.title)} · version {escape_markdown(meta.version)}"
        )
        and escape_markdown(meta.created.display()) in c
        for c in captions
    )
    assert escape_markdown(meta.description) in captions
    (sources,) = [m.value for m in at.markdown if m.value.startswith(":small[Source: ")]
    assert sources.split("  \n") == [
        f":small[Source: {escape_markdown(cite.document_text(document))}]"
        for document in CORPUS.documents
    ]
    (about,) = [e for e in at.expander if e.label.startswith("About this corpus")]
    version, *each = cite.citations(CORPUS)
    assert [code.value for code in about.code] == [
        version.text,
        version.bibtex,
        "\n\n".join(c.text for c in each),
        "\n\n".join(c.bibtex for c in each),
        csl.to_csl_json(CORPUS.documents).rstrip("\n"),  # as st.code shows it
    ]
    assert [code.language for code in about.code] == ["plaintext", "bibtex"] * 2 + ["json"]


def _perspectives_charted(at: AppTest) -> list[set[str]]:
    """Each chart's perspectives, as its data names them."""
    named = []
    for chart in at.get("vega_lite_chart"):
        _, datasets = chart_parts(chart.proto)
        named.append(
            {
                name
                for frame in datasets.values()
                for column in ("perspective", "first", "second")
                if column in frame
                for name in frame[column]
            }
        )
    return named


def test_many_perspectives_are_charted_a_dozen_at_first_and_a_link_chooses_others(
    tmp_path, monkeypatch
):
    root = generate(tmp_path / "thirty", documents=30, themes=3, positions=90, quotes=90,
                    text_bytes=120_000)  # fmt: skip
    corpus = load(root)
    labels = {document.id: document.perspective for document in corpus.documents}
    monkeypatch.setenv("PERSPECTIVES_DATA", str(root))
    at = open_page(links.OVERVIEW).run()
    assert not at.exception
    chosen = at.multiselect(key=overview_page.DOCUMENTS_KEY)
    assert chosen.value == [d.id for d in corpus.documents[: compare.CHARTED_AT_FIRST]]
    assert chosen.proto.max_selections == compare.MOST_CHARTED
    assert any("Showing 12 of 30 perspectives in the charts" in c.value for c in at.caption)
    assert _perspectives_charted(at) == [{labels[i] for i in chosen.value}] * 2
    assert links.DOC not in at.query_params  # the first dozen need no parameter

    wanted = [corpus.documents[i].id for i in (29, 13)]
    chosen.set_value(wanted).run()
    assert at.query_params[links.DOC] == [corpus.documents[13].id, corpus.documents[29].id]
    assert _perspectives_charted(at) == [{labels[i] for i in wanted}] * 2

    linked = open_page(links.OVERVIEW)
    linked.query_params[links.DOC] = [*wanted, "nowhere"]
    linked.run()
    notices = [warning.value for warning in linked.warning]
    assert escape_markdown("Ignored unknown document(s) in the link: nowhere") in notices
    assert linked.multiselect(key=overview_page.DOCUMENTS_KEY).value == [
        corpus.documents[13].id,
        corpus.documents[29].id,
    ]


def test_one_perspective_chosen_leaves_no_pair_to_align(overview_app):
    overview_app.run()
    overview_app.multiselect(key=overview_page.DOCUMENTS_KEY).set_value(
        [CORPUS.documents[0].id]
    ).run()
    assert not overview_app.exception
    assert any("Choose at least two perspectives" in info.value for info in overview_app.info)
    assert len(chart_specs(overview_app)) == 1  # the dot plot, of that one perspective
