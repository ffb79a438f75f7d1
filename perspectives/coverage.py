"""Theme coverage: which sentences of each author's text touch which theme, and how much.

Sentences of the author's body (`sentences.document_sentences`) are tagged with every theme one
of whose lexicon terms they contain (`lexicon.Matcher`: the terms looked for in the text's
language). Coverage is the share of an author's sentences, and of their words, tagged with a
theme; a sentence may carry several themes.

The lexicon is measured against the curated table:
- recall: the share of curated quotes that lie in a sentence the lexicon tags with the quote's
  theme;
- precision: the share of (sentence, theme) tags that are right. A tag is right when the
  sentence overlaps a curated quote of that theme and document ("curated"), or when a reviewer
  accepted it (`Corpus.lexicon_reviews`, from lexicon_reviews.csv). A tag nobody has reviewed
  counts as not right, so precision is a floor until every tag is reviewed; without reviews,
  only the curated share, a lower bound, is known.

All of it is worked out once per loaded corpus (`analysis`) and shared by every page and
session: a rerun only picks tags out of tables already made, and writes out the rows it shows.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property, wraps
from typing import cast

import numpy as np
import pandas as pd

from perspectives.lexicon import Hit, Matcher
from perspectives.memo import PerObject, collector_paused
from perspectives.model import Corpus, Document, Judgment, Position, Quote, Theme
from perspectives.sentences import Sentence, document_sentences, overlapping


@dataclass(frozen=True, slots=True)  # slots: one per sentence of a large corpus
class TaggedSentence:
    document_id: str
    index: int  # position among the document's sentences, from 0
    sentence: Sentence
    hits: tuple[Hit, ...]
    theme_ids: tuple[str, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "theme_ids", tuple(dict.fromkeys(h.theme_id for h in self.hits)))

    def terms(self, theme_id: str) -> tuple[str, ...]:
        """The lexicon terms of one theme found in the sentence, each once."""
        return tuple(dict.fromkeys(hit.term for hit in self.hits if hit.theme_id == theme_id))


def _built_once(build: Callable) -> cached_property:
    """A cached property, built with the cycle collector paused."""

    @wraps(build)
    def built(self):
        with collector_paused():
            return build(self)

    return cached_property(built)


def _categorical(codes: list[int], categories: list[str]) -> pd.Categorical[str]:
    """A column of a few distinct strings, each row stored as the number of its string."""
    return pd.Categorical.from_codes(np.array(codes, dtype=np.int32), pd.Index(categories))


def _tag(corpus: Corpus) -> tuple[TaggedSentence, ...]:
    matcher = Matcher(corpus.lexicon)
    tagged = []
    for document in corpus.documents:
        sentences = document_sentences(document)
        spans = [(s.start, s.end) for s in sentences]
        found = matcher.for_document(document).find_in(document.folded, spans)
        tagged += [
            TaggedSentence(document.id, index, sentence, tuple(hits))
            for index, (sentence, hits) in enumerate(zip(sentences, found, strict=True))
        ]
    return tuple(tagged)


def tag(corpus: Corpus) -> tuple[TaggedSentence, ...]:
    """Every sentence of every author's body, with the lexicon terms found in it (tagged once
    per corpus: see `analysis`)."""
    return analysis(corpus).tagged


#: The counts of tags per theme that the quality table reads.
_TAG_COUNTS = ("tags", "curated", "accepted", "rejected")

MEASURES = {"sentences": "sentence_share", "words": "word_share"}
_ROW_COLUMNS = [
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


@dataclass(frozen=True, eq=False)
class Analysis:
    """What Theme coverage and the Overview derive from one tagging of a corpus, each part
    worked out on first use and then kept. It holds the corpus's tables, not the corpus, so that
    the cache in `analysis` does not keep an old corpus alive."""

    documents: tuple[Document, ...]
    themes: tuple[Theme, ...]
    positions: tuple[Position, ...]
    reviews: tuple[Judgment, ...]
    tagged: tuple[TaggedSentence, ...]

    @classmethod
    def of(cls, corpus: Corpus, tagged: Iterable[TaggedSentence]) -> Analysis:
        return cls(
            corpus.documents,
            corpus.themes,
            corpus.positions,
            corpus.lexicon_reviews,
            tagged if isinstance(tagged, tuple) else tuple(tagged),
        )

    @cached_property
    def _by_document(self) -> dict[str, list[TaggedSentence]]:
        """Each document's tagged sentences, in text order."""
        grouped: dict[str, list[TaggedSentence]] = {document.id: [] for document in self.documents}
        for item in self.tagged:
            grouped.setdefault(item.document_id, []).append(item)
        return grouped

    @cached_property
    def _sentences(self) -> dict[str, list[Sentence]]:
        """Each document's tagged sentences, without their tags, in text order."""
        return {
            document_id: [item.sentence for item in items]
            for document_id, items in self._by_document.items()
        }

    def _overlapping(self, document_id: str, start: int, end: int) -> list[TaggedSentence]:
        """The tagged sentences that overlap text[start:end]."""
        found = overlapping(self._sentences.get(document_id, []), start, end)
        return self._by_document.get(document_id, [])[found.start : found.stop]

    def _quotes(self) -> Iterable[Quote]:
        return (quote for position in self.positions for quote in position.quotes)

    @cached_property
    def _recalled(self) -> dict[int, bool]:
        """By id of quote: whether a sentence the quote lies in is tagged with its theme."""
        return {
            id(quote): any(
                quote.theme_id in item.theme_ids
                for item in self._overlapping(
                    quote.document_id, quote.anchor.start, quote.anchor.end
                )
            )
            for quote in self._quotes()
        }

    @cached_property
    def _curated(self) -> set[tuple[str, str, int]]:
        """(document, theme, sentence index) of every sentence that overlaps a curated quote."""
        return {
            (quote.document_id, quote.theme_id, item.index)
            for quote in self._quotes()
            for item in self._overlapping(quote.document_id, quote.anchor.start, quote.anchor.end)
        }

    @_built_once
    def tags(self) -> pd.DataFrame:
        """Every tag, in text order, kept small: its sentence by position in `tagged` (its text,
        number and document follow from it), and by code its document, theme, terms and, for a
        tag outside the curated quotes, the first review of its theme and document that names
        its sentence (`reviews`; -1 for none). A large corpus has hundreds of thousands of
        tags, and a few dozen themes, documents and sets of terms: `rows` writes out those
        asked for."""
        reviews: dict[tuple[str, str], list[int]] = defaultdict(list)
        for number, judgment in enumerate(self.reviews):
            reviews[(judgment.document_id, judgment.theme_id)].append(number)
        curated_sentences = self._curated
        sentence_at: list[int] = []
        codes: dict[str, dict] = {"document_id": {}, "theme_id": {}, "terms": {}}
        coded: dict[str, list[int]] = {name: [] for name in codes}
        curated: list[bool] = []
        named: list[int] = []
        for position, item in enumerate(self.tagged):
            if not item.hits:
                continue
            found: dict[str, dict[str, None]] = {}
            for hit in item.hits:
                found.setdefault(hit.theme_id, {})[hit.term] = None
            for theme_id, theme_terms in found.items():
                key = (item.document_id, theme_id)
                is_curated = (item.document_id, theme_id, item.index) in curated_sentences
                review = -1
                if not is_curated and key in reviews:
                    opens = item.sentence.opens_with
                    review = next((n for n in reviews[key] if opens(self.reviews[n].opening)), -1)
                sentence_at.append(position)
                for name, value in zip(codes, (*key, tuple(theme_terms)), strict=True):
                    coded[name].append(codes[name].setdefault(value, len(codes[name])))
                curated.append(is_curated)
                named.append(review)
        return pd.DataFrame(
            {
                "at": np.array(sentence_at, dtype=np.int64),
                "document_id": _categorical(coded["document_id"], list(codes["document_id"])),
                "theme_id": _categorical(coded["theme_id"], list(codes["theme_id"])),
                "terms": _categorical(coded["terms"], [", ".join(t) for t in codes["terms"]]),
                "curated": np.array(curated, dtype=bool),
                "review": np.array(named, dtype=np.int64),
            }
        )

    def verdicts(self, tags: pd.DataFrame) -> pd.Series:
        """The verdict on each of `tags`: "accept", "reject", or "" for none."""
        verdicts = np.array(["", *(judgment.verdict for judgment in self.reviews)], dtype=object)
        return pd.Series(verdicts[tags["review"].to_numpy() + 1], index=tags.index, dtype="str")

    def rows(self, tags: pd.DataFrame) -> pd.DataFrame:
        """The sentence browser's rows for some of `tags`, in their order."""
        if tags.empty:
            return pd.DataFrame([], columns=_ROW_COLUMNS)
        perspectives = {document.id: document.perspective for document in self.documents}
        labels = {theme.id: theme.label for theme in self.themes}
        items = [self.tagged[position] for position in tags["at"].tolist()]
        documents = tags["document_id"].tolist()
        themes = tags["theme_id"].tolist()
        reviews = [None if n < 0 else self.reviews[n] for n in tags["review"].tolist()]
        return pd.DataFrame(
            {
                "document_id": documents,
                "perspective": [perspectives[document_id] for document_id in documents],
                "number": [item.index + 1 for item in items],
                "theme_id": themes,
                "theme": [labels[theme_id] for theme_id in themes],
                "sentence": [item.sentence.plain() for item in items],
                "terms": tags["terms"].tolist(),
                "curated": tags["curated"].tolist(),
                "verdict": ["" if review is None else review.verdict for review in reviews],
                "reason": ["" if review is None else review.reason for review in reviews],
            }
        )

    @_built_once
    def coverage(self) -> pd.DataFrame:
        """One row per document × theme: sentences and words tagged, and their shares."""
        rows = []
        for document in self.documents:
            own = self._by_document[document.id]
            total_sentences, total_words = len(own), 0
            sentences: Counter[str] = Counter()
            words: Counter[str] = Counter()
            for item in own:
                count = item.sentence.words
                total_words += count
                for theme_id in item.theme_ids:
                    sentences[theme_id] += 1
                    words[theme_id] += count
            for theme in self.themes:
                hit, tagged_words = sentences[theme.id], words[theme.id]
                rows.append(
                    {
                        "document_id": document.id,
                        "perspective": document.perspective,
                        "theme_id": theme.id,
                        "theme": theme.label,
                        "sentences": hit,
                        "sentence_share": hit / total_sentences if total_sentences else 0.0,
                        "words": tagged_words,
                        "word_share": tagged_words / total_words if total_words else 0.0,
                        "total_sentences": total_sentences,
                        "total_words": total_words,
                    }
                )
        return pd.DataFrame(rows)

    @cached_property
    def untagged(self) -> pd.DataFrame:
        """Per document: sentences with at least one theme and with none."""
        rows = []
        for document in self.documents:
            own = self._by_document[document.id]
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

    @cached_property
    def quality(self) -> Quality:
        """Recall and precision of the lexicon against the curated quotes and the reviews."""
        tags = self.tags
        verdicts = self.verdicts(tags)
        counts = pd.DataFrame(
            {
                "theme_id": tags["theme_id"],
                "tags": 1,
                "curated": tags["curated"],
                "accepted": verdicts == "accept",
                "rejected": verdicts == "reject",
            }
        )
        per_theme = counts.groupby("theme_id", observed=True).sum()
        quotes: Counter[str] = Counter()
        recalled: Counter[str] = Counter()
        for quote in self._quotes():
            quotes[quote.theme_id] += 1
            recalled[quote.theme_id] += self._recalled[id(quote)]
        table = []
        for theme in self.themes:
            found = per_theme.loc[theme.id] if theme.id in per_theme.index else None
            tags, curated, accepted, rejected = (
                (0, 0, 0, 0)
                if found is None
                else (int(cast(int, found.at[column])) for column in _TAG_COUNTS)
            )
            count, hit = quotes[theme.id], recalled[theme.id]
            table.append(
                {
                    "theme_id": theme.id,
                    "theme": theme.label,
                    "quotes": count,
                    "recalled": hit,
                    "recall": hit / count if count else float("nan"),
                    "tags": tags,
                    "curated": curated,
                    "accepted": accepted,
                    "curated_precision": curated / tags if tags else float("nan"),
                    "precision": (curated + accepted) / tags if tags else float("nan"),
                    "rejected": rejected,
                    "unreviewed": tags - curated - accepted - rejected,
                }
            )
        themes = pd.DataFrame(table)
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

    @cached_property
    def missed(self) -> pd.DataFrame:
        """The curated quotes the lexicon misses, in the curated order."""
        rows = [
            {"theme_id": quote.theme_id, "document_id": quote.document_id, "quote": quote.text}
            for quote in self._quotes()
            if not self._recalled[id(quote)]
        ]
        return pd.DataFrame(rows, columns=["theme_id", "document_id", "quote"])


