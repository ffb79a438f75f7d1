"""The work kept from earlier loads, and how a stage of a load takes it up."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar, cast

from perspectives import memo
from perspectives.corpus.checker import Checker
from perspectives.model import Document, Problem

T = TypeVar("T")

#: What stages of a load computed, by what they computed it from (a table's text, the text of
#: every table…), with the problems they reported: a load after a change redoes only the work
#: that depends on the files that changed. Kept by content, never by folder, so checking a
#: change in a scratch folder leaves the work done for loading the corpus once it is written.
KEPT = memo.ContentCache(max_size=1 << 27, max_entries=1024)
#: The anchors found in each document, by its text and excluded spans: (quote, prefix, suffix)
#: → anchor. A quote not found is looked for again: what is said of it depends on other rows.
ANCHORED = memo.ContentCache(max_size=1 << 27, max_entries=4096)


def forget() -> None:
    """Drop the work kept from earlier loads: the next load reads and checks everything afresh."""
    KEPT.clear()
    ANCHORED.clear()


def reused(
    checker: Checker,
    slot: str | tuple[str, str],
    key: object,
    compute: Callable[[], T],
    clean: bool = False,
) -> T:
    """compute(), or what it returned when last computed from `key` in `slot`, its problems
    reported again in their place. compute may report problems and nothing else, and depend on
    nothing but what `key` stands for: not on the folder, nor on the checker's other state.
    With `clean`, a result is kept only when compute reported nothing (for a stage whose
    findings may depend on what was reported before it)."""
    found = KEPT.find((slot, key))
    if found is not None:
        result, reported = cast(tuple[T, tuple[Problem, ...]], found)
        checker.problems.extend(reported)
        return result
    before = len(checker.problems)
    result = compute()
    reported = tuple(checker.problems[before:])
    if not (clean and reported):
        KEPT.keep((slot, key), (result, reported))
    return result


def contents(documents: dict[str, Document]) -> tuple[object, ...]:
    """Everything the documents hold, to key work done on them (no document is kept alive)."""
    return tuple(
        (document.source, document.text, document.excluded) for document in documents.values()
    )
