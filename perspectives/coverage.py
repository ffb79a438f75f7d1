"""Theme coverage: which sentences of each author's text touch which theme, and how much.

Sentences of the author's body (`sentences.document_sentences`) are tagged with every theme one
of whose lexicon terms they contain (`lexicon.Matcher`). Coverage is the share of an author's
sentences, and of their words, tagged with a theme; a sentence may carry several themes.

The lexicon is measured against the curated table:
- recall: the share of curated quotes that lie in a sentence the lexicon tags with the quote's
  theme;
- precision: the share of (sentence, theme) tags that are right. A tag is right when the
  sentence overlaps a curated quote of that theme and document ("curated"), or when a reviewer
  accepted it (`Corpus.lexicon_reviews`, from lexicon_reviews.csv). A tag nobody has reviewed
  counts as not right, so precision is a floor until every tag is reviewed; without reviews,
  only the curated share, a lower bound, is known.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from perspectives import anchor
from perspectives.lexicon import Hit, Matcher
from perspectives.model import Corpus, Judgment, Quote
from perspectives.sentences import Sentence, document_sentences


@dataclass(frozen=True)
class TaggedSentence:
    document_id: str
    index: int  # position among the document's sentences, from 0
    sentence: Sentence
    hits: tuple[Hit, ...]

    @property
    def theme_ids(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(hit.theme_id for hit in self.hits))

    def terms(self, theme_id: str) -> tuple[str, ...]:
        """The lexicon terms of one theme found in the sentence, each once."""
        return tuple(dict.fromkeys(hit.term for hit in self.hits if hit.theme_id == theme_id))


def tag(corpus: Corpus) -> list[TaggedSentence]:
    """Every sentence of every author's body, with the lexicon terms found in it."""
    matcher = Matcher(corpus.lexicon)
    return [
        TaggedSentence(
            document.id,
            index,
            sentence,
            tuple(matcher.find(sentence.text, offset=sentence.start)),
        )
        for document in corpus.documents
        for index, sentence in enumerate(document_sentences(document))
    ]


def coverage_table(corpus: Corpus, tagged: list[TaggedSentence]) -> pd.DataFrame:
    """One row per document × theme: sentences and words tagged, and their shares."""
    rows = []
    for document in corpus.documents:
        own = [item for item in tagged if item.document_id == document.id]
        total_sentences = len(own)
        total_words = sum(item.sentence.words for item in own)
        for theme in corpus.themes:
            hit = [item for item in own if theme.id in item.theme_ids]
            words = sum(item.sentence.words for item in hit)
            rows.append(
                {
                    "document_id": document.id,
                    "perspective": document.perspective,
                    "theme_id": theme.id,
                    "theme": theme.label,
                    "sentences": len(hit),
                    "sentence_share": len(hit) / total_sentences if total_sentences else 0.0,
                    "words": words,
                    "word_share": words / total_words if total_words else 0.0,
                    "total_sentences": total_sentences,
                    "total_words": total_words,
                }
            )
    return pd.DataFrame(rows)


def untagged_table(corpus: Corpus, tagged: list[TaggedSentence]) -> pd.DataFrame:
    """Per document: sentences with at least one theme and with none (they add up to all)."""
    rows = []
    for document in corpus.documents:
        own = [item for item in tagged if item.document_id == document.id]
        themed = sum(1 for item in own if item.hits)
        rows.append(
            {
                "document_id": document.id,
                "perspective": document.perspective,
                "sentences": len(own),
                "with_a_theme": themed,
                "with_no_theme": len(own) - themed,
            }
        )
    return pd.DataFrame(rows)


MEASURES = {"sentences": "sentence_share", "words": "word_share"}


def heatmap_data(table: pd.DataFrame, measure: str = "sentences") -> pd.DataFrame:
    """What the coverage heatmap plots: theme, perspective, share (0–1) and a cell label."""
    share = MEASURES[measure]
    data = table[["theme", "perspective", measure, share]].rename(
        columns={measure: "count", share: "share"}
    )
    data["label"] = [
        f"{value:.0%} ({count})" for value, count in zip(data["share"], data["count"], strict=True)
    ]
    return data.reset_index(drop=True)


def _curated_spans(corpus: Corpus) -> dict[tuple[str, str], list[tuple[int, int]]]:
    spans: dict[tuple[str, str], list[tuple[int, int]]] = {}
    for position in corpus.positions:
        spans[(position.theme_id, position.document_id)] = [
            (quote.anchor.start, quote.anchor.end) for quote in position.quotes
        ]
    return spans


def _recalled(quote: Quote, tagged: Iterable[TaggedSentence]) -> bool:
    """Whether a sentence the quote lies in is tagged with the quote's theme."""
    span = [(quote.anchor.start, quote.anchor.end)]
    return any(
        item.document_id == quote.document_id
        and quote.theme_id in item.theme_ids
        and anchor.overlaps((item.sentence.start, item.sentence.end), span)
        for item in tagged
    )


def _is_curated(
    item: TaggedSentence, theme_id: str, spans: dict[tuple[str, str], list[tuple[int, int]]]
) -> bool:
    return anchor.overlaps(
        (item.sentence.start, item.sentence.end), spans.get((theme_id, item.document_id), [])
    )


