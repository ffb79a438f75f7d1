"""A span of an author's text, picked in the text shown or without a pointer, and that text
shown with the evidence and the suggestions marked, so the curator sees what to pick.

The text is shown as HTML whose every run of characters says where it begins in the document
(`marked_html`): a span selected in it comes back as offsets, which `selected_span` checks
against the document before it is quoted. Without a pointer, a span is named by its first and
last sentence (in either order); the words typed, when given, must lie within them.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence

from perspectives import anchor, curate
from perspectives.model import Document, Quote
from perspectives.palette import theme_colours
from perspectives.reader import Highlight, paragraphs_html
from perspectives.sentences import Sentence, first_words, paragraphs, trimmed

EVIDENCE, SUGGESTED = "Evidence", "Suggested"
_LABEL_WORDS = 8
#: Paragraphs shown at once: a long text is read, and its sentences offered, a page at a time.
PARAGRAPHS_SHOWN = 30
#: What a selection made in the text shown comes back as (see perspectives/ui/text_select.js):
#: the document's id, the version of its text, and the span's offsets in code points.
SELECTION_KEYS = ("document", "version", "start", "end")


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
    return f"{index + 1}. {first_words(sentences[index].plain(), _LABEL_WORDS)}"


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
    and suggestions marked, what is not the author's muted, and each run of text carrying its
    offset in the document, so that a span selected in it can be named by offsets."""
    highlights = marks(document, evidence, suggested)
    shown = paragraphs(document.text) if blocks is None else blocks
    return paragraphs_html(document, highlights, shown, offsets=True)


def text_version(text: str) -> str:
    """A short digest of a text: a selection is sent back with the version it was made in, and
    refused when the text has changed since, as its offsets may point at other words."""
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def selection_bounds(document: Document, payload: object) -> tuple[int, int]:
    """The offsets a selection sent back from the page names, once it is known to be a span of
    this version of this document's text: anything else is refused, saying why."""
    if not isinstance(payload, Mapping):
        raise curate.CurationError("the selection came back without its offsets")
    missing = [key for key in SELECTION_KEYS if key not in payload]
    if missing:
        raise curate.CurationError(f"the selection came back without {', '.join(missing)}")
    if payload["document"] != document.id:
        raise curate.CurationError(f"the selection was made in another text than {document.id}")
    if payload["version"] != text_version(document.text):
        raise curate.CurationError("the text has changed since the selection was made")
    start, end = payload["start"], payload["end"]
    if type(start) is not int or type(end) is not int:
        raise curate.CurationError("the selection's offsets are not whole numbers")
    if not 0 <= start <= end <= len(document.text):
        raise curate.CurationError(
            f"the selection {start}–{end} is not a span of the text's {len(document.text)} "
            "characters"
        )
    return start, end


def selected_span(
    document: Document,
    sentences: Sequence[Sentence],
    payload: object,
    blocks: Sequence[tuple[int, int]],
) -> tuple[tuple[int, int], tuple[int, int]]:
    """The sentences around a span selected in the paragraphs shown, and the span, as the
    sentence pickers give them (`picked_span`): kept within those paragraphs, trimmed of the
    whitespace at its ends, and refused where it takes in text that is not the author's."""
    start, end = selection_bounds(document, payload)
    if blocks:
        low, high = blocks[0][0], blocks[-1][1]
        start = min(max(start, low), high)
        end = min(max(end, start), high)
    start, end = trimmed(document.text, start, end)
    if start == end:
        raise curate.CurationError("no words are selected")
    other = [span for span in document.excluded if span.start < end and start < span.end]
    if other:
        raise curate.CurationError(
            f"the selection takes in text that is not the author's ({other[0].label}): "
            "select the author's words only"
        )
    return curate.enclosing(sentences, (start, end)), (start, end)
