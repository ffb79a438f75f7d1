"""Readability: textstat figures pinned on fixed texts, and the too-short rule."""

from __future__ import annotations

import math

import pytest
from textstat import backend

from perspectives import load, memo, readability
from perspectives.paths import EMBEDDED_CORPUS
from perspectives.readability import METRICS, NO_TEXT, TOO_SHORT, rate

CORPUS = load(EMBEDDED_CORPUS)
RAW_SINGH = (EMBEDDED_CORPUS / "texts" / "singh-2018.txt").read_text(encoding="utf-8")
TEN_WORDS = "Readers like short sentences with plain and simple words here. "
FORMULAS = [m.key for m in METRICS if m.min_words]


def values(text: str) -> dict[str, float | None]:
    return {key: score.value for key, score in rate(text).items()}


def test_reference_figures_on_the_whole_indian_capture():
    """Stack notes: textstat 0.7.8 on the raw file, boilerplate included."""
    scores = values(RAW_SINGH)
    assert round(scores["flesch_reading_ease"], 2) == 35.77
    assert round(scores["flesch_kincaid_grade"], 2) == 14.46
    assert round(scores["smog_index"], 2) == 16.08
    assert scores["words"] == 1271
    assert scores["sentences"] == 51


@pytest.mark.parametrize(
    ("document_id", "pins"),
    [
        (
            "singh-2018",
            {"flesch_reading_ease": 35.98, "smog_index": 16.17, "words": 1218, "sentences": 48},
        ),
        (
            "asmolov-2019",
            {"flesch_reading_ease": 41.35, "smog_index": 15.13, "words": 1460, "sentences": 63},
        ),
    ],
)
def test_author_body_figures(document_id, pins):
    scores = values(CORPUS.document(document_id).body)
    assert {key: round(scores[key], 2) for key in pins} == pins


def test_every_metric_the_app_shows_computes_offline():
    """Fails if textstat is upgraded past the pin (0.7.9+ needs a download to score)."""
    for key, score in rate(RAW_SINGH).items():
        assert score.value is not None and math.isfinite(score.value), key
        assert score.display not in (TOO_SHORT, NO_TEXT)
    assert rate(RAW_SINGH)["text_standard"].display == "13th and 14th grade"


def test_metrics_declare_meaning_scale_and_direction_once():
    keys = [m.key for m in METRICS]
    assert len(keys) == len(set(keys)) == 12
    for item in METRICS:
        assert item.meaning and item.scale
        assert item.harder in readability.HARDER_WORDS
    harder = {m.label: readability.HARDER_WORDS[m.harder] for m in METRICS}
    assert harder["Flesch Reading Ease"] == "lower is harder"
    assert harder["SMOG"] == "higher is harder"


@pytest.mark.parametrize(
    ("text", "rated"),
    [
        (TEN_WORDS * 9 + "Readers like short sentences with plain and simple words.", set()),
        (TEN_WORDS * 10, set(FORMULAS) - {"smog_index"}),
        (TEN_WORDS * 29, set(FORMULAS) - {"smog_index"}),
        (TEN_WORDS * 30, set(FORMULAS)),
    ],
    ids=["99 words", "100 words", "29 sentences", "30 sentences"],
)
def test_too_short_to_rate(text, rated):
    scores = rate(text)
    for key in FORMULAS:
        if key in rated:
            assert scores[key].value is not None, key
        else:
            assert (scores[key].value, scores[key].display) == (None, TOO_SHORT), key
            assert "fewer than" in scores[key].reason
    for key in ("words", "sentences", "difficult_words", "reading_time"):
        assert scores[key].value is not None, "counts are always given"


def test_no_text_says_so():
    assert {score.display for score in rate("").values()} == {NO_TEXT}


def test_evidence_of_an_absent_position_is_no_text():
    samples = readability.evidence_samples(CORPUS, "double-freeze")
    singh = next(sample for sample in samples if sample.key == "singh-2018")
    assert singh.text == ""


def test_evidence_quotes_each_count_as_a_sentence():
    position = CORPUS.find_position("high-level-visits", "asmolov-2019")
    text = readability.evidence_text(position.quotes)
    assert "a series of trips to China. " in text  # the quote stops before its full stop
    assert text.count("..") == 0


def test_by_perspective_has_one_row_per_perspective_and_a_column_per_metric():
    long = readability.scores_long(readability.body_samples(CORPUS))
    table = readability.by_perspective(long)
    assert list(table.columns) == ["Perspective", *(m.label for m in METRICS)]
    assert list(table["Perspective"]) == [d.perspective for d in CORPUS.documents]
    assert list(table["Words"]) == ["1,218", "1,460"]


def test_grade_chart_data_holds_only_rated_grade_metrics():
    long = readability.scores_long(readability.body_samples(CORPUS))
    data = readability.grade_chart_data(long)
    grade_labels = [m.label for m in METRICS if m.grade_level]
    assert list(dict.fromkeys(data["metric"])) == grade_labels
    assert list(data.columns) == ["metric", "perspective", "grade"]
    singh_fk = data[
        (data["metric"] == "Flesch–Kincaid grade") & data["perspective"].str.startswith("Gunjan")
    ]
    assert singh_fk["grade"].round(2).tolist() == [14.54]

    evidence = readability.scores_long(readability.evidence_samples(CORPUS, "sanctions"))
    assert "SMOG" not in set(readability.grade_chart_data(evidence)["metric"])
    short = readability.scores_long(readability.evidence_samples(CORPUS, "china-in-the-talks"))
    assert readability.grade_chart_data(short).empty


def test_withheld_scores_are_explained():
    long = readability.scores_long(readability.evidence_samples(CORPUS, "sanctions"))
    lines = readability.withheld(long)
    assert lines == [
        "Gunjan Singh (India): 5 sentences, fewer than the 30 needed by SMOG.",
        "Konstantin Asmolov (Russia): 7 sentences, fewer than the 30 needed by SMOG.",
    ]


def textstat_caches() -> list:
    """textstat's own caches, of the functions it counts and rates with."""
    packages = (backend.counts, backend.metrics, backend.selections, backend.transformations)
    found = [getattr(package, name) for package in packages for name in dir(package)]
    return [function for function in found if hasattr(function, "cache_info")]


def test_textstat_keeps_no_text_once_it_is_rated():
    caches = textstat_caches()
    assert caches, "textstat still caches what it works out per text"
    memo.release()  # rated afresh, not found among the texts already rated
    rate(RAW_SINGH)
    assert [cache.__name__ for cache in caches if cache.cache_info().currsize] == []
    assert values(RAW_SINGH)["words"] == 1271, "rated again from scratch, the same"


def test_each_text_is_rated_once_and_only_the_chosen_perspectives_are_rated():
    singh, asmolov = CORPUS.documents
    assert [s.key for s in readability.body_samples(CORPUS, [asmolov.id])] == [asmolov.id]
    chosen = readability.evidence_samples(CORPUS, "sanctions", [singh.id])
    assert chosen == readability.evidence_samples(CORPUS, "sanctions")[:1]
    assert readability.body_samples(CORPUS, []) == []
    memo.release()
    first = rate(singh.body)
    assert rate(singh.body) is first
    assert len(rate.cache) == 1  # type: ignore[attr-defined]