@dataclass(frozen=True)
class Tag:
    """One (sentence, theme) tag: on a curated quote of the theme, or else its review, if any."""

    item: TaggedSentence
    theme_id: str
    curated: bool
    review: Judgment | None


def _tags(corpus: Corpus, tagged: list[TaggedSentence]) -> list[Tag]:
    """Every tag in text order, with what makes it right or wrong."""
    spans = _curated_spans(corpus)
    reviews: dict[tuple[str, str], list[Judgment]] = defaultdict(list)
    for judgment in corpus.lexicon_reviews:
        reviews[(judgment.document_id, judgment.theme_id)].append(judgment)
    tags = []
    for item in tagged:
        for theme_id in item.theme_ids:
            curated = _is_curated(item, theme_id, spans)
            review: Judgment | None = None
            if not curated:
                candidates = reviews[(item.document_id, theme_id)]
                review = next((r for r in candidates if item.sentence.opens_with(r.opening)), None)
            tags.append(Tag(item, theme_id, curated, review))
    return tags


def sentence_rows(
    corpus: Corpus,
    tagged: list[TaggedSentence],
    theme_ids: Iterable[str],
    document_ids: Iterable[str],
) -> pd.DataFrame:
    """The sentence browser: one row per tagged sentence × chosen theme, in text order, with the
    review of a tag outside the curated quotes (verdict "accept" or "reject", and the reason;
    both empty when the tag is curated or nobody reviewed it)."""
    themes, documents = set(theme_ids), set(document_ids)
    labels = {theme.id: theme.label for theme in corpus.themes}
    rows = [
        {
            "document_id": tag.item.document_id,
            "perspective": corpus.document(tag.item.document_id).perspective,
            "number": tag.item.index + 1,
            "theme_id": tag.theme_id,
            "theme": labels[tag.theme_id],
            "sentence": tag.item.sentence.plain(),
            "terms": ", ".join(tag.item.terms(tag.theme_id)),
            "curated": tag.curated,
            "verdict": "" if tag.review is None else tag.review.verdict,
            "reason": "" if tag.review is None else tag.review.reason,
        }
        for tag in _tags(corpus, tagged)
        if tag.item.document_id in documents and tag.theme_id in themes
    ]
    columns = [
        "document_id",
        "perspective",
        "number",
        "theme_id",
        "theme",
        "sentence",
        "terms",
        "curated",
        "verdict",
        "reason",
    ]
    return pd.DataFrame(rows, columns=columns)


@dataclass(frozen=True)
class Quality:
    """How the lexicon's tags compare with the curated quotes; `themes` breaks it down."""

    quotes: int
    recalled: int
    tags: int
    curated: int
    accepted: int
    rejected: int
    unreviewed: int  # tags outside the curated quotes that no review names
    themes: pd.DataFrame

    @property
    def recall(self) -> float:
        return self.recalled / self.quotes if self.quotes else 0.0

    @property
    def curated_precision(self) -> float:
        """Tags that the curated table itself quotes: a lower bound on precision."""
        return self.curated / self.tags if self.tags else 0.0

    @property
    def precision(self) -> float:
        """Tags that are curated or that a reviewer accepted; an unreviewed tag is not right."""
        return (self.curated + self.accepted) / self.tags if self.tags else 0.0


def quality(corpus: Corpus, tagged: list[TaggedSentence]) -> Quality:
    """Recall and precision of the lexicon against the curated quotes and the reviews."""
    all_tags = _tags(corpus, tagged)
    rows = []
    for theme in corpus.themes:
        quotes = [q for p in corpus.positions if p.theme_id == theme.id for q in p.quotes]
        recalled = sum(_recalled(quote, tagged) for quote in quotes)
        own = [tag for tag in all_tags if tag.theme_id == theme.id]
        tags, curated = len(own), sum(tag.curated for tag in own)
        accepted = sum(tag.review is not None and tag.review.accepted for tag in own)
        rejected = sum(tag.review is not None and not tag.review.accepted for tag in own)
        rows.append(
            {
                "theme_id": theme.id,
                "theme": theme.label,
                "quotes": len(quotes),
                "recalled": recalled,
                "recall": recalled / len(quotes) if quotes else float("nan"),
                "tags": tags,
                "curated": curated,
                "accepted": accepted,
                "curated_precision": curated / tags if tags else float("nan"),
                "precision": (curated + accepted) / tags if tags else float("nan"),
                "rejected": rejected,
                "unreviewed": tags - curated - accepted - rejected,
            }
        )
    themes = pd.DataFrame(rows)
    return Quality(
        quotes=int(themes["quotes"].sum()),
        recalled=int(themes["recalled"].sum()),
        tags=int(themes["tags"].sum()),
        curated=int(themes["curated"].sum()),
        accepted=int(themes["accepted"].sum()),
        rejected=int(themes["rejected"].sum()),
        unreviewed=int(themes["unreviewed"].sum()),
        themes=themes,
    )


def untagged_quotes(corpus: Corpus, tagged: list[TaggedSentence]) -> pd.DataFrame:
    """The curated quotes the lexicon misses: where a curator would add a term."""
    rows = [
        {"theme_id": quote.theme_id, "document_id": quote.document_id, "quote": quote.text}
        for position in corpus.positions
        for quote in position.quotes
        if not _recalled(quote, tagged)
    ]
    return pd.DataFrame(rows, columns=["theme_id", "document_id", "quote"])
