"""Curation operations: each turns what a curator decided into a `store.Change`, the rows a
careful person would type and nothing more.

The operations read the tables from a `Snapshot` (the bytes as the curator's view read them),
so that `store.save` can refuse a change when a file moved on since. Evidence and excluded
spans are written by code: a quote is the author's words at given offsets, with a prefix or a
suffix only when those words occur more than once in the author's body; an excluded span's
opening and closing words are lengthened word by word until they pick exactly that passage.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path, PurePosixPath

from perspectives import anchor, capture, cite, files, memo, pdf, store
from perspectives.corpus import Problem
from perspectives.corpus.hints import closest_hint
from perspectives.corpus.rules import fitting_agreement
from perspectives.csvtable import Style, Table
from perspectives.dates import parse_partial_date
from perspectives.model import Document, Position, errors
from perspectives.reader import paragraphs
from perspectives.reading_schema import READINGS_FOLDER
from perspectives.schema import (
    COMPARISONS,
    DOCUMENTS,
    EVENTS,
    EXCLUDED_SPANS,
    ID_PATTERN,
    POSITIONS,
    QUOTES,
    RESOURCES,
    SCALE_POINTS,
    SCALES,
    THEMES,
    Resource,
)
from perspectives.sentences import Sentence, overlapping, trimmed

#: Opening and closing words of an excluded span start this long, and grow until unique.
MARKER_WORDS = 3
TEXTS_DIR = "texts"
_TOKEN = re.compile(r"\S+")


#: Tables by file and bytes: a file a save did not change is parsed once, not for every save.
_TABLES = memo.ContentCache(max_size=1 << 26, max_entries=64)


def _parsed(file: str, data: bytes) -> Table:
    return _TABLES.get((file, data), lambda: Table.parse(data))


class CurationError(ValueError):
    """An operation that cannot be turned into rows: the message says why."""


@dataclass(frozen=True)
class Snapshot:
    """The corpus tables as the curator's view read them: what changes are computed from."""

    root: Path
    files: Mapping[str, bytes | None]  # resource file → bytes (None: the file does not exist)

    def table(self, resource: Resource, file: str | None = None) -> Table:
        """The table (in `file`: a reader's reading), or an empty one in the corpus's style
        when the file is missing."""
        file = file or resource.file
        data = self.files.get(file)
        if data is not None:
            table = _parsed(file, data)
            if table.header:
                return table
        return Table.new(resource.columns, self.style())

    def style(self) -> Style:
        """How the corpus writes its files, after documents.csv: for a table it does not have."""
        data = self.files.get(DOCUMENTS.file)
        return _parsed(DOCUMENTS.file, data).style if data else Style()

    @cached_property
    def digests(self) -> dict[str, str | None]:
        """Each file's digest as read: what a save and the check for edits made elsewhere compare
        the files on disk with (computed once: a page asks on every rerun)."""
        return {file: store.digest(data) for file, data in self.files.items()}

    def change(self, description: str, tables: Mapping[str, Table], **texts: bytes) -> store.Change:
        """A change writing these tables (by file) and new text files (by path)."""
        writes = {file: table.to_bytes() for file, table in tables.items()} | texts
        base = {file: self.digests.get(file) for file in tables} | dict.fromkeys(texts)
        return store.Change(description, writes, base)


def read(root: Path) -> Snapshot:
    """Every table of the corpus folder, readers' readings included, as it is on disk now."""
    root = Path(root)
    paths = [r.file for r in RESOURCES] + reading_files(root)
    return Snapshot(root, {path: store.read_file(root, path) for path in paths})


def reading_files(root: Path) -> list[str]:
    """The readers' tables in the folder, by path: what renaming a theme or a document edits
    besides the corpus's own tables."""
    folder = root / READINGS_FOLDER
    if not folder.is_dir() or folder.is_symlink():
        return []
    return [
        f"{READINGS_FOLDER}/{path.name}"
        for path in sorted(folder.iterdir())
        if path.suffix == ".csv" and not path.name.startswith(".") and path.is_file()
    ]


