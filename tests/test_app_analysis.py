"""The Readability and Theme coverage pages, driven through Streamlit's AppTest."""

from __future__ import annotations

import pandas as pd
import pytest

from bench.synth import generate
from perspectives import coverage, load
from perspectives.markup import escape_markdown
from perspectives.paths import EMBEDDED_CORPUS
from perspectives.readability import METRICS, TOO_SHORT
from perspectives.schema import LEXICON_REVIEWS
from perspectives.ui import coverage_page, links, overview_page, readability_page

from .conftest import ROOT, delete_rows, open_page, problem_table, set_cell

CORPUS = load(EMBEDDED_CORPUS)


@pytest.fixture(autouse=True)
def _embedded_corpus(monkeypatch):
    monkeypatch.delenv("PERSPECTIVES_DATA", raising=False)
    monkeypatch.chdir(ROOT)


def test_readability_shows_a_row_per_perspective_and_every_metric():
    at = open_page(links.READABILITY).run()
    assert not at.exception
    assert [h.value for h in at.header] == [
        "The author's text",
        "The evidence quoted",
        "What the metrics mean",
    ]
    body = at.table[0].value
    assert list(body.columns) == ["Perspective", *(escape_markdown(m.label) for m in METRICS)]
    assert len(body) == len(CORPUS.documents)
    assert escape_markdown(TOO_SHORT) not in set(body.iloc[0])
    legend = next(m.value for m in at.markdown if escape_markdown(METRICS[0].label) in m.value)
    assert all(escape_markdown(m.label) in legend for m in METRICS)
    assert len(at.get("vega_lite_chart")) == 2


def test_readability_of_one_themes_evidence_is_too_short_to_rate():
    at = open_page(links.READABILITY).run()
    at.selectbox(key=readability_page.THEME_KEY).set_value("double-freeze").run()
    evidence = at.table[1].value.set_index("Perspective")
    fre = escape_markdown("Flesch Reading Ease")
    singh, asmolov = (escape_markdown(d.perspective) for d in CORPUS.documents)
    assert evidence.loc[asmolov, fre] == escape_markdown(TOO_SHORT)
    assert evidence.loc[singh, fre] == "no text"
    assert any("fewer than the 100 needed" in c.value for c in at.caption)
    assert "every text here is too short" in " ".join(c.value for c in at.caption)


def test_coverage_shows_heatmap_browser_and_lexicon_quality():
    at = open_page(links.COVERAGE).run()
    assert not at.exception
    assert [h.value for h in at.header] == ["Coverage", "Sentences", "How good is the lexicon?"]
    assert len(at.get("vega_lite_chart")) == 1
    browser = at.dataframe[0].value
    assert set(browser["document_id"]) == {"singh-2018", "asmolov-2019"}
    assert list(browser["source"]) == [
        f"source?doc={row.document_id}&theme={row.theme_id}" for row in browser.itertuples()
    ]
    recall, _, _ = at.metric
    assert recall.label == "Recall" and recall.value.endswith("%")
    assert int(recall.value.rstrip("%")) >= 90
    missed = coverage.untagged_quotes(CORPUS, coverage.tag(CORPUS))
    (misses,) = [e for e in at.expander if e.label.startswith("Curated quotes the lexicon misses")]
    assert misses.label.endswith(f"({len(missed)})") and len(missed) > 0
    rows = listed(misses)
    assert list(rows["Quote"]) == [escape_markdown(quote) for quote in missed["quote"]]
    assert list(rows["Author"]) == [
        escape_markdown(CORPUS.document(d).author) for d in missed["document_id"]
    ]


def listed(expander) -> pd.DataFrame:
    """One of the page's lists: a static table while it is short (widgets.STATIC_CELLS), its
    cells escaped, which is what the embedded corpus's lists are."""
    (table,) = expander.table
    return table.value


def measured(root) -> coverage.Quality:
    corpus = load(root)
    return coverage.quality(corpus, coverage.tag(corpus))


def test_coverage_shows_the_reviewed_precision_and_the_rejected_tags():
    at = open_page(links.COVERAGE).run()
    expected = measured(ROOT / "data")
    assert [m.label for m in at.metric] == [
        "Recall",
        "Precision (reviewed)",
        "Tags the curated table quotes",
    ]
    precision = at.metric[1]
    assert precision.value == f"{expected.precision:.0%}"
    assert "reviewer accepted" in precision.proto.help
    assert "Every tag outside the curated quotes is reviewed" in precision.proto.help
    assert f"{expected.curated + expected.accepted} of {expected.tags} theme tags are right" in (
        " ".join(c.value for c in at.caption)
    )
    assert "precision" in at.dataframe[1].proto.column_order
    assert "verdict" in at.dataframe[0].proto.column_order
    (rejected,) = [e for e in at.expander if e.label.startswith("Tags a reviewer rejected")]
    assert rejected.label == f"Tags a reviewer rejected ({expected.rejected})"
    rows = listed(rejected)
    assert len(rows) == expected.rejected > 0
    reasons = {
        escape_markdown(r.reason) for r in load(ROOT / "data").lexicon_reviews if not r.accepted
    }
    assert set(rows["Rejected because"]) == reasons
    assert not at.info


