"""Load one corpus folder into a `Corpus`, checking everything in a single pass.

Problems are collected, not raised one at a time: a curator sees every defect of an edit at
once, each with file, row, column and a hint. Each part of the package checks one thing, and
`folder` runs them in turn: `tables` reads the CSV files, `cells` checks each cell against its
field, `toml` types corpus.toml, `spans` locates the passages that are not the author's,
`quotes` anchors the evidence, `reviews` checks the lexicon and its reviews, `rules` and
`scales` check the tables against one another, `events` and `readings` load theirs, and `kept`
holds the work earlier loads did.
"""

from perspectives.corpus.folder import fixed_files, load, stamp, text_files, validate
from perspectives.corpus.kept import forget
from perspectives.model import CorpusError, Problem

__all__ = [
    "CorpusError",
    "Problem",
    "fixed_files",
    "forget",
    "load",
    "stamp",
    "text_files",
    "validate",
]