def _upsert(table: Table, key: Mapping[str, str], values: Mapping[str, str]) -> Table:
    """The row with this key updated in place, or appended when there is none."""
    found = table.find(key)
    if found:
        return table.updated(found[0], values)
    return table.appended({**key, **values})


#: What an item of a table with ids is called in a message.
NOUNS = {DOCUMENTS.file: "document", THEMES.file: "theme", EVENTS.file: "event"}


def check_new_id(snapshot: Snapshot, resource: Resource, new: str) -> None:
    """CurationError unless `new` is a well-formed id the table does not have yet: every form
    that makes something new refuses an id in use rather than overwrite what has it."""
    if not re.match(ID_PATTERN, new):
        raise CurationError(f"invalid id {new!r}: use lowercase letters, digits and single hyphens")
    if snapshot.table(resource).find({"id": new}):
        noun = NOUNS.get(resource.file, "an item")
        raise CurationError(f"{noun} {new!r} already exists in {resource.file}")


# -- documents ---------------------------------------------------------------------------------


def add_document(
    snapshot: Snapshot,
    metadata: Mapping[str, str],
    data: bytes,
    suffix: str = ".txt",
    original: tuple[str, bytes] | None = None,
) -> store.Change:
    """A new row in documents.csv and the text stored as given, under texts/<id><suffix> unless
    the metadata names another `text_file` inside the corpus; the `original` the text was
    extracted from (a PDF: its suffix and bytes) beside it, under the same name. Refused for an
    id that exists, an id that cannot name a file, or a file that exists or would leave the
    corpus folder. Every other cell is checked by the validator when the change is saved."""
    document_id = metadata.get("id", "").strip()
    check_new_id(snapshot, DOCUMENTS, document_id)
    documents = snapshot.table(DOCUMENTS)
    text_file = metadata.get("text_file", "").strip() or f"{TEXTS_DIR}/{document_id}{suffix}"
    try:
        path = str(store.relative(text_file))
        store.writable(snapshot.root, path)
    except ValueError as error:
        raise CurationError(f"text_file {error}") from error
    except files.Refused as refused:
        raise CurationError(f"text_file: {refused.message}") from None
    kept = {path: data}
    if original is not None:
        kept[str(PurePosixPath(path).with_suffix(original[0]))] = original[1]
    for written in kept:
        if (snapshot.root / written).exists():
            raise CurationError(f"{written} already exists; choose another text_file")
    row = {column: value.strip() for column, value in with_citation(metadata).items()}
    row = {column: row.get(column, "") for column in DOCUMENTS.columns} | {"text_file": path}
    tables = {DOCUMENTS.file: documents.appended(row)}
    return snapshot.change(f"add document {document_id}", tables, **kept)


def with_citation(metadata: Mapping[str, str]) -> dict[str, str]:
    """The document's metadata, with a reference made from its fields when it gives none: the
    row then holds a citation the curator can read and correct."""
    if metadata.get("citation", "").strip():
        return dict(metadata)
    try:
        published = parse_partial_date(metadata.get("published", ""))
    except ValueError:
        published = None  # the validator says what is wrong with the date
    author, title, outlet = (metadata.get(name, "") for name in ("author", "title", "outlet"))
    return {**metadata, "citation": cite.reference(author, title, outlet, published)}


def document_problems(
    snapshot: Snapshot, metadata: Mapping[str, str], data: bytes, suffix: str = ".txt"
) -> list[Problem]:
    """The errors the validator finds in the new document's row, as a form is being filled:
    what a save would be refused for. Nothing is written."""
    change = add_document(snapshot, metadata, data, suffix)
    row = len(snapshot.table(DOCUMENTS).records) + 2  # the header is row 1
    return [
        problem
        for problem in errors(store.check(snapshot.root, change))
        if problem.file == DOCUMENTS.file and problem.row == row
    ]


