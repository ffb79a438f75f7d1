"""The lexicon's terms, and reviewers' verdicts on the sentences its terms tag.

A review names its sentence by the sentence's opening words; the sentences that such words may
start are looked up in an index made for them alone.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Collection
from typing import cast

from perspectives import anchor, lexicon
from perspectives.corpus.checker import Checker, Report, Row
from perspectives.model import Document, Judgment, LexiconTerm
from perspectives.schema import LEXICON, LEXICON_REVIEWS, LexiconMatch
from perspectives.sentences import Sentence, SentenceLookup


def lexicon_terms(checker: Checker, rows: list[Row]) -> tuple[LexiconTerm, ...]:
    """The lexicon's terms; a term with no word in it, or one another term already finds, is a
    problem (a term finds its case and inflection variants: see perspectives/lexicon.py)."""
    terms = []
    for row in rows:
        cells = row.cells
        match = cast(LexiconMatch, cells["match"] or "words")  # a valid row's is a choice
        term = LexiconTerm(
            cells["theme_id"], cells["term"], match, cells["note"], cells["language"]
        )
        if not lexicon.term_words(term.term):
            checker.at(LEXICON.file, row.number).add(
                "term", "term has no letter or digit", "write a word"
            )
        else:
            terms.append((row, term))
    covering = lexicon.coverers([term for _, term in terms])
    for index, (row, term) in enumerate(terms):
        for other_index in covering[index]:
            other_row, other = terms[other_index]
            if other_index < index or not lexicon.covers(term, other):
                checker.at(LEXICON.file, row.number).add(
                    "term",
                    f"duplicate term {term.term!r} for theme {term.theme_id!r}: "
                    f"{other.term!r} at row {other_row.number} already finds it",
                    "remove one of the two rows",
                )
                break
    return tuple(term for _, term in terms)


def lexicon_reviews(
    checker: Checker, rows: list[Row], documents: dict[str, Document]
) -> tuple[Judgment, ...]:
    """Reviewers' verdicts on lexicon tags. A review's opening words must start exactly one
    sentence of its document's author body, and no other review may name that sentence for the
    same theme."""
    openings: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        if row.cells["document_id"] in documents:
            openings[row.cells["document_id"]].add(anchor.fold(row.cells["opening"]))
    indexes = {key: SentenceIndex(documents[key], words) for key, words in openings.items()}
    named: dict[tuple[str, str, int], int] = {}
    reviews = []
    for row in rows:
        cells = row.cells
        document = documents.get(cells["document_id"])
        if document is None:
            continue
        report = checker.at(LEXICON_REVIEWS.file, row.number)
        sentence = _reviewed_sentence(report, cells["opening"], document.id, indexes[document.id])
        if sentence is None:
            continue
        key = (document.id, cells["theme_id"], sentence.start)
        if key in named:
            report.add(
                "opening",
                f"row {named[key]} already reviews this sentence for theme {cells['theme_id']!r}",
                "keep one verdict per sentence and theme",
            )
            continue
        named[key] = row.number
        accepted = cells["verdict"] == "accept"
        reviews.append(
            Judgment(document.id, cells["theme_id"], cells["opening"], accepted, cells["reason"])
        )
    return tuple(reviews)


class SentenceIndex:
    """The sentences of a document that the reviews' openings may start, folded (cut from the
    document's folded text, not folded again) and sorted to find those that open with given
    words by bisection. Only those sentences are split out (see `SentenceLookup.opening`): a
    20 MB text has some 120,000 sentences, and splitting them all for 60 reviews took seconds."""

    def __init__(self, document: Document, openings: Collection[str]):
        self.document = document
        self.sentences = SentenceLookup(document)
        self._sorted = sorted(
            (self._folded(sentence), sentence.start, sentence)  # no two start at once
            for sentence in self.sentences.opening(openings)
        )

    def opening_with(self, words: str) -> list[Sentence]:
        """The sentences that open with these words (folded, and among the openings given or
        longer than one), in text order."""
        if not words:
            return []
        found = []
        at = bisect.bisect_left(self._sorted, (words,))
        while at < len(self._sorted) and self._sorted[at][0].startswith(words):
            found.append(self._sorted[at])
            at += 1
        return [sentence for _, _, sentence in sorted(found, key=lambda entry: entry[1])]

    def holding(self, words: str) -> Sentence | None:
        """The first sentence these words (folded) lie inside, if any: each place they occur is
        looked up, past those that cannot lie inside one."""
        folded = self.document.folded
        at = folded.text.find(words) if words else -1
        while at != -1:
            sentence = self.sentences.after(folded.to_original(at))
            if sentence is None:
                return None
            start, end = folded.to_folded(sentence.start), folded.to_folded(sentence.end)
            if start <= at and at + len(words) <= end:
                return sentence
            # Before the sentence, or inside it but running past its end, as would any later
            # place inside it.
            at = folded.text.find(words, max(at + 1, start if at < start else end))
        return None

    def _folded(self, sentence: Sentence) -> str:
        whole = self.document.folded
        return whole.text[whole.to_folded(sentence.start) : whole.to_folded(sentence.end)]


def _reviewed_sentence(
    report: Report, opening: str, document_id: str, sentences: SentenceIndex
) -> Sentence | None:
    """The one sentence that starts with the review's opening words."""
    folded = anchor.fold(opening)
    starting = sentences.opening_with(folded)
    if len(starting) == 1:
        return starting[0]
    if starting:
        report.add(
            "opening",
            f"{len(starting)} sentences of {document_id} start with these words",
            "add words until only one sentence starts with them",
        )
        return None
    inside = sentences.holding(folded)
    hint = (
        f"they lie inside the sentence that begins {' '.join(inside.plain().split()[:6])!r}"
        if inside is not None
        else "copy the first words of the tagged sentence exactly"
    )
    report.add("opening", f"no sentence of {document_id} starts with these words", hint)
    return None
