"""Hints for words not found in a text: the closest passage, the words that differ marked."""

from __future__ import annotations

from perspectives import anchor
from perspectives.corpus.checker import Checker

#: A load looks for the closest passage to this many words not found, no more: each search
#: aligns the words along the text, and a corpus broken wholesale would take minutes.
SEARCHES = 100
#: The closest-passage hint shows this many words, from a few before the first that differs.
_WORDS_SHOWN = 16
_WORDS_BEFORE_CHANGE = 5
_CHANGES_NAMED = 3

#: Below this similarity (0–100) a passage is too unlike the quote to be shown as the closest.
_LEAST_SIMILAR = 60


def closest_hint(
    folded: anchor.Normalised, needle: str, text: str, advice: str, after: int = 0
) -> str:
    """Where the text comes closest to words that are not in it, the words that differ marked:
    "closest passage, 97% similar: 'Xi was the [first] Chinese leader…' (the quote has 'frist'
    where the text has 'first')"."""
    suggestion = anchor.closest_passage(folded, needle, text, after)
    if suggestion is None or suggestion.score < _LEAST_SIMILAR:
        return f"{advice} exactly from the text; no passage of it is much like them"
    words = anchor.fold(suggestion.passage).split(" ")
    changes = anchor.differences(anchor.probe(needle), suggestion.passage)
    for _, _, first, last in changes:
        if first < last:
            words[first] = "[" + words[first]
            words[last - 1] += "]"
    focus = changes[0][2] if changes else 0
    begin = max(0, focus - _WORDS_BEFORE_CHANGE)
    shown = words[begin : begin + _WORDS_SHOWN]
    passage = ("…" if begin else "") + " ".join(shown)
    passage += "…" if begin + _WORDS_SHOWN < len(words) else ""
    said = [_change(ours, theirs) for ours, theirs, _, _ in changes[:_CHANGES_NAMED]]
    more = len(changes) - _CHANGES_NAMED
    said += [f"{more} more difference(s)"] if more > 0 else []
    return f"closest passage, {suggestion.score:.0f}% similar: {passage!r}" + (
        f" ({'; '.join(said)})" if said else ""
    )


def _change(ours: str, theirs: str) -> str:
    ours, theirs = _few_words(ours), _few_words(theirs)
    if ours and theirs:
        return f"the quote has {ours!r} where the text has {theirs!r}"
    if ours:
        return f"the text lacks {ours!r}"
    return f"the quote leaves out {theirs!r}"


def _few_words(text: str, count: int = 6) -> str:
    words = text.split(" ")
    return " ".join(words[:count]) + (" …" if len(words) > count else "")


def capped_hint(
    checker: Checker, folded: anchor.Normalised, words: str, text: str, advice: str, after: int = 0
) -> str:
    """The closest-passage hint (see closest_hint) for the first SEARCHES words not found in a
    load, spans', quotes' and readings' evidence together. Past that, the advice alone."""
    if checker.searches >= SEARCHES:
        return (
            f"{advice} exactly from the text (the closest passage is searched for the first "
            f"{SEARCHES:,} words not found only)"
        )
    checker.searches += 1
    return closest_hint(folded, words, text, advice, after)