# -- excluded spans ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of a captured text, and the kind of excluded span it lies in, if any."""

    number: int  # from 1, as a curator counts them
    start: int
    end: int
    text: str
    excluded: str = ""  # an excluded span's kind label, "" for the author's words


def document_paragraphs(document: Document) -> list[Paragraph]:
    return [
        Paragraph(
            number,
            start,
            end,
            document.text[start:end],
            next(
                (s.label for s in document.excluded if s.start <= start and end <= s.end),
                "",
            ),
        )
        for number, (start, end) in enumerate(paragraphs(document.text), start=1)
    ]


def _tokens(text: str) -> list[tuple[int, int]]:
    return [match.span() for match in _TOKEN.finditer(text)]


def _words(text: str, start: int, end: int) -> str:
    """Original words between two offsets, on one line: they match the text as quotes do."""
    return " ".join(text[start:end].split())


def _starts(folded: anchor.Normalised, words: str) -> list[int]:
    """Where these words begin in the text, as excluded_spans.csv's loader counts them."""
    return [begin for begin, _ in anchor.find_all(folded, words, whole_words=True)]


def span_markers(text: str, start: int, end: int) -> tuple[str, str, int | None]:
    """Opening and closing words that pick exactly text[start:end] as excluded_spans.csv reads
    them, and which occurrence of the opening words begins it when they occur more than once
    (None when once, so that the row never draws the loader's warning). The opening words
    start MARKER_WORDS long and grow word by word within the span until they occur once; when
    even the span's own words recur (a repeated headline), the shortest, with their occurrence.
    The closing words, first found after the opening ones, end at `end`."""
    folded = anchor.normalise(text)
    tokens = _tokens(text)
    inside = [i for i, (s, e) in enumerate(tokens) if start <= s and e <= end]
    if not inside or tokens[inside[0]][0] != start or tokens[inside[-1]][1] != end:
        raise CurationError("a span starts and ends at a word of the text")
    first, last = inside[0], inside[-1]
    stops = range(min(first + MARKER_WORDS, last + 1) - 1, last + 1)
    grown = (_words(text, start, tokens[stop][1]) for stop in stops)
    shortest = _words(text, start, tokens[stops[0]][1])
    opening = next((words for words in grown if len(_starts(folded, words)) == 1), shortest)
    starts = _starts(folded, opening)
    if start not in starts:
        raise CurationError("no opening words pick this passage; mark a larger one")
    occurrence = starts.index(start) + 1 if len(starts) > 1 else None
    for begin in range(max(last - MARKER_WORDS + 1, first), first - 1, -1):
        words = _words(text, tokens[begin][0], end)
        after = [e for s, e in anchor.find_all(folded, words) if s >= start]
        if after[0] == end:
            return opening, words, occurrence
    raise AssertionError("the whole span always ends where it ends")  # pragma: no cover


@dataclass(frozen=True)
class SuggestedSpan:
    """A passage that looks like it is not the author's, as the row that would declare it."""

    kind: str
    first: int  # paragraphs, numbered from 1
    last: int
    starts_with: str
    ends_with: str
    reason: str
    occurrence: int | None = None  # which occurrence of the opening words, when they recur


def suggested_spans(
    text: str, title: str = "", author: str = "", excluded: Sequence[tuple[int, int]] = ()
) -> list[SuggestedSpan]:
    """What `capture.boilerplate` finds in the text, outside the spans already excluded, with
    the opening and closing words that would pick each, and their occurrence when they recur."""
    blocks = paragraphs(text)
    found = []
    for item in capture.boilerplate(text, title, author):
        start, end = blocks[item.first][0], blocks[item.last][1]
        if anchor.overlaps((start, end), list(excluded)):
            continue
        try:
            opening, closing, occurrence = span_markers(text, start, end)
        except CurationError:
            continue  # no words pick it: the curator can still mark a larger passage
        found.append(
            SuggestedSpan(
                item.kind, item.first + 1, item.last + 1, opening, closing, item.reason, occurrence
            )
        )
    return found


