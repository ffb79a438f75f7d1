"""Read a source whole: its paragraphs, the evidence marked in them, and what is not the author's.

A captured text is cut into paragraphs (blocks between blank lines) and each paragraph into
segments: the author's plain words, evidence for one or more themes, or text declared as not the
author's (muted, with its label). HTML is built escape-first: every piece of corpus text goes
through `escape_html` before a tag of ours is put around it. Every element that holds corpus text
says which way it runs: the direction of the document's language, or `auto` (the browser's
reading of its first letters) when the document names none, so Arabic or Hebrew reads right to
left.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from itertools import pairwise, zip_longest

from perspectives import compare, language, sentences
from perspectives.markup import escape_html
from perspectives.model import Corpus, Document, ExcludedSpan, Quote
from perspectives.palette import TEXT_ON_COLOUR, theme_colours
from perspectives.sentences import paragraphs

EXCLUDED_TITLE = "Not the author's text"
_LINE_BREAK = re.compile(r"\r\n?|\n")
# Muted, yet above the 4.5 contrast WCAG AA asks of text (5.9 on white).
_MUTED = "color:#636363"
_TAG = (
    "font-size:0.75em;border:1px solid currentColor;border-radius:0.6em;padding:0 0.45em;"
    "margin-right:0.35em;white-space:nowrap"
)
# A long label wraps inside its swatch rather than widening the page.
_LEGEND_ITEM = "display:inline-block;max-width:100%;overflow-wrap:anywhere;margin:0 0.6em 0.3em 0"
_MARK = f"color:{TEXT_ON_COLOUR};padding:0.05em 0.1em;border-radius:0.2em"
# Streamlit scrolls to a heading whose anchor equals the address's #fragment once the heading is
# drawn; an empty, invisible one before a paragraph lets a link open the reader at a quote.
_SCROLL_TARGET = (
    '<h6 data-anchor="{anchor}" style="margin:0;padding:0;height:0;overflow:hidden"></h6>'
)


@dataclass(frozen=True)
class Highlight:
    """An evidence quote to mark: the quote, its theme's label and colour, its HTML anchor."""

    quote: Quote
    label: str
    colour: str
    anchor_id: str

    @property
    def start(self) -> int:
        return self.quote.anchor.start

    @property
    def end(self) -> int:
        return self.quote.anchor.end


@dataclass(frozen=True)
class Segment:
    """A stretch of one paragraph: plain, evidence (highlights set) or excluded (span set)."""

    start: int
    end: int
    highlights: tuple[Highlight, ...] = ()
    excluded: ExcludedSpan | None = None


@dataclass(frozen=True)
class WordCount:
    author: int  # words of the author's body
    other: int  # words in spans declared as not the author's


def reading_selection(
    corpus: Corpus, themes: Iterable[str] | None, documents: Iterable[str] | None
) -> compare.Selection:
    """Themes to highlight and documents to read: as `compare.select`, except that the documents
    keep the order they were asked in (a link's, left to right), and with no valid document
    requested the first one is read alone, not all side by side."""
    documents = list(documents or ())
    selection = compare.select(corpus, themes, documents)
    translations = {translation.id for translation in corpus.translations}
    found = set(selection.document_ids) | translations
    asked = tuple(dict.fromkeys(v.strip() for v in documents if v.strip() in found))
    unknown = tuple(v for v in selection.unknown_documents if v.strip() not in translations)
    if asked:
        return replace(selection, document_ids=asked, unknown_documents=unknown)
    return replace(selection, document_ids=selection.document_ids[:1], unknown_documents=unknown)


def reading_choices(corpus: Corpus) -> dict[str, str]:
    """What the reader may open, by id: each perspective, then each translation, named as one."""
    return {document.id: document.perspective for document in corpus.documents} | {
        translation.id: f"{translation.perspective}, translation"
        + (f" ({translation.language})" if translation.language else "")
        for translation in corpus.translations
    }


def panels(
    corpus: Corpus, document_ids: Sequence[str], beside: bool
) -> list[tuple[Document, Document | None]]:
    """The texts to read, each with the translation to show beside it (None: read alone): an
    original with its translation when both are chosen, or when `beside` asks for every
    original's; a translation chosen without its original is read alone."""
    chosen = set(document_ids)
    pairs: list[tuple[Document, Document | None]] = []
    for document_id in document_ids:
        document = corpus.document(document_id)
        if document.translation_of in chosen:
            continue  # read beside its original
        translation = corpus.translation(document_id)
        if translation is not None and (beside or translation.id in chosen):
            pairs.append((document, translation))
        else:
            pairs.append((document, None))
    return pairs


