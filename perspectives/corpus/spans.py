"""Each document's text read, and the passages that are not the author's located in it.

A span is named by its opening and closing words, as a curator copies them from the text: a
row that names words the text lacks is told the closest passage.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any, cast

from perspectives import anchor, cite, files
from perspectives.corpus.cells import arguments
from perspectives.corpus.checker import Checker, Report, Row
from perspectives.corpus.hints import capped_hint
from perspectives.markup import shorten
from perspectives.model import Document, ExcludedSpan, Source
from perspectives.schema import DOCUMENTS, EXCLUDED_SPANS, PERSPECTIVE_LABEL_LENGTH, SpanKind

#: A letter or a digit: a text without one holds no words.
_WORD = re.compile(r"[^\W_]")
#: Lines named when a span's opening words occur more than once.
_LINES_NAMED = 5


def build_documents(checker: Checker, rows: list[Row], span_rows: list[Row]) -> dict[str, Document]:
    """Every document whose text could be read, with its excluded spans located."""
    _check_perspectives(checker, rows)
    texts = _read_texts(checker, rows)
    spans = _locate_spans(checker, span_rows, texts)
    return {
        row.cells["id"]: Document(
            **_with_citation(arguments(DOCUMENTS, row)),
            text=texts[row.cells["id"]],
            excluded=tuple(sorted(spans.get(row.cells["id"], []), key=lambda span: span.start)),
        )
        for row in rows
        if row.cells["id"] in texts
    }


def _with_citation(values: dict[str, Any]) -> dict[str, Any]:
    """A row's values, with a reference made from its fields when it gives none."""
    if values["citation"]:
        return values
    made = cite.reference(values["author"], values["title"], values["outlet"], values["published"])
    return values | {"citation": made}


def _read_texts(checker: Checker, rows: list[Row]) -> dict[str, str]:
    """Each document's text by its id, where it could be read: one under a hidden name is not
        (the dashboard would never see it change), and one with no words is an error (and left out,
    as one that cannot be read is, so that its quotes are not each reported)."""
    texts = {}
    for row in rows:
        report = checker.at(DOCUMENTS.file, row.number)
        text_file = row.cells["text_file"]
        if files.hidden(text_file):
            report.add(
                "text_file",
                f"{text_file!r} has a hidden name (a part of it starts with a dot): "
                "a change to it would never be seen",
                "rename the file, and text_file with it, without the leading dot",
            )
            continue
        text = checker.read_text(text_file)
        if text is not None and not _WORD.search(text):
            report.add(
                "text_file",
                f"{text_file} holds no words, only spaces or invisible characters",
                "put the text itself in the file",
            )
        elif text is not None:
            texts[row.cells["id"]] = text
    return texts


def _check_perspectives(checker: Checker, rows: list[Row]) -> None:
    """Each perspective's name (see Source.perspective) is its own: the charts key their columns,
    legends and axes by it, and two texts by the same author from the same country would share
    one unless a label tells them apart."""
    first: dict[str, tuple[Row, Source]] = {}
    for row in rows:
        source = Source(**arguments(DOCUMENTS, row))
        name = source.perspective
        if name not in first:
            first[name] = (row, source)
            continue
        earlier, other = first[name]
        checker.at(DOCUMENTS.file, row.number).add(
            "label",
            f"the perspective name {name!r} is also that of row {earlier.number} "
            f"({other.id}): every perspective needs a name of its own",
            f"give these rows a label in {DOCUMENTS.file}, e.g. {_label_for(source)!r} here "
            f"and {_label_for(other)!r} there",
        )


def _label_for(source: Source) -> str:
    """A label to suggest for a perspective whose name another one shares: the name with the
    year the text appeared."""
    year = f" {source.published.year}"
    return shorten(source.perspective, PERSPECTIVE_LABEL_LENGTH - len(year)) + year


def _locate_spans(
    checker: Checker, rows: list[Row], texts: dict[str, str]
) -> dict[str, list[ExcludedSpan]]:
    spans: dict[str, list[ExcludedSpan]] = defaultdict(list)
    folded = {document_id: anchor.normalise(text) for document_id, text in texts.items()}
    for row in rows:
        document_id = row.cells["document_id"]
        if document_id not in texts:
            continue
        report = checker.at(EXCLUDED_SPANS.file, row.number)
        span = _locate_span(checker, report, row, folded[document_id], texts[document_id])
        if span is not None:
            spans[document_id].append(span)
    return spans


def _find(folded: anchor.Normalised, words: str) -> tuple[tuple[int, int], ...]:
    """Where the words occur whole in the text (see anchor.find_all). Words that occur nowhere
    in it are told at once, without the cache of what was found: 100,000 rows of words not in
    the text would otherwise spend seconds keeping their nothing."""
    if anchor.fold(words) not in folded.text:
        return ()
    return anchor.find_all(folded, words, whole_words=True)


def _line(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def _locate_span(
    checker: Checker, report: Report, row: Row, folded: anchor.Normalised, text: str
) -> ExcludedSpan | None:
    """The span from its opening words (the occurrence the row names, else the first) to the
    first occurrence of its closing words that begins at or after them, in the text and its
    folded form. Both match whole words, folded as quotes are (so across line breaks); several
    spans may overlap."""
    starts = _find(folded, row.cells["starts_with"])
    if not starts:
        report.add(
            "starts_with",
            "opening words not found in the text",
            capped_hint(checker, folded, row.cells["starts_with"], text, "copy the first words"),
        )
        return None
    lines = ", ".join(str(_line(text, begin)) for begin, _ in starts[:_LINES_NAMED])
    lines += ", …" if len(starts) > _LINES_NAMED else ""
    occurrence = int(row.cells["occurrence"] or 0)
    if occurrence > len(starts):
        report.add(
            "occurrence",
            f"the opening words occur only {len(starts)} time(s) (line(s) {lines})",
            f"give a number from 1 to {len(starts)}",
        )
        return None
    if len(starts) > 1 and not occurrence:
        report.add(
            "starts_with",
            f"the opening words occur {len(starts)} times (lines {lines}); "
            "the span starts at the first",
            "give the occurrence column the number of the one you mean (1 for the first), "
            "or lengthen the opening words",
            severity="warning",
        )
    start = starts[max(occurrence, 1) - 1][0]
    ends = [end for begin, end in _find(folded, row.cells["ends_with"]) if begin >= start]
    if not ends:
        report.add(
            "ends_with",
            f"closing words not found after the opening words (line {_line(text, start)})",
            capped_hint(
                checker, folded, row.cells["ends_with"], text, "copy the last words", start
            ),
        )
        return None
    kind = cast(SpanKind, row.cells["kind"])  # a valid row's kind is one of the choices
    return ExcludedSpan(kind, start, ends[0], row.cells["note"], row.number)