def running_spans(text: str) -> list[SuggestedSpan]:
    """Rows that would declare each running head, footer and page number of a text captured
    from a PDF (`pdf.running_lines`): the line's words, opening and closing the span, and which
    of their occurrences it is, as the loader counts them."""
    folded = anchor.normalise(text)
    blocks = paragraphs(text)
    starts = [start for start, _ in blocks]
    found = []
    for line in pdf.running_lines(text):
        words = _words(text, line.start, line.end)
        occurrences = _starts(folded, words)
        if line.start not in occurrences:
            continue  # the line begins or ends inside a word: no words pick it
        paragraph = bisect_right(starts, line.start)
        reason = "a page number" if line.number else f"recurs on {line.pages} pages"
        found.append(
            SuggestedSpan(
                "running-head",
                paragraph,
                paragraph,
                words,
                words,
                reason,
                occurrences.index(line.start) + 1,
            )
        )
    return found


def exclude(
    snapshot: Snapshot, document: Document, first: int, last: int, kind: str, note: str = ""
) -> store.Change:
    """A row of excluded_spans.csv declaring paragraphs `first` to `last` (numbered from 1) of
    the document as not the author's."""
    blocks = paragraphs(document.text)
    if not 1 <= first <= last <= len(blocks):
        raise CurationError(f"paragraphs {first}–{last}: the text has paragraphs 1–{len(blocks)}")
    start, end = blocks[first - 1][0], blocks[last - 1][1]
    starts_with, ends_with, occurrence = span_markers(document.text, start, end)
    row = {
        "document_id": document.id,
        "kind": kind,
        "starts_with": starts_with,
        "ends_with": ends_with,
        "occurrence": str(occurrence or ""),
        "note": note,
    }
    table = snapshot.table(EXCLUDED_SPANS)
    if table.find({k: row[k] for k in EXCLUDED_SPANS.key}):
        raise CurationError("a span of this document already starts there; remove it first")
    which = f"paragraph {first}" if first == last else f"paragraphs {first}–{last}"
    return snapshot.change(
        f"mark {which} of {document.id} as {kind}", {EXCLUDED_SPANS.file: table.appended(row)}
    )


def include(
    snapshot: Snapshot, document_id: str, starts_with: str, occurrence: str = ""
) -> store.Change:
    """Remove the excluded span of this document that starts with these words at this
    occurrence (a repeated headline is two spans: unmarking one keeps the other)."""
    table = snapshot.table(EXCLUDED_SPANS)
    key = {"document_id": document_id, "starts_with": starts_with, "occurrence": occurrence}
    found = table.find(key)
    if not found:
        which = f" (occurrence {occurrence})" if occurrence else ""
        raise CurationError(f"no excluded span of {document_id} starts with {starts_with!r}{which}")
    return snapshot.change(
        f"unmark the span of {document_id} starting {starts_with!r}",
        {EXCLUDED_SPANS.file: table.without(found)},
    )


# -- evidence ----------------------------------------------------------------------------------


def _body_occurrences(document: Document, words: str) -> list[tuple[int, int]]:
    """Where these words occur in the author's body, as the validator counts them."""
    excluded = [(span.start, span.end) for span in document.excluded]
    return [s for s in anchor.find_all(document.folded, words) if not anchor.overlaps(s, excluded)]


