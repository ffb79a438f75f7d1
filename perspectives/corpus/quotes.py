"""Each quote anchored in its document: its words found once in the author's own text.

A quote found more than once is told which words around it would choose one; a quote not found
is told where else it occurs, or the closest passage of its text. The anchors found are kept by
the text and its excluded spans, so a load after an edit looks again only for what changed.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from perspectives import anchor
from perspectives.corpus.checker import Checker, Report, Row
from perspectives.corpus.hints import SEARCHES, closest_hint
from perspectives.corpus.kept import ANCHORED
from perspectives.model import Document, ExcludedSpan, Quote
from perspectives.schema import EXCLUDED_SPANS, QUOTES

#: Quotes not found for which other texts and the closest passage are searched: past this
#: many, a corpus is broken wholesale, and a hint on each row would only make the list slower
#: (each aligns the quote along its whole text: 0.3 ms or more).
NOT_SEARCHED = (
    "copy the words exactly from the text (other texts and the closest passage are searched "
    f"for the first {SEARCHES:,} quotes not found only)"
)


def anchor_quotes(
    checker: Checker, rows: list[Row], documents: dict[str, Document]
) -> dict[tuple[str, str], list[Quote]]:
    """The evidence anchored in its document's body, by (theme id, document id)."""
    quotes: dict[tuple[str, str], list[Quote]] = defaultdict(list)
    for row in rows:
        document = documents.get(row.cells["document_id"])
        found = None if document is None else anchored(checker, row, document, documents)
        if found is not None:
            cells = row.cells
            quote = Quote(
                *pair(row),
                cells["quote"],
                found,
                translation=cells.get("translation", ""),
                translator=cells.get("translator", ""),
                note=cells.get("note", ""),
            )
            quotes[pair(row)].append(quote)
    return quotes


def anchored(
    checker: Checker,
    row: Row,
    document: Document,
    others: dict[str, Document],
    file: str = QUOTES.file,
) -> anchor.Anchor | None:
    """The quote's anchor (see _anchor_quote), or the one found before for the same words in
    the same text with the same excluded spans."""
    kept = checker.anchored.get(document.id)
    if kept is None:
        version = (document.text, tuple((span.start, span.end) for span in document.excluded))
        kept = checker.anchored[document.id] = ANCHORED.get((document.id, version), dict)
    cells = row.cells
    key = (cells["quote"], cells.get("prefix", ""), cells.get("suffix", ""))
    found = kept.get(key)
    if found is None:
        found = _anchor_quote(checker, row, document, others, file)
        if found is not None:
            kept[key] = found
    return found


def pair(row: Row) -> tuple[str, str]:
    return (row.cells["theme_id"], row.cells["document_id"])


def _anchor_quote(
    checker: Checker,
    row: Row,
    document: Document,
    others: dict[str, Document],
    file: str = QUOTES.file,
) -> anchor.Anchor | None:
    """The quote's anchor in its document's body, or None after saying why there is none."""
    report = checker.at(file, row.number)
    found = anchor.find_all(document.folded, row.cells["quote"])
    if found:
        return _in_body(report, row, document, found)
    _not_found(checker, report, row.cells["quote"], document, others)
    return None


def _in_body(
    report: Report, row: Row, document: Document, found: Sequence[tuple[int, int]]
) -> anchor.Anchor | None:
    """The anchor of the one place the quote means among those it is found at, outside the
    spans that are not the author's words."""
    excluded = [(span.start, span.end) for span in document.excluded]
    in_body = [span for span in found if not anchor.overlaps(span, excluded)]
    if in_body:
        chosen = _pick_occurrence(report, row, document.folded, in_body, document.id)
        return None if chosen is None else anchor.make_anchor(document.text, *chosen)
    spans = dict.fromkeys(span for place in found for span in _excluded_by(document, place))
    named = "; ".join(f"{EXCLUDED_SPANS.file} row {span.row} ({span.label})" for span in spans)
    report.add(
        "quote",
        f"quote lies in text that is not the author's: {named}",
        "quote the author's own words",
    )
    return None


def _not_found(
    checker: Checker, report: Report, quote: str, document: Document, others: dict[str, Document]
) -> None:
    """Report a quote its document lacks: where else it occurs, or the closest passage (for the
    first SEARCHES such quotes)."""
    if checker.searches >= SEARCHES:
        report.add("quote", f"quote not found verbatim in {document.id}", NOT_SEARCHED)
        return
    checker.searches += 1
    elsewhere = [
        other.id
        for other in others.values()
        if other.id != document.id
        and any(not _excluded_by(other, span) for span in anchor.find_all(other.folded, quote))
    ]
    if elsewhere:
        report.add(
            "quote",
            f"quote not found in {document.id}, but it occurs verbatim in {', '.join(elsewhere)}",
            f"set document_id to {elsewhere[0]}" if len(elsewhere) == 1 else "set document_id",
        )
        return
    hint = closest_hint(document.folded, quote, document.text, "copy the words")
    report.add("quote", f"quote not found verbatim in {document.id}", hint)


def _excluded_by(document: Document, span: tuple[int, int]) -> list[ExcludedSpan]:
    """The excluded spans of the document that a quote's span overlaps."""
    return [s for s in document.excluded if anchor.overlaps(span, [(s.start, s.end)])]


def _pick_occurrence(
    report: Report,
    row: Row,
    folded: anchor.Normalised,
    spans: list[tuple[int, int]],
    document_id: str,
) -> tuple[int, int] | None:
    """The one occurrence a quote means; its optional prefix and suffix choose among several."""
    context = {"prefix": (anchor.follows, 0, "before"), "suffix": (anchor.precedes, 1, "after")}
    for column, (fits, side, where) in context.items():
        words = row.cells.get(column, "")  # only quotes.csv has these columns
        if not words:
            continue
        narrowed = [span for span in spans if fits(folded, span, words)]
        if not narrowed:
            actual = " / ".join(repr(anchor.words_around(folded, s)[side]) for s in spans[:3])
            report.add(
                column,
                f"{column} {words!r} is not found just {where} the quote",
                f"the words just {where} it read {actual}",
            )
            return None
        spans = narrowed
    if len(spans) > 1:
        before = " / ".join(repr(anchor.words_around(folded, s)[0]) for s in spans[:3])
        narrowed_by = (
            " with this prefix and suffix"
            if row.cells.get("prefix") or row.cells.get("suffix")
            else ""
        )
        report.add(
            "quote",
            f"quote occurs {len(spans)} times in {document_id}{narrowed_by}",
            "lengthen the quote, or give the words just before it in the prefix column "
            f"(they read {before}) or just after it in the suffix column",
        )
        return None
    return spans[0]
