"""Readability of each author's text and of the evidence quoted from it, with textstat.

Every metric is declared once below, with what it means, its scale and which direction is
harder. A formula applied to too little text gives a number that means little, so a score is
shown as "too short to rate" when its sample is below the metric's minimum (about 100 words for
any formula; SMOG was built on samples of 30 sentences). The formulas were made for English: a
text in another language (its `language`, or the one guessed from it) is not rated at all.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Collection
from dataclasses import dataclass
from typing import Literal

import pandas as pd
import textstat
from textstat import backend

from perspectives import language, memo
from perspectives.model import Corpus, Document, Quote

TOO_SHORT = "too short to rate"
NOT_ENGLISH = "not rated: formulas made for English"
NO_TEXT = "no text"
MIN_WORDS = 100
SMOG_MIN_SENTENCES = 30
GRADE_SCALE = "US school grade (12: last year of secondary school)"

Harder = Literal["higher", "lower", "neither"]
HARDER_WORDS: dict[str, str] = {
    "higher": "higher is harder",
    "lower": "lower is harder",
    "neither": "not a difficulty",
}


@dataclass(frozen=True)
class Metric:
    key: str
    label: str
    meaning: str
    scale: str
    harder: Harder  # which direction of the number means harder reading
    formula: Callable[[str], float]
    min_words: int = 0
    min_sentences: int = 0
    decimals: int = 1
    grade_level: bool = False  # on the school-grade scale, so it can share a chart axis
    wording: Callable[[float], str] | None = None  # how to say the number, when digits read poorly

    def display(self, value: float) -> str:
        if self.wording is not None:
            return self.wording(value)
        return f"{value:,.{self.decimals}f}"


def _consensus_wording(grade: float) -> str:
    """textstat's own wording of its consensus: the grade and the one below it."""
    lower = int(grade) - 1
    return f"{_ordinal(lower)} and {_ordinal(lower + 1)} grade"


def _ordinal(number: int) -> str:
    if 10 <= number % 100 <= 20:
        return f"{number}th"
    return f"{number}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(number % 10, 'th') }"


def _minutes(seconds: float) -> str:
    minutes, rest = divmod(round(seconds), 60)
    return f"{minutes} min {rest} s" if minutes else f"{rest} s"