def quote_cells(document: Document, start: int, end: int) -> dict[str, str]:
    """The quote, prefix and suffix cells that anchor document.text[start:end]: the words on one
    line, and, only when they occur more than once in the author's body, the fewest words just
    before (prefix) or just after (suffix) that pick this occurrence."""
    start, end = trimmed(document.text, start, end)
    quote = _words(document.text, start, end)
    if not quote:
        raise CurationError("an empty quote")
    found = _body_occurrences(document, quote)
    ours = [span for span in found if span[0] == start]
    if not ours:
        raise CurationError("the quote is not in the author's own text")
    cells = {"quote": quote, "prefix": "", "suffix": ""}
    if len(found) == 1:
        return cells
    for column, words in _words_around(document.text, start, end):
        fits = anchor.follows if column == "prefix" else anchor.precedes
        if [span for span in found if fits(document.folded, span, words)] == ours:
            return cells | {column: words}
    raise CurationError("no words around the quote tell its occurrences apart")


def _words_around(text: str, start: int, end: int) -> Iterator[tuple[str, str]]:
    """("prefix", words before) and ("suffix", words after) the span, the words nearest it
    first, one more each round, on each side that still has words."""
    before = [s for s, e in _tokens(text[:start])]
    after = [end + e for s, e in _tokens(text[end:])]
    for count in range(1, max(len(before), len(after)) + 1):
        if count <= len(before):
            yield "prefix", _words(text, before[-count], start)
        if count <= len(after):
            yield "suffix", _words(text, end, after[count - 1])


def enclosing(sentences: Sequence[Sentence], span: tuple[int, int]) -> tuple[int, int]:
    """The sentence, or run of sentences, a quote lies in: what it may be trimmed or grown
    within. A quote outside every sentence is its own bounds."""
    around = overlapping(sentences, *span)
    if not around:
        return span
    return min(sentences[around[0]].start, span[0]), max(sentences[around[-1]].end, span[1])


def locate(document: Document, within: tuple[int, int], words: str) -> tuple[int, int]:
    """Where `words` (a trimmed quote) lie inside document.text[within]: the first place. When
    they do not, the error names the words that differ, as the validator does for a quote."""
    start, end = within
    for span in anchor.find_all(document.folded, words):
        if start <= span[0] and span[1] <= end:
            return span
    sentence = document.text[start:end]
    hint = closest_hint(anchor.normalise(sentence), words, sentence, "copy the words")
    raise CurationError(f"the quote must be words of the sentence it was picked from ({hint})")


@dataclass(frozen=True)
class PositionDraft:
    """A theme × document cell as the curator leaves it; quotes by offsets, in display order."""

    theme_id: str
    document_id: str
    coverage: str
    stance: str
    summary: str
    rationale: str
    scale_value: int | None = None
    confidence: str = ""
    quotes: tuple[tuple[int, int], ...] = ()
    synthesis: str = ""  # the theme's, when this position is the last its comparison waits for


def set_position(
    snapshot: Snapshot, document: Document, draft: PositionDraft, current: Position | None
) -> store.Change:
    """The position's row in positions.csv, added or updated, and its quotes in quotes.csv in
    the order given. A quote that was already there keeps its row as it was written; the
    others are written by `quote_cells`. The pair's rows stay where the first of them was (new
    ones go after the theme's last quote, else at the end)."""
    key = {"theme_id": draft.theme_id, "document_id": draft.document_id}
    values = {
        "coverage": draft.coverage,
        "stance": draft.stance,
        "summary": draft.summary,
        "rationale": draft.rationale,
        "scale_value": "" if draft.scale_value is None else str(draft.scale_value),
        "confidence": draft.confidence,
    }
    positions = _upsert(snapshot.table(POSITIONS), key, values)
    quotes = snapshot.table(QUOTES)
    old = quotes.find(key)
    kept = {}
    if current is not None and len(current.quotes) == len(old):
        kept = {
            (quote.anchor.start, quote.anchor.end): quotes.records[index]
            for quote, index in zip(current.quotes, old, strict=True)
        }
    written = {
        span: {**key, **quote_cells(document, *span)} for span in draft.quotes if span not in kept
    }
    quotes = quotes.with_columns(
        name for cells in written.values() for name, value in cells.items() if value
    )
    new_records = [kept.get(span) or quotes.record(written[span]) for span in draft.quotes]
    theme_rows = quotes.find({"theme_id": draft.theme_id})
    at = old[0] if old else (theme_rows[-1] + 1 if theme_rows else len(quotes.records))
    dropped = set(old)
    records = [record for i, record in enumerate(quotes.records) if i not in dropped]
    at -= sum(1 for i in old if i < at)
    records[at:at] = new_records
    tables = {POSITIONS.file: positions, QUOTES.file: quotes.with_records(records)}
    description = f"position {draft.theme_id} × {draft.document_id}"
    comparisons, badge = fitted_comparison(snapshot.table(COMPARISONS), positions, draft.theme_id)
    if badge:
        description += (
            f"; the comparison of {draft.theme_id} set to {badge!r}, as its positions require"
        )
    if synthesis := draft.synthesis.strip():
        comparisons = _upsert(comparisons, {"theme_id": draft.theme_id}, {"synthesis": synthesis})
        description += f"; the synthesis of {draft.theme_id} written"
    if badge or synthesis:
        tables[COMPARISONS.file] = comparisons
    return snapshot.change(description, tables)


