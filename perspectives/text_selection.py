"""A span of an author's text picked without a pointer: from one sentence to another, optionally
trimmed to the exact words typed, and the text shown with the evidence and the suggestions
marked, so the curator sees what to pick.

Streamlit has no event for text selected in the page, so a span is named by its first and last
sentence (in either order); the words typed, when given, must lie within them.
"""

from __future__ import annotations

from collections.abc import Sequence

from perspectives import anchor, curate
from perspectives.model import Document, Quote
from perspectives.palette import theme_colours
from perspectives.reader import Highlight, paragraphs_html
from perspectives.sentences import Sentence, paragraphs

EVIDENCE, SUGGESTED = "Evidence", "Suggested"
_LABEL_WORDS = 8
#: Paragraphs shown at once: a long text is read, and its sentences offered, a page at a time.
PARAGRAPHS_SHOWN = 30


def pages(text: str) -> int:
    """How many pages of PARAGRAPHS_SHOWN paragraphs the text takes (one, for an empty text)."""
    return max(1, -(-len(paragraphs(text)) // PARAGRAPHS_SHOWN))


def page_paragraphs(text: str, page: int) -> tuple[tuple[int, int], ...]:
    """The paragraphs on page `page` (from 1), by their offsets."""
    return paragraphs(text)[(page - 1) * PARAGRAPHS_SHOWN : page * PARAGRAPHS_SHOWN]


def sentences_in(sentences: Sequence[Sentence], blocks: Sequence[tuple[int, int]]) -> list[int]:
    """The numbers (from 0) of the sentences that begin in these paragraphs: those offered."""
    if not blocks:
        return []
    start, end = blocks[0][0], blocks[-1][1]
    return [index for index, sentence in enumerate(sentences) if start <= sentence.start < end]


def sentence_label(sentences: Sequence[Sentence], index: int) -> str:
    """How a sentence is offered in a list: its number and its first words."""
    words = sentences[index].plain().split()
    opening = " ".join(words[:_LABEL_WORDS]) + (" …" if len(words) > _LABEL_WORDS else "")
    return f"{index + 1}. {opening}"


def sentence_span(sentences: Sequence[Sentence], first: int, last: int) -> tuple[int, int]:
    """From the start of one sentence to the end of another, whichever comes first."""
    if not sentences:
        raise curate.CurationError("the author's text has no sentence to quote")
    low, high = sorted((first, last))
    if low < 0 or high >= len(sentences):
        raise curate.CurationError(f"the text has sentences 1–{len(sentences)}")
    return sentences[low].start, sentences[high].end


def picked_span(
    document: Document, sentences: Sequence[Sentence], first: int, last: int, words: str = ""
) -> tuple[tuple[int, int], tuple[int, int]]:
    """The sentences' bounds and the span picked in them: all of it, or where the words typed
    lie in it (a word, a phrase, several sentences), as a quote is trimmed."""
    within = sentence_span(sentences, first, last)
    if not words.strip():
        return within, within
    return within, curate.locate(document, within, " ".join(words.split()))


def marks(
    document: Document,
    evidence: Sequence[tuple[int, int]],
    suggested: Sequence[tuple[int, int]] = (),
) -> list[Highlight]:
    """Highlights for the quotes being edited and for the suggested sentences, in two colours; a
    passage both quoted and suggested shows both."""
    colours = theme_colours([EVIDENCE, SUGGESTED])
    return [
        Highlight(
            Quote(
                "",
                document.id,
                document.text[start:end],
                anchor.make_anchor(document.text, start, end),
            ),
            label,
            colours[label],
            f"pick-{number}",
        )
        for label, spans in ((EVIDENCE, evidence), (SUGGESTED, suggested))
        for number, (start, end) in enumerate(spans)
    ]


def marked_html(
    document: Document,
    evidence: Sequence[tuple[int, int]],
    suggested: Sequence[tuple[int, int]] = (),
    blocks: Sequence[tuple[int, int]] | None = None,
) -> str:
    """The text's paragraphs (or these of them) as escaped HTML (see `reader`), with evidence
    and suggestions marked and what is not the author's muted."""
    highlights = marks(document, evidence, suggested)
    shown = paragraphs(document.text) if blocks is None else blocks
    return paragraphs_html(document, highlights, shown)
