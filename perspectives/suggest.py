"""Suggest evidence: rank an author's sentences for a theme, and say why each ranks where it does.

A sentence's score adds three signals:
- the theme's lexicon terms it contains (1 − ½ⁿ for n distinct terms, so a second term counts
  less than the first);
- how much it is like what describes the theme: the TF-IDF cosine similarity to each of the
  theme's label, description, question and scale labels, taken one by one (a one-word label
  would be lost in a paragraph of description), and to the most similar quote curated for the
  theme in another document, all averaged. In the theme's own words, a word counts by how few of
  the corpus's themes use it (BM25's IDF over the themes' texts): "Pyongyang" in every theme's
  description says nothing about any one of them;
- in an English text, the stance it takes (`perspectives.stance`: "we believe", "should",
  "skeptical", "will not"…), which counts as far as the sentence or one beside it is on the
  theme's topic: STANCE × stance strength × the best topical score (the two signals above) of
  the sentence and its neighbours. An editorial's judgement ("We are highly skeptical that he
  will keep his word this time.") often holds no word of its theme, which the sentence before
  it states; a stance far from the topic gains nothing.

Words, in any script, are lower-cased, accents (and Arabic and Hebrew vowel points) and light
English endings dropped, English stop words left out; Chinese and Japanese count by character
and by pair of characters (see `words`), a Korean or Arabic word also without its particles
(see `_beginning`). A word also counts by its first five letters, so
Russia and Russian, socialism and socialist, denuclearisation and denuclearization meet (IDF
from every sentence of every author's body).
The document's own quotes for the theme are never used, so `evaluate` can measure on the curated
table without a leak. Its quotes for other themes are known when asking, and a sentence already
quoted for one is less often what is missing for this theme (a third as often, in the embedded
corpus): its score is halved, and its reasons say so.

STANCE is 0.5, the largest weight that costs the embedded corpus no quote found at 5 or 10 with
the lexicon (recall 0.766 and 0.936, as without the stance signal) and gains without it (0.585
and 0.723, from 0.564 and 0.723); on the editorials of tests/fixtures/stance-editorials, where
half the curated quotes hold no word of their theme, recall at 10 rises from 0.733 to 0.867.

`evaluate` measures the ranking honestly: for each theme × document with quotes, rank its
sentences as if none of its quotes existed, and count the quotes whose sentence comes in the
top 5 and top 10.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from perspectives import anchor, language, memo, stance
from perspectives.lexicon import Matcher
from perspectives.model import Corpus, Document, Quote, Theme
from perspectives.sentences import Sentence, document_sentences, first_words, overlapping

# A word: letters and digits, with the marks written over or under them, in any script (an
# underscore is read as a space first).
_WORD = re.compile(rf"[\w{language.MARKS}]++")
_IDEOGRAPHIC = re.compile(rf"([{language.IDEOGRAPHS}]++)")
# Latin accents, once decomposed, and the vowel points of Arabic and Hebrew: dropped.
_COMBINING = re.compile(rf"[\u0300-\u036f{language.POINTS}]")
_ENDINGS = ("ies", "ing", "ed", "es", "s")
_STEM_LEAST = 3  # letters a word keeps after an ending is dropped
_BEGINNING = 5  # letters of a word that also count on their own
QUOTED_ELSEWHERE = 0.5  # what the score of a sentence already quoted for another theme keeps
STANCE = 0.5  # the stance signal's weight, times the topical score nearby
_NEAR = 1  # sentences on each side whose topical score a stance borrows
DEFAULT_TOP = 10
_CACHED_QUERIES = 256


@memo.by_content(max_size=1 << 22, max_entries=1 << 16)
def _stem(word: str) -> str:
    for ending in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= _STEM_LEAST:
            return word[: -len(ending)] + ("y" if ending == "ies" else "")
    return word


def _stop_words() -> frozenset[str]:
    # scikit-learn is imported when suggestions are first asked for, not with every page.
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    return ENGLISH_STOP_WORDS


def words(text: str) -> list[str]:
    """The words compared, in any script: folded, lower-cased, light English endings dropped, no
    English stop words. Chinese and Japanese are not spaced into words (telling them apart
    takes a dictionary): each character counts, and each pair of characters side by side, as
    search engines index them, so 制裁 meets 制裁 and not 制定."""
    plain = text.lower()
    if not plain.isascii():  # typographic apostrophes to fold, accents to drop
        plain = _COMBINING.sub("", unicodedata.normalize("NFKD", plain.replace("\u2019", "'")))
        plain = unicodedata.normalize("NFC", plain)  # Korean syllables, taken apart, whole again
    plain = plain.replace("'s", "").replace("_", " ")
    ideographic = not plain.isascii() and _IDEOGRAPHIC.search(plain) is not None
    if ideographic:  # each run of Chinese or Japanese a word of its own, to be cut in pieces
        plain = _IDEOGRAPHIC.sub(r" \1 ", plain)
    stop = _stop_words()
    found = []
    for word in _WORD.findall(plain):
        if ideographic and _IDEOGRAPHIC.fullmatch(word):
            found += [*word, *language.character_pairs(word)]
        elif word not in stop and len(word) > 1:
            found.append(_stem(word))
    return found


def tokens(text: str) -> list[str]:
    """What TF-IDF counts: the words, then what else each counts as (`_beginning`), so that
    words of one family meet where the light stemming leaves them apart."""
    found = words(text)
    return found + [begun for word in found if (begun := _beginning(word))]


def _beginning(word: str) -> str:
    """What else a word counts as, "" for nothing: a longer one, its first five letters (Russia
    and Russian); a Korean one, its first two syllables, for the particles are written on to a
    noun, most of which are two syllables long (제재는, 제재를); an Arabic one, itself without
    the particles written on to it (والعقوبات, بالعقوبات)."""
    stem = language.without_particles(word)
    if stem != word:
        return stem
    return word[:_BEGINNING] if len(word) > _BEGINNING else ""


def _fields(theme: Theme) -> tuple[str, ...]:
    """What describes a theme, each part compared on its own."""
    scale = " ".join(point.label for point in theme.scale)
    return tuple(text for text in (theme.label, theme.description, theme.question, scale) if text)


@dataclass(frozen=True)
class Suggestion:
    """A sentence of the author's body, how it ranks for a theme, and why."""

    index: int  # among the document's body sentences, from 0
    sentence: Sentence
    score: float
    terms: tuple[str, ...]  # lexicon terms of the theme found in it
    theme_similarity: float  # mean over the theme's label, description, question and scale
    quote: Quote | None  # the most similar curated quote of the theme in another document
    quote_similarity: float
    quoted: bool  # already evidence for this theme and document
    quoted_for: tuple[Theme, ...] = ()  # other themes it is already evidence for, here
    stance: tuple[str, ...] = ()  # the stance words found in it, for an English text

    def why(self) -> str:
        """The reasons, in words, for a curator."""
        reasons = []
        if self.terms:
            reasons.append("terms: " + ", ".join(self.terms))
        if self.theme_similarity > 0:
            reasons.append(f"{self.theme_similarity:.0%} like the theme")
        if self.quote is not None and self.quote_similarity > 0:
            text = first_words(self.quote.text, 12)
            reasons.append(f"{self.quote_similarity:.0%} like {self.quote.document_id}: “{text}”")
        if self.stance:
            reasons.append("takes a stance: " + ", ".join(self.stance))
        if self.quoted_for:
            labels = ", ".join(theme.label for theme in self.quoted_for)
            reasons.append(f"counted at {QUOTED_ELSEWHERE:.0%}: already quoted for {labels}")
        return "; ".join(reasons) or "no signal"


