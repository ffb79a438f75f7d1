"""Work derived from the corpus that several pages need, done once per version of its files."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from perspectives import coverage, suggest
from perspectives.model import Corpus
from perspectives.ui.frame import files_stamp


def corpus_key(corpus: Corpus) -> tuple:
    """Keys a cache of work derived from the corpus: its folder and the stamps of its files."""
    return (corpus.root, files_stamp(Path(corpus.root)))


def tagged_sentences(corpus: Corpus) -> tuple[coverage.TaggedSentence, ...]:
    """Every body sentence with its lexicon hits, tagged once per corpus version for all pages."""
    return coverage.tag(corpus)  # kept by the core for as long as the cached corpus lives


@st.cache_resource(show_spinner="Reading every sentence…", max_entries=2)
def _index(_corpus: Corpus, key: tuple) -> suggest.Index:
    return suggest.Index(_corpus.documents)


def suggestion_index(corpus: Corpus) -> suggest.Index:
    """Sentences and their TF-IDF vectors, built once per version of the texts and their excluded
    spans: a save that changes only tables (the usual one) does not rebuild it."""
    key = tuple((d.id, hash(d.text), d.excluded) for d in corpus.documents)
    return _index(corpus, (corpus.root, key))
