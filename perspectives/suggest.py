"""Suggest evidence: rank an author's sentences for a theme, and say why each ranks where it does.

Three signals, added with equal weight:
- the theme's lexicon terms a sentence contains (1 − ½ⁿ for n distinct terms, so a second term
  counts less than the first);
- TF-IDF cosine similarity to the theme itself: its label, description, question and scale
  labels (words lower-cased, accents and light English endings dropped, stop words left out;
  IDF from every sentence of every author's body);
- the highest TF-IDF similarity to a curated quote of the same theme in another document: what
  curators chose elsewhere is what to look for here. The document's own quotes for the theme are
  never used, so `evaluate` can measure on the curated table without a leak.

`evaluate` measures the ranking honestly: for each theme × document with quotes, rank its
sentences as if none of its quotes existed, and count the quotes whose sentence comes in the
top 5 and top 10.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

import numpy as np

from perspectives import anchor
from perspectives.lexicon import Matcher
from perspectives.model import Corpus, Document, Quote
from perspectives.sentences import Sentence, document_sentences

_WORD = re.compile(r"[a-z0-9]+")
_COMBINING = re.compile(r"[\u0300-\u036f]")
_ENDINGS = ("ies", "ing", "ed", "es", "s")
_STEM_LEAST = 3  # letters a word keeps after an ending is dropped
DEFAULT_TOP = 10
_CACHED_QUERIES = 256


@lru_cache(maxsize=1 << 16)
def _stem(word: str) -> str:
    for ending in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= _STEM_LEAST:
            return word[: -len(ending)] + ("y" if ending == "ies" else "")
    return word


@cache
def _stop_words() -> frozenset[str]:
    # scikit-learn is imported when suggestions are first asked for, not with every page.
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    return ENGLISH_STOP_WORDS


def words(text: str) -> list[str]:
    """The words TF-IDF compares: folded, lower-cased, light endings dropped, no stop words."""
    plain = text.lower()
    if not plain.isascii():  # typographic apostrophes to fold, accents to drop
        plain = _COMBINING.sub("", unicodedata.normalize("NFKD", plain.replace("\u2019", "'")))
    plain = plain.replace("'s", "")
    stop = _stop_words()
    return [_stem(w) for w in _WORD.findall(plain) if w not in stop and len(w) > 1]


@dataclass(frozen=True)
class Suggestion:
    """A sentence of the author's body, how it ranks for a theme, and why."""

    index: int  # among the document's body sentences, from 0
    sentence: Sentence
    score: float
    terms: tuple[str, ...]  # lexicon terms of the theme found in it
    theme_similarity: float
    quote: Quote | None  # the most similar curated quote of the theme in another document
    quote_similarity: float
    quoted: bool  # already evidence for this theme and document

    def why(self) -> str:
        """The reasons, in words, for a curator."""
        reasons = []
        if self.terms:
            reasons.append("terms: " + ", ".join(self.terms))
        if self.theme_similarity > 0:
            reasons.append(f"{self.theme_similarity:.0%} like the theme")
        if self.quote is not None and self.quote_similarity > 0:
            text = " ".join(self.quote.text.split()[:12])
            reasons.append(
                f"{self.quote_similarity:.0%} like {self.quote.document_id}: “{text}"
                + ("…”" if len(self.quote.text.split()) > 12 else "”")
            )
        return "; ".join(reasons) or "no signal"