def test_coverage_counts_unreviewed_tags_as_not_right(corpus_copy, monkeypatch):
    delete_rows(corpus_copy, LEXICON_REVIEWS.file, [2, 3])  # two accepted tags
    monkeypatch.setenv("PERSPECTIVES_DATA", str(corpus_copy))
    at = open_page(links.COVERAGE).run()
    expected = measured(corpus_copy)
    assert expected.unreviewed == 2
    assert expected.precision < measured(ROOT / "data").precision
    precision = at.metric[1]
    assert precision.value == f"{expected.precision:.0%}"
    assert "2 tag(s) outside the curated quotes have no review yet" in precision.proto.help
    assert "2 tag(s) await a review and count as not right" in " ".join(c.value for c in at.caption)
    browser = at.dataframe[0].value
    assert ((browser["verdict"] == "") & ~browser["curated"]).sum() == 2


def test_coverage_without_reviews_says_precision_is_not_reviewed(corpus_copy, monkeypatch):
    (corpus_copy / LEXICON_REVIEWS.file).unlink()
    monkeypatch.setenv("PERSPECTIVES_DATA", str(corpus_copy))
    at = open_page(links.COVERAGE).run()
    assert not at.exception
    assert [m.label for m in at.metric] == ["Recall", "Tags the curated table quotes"]
    (info,) = at.info
    assert "Precision has not been reviewed" in info.value
    assert f"`{LEXICON_REVIEWS.file}`" in info.value
    assert all(f"`{column}`" in info.value for column in LEXICON_REVIEWS.columns)
    assert not [e for e in at.expander if e.label.startswith("Tags a reviewer rejected")]
    assert "precision" not in at.dataframe[1].proto.column_order
    assert "verdict" not in at.dataframe[0].proto.column_order


def test_coverage_browser_filters_by_theme_and_author():
    at = open_page(links.COVERAGE).run()
    at.multiselect(key=coverage_page.THEMES_KEY).set_value(["south-korea"]).run()
    at.multiselect(key=coverage_page.DOCUMENTS_KEY).set_value(["asmolov-2019"]).run()
    browser = at.dataframe[0].value
    assert set(browser["theme_id"]) == {"south-korea"}
    assert set(browser["document_id"]) == {"asmolov-2019"}
    assert at.query_params[links.THEME] == "south-korea"
    assert at.query_params[links.DOC] == "asmolov-2019"
    at.multiselect(key=coverage_page.DOCUMENTS_KEY).set_value([]).run()
    assert "Nothing selected" in at.info[0].value
    assert not at.get("vega_lite_chart")
    at.multiselect(key=coverage_page.DOCUMENTS_KEY).set_value(["singh-2018"]).run()
    at.multiselect(key=coverage_page.THEMES_KEY).set_value([]).run()
    assert "Nothing selected" in at.info[0].value


@pytest.fixture
def large(tmp_path, monkeypatch):
    """A synthetic corpus whose lexicon tags a few thousand sentences, opened by the app."""
    sizes = {"documents": 8, "themes": 10, "positions": 40, "quotes": 80, "text_bytes": 400_000}
    root = generate(tmp_path / "large", **sizes)
    monkeypatch.setenv("PERSPECTIVES_DATA", str(root))
    return load(root)


def browser_rows(at) -> pd.DataFrame:
    (browser,) = [table for table in at.dataframe if "sentence" in table.value.columns]
    return browser.value