def anchor_id(document_id: str, theme_id: str, number: int) -> str:
    """HTML id of a quote: the document, the theme and the quote's place in that position."""
    return f"q-{document_id}-{theme_id}-{number}"


def evidence(corpus: Corpus, document_id: str, theme_ids: Iterable[str]) -> list[Highlight]:
    """The document's quotes for these themes, theme by theme in quotes.csv order."""
    colours = theme_colours([theme.id for theme in corpus.themes])
    return [
        Highlight(
            quote=quote,
            label=corpus.theme(theme_id).label,
            colour=colours[theme_id],
            anchor_id=anchor_id(document_id, theme_id, number),
        )
        for theme_id in theme_ids
        if (position := corpus.find_position(theme_id, document_id)) is not None
        for number, quote in enumerate(position.quotes, start=1)
    ]


def around(text: str, start: int, end: int) -> tuple[tuple[int, int], ...]:
    """The paragraph, or paragraphs, that hold the stretch start–end."""
    return tuple(p for p in paragraphs(text) if p[0] < end and start < p[1])


def segments(
    document: Document, highlights: Sequence[Highlight], start: int, end: int
) -> list[Segment]:
    """Cut start–end where a highlight or an excluded span begins or ends, and say what each
    piece is. Excluded text is never evidence, even where a highlight would cover it."""
    edges = [(h.start, h.end) for h in highlights] + [(s.start, s.end) for s in document.excluded]
    cuts = {start, end} | {offset for edge in edges for offset in edge if start < offset < end}
    pieces = []
    for left, right in pairwise(sorted(cuts)):
        span = next((s for s in document.excluded if s.start <= left and right <= s.end), None)
        covering = tuple(h for h in highlights if h.start <= left and right <= h.end)
        pieces.append(Segment(left, right, () if span else covering, span))
    return pieces


def _background(colours: Sequence[str]) -> str:
    """One colour, or equal horizontal bands when a passage is evidence for several themes."""
    if len(colours) == 1:
        return colours[0]
    step = 100 / len(colours)
    stops = ", ".join(
        f"{colour} {index * step:.0f}% {(index + 1) * step:.0f}%"
        for index, colour in enumerate(colours)
    )
    return f"linear-gradient(180deg, {stops})"


def direction(document: Document) -> str:
    """The attributes that give an element of the document's text its direction (and its
    language, when known)."""
    if not document.language:
        return 'dir="auto"'
    tag = escape_html(document.language)
    return f'dir="{language.direction(document.language)}" lang="{tag}"'


def quote_html(document: Document, text: str) -> str:
    """A quote of the document as an HTML block quote, one line per line of the quote."""
    lines = [escape_html(line.strip()) for line in text.strip().splitlines() if line.strip()]
    return f"<blockquote {direction(document)}><p>{'<br>'.join(lines)}</p></blockquote>"


def translation_html(quote: Quote) -> str:
    """A quote's translation, under the quote: marked as a translation, naming who made it, in
    the reading language whatever the quote's; "" for a quote without one."""
    lines = [escape_html(line.strip()) for line in quote.translation.splitlines() if line.strip()]
    if not lines:
        return ""
    tag = language.READING_LANGUAGE
    who = escape_html(quote.translated_by)
    return (
        f'<p class="perspectives-translation" dir="{language.direction(tag)}" lang="{tag}" '
        f'style="{_MUTED};margin:-0.5em 0 1em 1.2em"><small>Translation by {who}:</small><br>'
        f"{'<br>'.join(lines)}</p>"
    )


def evidence_html(document: Document, quote: Quote) -> str:
    """A quote as evidence is shown: in its own direction, its translation under it."""
    return quote_html(document, quote.text) + translation_html(quote)


def _words_html(text: str, start: int, end: int, offsets: bool) -> str:
    """text[start:end] escaped, a line break shown as one; with offsets, each line a span whose
    data-start is where it begins in the text, and whose characters are exactly the text's
    there (the line breaks, which an HTML parser would fold, are left out of every span), so
    that a point in the page names an offset in the text."""
    if not offsets:
        return _LINE_BREAK.sub("<br>", escape_html(text[start:end]))
    lines, cursor = [], start
    for line_break in _LINE_BREAK.finditer(text, start, end):
        lines.append((cursor, line_break.start()))
        cursor = line_break.end()
    lines.append((cursor, end))
    return "<br>".join(
        f'<span data-start="{left}">{escape_html(text[left:right])}</span>' if right > left else ""
        for left, right in lines
    )


