"""The benchmark's synthetic corpus and floor script work (their timings live in bench/)."""

from __future__ import annotations

import json

import pytest
from streamlit.testing.v1 import AppTest

from bench.floor import floor_script
from bench.run import PAGES
from bench.synth import generate
from perspectives import compare, coverage, load, validate

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
    assert all(len(theme.scale) == 5 for theme in corpus.themes), "the Overview places them all"
    assert all(position.scale_value is not None for position in corpus.positions)


def test_synthetic_lexicon_tags_a_realistic_share_and_reviews_a_sample(tmp_path):
    root = generate(
        tmp_path / "synthetic", documents=6, themes=9, positions=24, quotes=72, text_bytes=90_000
    )
    corpus = load(root)
    assert len(corpus.lexicon) == 3 * len(corpus.themes)
    assert {term.match for term in corpus.lexicon} == {"words", "exact"}
    table = coverage.coverage_table(corpus, coverage.tag(corpus))
    curated = {(p.document_id, p.theme_id) for p in corpus.positions}
    pairs = zip(table["document_id"], table["theme_id"], strict=True)
    taken = [pair in curated for pair in pairs]
    addressed, others = table[taken], table[[not pair for pair in taken]]
    assert addressed["sentence_share"].between(0.04, 0.2).all()
    assert others["sentence_share"].max() < 0.04
    measured = coverage.quality(corpus, coverage.tag(corpus))
    assert measured.recall > 0.85
    assert measured.accepted and measured.rejected
    assert measured.accepted + measured.rejected == len(corpus.lexicon_reviews) == 6 * 5


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
    app.number_input(key="compare_page").set_value(2).run()
    assert len(app.header) == 4
    assert app.query_params["page"] == "2"


def test_floor_script_writes_the_same_elements(monkeypatch, tmp_path):
    monkeypatch.delenv("PERSPECTIVES_DATA", raising=False)
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    app.query_params["theme"] = "sanctions"
    app.run()
    floor = AppTest.from_string(floor_script(app, tmp_path / "floor.pickle"), default_timeout=60)
    floor.run()
    assert not floor.exception
    for kind in ("markdown", "caption", "header", "code"):
        assert [e.value for e in app.get(kind)] == [e.value for e in floor.get(kind)], kind
    for kind in ("expander", "download_button", "button"):
        assert [e.proto.label for e in app.get(kind)] == [e.proto.label for e in floor.get(kind)]
    (real, _), (static, _) = app.multiselect, floor.multiselect
    assert (real.label, real.options, real.indices) == (
        static.label,
        static.options,
        static.indices,
    )


def without_id(proto):
    """A widget's message without its id, which hashes where the widget was written."""
    copy = type(proto)()
    copy.CopyFrom(proto)
    if "id" in {field.name for field in copy.DESCRIPTOR.fields}:
        copy.ClearField("id")
    return copy


@pytest.mark.parametrize("page", ["coverage", "overview"])
def test_floor_script_writes_the_same_charts_tables_and_metrics(page, monkeypatch, tmp_path):
    monkeypatch.delenv("PERSPECTIVES_DATA", raising=False)
    monkeypatch.chdir(ROOT)
    app = AppTest.from_string(PAGES[page].script, default_timeout=60).run()
    floor = AppTest.from_string(floor_script(app, tmp_path / "floor.pickle"), default_timeout=60)
    floor.run()
    assert not app.exception and not floor.exception
    for kind in ("title", "header", "subheader", "markdown", "caption"):
        assert [e.value for e in app.get(kind)] == [e.value for e in floor.get(kind)], kind
    assert [e.label for e in app.expander] == [e.label for e in floor.expander]
    for kind in ("metric", "button_group", "multiselect"):
        assert [without_id(e.proto) for e in app.get(kind)] == [
            without_id(e.proto) for e in floor.get(kind)
        ], kind
    for real, static in zip(app.dataframe, floor.dataframe, strict=True):
        assert real.value.equals(static.value)
        assert (real.proto.columns, real.proto.column_order) == (
            static.proto.columns,
            static.proto.column_order,
        )
    charts = [(app.get("vega_lite_chart"), floor.get("vega_lite_chart"))]
    for real, static in zip(*charts[0], strict=True):
        assert json.loads(real.proto.spec) == json.loads(static.proto.spec)
        assert [d.data.data for d in real.proto.datasets] == [
            d.data.data for d in static.proto.datasets
        ]