METRICS: tuple[Metric, ...] = (
    Metric(
        "flesch_reading_ease",
        "Flesch Reading Ease",
        "How easy the text is, from sentence length and syllables per word.",
        "about 0–100 (60–70: plain English; under 30: very hard)",
        "lower",
        textstat.flesch_reading_ease,
        min_words=MIN_WORDS,
    ),
    Metric(
        "flesch_kincaid_grade",
        "Flesch–Kincaid grade",
        "School grade a reader needs, from sentence length and syllables per word.",
        GRADE_SCALE,
        "higher",
        textstat.flesch_kincaid_grade,
        min_words=MIN_WORDS,
        grade_level=True,
    ),
    Metric(
        "gunning_fog",
        "Gunning Fog",
        "Years of schooling needed, from sentence length and the share of words of 3+ syllables.",
        GRADE_SCALE,
        "higher",
        textstat.gunning_fog,
        min_words=MIN_WORDS,
        grade_level=True,
    ),
    Metric(
        "smog_index",
        "SMOG",
        "Years of schooling needed, from the words of 3+ syllables in a 30-sentence sample.",
        GRADE_SCALE,
        "higher",
        textstat.smog_index,
        min_words=MIN_WORDS,
        min_sentences=SMOG_MIN_SENTENCES,
        grade_level=True,
    ),
    Metric(
        "coleman_liau_index",
        "Coleman–Liau",
        "School grade from letters per word and sentences per 100 words (no syllables).",
        GRADE_SCALE,
        "higher",
        textstat.coleman_liau_index,
        min_words=MIN_WORDS,
        grade_level=True,
    ),
    Metric(
        "automated_readability_index",
        "ARI",
        "Automated Readability Index: school grade from characters per word and sentence length.",
        GRADE_SCALE,
        "higher",
        textstat.automated_readability_index,
        min_words=MIN_WORDS,
        grade_level=True,
    ),
    Metric(
        "dale_chall",
        "Dale–Chall",
        "Difficulty from the share of words outside a list of ~3,000 familiar words.",
        "4.9 or less: 4th grade; 9–9.9: college",
        "higher",
        textstat.dale_chall_readability_score,
        min_words=MIN_WORDS,
    ),
    Metric(
        "text_standard",
        "Consensus grade",
        "textstat's text_standard: the school grade most of the formulas above agree on.",
        GRADE_SCALE,
        "higher",
        lambda text: float(textstat.text_standard(text, float_output=True)),
        min_words=MIN_WORDS,
        grade_level=True,
        wording=_consensus_wording,
    ),
    Metric(
        "words",
        "Words",
        "Words, as textstat counts them for the formulas above.",
        "a count",
        "neither",
        textstat.lexicon_count,
        decimals=0,
    ),
    Metric(
        "sentences",
        "Sentences",
        "Sentences, as textstat counts them for the formulas above.",
        "a count",
        "neither",
        textstat.sentence_count,
        decimals=0,
    ),
    Metric(
        "difficult_words",
        "Difficult words",
        "Distinct words of 2+ syllables that are not on the Dale–Chall list of familiar words.",
        "a count (grows with length)",
        "higher",
        textstat.difficult_words,
        decimals=0,
    ),
    Metric(
        "reading_time",
        "Reading time",
        "Time to read it at 14.69 ms per character (Demberg & Keller, 2008).",
        "minutes and seconds",
        "neither",
        textstat.reading_time,
        wording=_minutes,
    ),
)


@dataclass(frozen=True)
class Score:
    """One metric on one text: the number, or None with the reason it is not given."""

    value: float | None
    display: str
    reason: str = ""


@dataclass(frozen=True)
class Sample:
    """A text to rate, with the perspective it belongs to."""

    key: str  # the document id: one column per perspective
    label: str
    text: str
    english: bool = True  # whether the formulas, made for English, apply to it


def in_english(document: Document) -> bool:
    """Whether the document is in English: its language, or else the one its text reads as."""
    return language.is_english(document.written_in)


#: The scores of a text the formulas were not made for: none.
_NOT_RATED = {
    item.key: Score(None, NOT_ENGLISH, "the formulas were made for English") for item in METRICS
}


def too_short_reason(item: Metric, words: int, sentences: int) -> str:
    """Why a metric should not be given for a sample this small, or '' if it may."""
    if words < item.min_words:
        return f"{words} words, fewer than the {item.min_words} needed"
    if sentences < item.min_sentences:
        return f"{sentences} sentences, fewer than the {item.min_sentences} needed"
    return ""


#: Texts whose scores are kept: every body and a few themes' evidence of a 200-document corpus.
RATED_TEXTS = 2048


@memo.by_content(max_size=1 << 27, max_entries=RATED_TEXTS)
def rate(text: str) -> dict[str, Score]:
    """Every metric on one text, keyed by metric key; formulas on too little text are withheld.
    Kept per text (shared by every caller, so never changed), since textstat takes a third of a
    second on a long article and a reader comes back to the same perspectives."""
    words = textstat.lexicon_count(text)
    sentences = textstat.sentence_count(text)
    scores = {}
    for item in METRICS:
        if words == 0:
            scores[item.key] = Score(None, NO_TEXT, "nothing to rate")
            continue
        reason = too_short_reason(item, words, sentences)
        if reason:
            scores[item.key] = Score(None, TOO_SHORT, reason)
            continue
        value = float(item.formula(text))
        scores[item.key] = Score(value, item.display(value))
    _forget_texts()
    return scores


