"""Work derived from the corpus that several pages need, done once per version of its files."""

from __future__ import annotations

from itertools import count

import streamlit as st

from perspectives import coverage, suggest
from perspectives.memo import PerObject
from perspectives.model import Corpus

_SERIALS = count()


@PerObject
def _serial(corpus: Corpus) -> int:
    return next(_SERIALS)


def corpus_key(corpus: Corpus) -> tuple:
    """Keys a cache of work derived from the corpus: its folder and the serial number of the
    loaded corpus object, never given twice. Each version of the files is loaded once, into one
    object every session shares (frame.cached_load), so the key changes with the files; unlike
    the files' stamps, it costs nothing to make or to hash on every rerun."""
    return (corpus.root, _serial(corpus))


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