def fitted_comparison(comparisons: Table, positions: Table, theme_id: str) -> tuple[Table, str]:
    """The comparisons with the theme's badge the rule requires of these positions, and that
    badge; "" when the badge already fits (or the theme has no comparison yet)."""
    found = comparisons.find({"theme_id": theme_id})
    if not found:
        return comparisons, ""
    coverages = [
        positions.row(positions.records[i])["coverage"]
        for i in positions.find({"theme_id": theme_id})
    ]
    current = comparisons.row(comparisons.records[found[0]])["agreement"]
    badge = fitting_agreement(current, coverages)
    if badge == current:
        return comparisons, ""
    return comparisons.updated(found[0], {"agreement": badge}), badge


# -- themes, scales and comparisons ------------------------------------------------------------


@dataclass(frozen=True)
class ThemeDraft:
    """A theme, its scale (five labels from −2 to 2, or none) and its comparison."""

    id: str
    label: str
    description: str
    question: str
    agreement: str
    synthesis: str
    scale: tuple[str, ...] = ()  # labels for SCALE_POINTS in order; all empty: no scale


def set_theme(snapshot: Snapshot, draft: ThemeDraft, new: bool = False) -> store.Change:
    """The theme's rows in themes.csv, scales.csv and comparisons.csv, added or updated; a `new`
    theme is refused an id in use (it would overwrite that theme and its scale)."""
    if new:
        check_new_id(snapshot, THEMES, draft.id)
    themes = _upsert(
        snapshot.table(THEMES),
        {"id": draft.id},
        {"label": draft.label, "description": draft.description, "question": draft.question},
    )
    comparisons = _upsert(
        snapshot.table(COMPARISONS),
        {"theme_id": draft.id},
        {"agreement": draft.agreement, "synthesis": draft.synthesis},
    )
    tables = {THEMES.file: themes, COMPARISONS.file: comparisons}
    labels = dict(zip(SCALE_POINTS, draft.scale, strict=False))
    scales = snapshot.table(SCALES)
    points = {
        _int(scales.row(scales.records[index])["value"]): index
        for index in scales.find({"theme_id": draft.id})
    }
    if any(label.strip() for label in labels.values()):
        for value, label in labels.items():
            if value in points:
                scales = scales.updated(points[value], {"label": label})
            else:
                scales = scales.appended(
                    {"theme_id": draft.id, "value": str(value), "label": label}
                )
    else:
        scales = scales.without(points.values())
    if snapshot.files.get(SCALES.file) is not None or scales.records:
        tables[SCALES.file] = scales
    verb = "edit" if snapshot.table(THEMES).find({"id": draft.id}) else "add"
    return snapshot.change(f"{verb} theme {draft.id}", tables)


def _int(value: str) -> int | None:
    try:
        return int(value)
    except ValueError:
        return None
