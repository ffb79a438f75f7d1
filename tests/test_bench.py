"""The benchmark's synthetic corpus and floor script work (their timings live in bench/)."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from bench.floor import floor_script
from bench.synth import generate
from perspectives import compare, load, validate

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
    app.number_input(key="compare_page").set_value(2).run()
    assert len(app.header) == 4
    assert app.query_params["page"] == "2"


def test_floor_script_writes_the_same_elements(monkeypatch):
    monkeypatch.delenv("PERSPECTIVES_DATA", raising=False)
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    app.query_params["theme"] = "sanctions"
    app.run()
    floor = AppTest.from_string(floor_script(app), default_timeout=60).run()
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
    app.query_params["page"] = value
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
