"""Five to twelve perspectives stay legible: balanced rows, one row each, a reference first."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from bench.synth import generate
from perspectives import compare, load
from perspectives.ui import compare_page, links, widgets

from .conftest import ROOT


@pytest.fixture(scope="module", params=[5, 6, 12], ids=lambda n: f"{n}-perspectives")
def many(request, tmp_path_factory) -> Path:
    """A slice of the synthetic benchmark corpus with this many perspectives."""
    count = request.param
    root = tmp_path_factory.mktemp(f"many-{count}") / "corpus"
    return generate(root, documents=count, themes=3, positions=3 * count, quotes=6 * count,
                    text_bytes=6_000 * count)  # fmt: skip


def compare_app(root: Path, monkeypatch, **query: str | list[str]) -> AppTest:
    monkeypatch.setenv("PERSPECTIVES_DATA", str(root))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    corpus = load(root)
    at.query_params[links.DOC] = [document.id for document in corpus.documents]
    at.query_params[links.THEME] = corpus.themes[0].id
    for name, value in query.items():
        at.query_params[name] = value
    return at.run()


def test_side_by_side_rows_are_balanced_and_no_perspective_is_alone(many, monkeypatch):
    count = len(load(many).documents)
    at = compare_app(many, monkeypatch)
    assert not at.exception
    weights = [round(column.proto.weight, 3) for column in at.columns]
    expected = [round(1 / size, 3) for size in compare.row_sizes(count) for _ in range(size)]
    assert weights == expected
    assert 1.0 not in weights


def test_one_row_each_puts_the_rest_a_click_away_and_is_kept_in_the_link(many, monkeypatch):
    corpus = load(many)
    at = compare_app(many, monkeypatch, layout="rows")
    assert not at.exception
    assert at.segmented_control(key=compare_page.LAYOUT_KEY).value == "rows"
    more = [e for e in at.expander if e.label.startswith("Why this label")]
    curated = [corpus.find_position(corpus.themes[0].id, d.id) for d in corpus.documents]
    assert len(more) == sum(position is not None for position in curated)
    at.segmented_control(key=compare_page.LAYOUT_KEY).set_value("columns").run()
    assert links.LAYOUT not in at.query_params


def test_a_reference_perspective_is_shown_first_on_every_theme(many, monkeypatch):
    corpus = load(many)
    reference = corpus.documents[-1]
    at = compare_app(many, monkeypatch, ref=reference.id)
    assert not at.exception
    assert at.selectbox(key=compare_page.REFERENCE_KEY).value == reference.id
    assert at.columns[0].markdown[0].value == widgets.byline(reference)
    at.selectbox(key=compare_page.REFERENCE_KEY).set_value("").run()
    assert at.columns[0].markdown[0].value == widgets.byline(corpus.documents[0])
    assert links.REF not in at.query_params
