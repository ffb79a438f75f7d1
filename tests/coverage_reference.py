"""Theme coverage done the straightforward way, as it was first written: every term's pattern
run over every sentence on its own, and every table filtering the whole list of tagged
sentences. Slow, but plainly right: the fast code in perspectives/ must give the same."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import pandas as pd

from perspectives import anchor, language, sentences
from perspectives.lexicon import Hit, term_pattern
from perspectives.model import Corpus, Document, LexiconTerm
from perspectives.sentences import Sentence

_WORD = re.compile(r"\w+(?:['’\-‐]\w+)*")


def words(sentence: Sentence) -> int:
    return len(_WORD.findall(sentence.text))


def strip_accents(text: str) -> str:
    letters = []
    for char in text:
        parts = unicodedata.normalize("NFKD", char)
        base = "".join(part for part in parts if not unicodedata.combining(part))
        letters.append(base if len(base) == 1 else char)
    return "".join(letters)


def find(terms: tuple[LexiconTerm, ...], text: str, offset: int = 0) -> list[Hit]:
    folded = anchor.normalise(text)
    haystack = strip_accents(folded.text)
    hits = []
    for term in terms:
        for match in term_pattern(term).finditer(haystack):
            start = folded.to_original(match.start())
            end = folded.to_original(match.end() - 1) + 1
            hits.append(Hit(term.theme_id, term.term, offset + start, offset + end))
    return sorted(hits, key=lambda hit: (hit.start, hit.end))


def split(text: str, ranges: tuple[tuple[int, int], ...]) -> list[Sentence]:
    """`sentences.split`, trimming each sentence one character at a time."""
    cuts = []
    for first, last in sentences.paragraphs(text, ranges):
        for block_start, block_end in sentences._items(text, first, last):
            cursor = block_start
            for match in sentences._BOUNDARY.finditer(text, block_start, block_end):
                if not sentences._is_abbreviation(text, match.start()):
                    cuts.append((cursor, match.end()))
                    cursor = match.end()
            cuts.append((cursor, block_end))
    result = []
    for start, end in cuts:
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if any(char.isalnum() for char in text[start:end]):
            result.append(Sentence(start, end, text))
    return result


@dataclass(frozen=True)
class Tagged:
    document_id: str
    index: int
    sentence: Sentence
    hits: tuple[Hit, ...]

    @property
    def theme_ids(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(hit.theme_id for hit in self.hits))

    def terms(self, theme_id: str) -> tuple[str, ...]:
        return tuple(dict.fromkeys(hit.term for hit in self.hits if hit.theme_id == theme_id))


def looked_for(terms: tuple[LexiconTerm, ...], document: Document) -> tuple[LexiconTerm, ...]:
    """The terms of no language, and those whose language range takes the document's tag."""
    tag = (document.language or language.detect(document.text)).lower()
    return tuple(
        term
        for term in terms
        if not term.language
        or tag == term.language.lower()
        or tag.startswith(term.language.lower() + "-")
    )


def tag(corpus: Corpus) -> list[Tagged]:
    return [
        Tagged(
            document.id,
            index,
            sentence,
            tuple(find(looked_for(corpus.lexicon, document), sentence.text, offset=sentence.start)),
        )
        for document in corpus.documents
        for index, sentence in enumerate(split(document.text, document.body_ranges))
    ]


def coverage_table(corpus: Corpus, tagged: list[Tagged]) -> pd.DataFrame:
    rows = []
    for document in corpus.documents:
        own = [item for item in tagged if item.document_id == document.id]
        total_sentences = len(own)
        total_words = sum(words(item.sentence) for item in own)
        for theme in corpus.themes:
            hit = [item for item in own if theme.id in item.theme_ids]
            tagged_words = sum(words(item.sentence) for item in hit)
            rows.append(
                {
                    "document_id": document.id,
                    "perspective": document.perspective,
                    "theme_id": theme.id,
                    "theme": theme.label,
                    "sentences": len(hit),
                    "sentence_share": len(hit) / total_sentences if total_sentences else 0.0,
                    "words": tagged_words,
                    "word_share": tagged_words / total_words if total_words else 0.0,
                    "total_sentences": total_sentences,
                    "total_words": total_words,
                }
            )
    return pd.DataFrame(rows)


def untagged_table(corpus: Corpus, tagged: list[Tagged]) -> pd.DataFrame:
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


def _overlaps(item: Tagged, start: int, end: int) -> bool:
    return anchor.overlaps((item.sentence.start, item.sentence.end), [(start, end)])


def _recalled(quote, tagged: list[Tagged]) -> bool:
    return any(
        item.document_id == quote.document_id
        and quote.theme_id in item.theme_ids
        and _overlaps(item, quote.anchor.start, quote.anchor.end)
        for item in tagged
    )


def _tags(corpus: Corpus, tagged: list[Tagged]) -> list[tuple[Tagged, str, bool, object]]:
    tags = []
    for item in tagged:
        for theme_id in item.theme_ids:
            position = corpus.find_position(theme_id, item.document_id)
            quotes = position.quotes if position else ()
            curated = any(_overlaps(item, q.anchor.start, q.anchor.end) for q in quotes)
            review = None
            if not curated:
                review = next(
                    (
                        r
                        for r in corpus.lexicon_reviews
                        if (r.document_id, r.theme_id) == (item.document_id, theme_id)
                        and item.sentence.opens_with(r.opening)
                    ),
                    None,
                )
            tags.append((item, theme_id, curated, review))
    return tags


def sentence_rows(corpus: Corpus, tagged: list[Tagged], theme_ids, document_ids) -> pd.DataFrame:
    labels = {theme.id: theme.label for theme in corpus.themes}
    rows = [
        {
            "document_id": item.document_id,
            "perspective": corpus.document(item.document_id).perspective,
            "number": item.index + 1,
            "theme_id": theme_id,
            "theme": labels[theme_id],
            "sentence": item.sentence.plain(),
            "terms": ", ".join(item.terms(theme_id)),
            "curated": curated,
            "verdict": "" if review is None else review.verdict,
            "reason": "" if review is None else review.reason,
        }
        for item, theme_id, curated, review in _tags(corpus, tagged)
        if item.document_id in set(document_ids) and theme_id in set(theme_ids)
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


def quality_themes(corpus: Corpus, tagged: list[Tagged]) -> pd.DataFrame:
    all_tags = _tags(corpus, tagged)
    rows = []
    for theme in corpus.themes:
        quotes = [q for p in corpus.positions if p.theme_id == theme.id for q in p.quotes]
        recalled = sum(_recalled(quote, tagged) for quote in quotes)
        own = [tag for tag in all_tags if tag[1] == theme.id]
        tags, curated = len(own), sum(tag[2] for tag in own)
        accepted = sum(tag[3] is not None and tag[3].accepted for tag in own)
        rejected = sum(tag[3] is not None and not tag[3].accepted for tag in own)
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
    return pd.DataFrame(rows)


def untagged_quotes(corpus: Corpus, tagged: list[Tagged]) -> pd.DataFrame:
    rows = [
        {"theme_id": quote.theme_id, "document_id": quote.document_id, "quote": quote.text}
        for position in corpus.positions
        for quote in position.quotes
        if not _recalled(quote, tagged)
    ]
    return pd.DataFrame(rows, columns=["theme_id", "document_id", "quote"])