@PerObject
def analysis(corpus: Corpus) -> Analysis:
    """The corpus's analysis, tagged once and kept for as long as the corpus object lives,
    shared by every page and session."""
    with collector_paused():
        tagged = _tag(corpus)
    return Analysis.of(corpus, tagged)


def _analysed(corpus: Corpus, tagged: Sequence[TaggedSentence]) -> Analysis:
    """The corpus's kept analysis when `tagged` is its own tagging (what `tag` returns), else
    one made for this pair and not kept."""
    kept = analysis.kept(corpus)
    if kept is not None and kept.tagged is tagged:
        return kept
    return Analysis.of(corpus, tagged)


def coverage_table(corpus: Corpus, tagged: Sequence[TaggedSentence]) -> pd.DataFrame:
    """One row per document × theme: sentences and words tagged, and their shares."""
    return _analysed(corpus, tagged).coverage.copy(deep=False)


def untagged_table(corpus: Corpus, tagged: Sequence[TaggedSentence]) -> pd.DataFrame:
    """Per document: sentences with at least one theme and with none (they add up to all)."""
    return _analysed(corpus, tagged).untagged.copy(deep=False)


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


@dataclass(frozen=True)
class Tags:
    """Some of a corpus's tags, in text order: as many as a filter keeps, written out as rows
    only where asked (a large corpus tags hundreds of thousands of sentences)."""

    analysis: Analysis
    chosen: pd.DataFrame  # of Analysis.tags

    def __len__(self) -> int:
        return len(self.chosen)

    def rows(self, start: int = 0, stop: int | None = None) -> pd.DataFrame:
        """The sentence browser's rows for the tags from `start` to `stop`; every one by
        default. Each row carries the review of a tag outside the curated quotes (verdict
        "accept" or "reject", and the reason; both empty when the tag is curated or nobody
        reviewed it)."""
        return self.analysis.rows(self.chosen.iloc[start:stop])