class Index:
    """Sentences of every author's body and their TF-IDF vectors, computed once for a set of
    texts; `suggest` then ranks one document's sentences in a few milliseconds."""

    def __init__(self, documents: Sequence[Document]):
        from sklearn.feature_extraction.text import TfidfVectorizer

        self.sentences = {document.id: document_sentences(document) for document in documents}
        texts = [s.text for sentences in self.sentences.values() for s in sentences]
        self.vectorizer: TfidfVectorizer | None = TfidfVectorizer(analyzer=words, sublinear_tf=True)
        try:
            matrix = self.vectorizer.fit_transform(texts)
        except ValueError:  # not one word to compare: no sentence, or stop words only
            self.vectorizer, matrix = None, None
        self._rows: dict[str, object] = {}
        self._cache: dict[tuple[str, ...], object] = {}
        offset = 0
        for document_id, sentences in self.sentences.items():
            if matrix is not None:
                self._rows[document_id] = matrix[offset : offset + len(sentences)]
            offset += len(sentences)

    def _similarity(self, document_id: str, texts: tuple[str, ...]) -> np.ndarray:
        """Cosine similarity of each sentence (rows) to each text (columns); vectors are
        L2-normalised, so a dot product is the cosine."""
        if self.vectorizer is None or not texts:
            return np.zeros((len(self.sentences[document_id]), len(texts)))
        return (self._rows[document_id] @ self._vectors(texts).T).toarray()

    def _vectors(self, texts: tuple[str, ...]) -> Any:
        """The texts' TF-IDF vectors, kept for the next document of the same theme: a theme's
        query and curated quotes are compared with one document after another."""
        if texts not in self._cache:
            if len(self._cache) >= _CACHED_QUERIES:
                self._cache.clear()
            assert self.vectorizer is not None, "only called once sentences are indexed"
            self._cache[texts] = self.vectorizer.transform(texts)
        return self._cache[texts]

    def suggest(
        self, corpus: Corpus, theme_id: str, document_id: str, use_lexicon: bool = True
    ) -> list[Suggestion]:
        """Every body sentence of the document, best suggestion for the theme first."""
        theme = corpus.theme(theme_id)
        sentences = self.sentences[document_id]
        query = " ".join(
            [theme.label, theme.description, theme.question, *(p.label for p in theme.scale)]
        )
        theme_similarity = self._similarity(document_id, (query,))[:, 0]
        elsewhere = [
            quote
            for position in corpus.positions
            if position.theme_id == theme_id and position.document_id != document_id
            for quote in position.quotes
        ]
        to_quotes = self._similarity(document_id, tuple(quote.text for quote in elsewhere))
        matcher = Matcher(tuple(t for t in corpus.lexicon if t.theme_id == theme_id))
        position = corpus.find_position(theme_id, document_id)
        quoted = [(q.anchor.start, q.anchor.end) for q in position.quotes] if position else []
        suggestions = []
        for index, sentence in enumerate(sentences):
            terms = (
                tuple(dict.fromkeys(hit.term for hit in matcher.find(sentence.text)))
                if use_lexicon
                else ()
            )
            best = int(np.argmax(to_quotes[index])) if elsewhere else -1
            quote_similarity = float(to_quotes[index, best]) if elsewhere else 0.0
            score = (1 - 0.5 ** len(terms)) + float(theme_similarity[index]) + quote_similarity
            suggestions.append(
                Suggestion(
                    index=index,
                    sentence=sentence,
                    score=score,
                    terms=terms,
                    theme_similarity=float(theme_similarity[index]),
                    quote=elsewhere[best] if elsewhere else None,
                    quote_similarity=quote_similarity,
                    quoted=anchor.overlaps((sentence.start, sentence.end), quoted),
                )
            )
        return sorted(suggestions, key=lambda s: (-s.score, s.index))


def search(suggestions: Sequence[Suggestion], query: str) -> list[Suggestion]:
    """The suggestions whose sentence holds every word of the query, in any case, folded as
    quotes are matched; all of them for an empty query. Their order is kept."""
    wanted = anchor.fold(query).lower().split()
    return [
        item
        for item in suggestions
        if all(word in anchor.fold(item.sentence.text).lower() for word in wanted)
    ]


@dataclass(frozen=True)
class Evaluation:
    """How many curated quotes the suggestions find, their document's own quotes left out."""

    quotes: int
    top5: int
    top10: int
    positions: int

    @property
    def recall_at_5(self) -> float:
        return self.top5 / self.quotes if self.quotes else 0.0

    @property
    def recall_at_10(self) -> float:
        return self.top10 / self.quotes if self.quotes else 0.0


def evaluate(corpus: Corpus, index: Index, use_lexicon: bool = True) -> Evaluation:
    """Leave-one-out recall: each theme × document with quotes is ranked from the theme and the
    other documents' quotes only (never its own), and each of its quotes counts as found at k
    when a sentence it lies in ranks in the top k."""
    quotes = top5 = top10 = positions = 0
    for position in corpus.positions:
        if not position.quotes:
            continue
        positions += 1
        ranked = index.suggest(corpus, position.theme_id, position.document_id, use_lexicon)
        for quote in position.quotes:
            span = [(quote.anchor.start, quote.anchor.end)]
            rank = min(
                (
                    rank
                    for rank, item in enumerate(ranked)
                    if anchor.overlaps((item.sentence.start, item.sentence.end), span)
                ),
                default=len(ranked),
            )
            quotes += 1
            top5 += rank < 5
            top10 += rank < 10
    return Evaluation(quotes, top5, top10, positions)