def _forget_texts() -> None:
    """Empty textstat's own caches. It keeps what it works out for each of the last 128 texts
    it was given (each function its own: the text, its words, their syllables), which helps
    while the metrics of one text are computed; rating a large corpus would leave a hundred
    megabytes there, never read again."""
    for package in (backend.counts, backend.metrics, backend.selections, backend.transformations):
        for name in dir(package):
            cache_clear = getattr(getattr(package, name), "cache_clear", None)
            if cache_clear is not None:
                cache_clear()


def evidence_text(quotes: tuple[Quote, ...]) -> str:
    """The quotes as one passage; a quote cut off before its full stop still counts as one
    sentence, so a stop is added where its last character is not end punctuation."""
    pieces = []
    for quote in quotes:
        words = quote.text.strip()
        ended = words.rstrip("”’\"')").endswith((".", "!", "?", "…"))
        pieces.append(words if ended else words + ".")
    return " ".join(pieces)


def body_samples(corpus: Corpus, document_ids: Collection[str] | None = None) -> list[Sample]:
    """Each document's author body (of those in `document_ids`; every one when None): declared
    boilerplate left out."""
    return [
        Sample(d.id, d.perspective, d.body, in_english(d))
        for d in corpus.documents_among(document_ids)
    ]


def evidence_samples(
    corpus: Corpus, theme_id: str | None = None, document_ids: Collection[str] | None = None
) -> list[Sample]:
    """Each document's (of those in `document_ids`; every one when None) curated evidence on one
    theme, or on every theme when theme_id is None."""
    return [
        Sample(
            document.id,
            document.perspective,
            evidence_text(
                tuple(
                    quote
                    for position in corpus.positions
                    if position.document_id == document.id
                    and (theme_id is None or position.theme_id == theme_id)
                    for quote in position.quotes
                )
            ),
            in_english(document),
        )
        for document in corpus.documents_among(document_ids)
    ]


def scores_long(samples: list[Sample]) -> pd.DataFrame:
    """One row per metric × sample, in METRICS order then sample order."""
    rated = {s.key: rate(s.text) if s.english else _NOT_RATED for s in samples}
    rows = [
        {
            "metric_key": item.key,
            "metric": item.label,
            "sample": sample.key,
            "perspective": sample.label,
            "value": math.nan if score.value is None else score.value,
            "display": score.display,
            "reason": score.reason,
        }
        for item in METRICS
        for sample in samples
        for score in (rated[sample.key][item.key],)
    ]
    return pd.DataFrame(rows)


def by_perspective(long: pd.DataFrame) -> pd.DataFrame:
    """One row per sample (its perspective first), one column per metric, by its label: a dozen
    perspectives add rows, not columns, so the table never outgrows the page."""
    table = long.pivot(index="sample", columns="metric_key", values="display")
    table = table.loc[list(dict.fromkeys(long["sample"])), [m.key for m in METRICS]]
    table.columns = [m.label for m in METRICS]
    labels = long.drop_duplicates("sample").set_index("sample")["perspective"]
    table.insert(0, "Perspective", labels.loc[table.index].to_list())
    return table.reset_index(drop=True)


def grade_chart_data(long: pd.DataFrame) -> pd.DataFrame:
    """The school-grade metrics that could be rated: what the grade chart plots."""
    grades = {m.key for m in METRICS if m.grade_level}
    chosen = long[long["metric_key"].isin(grades) & long["value"].notna()]
    data = chosen[["metric", "perspective", "value"]].rename(columns={"value": "grade"})
    return data.reset_index(drop=True)


def withheld(long: pd.DataFrame) -> list[str]:
    """One plain line per perspective and reason on the scores left out as too short."""
    short = long[long["display"] == TOO_SHORT]
    metrics: dict[tuple[str, str], list[str]] = {}
    for who, reason, metric in zip(
        short["perspective"], short["reason"], short["metric"], strict=True
    ):
        metrics.setdefault((who, reason), []).append(metric)
    return [f"{who}: {reason} by {', '.join(names)}." for (who, reason), names in metrics.items()]