def _segment_html(text: str, segment: Segment, attributes: str, offsets: bool) -> str:
    words = _words_html(text, segment.start, segment.end, offsets)
    if segment.excluded is not None:
        label = escape_html(segment.excluded.label)
        return (
            f'<span style="{_MUTED}" title="{escape_html(EXCLUDED_TITLE)}: {label}">'
            f'<small style="{_TAG}">{label}</small>{words}</span>'
        )
    if segment.highlights:
        colours = list(dict.fromkeys(h.colour for h in segment.highlights))
        labels = escape_html(", ".join(dict.fromkeys(h.label for h in segment.highlights)))
        return (
            f'<mark {attributes} style="background:{_background(colours)};{_MARK}" '
            f'title="Evidence: {labels}">{words}</mark>'
        )
    return words


def paragraphs_html(
    document: Document,
    highlights: Sequence[Highlight],
    spans: Iterable[tuple[int, int]],
    scroll_targets: bool = False,
    offsets: bool = False,
) -> str:
    """HTML of these paragraphs of the document, with evidence and excluded text marked; with
    scroll targets, a link ending in #<anchor id> opens the page at the quote; with offsets,
    each run of text says where it begins in the document (see `_words_html`)."""
    attributes = direction(document)
    parts = [f'<div class="perspectives-source" {attributes}>']
    for start, end in spans:
        if scroll_targets:
            parts.extend(
                _SCROLL_TARGET.format(anchor=escape_html(h.anchor_id))
                for h in highlights
                if start <= h.start < end
            )
        pieces = segments(document, highlights, start, end)
        body = "".join(_segment_html(document.text, piece, attributes, offsets) for piece in pieces)
        parts.append(f'<p {attributes} style="margin:0 0 1em 0;line-height:1.7">{body}</p>')
    parts.append("</div>")
    return "".join(parts)


def document_html(document: Document, highlights: Sequence[Highlight]) -> str:
    """The whole captured text, paragraph by paragraph, ready for the source reader."""
    return paragraphs_html(document, highlights, paragraphs(document.text), scroll_targets=True)


def context_html(document: Document, highlight: Highlight) -> str:
    """The paragraph around one quote, the quote highlighted."""
    spans = around(document.text, highlight.start, highlight.end)
    return paragraphs_html(document, [highlight], spans)


@dataclass(frozen=True)
class Parallel:
    """An original and its translation side by side, paragraph i beside paragraph i."""

    html: str
    counts: tuple[int, int]  # paragraphs of the original and of the translation

    @property
    def note(self) -> str:
        """What the reader is told when the two do not have as many paragraphs; "" when so."""
        original, translation = self.counts
        if original == translation:
            return ""
        return (
            f"The original has {original} paragraph(s) and the translation {translation}: "
            f"paragraph by paragraph as far as both go, the rest of the longer one after."
        )


def parallel_html(
    original: Document, highlights: Sequence[Highlight], translation: Document
) -> Parallel:
    """The original (its evidence marked) and its translation, in two columns whose rows are
    their paragraphs, so each pair starts level; a paragraph one of them lacks is left blank."""
    left, right = paragraphs(original.text), paragraphs(translation.text)
    cells = []
    for mine, theirs in zip_longest(left, right):
        cells.append(_parallel_cell(original, highlights, mine))
        cells.append(_parallel_cell(translation, (), theirs))
    grid = "display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1fr);column-gap:1.5em"
    html = f'<div class="perspectives-parallel" style="{grid}">{"".join(cells)}</div>'
    return Parallel(html, (len(left), len(right)))


def _parallel_cell(
    document: Document, highlights: Sequence[Highlight], span: tuple[int, int] | None
) -> str:
    if span is None:
        return "<div></div>"
    return paragraphs_html(document, highlights, [span], scroll_targets=True)


def legend_html(themes: Sequence[tuple[str, str]], excluded_label: str | None = None) -> str:
    """Swatches for (label, colour) pairs, and optionally a sample of muted, excluded text."""
    items = [
        f'<mark style="background:{colour};{_MARK};{_LEGEND_ITEM}">{escape_html(label)}</mark>'
        for label, colour in themes
    ]
    if excluded_label:
        items.append(
            f'<span style="{_MUTED};{_LEGEND_ITEM}"><small style="{_TAG}">'
            f"{escape_html(excluded_label)}</small></span>"
        )
    return f'<div class="perspectives-legend" style="line-height:2">{"".join(items)}</div>'


def word_count(document: Document) -> WordCount:
    """Words of the author's own text, and words of the text declared as someone else's, each
    counted by `sentences.word_count`: a word cut by a span's edge counts on both sides."""
    text = document.text
    bounds = [0, *(offset for body in document.body_ranges for offset in body), len(text)]
    author = sum(sentences.word_count(text[start:end]) for start, end in document.body_ranges)
    gaps = zip(bounds[::2], bounds[1::2], strict=True)  # between the author's ranges
    other = sum(sentences.word_count(text[start:end]) for start, end in gaps)
    return WordCount(author=author, other=other)
