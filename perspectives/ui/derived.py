"""Work derived from the corpus that several pages need, done once per version of its files."""

from __future__ import annotations

from perspectives import coverage, suggest
from perspectives.model import Corpus, Document
from perspectives.ui import widgets


def tagged_sentences(corpus: Corpus) -> tuple[coverage.TaggedSentence, ...]:
    """Every body sentence with its lexicon hits, tagged once per corpus version for all pages."""
    return coverage.tag(corpus)  # kept by the core for as long as the cached corpus lives


@widgets.kept_view(max_entries=2, spinner="Reading every sentence…")
def _index(documents: tuple[Document, ...]) -> suggest.Index:
    return suggest.Index(documents)


def suggestion_index(corpus: Corpus) -> suggest.Index:
    """Sentences and their TF-IDF vectors, built once per version of the texts: a kept view
    tells documents apart by their content, so a save that changes only tables (the usual one)
    does not rebuild it."""
    return _index(corpus.documents)