class Index:
    """Sentences of every author's body and their TF-IDF vectors, computed once for a set of
    texts; `suggest` then ranks one document's sentences in a few milliseconds."""

    def __init__(self, documents: Sequence[Document]):
        from sklearn.feature_extraction.text import TfidfVectorizer

        self.sentences = {document.id: document_sentences(document) for document in documents}
        texts = [s.text for sentences in self.sentences.values() for s in sentences]
        self.vectorizer: TfidfVectorizer | None = TfidfVectorizer(
            analyzer=tokens, sublinear_tf=True
        )
        try:
            matrix = self.vectorizer.fit_transform(texts)
        except ValueError:  # not one word to compare: no sentence, or stop words only
            self.vectorizer, matrix = None, None
        self._rows: dict[str, object] = {}
        self._stances: dict[str, list[tuple[str, ...]]] = {}
        # Vectors of queries and of theme descriptions, by the texts they are made from.
        self._kept = memo.ContentCache(max_size=1 << 24, max_entries=_CACHED_QUERIES)
        offset = 0
        for document_id, sentences in self.sentences.items():
            if matrix is not None:
                self._rows[document_id] = matrix[offset : offset + len(sentences)]
            offset += len(sentences)

    def _similarity(self, document_id: str, vectors: Any, count: int) -> np.ndarray:
        """Cosine similarity of each sentence (rows) to each of `count` L2-normalised vectors
        (columns), a dot product; none when not a word is indexed."""
        if vectors is None:
            return np.zeros((len(self.sentences[document_id]), count))
        return np.asarray((self._rows[document_id] @ vectors.T).toarray())

    def _vectors(self, texts: tuple[str, ...]) -> Any:
        """The texts' TF-IDF vectors, kept for the next document of the same theme: a theme's
        curated quotes are compared with one document after another."""
        assert self.vectorizer is not None, "only called once sentences are indexed"
        vectorizer = self.vectorizer
        return self._kept.get(("vectors", texts), lambda: vectorizer.transform(texts))

    def _description(self, themes: Sequence[Theme], theme: Theme) -> Any:
        """The theme's fields as TF-IDF vectors in which each term is weighted again by how few
        of the themes use it: log(1 + (n − m + ½) / (m + ½)) for m of n themes, BM25's IDF. With
        a single theme every term keeps its weight. Kept until the themes change."""
        texts = tuple(" ".join(_fields(item)) for item in themes)
        assert self.vectorizer is not None, "only called once sentences are indexed"
        vectorizer = self.vectorizer

        def describe() -> Any:
            from sklearn.preprocessing import normalize

            using = np.asarray((vectorizer.transform(texts) > 0).sum(axis=0)).ravel()
            specific = np.log1p((len(texts) - using + 0.5) / (using + 0.5))
            fields = vectorizer.transform(_fields(theme)).multiply(specific)
            return normalize(fields.tocsr())

        return self._kept.get(("described", texts, _fields(theme)), describe)

    def _quoted(self, corpus: Corpus, document_id: str) -> dict[int, set[str]]:
        """By sentence index: the themes the document's curated quotes in it are evidence for."""
        sentences, found = self.sentences[document_id], dict[int, set[str]]()
        for position in corpus.positions:
            if position.document_id != document_id:
                continue
            for quote in position.quotes:
                for index in overlapping(sentences, quote.anchor.start, quote.anchor.end):
                    found.setdefault(index, set()).add(position.theme_id)
        return found

    def stances(self, corpus: Corpus, document_id: str) -> list[tuple[str, ...]]:
        """The stance words of each of the document's sentences; none in a text that is not
        English (its `language`, else the one its words suggest). Kept for the next theme."""
        if document_id not in self._stances:
            document = corpus.document(document_id)
            english = language.is_english(document.written_in)
            self._stances[document_id] = [
                stance.markers(sentence.text) if english else ()
                for sentence in self.sentences[document_id]
            ]
        return self._stances[document_id]

    def suggest(
        self, corpus: Corpus, theme_id: str, document_id: str, use_lexicon: bool = True
    ) -> list[Suggestion]:
        """Every body sentence of the document, best suggestion for the theme first."""
        theme = corpus.theme(theme_id)
        sentences = self.sentences[document_id]
        indexed = self.vectorizer is not None
        fields = len(_fields(theme))
        to_fields = self._similarity(
            document_id, self._description(corpus.themes, theme) if indexed else None, fields
        )
        elsewhere = [
            quote
            for position in corpus.positions
            if position.theme_id == theme_id and position.document_id != document_id
            for quote in position.quotes
        ]
        texts = tuple(quote.text for quote in elsewhere)
        to_quotes = self._similarity(
            document_id, self._vectors(texts) if indexed and texts else None, len(texts)
        )
        theme_terms = tuple(t for t in corpus.lexicon if t.theme_id == theme_id)
        matcher = Matcher(theme_terms).for_document(corpus.document(document_id))
        best = to_quotes.argmax(axis=1) if elsewhere else np.zeros(len(sentences), dtype=int)
        to_quote = to_quotes.max(axis=1) if elsewhere else np.zeros(len(sentences))
        # the best curated quote counts as one more description of the theme
        alike = (to_fields.sum(axis=1) + to_quote) / max(1, fields + bool(elsewhere))
        to_theme = to_fields.mean(axis=1) if fields else np.zeros(len(sentences))
        terms = [
            tuple(dict.fromkeys(hit.term for hit in matcher.find(sentence.text)))
            if use_lexicon
            else ()
            for sentence in sentences
        ]
        topical = np.array([1 - 0.5 ** len(found) for found in terms]) + alike
        stances = self.stances(corpus, document_id)
        scores = topical + STANCE * _strengths(stances) * _nearby(topical)
        quoted = self._quoted(corpus, document_id)
        suggestions = []
        for index, sentence in enumerate(sentences):
            others = quoted.get(index, set()) - {theme_id}
            quoted_for = tuple(t for t in corpus.themes if t.id in others) if others else ()
            suggestions.append(
                Suggestion(
                    index=index,
                    sentence=sentence,
                    score=float(scores[index]) * (QUOTED_ELSEWHERE if quoted_for else 1),
                    terms=terms[index],
                    theme_similarity=float(to_theme[index]),
                    quote=elsewhere[best[index]] if elsewhere else None,
                    quote_similarity=float(to_quote[index]),
                    quoted=theme_id in quoted.get(index, set()),
                    quoted_for=quoted_for,
                    stance=stances[index],
                )
            )
        return sorted(suggestions, key=lambda s: (-s.score, s.index))


def _strengths(stances: Sequence[tuple[str, ...]]) -> np.ndarray:
    """How strongly each sentence takes a stance: 1 − ½ⁿ for n distinct stance words, so a
    second word counts less than the first (as a theme's lexicon terms do)."""
    return 1 - 0.5 ** np.array([len(words) for words in stances], dtype=float)


def _nearby(scores: np.ndarray) -> np.ndarray:
    """Each sentence's best score among itself and the _NEAR sentences on each side."""
    if not len(scores):
        return scores
    padded = np.pad(scores, _NEAR, constant_values=0.0)
    windows = np.lib.stride_tricks.sliding_window_view(padded, 2 * _NEAR + 1)
    return np.asarray(windows.max(axis=1))


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