def test_the_sentence_browser_sends_a_page_and_every_sentence_is_on_one(large):
    every = coverage.sentence_tags(
        large, coverage.tag(large), [t.id for t in large.themes], [d.id for d in large.documents]
    ).rows()
    per_page = coverage_page.SENTENCES_PER_PAGE
    pages = -(-len(every) // per_page)
    assert pages > 2
    at = open_page(links.COVERAGE).run()
    assert not at.exception
    first = browser_rows(at)
    assert len(first) == per_page
    said = f"{len(every)} tagged sentence(s). Sentences 1–{per_page} of {len(every)} "
    assert [c for c in at.caption.values if c.startswith(said + f"(page 1 of {pages}). ")]
    control = at.number_input(key=coverage_page.PAGE_KEY)
    assert (control.label, control.max) == ("Page of sentences", pages)
    shown = [first]
    for number in range(2, pages + 1):
        at.number_input(key=coverage_page.PAGE_KEY).set_value(number).run()
        shown.append(browser_rows(at))
    columns = list(every.columns)
    together = pd.concat(shown, ignore_index=True)[columns]
    pd.testing.assert_frame_equal(together, every, check_dtype=False)


def test_narrower_filters_keep_the_sentence_page_within_the_pages_there_are(large):
    at = open_page(links.COVERAGE).run()
    last = at.number_input(key=coverage_page.PAGE_KEY).max
    at.number_input(key=coverage_page.PAGE_KEY).set_value(last).run()
    at.multiselect(key=coverage_page.DOCUMENTS_KEY).set_value([large.documents[0].id]).run()
    assert not at.exception
    rows = browser_rows(at)
    assert set(rows["document_id"]) == {large.documents[0].id}
    assert 0 < len(rows) <= coverage_page.SENTENCES_PER_PAGE


def test_a_browser_that_fits_one_page_has_no_page_control():
    at = open_page(links.COVERAGE).run()
    assert not at.number_input
    (caption,) = [c for c in at.caption.values if "tagged sentence(s)" in c]
    assert (
        caption
        == f"{len(browser_rows(at))} tagged sentence(s). *Source* opens the text at the theme."
    )


@pytest.mark.parametrize(
    ("url_path", "key", "requested", "notice"),
    [
        (links.OVERVIEW, overview_page.THEMES_KEY, ["sanctions", "south-korea"], False),
        (links.COVERAGE, coverage_page.THEMES_KEY, ["sanctions", "south-korea"], False),
        (links.OVERVIEW, overview_page.THEMES_KEY, ["sanctions", "no-such-theme"], True),
        (links.COVERAGE, coverage_page.THEMES_KEY, ["no-such-theme", "south-korea"], True),
    ],
)
def test_theme_pages_open_at_the_themes_in_the_link(url_path, key, requested, notice):
    at = open_page(url_path)
    at.query_params[links.THEME] = requested
    at.run()
    assert not at.exception
    known = [theme for theme in requested if theme != "no-such-theme"]
    assert at.multiselect(key=key).value == known
    warnings = [w.value for w in at.warning]
    assert warnings == (
        [escape_markdown("Ignored unknown theme(s) in the link: no-such-theme")] if notice else []
    )
    chart = at.get("vega_lite_chart")[0].proto.spec
    labels = [CORPUS.theme(theme).label for theme in known]
    others = [t.label for t in CORPUS.themes if t.id not in known]
    assert all(label in chart for label in labels)
    assert not any(f'"{label}"' in chart for label in others)


@pytest.mark.parametrize(
    ("requested", "selected", "warnings"),
    [
        (None, "", 0),
        ("double-freeze", "double-freeze", 0),
        (["sanctions", "south-korea"], "sanctions", 1),
        ("no-such-theme", "", 1),
    ],
)
def test_readability_rates_the_evidence_of_the_theme_in_the_link(requested, selected, warnings):
    at = open_page(links.READABILITY)
    if requested:
        at.query_params[links.THEME] = requested
    at.run()
    assert not at.exception
    assert at.selectbox(key=readability_page.THEME_KEY).value == selected
    assert len(at.warning) == warnings
    at.selectbox(key=readability_page.THEME_KEY).set_value("south-korea").run()
    assert at.query_params[links.THEME] == "south-korea"


def test_coverage_heatmap_switches_to_words():
    at = open_page(links.COVERAGE).run()
    assert "share of sentences" in at.get("vega_lite_chart")[0].proto.spec
    at.segmented_control(key=coverage_page.MEASURE_KEY).set_value("words").run()
    assert not at.exception
    assert "share of words" in at.get("vega_lite_chart")[0].proto.spec


def test_coverage_without_a_lexicon_says_so(corpus_copy, monkeypatch):
    (corpus_copy / "lexicon.csv").unlink()
    monkeypatch.setenv("PERSPECTIVES_DATA", str(corpus_copy))
    at = open_page(links.COVERAGE).run()
    assert not at.exception
    assert "no theme lexicon" in at.info[0].value
    assert not at.dataframe and not at.header


def test_a_broken_lexicon_shows_the_error_panel(corpus_copy, monkeypatch):
    set_cell(corpus_copy, "lexicon.csv", 2, "theme_id", "nope")
    monkeypatch.setenv("PERSPECTIVES_DATA", str(corpus_copy))
    at = open_page(links.COVERAGE).run()
    assert not at.exception
    problems = problem_table(at)
    assert list(problems.iloc[0][["file", "row", "column"]]) == ["lexicon.csv", "2", "theme_id"]


def test_a_rejected_tags_reason_is_shown_literally(corpus_copy, monkeypatch):
    hostile = "<img src=x onerror=alert(1)> **not bold** [link](javascript:alert(1))"
    set_cell(corpus_copy, LEXICON_REVIEWS.file, 18, "reason", hostile)  # a 'reject' row
    monkeypatch.setenv("PERSPECTIVES_DATA", str(corpus_copy))
    at = open_page(links.COVERAGE).run()
    (rejected,) = [e for e in at.expander if e.label.startswith("Tags a reviewer rejected")]
    assert escape_markdown(hostile) in set(listed(rejected)["Rejected because"])
    assert not any(hostile in m.value for m in rejected.markdown)