def sentence_tags(
    corpus: Corpus,
    tagged: Sequence[TaggedSentence],
    theme_ids: Iterable[str],
    document_ids: Iterable[str],
) -> Tags:
    """The sentence browser: every tag of a chosen theme in a chosen document."""
    analysis = _analysed(corpus, tagged)
    tags = analysis.tags
    chosen = tags["theme_id"].isin(list(theme_ids)) & tags["document_id"].isin(list(document_ids))
    return Tags(analysis, tags if chosen.all() else tags[chosen])


def rejected_rows(corpus: Corpus, tagged: Sequence[TaggedSentence]) -> pd.DataFrame:
    """The tags a reviewer rejected, as the sentence browser shows them: where the lexicon
    misfires."""
    analysis = _analysed(corpus, tagged)
    tags = analysis.tags
    return analysis.rows(tags[analysis.verdicts(tags) == "reject"])


def quality(corpus: Corpus, tagged: Sequence[TaggedSentence]) -> Quality:
    """Recall and precision of the lexicon against the curated quotes and the reviews."""
    measured = _analysed(corpus, tagged).quality
    return replace(measured, themes=measured.themes.copy(deep=False))


def untagged_quotes(corpus: Corpus, tagged: Sequence[TaggedSentence]) -> pd.DataFrame:
    """The curated quotes the lexicon misses: where a curator would add a term."""
    return _analysed(corpus, tagged).missed.copy(deep=False)
