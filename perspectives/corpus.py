"""Load one corpus folder into a `Corpus`, checking everything in a single pass.

Problems are collected, not raised one at a time: a curator sees every defect of an edit at
once, each with file, row, column and a hint. Rows are counted as a spreadsheet counts them
(the header is row 1).
"""

from __future__ import annotations

import csv
import io
import re
import tomllib
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from perspectives import anchor, lexicon
from perspectives.dates import PartialDate, parse_partial_date
from perspectives.model import (
    Comparison,
    Corpus,
    CorpusError,
    CorpusMeta,
    Document,
    Event,
    EventQuote,
    ExcludedSpan,
    Judgment,
    LexiconTerm,
    Position,
    Problem,
    Quote,
    ScalePoint,
    Theme,
)
from perspectives.schema import (
    AGREE_MAX_SPREAD,
    AGREEMENT,
    COMPARISONS,
    CONFIDENCE,
    DIVERGE_MIN_SPREAD,
    DOCUMENTS,
    EVENT_QUOTES,
    EVENTS,
    EXCLUDED_SPANS,
    ID_PATTERN,
    LEXICON,
    LEXICON_REVIEWS,
    METADATA_FILE,
    METADATA_KEYS,
    POSITIONS,
    QUOTES,
    RESOURCES,
    SCALE_POINTS,
    SCALES,
    THEMES,
    Field,
    Resource,
)
from perspectives.sentences import Sentence, document_sentences

_ID = re.compile(ID_PATTERN)
_URL = re.compile(r"^https?://[^\s/$.?#][^\s]*$", re.IGNORECASE)
_WHOLE_NUMBER = re.compile(r"^[+-]?\d+$")
_SUGGESTION_CHARS = 90


@dataclass(frozen=True)
class Row:
    number: int
    cells: dict[str, str]


class _Checker:
    """Collects problems while the tables are read and cross-checked."""

    def __init__(self, root: Path):
        self.root = root
        self.problems: list[Problem] = []

    def add(
        self,
        file: str,
        row: int | None,
        column: str | None,
        message: str,
        hint: str = "",
        severity: str = "error",
    ):
        self.problems.append(Problem(file, row, column, message, hint, severity))

    # -- reading -------------------------------------------------------------------------------

    def read_text(self, relative: str) -> str | None:
        """A file's text, or None after reporting why it cannot be read as UTF-8."""
        path = self.root / relative
        if not path.is_file():
            self.add(relative, None, None, "file not found", f"create {relative} in {self.root}")
            return None
        data = path.read_bytes()
        try:
            return data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            line = data[: error.start].count(b"\n") + 1
            column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
            self.add(
                relative,
                line,
                None,
                f"not valid UTF-8: byte 0x{data[error.start]:02x} at line {line}, column {column}",
                "save the file with UTF-8 encoding",
            )
            return None

    def read_table(self, resource: Resource) -> list[Row] | None:
        if not resource.required and not (self.root / resource.file).exists():
            return []
        text = self.read_text(resource.file)
        if text is None:
            return None
        records = list(csv.reader(io.StringIO(text, newline="")))
        if not records or not any(cell.strip() for cell in records[0]):
            self.add(
                resource.file, 1, None, "no header row", f"first row: {','.join(resource.columns)}"
            )
            return None
        header = [cell.strip() for cell in records[0]]
        missing = [f.name for f in resource.fields if f.required and f.name not in header]
        unknown = [c for c in header if c not in resource.columns]
        for column in missing:
            self.add(
                resource.file, 1, column, "missing column", f"add a '{column}' column to the header"
            )
        for column in unknown:
            self.add(
                resource.file,
                1,
                column,
                "unknown column",
                f"expected only: {', '.join(resource.columns)}",
            )
        if missing:
            return None
        rows = []
        for number, record in enumerate(records[1:], start=2):
            if not any(cell.strip() for cell in record):
                continue
            if len(record) > len(header):
                self.add(
                    resource.file,
                    number,
                    None,
                    f"row has {len(record)} cells but the header has {len(header)}",
                    "put double quotes around a cell that contains a comma",
                )
                continue
            record = record + [""] * (len(header) - len(record))
            cells = dict.fromkeys(resource.columns, "")  # an optional column may be left out
            cells.update((name, value.strip()) for name, value in zip(header, record, strict=True))
            rows.append(Row(number, cells))
        return rows

    # -- cells ---------------------------------------------------------------------------------

    def check_cells(
        self, resource: Resource, rows: list[Row], known: dict[str, set[str]]
    ) -> list[Row]:
        """Check every cell against its field; return the rows with no problem."""
        good = []
        seen: dict[tuple[str, ...], int] = {}
        for row in rows:
            before = len(self.problems)
            for field in resource.fields:
                self.check_cell(resource.file, row, field, known)
            key = tuple(row.cells[name] for name in resource.key)
            if all(key) and key in seen:
                self.add(
                    resource.file,
                    row.number,
                    resource.key[-1],
                    f"duplicate {' × '.join(resource.key)}: {' × '.join(key)}",
                    f"already defined at row {seen[key]}; merge or remove one",
                )
            seen.setdefault(key, row.number)
            if len(self.problems) == before:
                good.append(row)
        return good

    def check_cell(self, file: str, row: Row, field: Field, known: dict[str, set[str]]) -> None:
        value = row.cells[field.name]
        if not value:
            if field.required:
                self.add(
                    file, row.number, field.name, "empty required cell", f"e.g. {field.example}"
                )
            return
        if field.kind == "id" and not _ID.match(value):
            self.add(
                file,
                row.number,
                field.name,
                f"invalid id {value!r}",
                "use lowercase letters, digits and single hyphens, e.g. " + field.example,
            )
        elif field.kind == "enum" and value not in field.choices:
            self.add(
                file,
                row.number,
                field.name,
                f"unknown value {value!r}",
                "one of: " + ", ".join(field.choices),
            )
        elif field.kind == "date":
            try:
                parse_partial_date(value)
            except ValueError as error:
                self.add(
                    file,
                    row.number,
                    field.name,
                    f"invalid date: {error}",
                    "use YYYY, YYYY-MM or YYYY-MM-DD",
                )
        elif field.kind == "int":
            low, high = field.bounds or (None, None)
            hint = f"a whole number from {low} to {high}" if field.bounds else "a whole number"
            if not _WHOLE_NUMBER.match(value):
                self.add(file, row.number, field.name, f"not a whole number: {value!r}", hint)
            elif field.bounds and not low <= int(value) <= high:
                self.add(file, row.number, field.name, f"{int(value)} is out of range", hint)
        elif field.kind == "url" and not _URL.match(value):
            self.add(
                file,
                row.number,
                field.name,
                f"invalid URL {value!r}",
                "use a full http:// or https:// address",
            )
        elif field.kind == "ref" and field.references:
            target_file = field.references
            if target_file in known and value not in known[target_file]:
                self.add(
                    file,
                    row.number,
                    field.name,
                    f"unknown {field.name.removesuffix('_id')} {value!r}",
                    f"define it in {target_file} or fix the spelling",
                )
        elif field.kind == "refs" and field.references in known:
            for listed in value.split():
                if listed not in known[field.references]:
                    self.add(
                        file,
                        row.number,
                        field.name,
                        f"unknown {field.name.removesuffix('_ids')} {listed!r}",
                        f"define it in {field.references} or fix the spelling; "
                        "separate ids with spaces",
                    )
        elif field.kind == "path":
            path = PurePosixPath(value)
            if path.is_absolute() or ".." in path.parts:
                self.add(
                    file,
                    row.number,
                    field.name,
                    f"path {value!r} leaves the corpus folder",
                    "use a relative path such as texts/name.txt",
                )
            elif not (self.root / path).is_file():
                self.add(
                    file,
                    row.number,
                    field.name,
                    f"text file {value!r} not found",
                    f"put the text at {self.root / path}",
                )


def _load_metadata(checker: _Checker) -> CorpusMeta | None:
    text = checker.read_text(METADATA_FILE)
    if text is None:
        return None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        line = re.search(r"line (\d+)", str(error))
        checker.add(
            METADATA_FILE,
            int(line.group(1)) if line else None,
            None,
            f"invalid TOML: {error}",
            "check quotes and brackets",
        )
        return None
    table = data.get("corpus")
    if not isinstance(table, dict):
        checker.add(
            METADATA_FILE,
            None,
            None,
            "missing [corpus] table",
            "start the file with a line [corpus]",
        )
        return None
    before = len(checker.problems)
    known = {key for key, *_ in METADATA_KEYS}
    for key in table:
        if key not in known:
            checker.add(
                METADATA_FILE,
                None,
                key,
                "unknown key",
                "expected only: " + ", ".join(sorted(known)),
            )
    for key, required, _, example in METADATA_KEYS:
        if required and not str(table.get(key, "")).strip():
            checker.add(
                METADATA_FILE, None, key, "missing required key", f'e.g. {key} = "{example}"'
            )
    curators = table.get("curators", [])
    if not isinstance(curators, list) or not all(isinstance(name, str) for name in curators):
        checker.add(
            METADATA_FILE,
            None,
            "curators",
            "must be a list of names",
            'e.g. curators = ["A. Curator"]',
        )
    created: PartialDate | None = None
    if "created" in table:
        try:
            created = parse_partial_date(str(table["created"]))
        except ValueError as error:
            checker.add(
                METADATA_FILE,
                None,
                "created",
                f"invalid date: {error}",
                'e.g. created = "2026-11-25"',
            )
    if len(checker.problems) > before:
        return None
    return CorpusMeta(
        title=str(table["title"]),
        version=str(table["version"]),
        description=str(table.get("description", "")),
        curators=tuple(curators),
        license=str(table.get("license", "")),
        created=created,
    )


def _locate_spans(
    checker: _Checker, rows: list[Row], texts: dict[str, str]
) -> dict[str, list[ExcludedSpan]]:
    spans: dict[str, list[ExcludedSpan]] = defaultdict(list)
    folded_texts: dict[str, anchor.Normalised] = {}
    for row in rows:
        document_id = row.cells["document_id"]
        if document_id not in texts:
            continue
        if document_id not in folded_texts:
            folded_texts[document_id] = anchor.normalise(texts[document_id])
        folded = folded_texts[document_id]
        starts = anchor.find_all(folded, row.cells["starts_with"])
        if not starts:
            checker.add(
                EXCLUDED_SPANS.file,
                row.number,
                "starts_with",
                "opening words not found in the text",
                "copy the first words of the span exactly",
            )
            continue
        start = starts[0][0]
        ends = [
            end for begin, end in anchor.find_all(folded, row.cells["ends_with"]) if begin >= start
        ]
        if not ends:
            checker.add(
                EXCLUDED_SPANS.file,
                row.number,
                "ends_with",
                "closing words not found after the opening words",
                "copy the last words of the span exactly",
            )
            continue
        spans[row.cells["document_id"]].append(
            ExcludedSpan(kind=row.cells["kind"], start=start, end=ends[0], note=row.cells["note"])
        )
    return spans


def _anchor_quote(
    checker: _Checker, row: Row, document: Document, file: str = QUOTES.file
) -> anchor.Anchor | None:
    quote = row.cells["quote"]
    folded = document.folded
    found = anchor.find_all(folded, quote)
    excluded = [(span.start, span.end) for span in document.excluded]
    in_body = [span for span in found if not anchor.overlaps(span, excluded)]
    if not in_body:
        if found:
            kinds = {
                s.label for s in document.excluded if anchor.overlaps(found[0], [(s.start, s.end)])
            }
            checker.add(
                file,
                row.number,
                "quote",
                f"quote lies in text that is not the author's ({', '.join(sorted(kinds))})",
                "quote the author's own words",
            )
            return None
        suggestion = anchor.closest_passage(folded, quote, document.text)
        hint = "copy the words exactly from the text"
        if suggestion is not None:
            passage = " ".join(suggestion.passage.split())
            if len(passage) > _SUGGESTION_CHARS:
                passage = passage[:_SUGGESTION_CHARS] + "…"
            hint = f"closest passage, {suggestion.score:.0f}% similar: {passage!r}"
        checker.add(file, row.number, "quote", f"quote not found verbatim in {document.id}", hint)
        return None
    chosen = _pick_occurrence(checker, row, folded, in_body, document.id, file)
    if chosen is None:
        return None
    return anchor.make_anchor(document.text, *chosen)


def _pick_occurrence(
    checker: _Checker,
    row: Row,
    folded: anchor.Normalised,
    spans: list[tuple[int, int]],
    document_id: str,
    file: str,
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
            checker.add(
                file,
                row.number,
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
        checker.add(
            file,
            row.number,
            "quote",
            f"quote occurs {len(spans)} times in {document_id}{narrowed_by}",
            "lengthen the quote, or give the words just before it in the prefix column "
            f"(they read {before}) or just after it in the suffix column",
        )
        return None
    return spans[0]


def _build_documents(
    checker: _Checker, rows: list[Row], span_rows: list[Row]
) -> dict[str, Document]:
    texts = {}
    for row in rows:
        text = checker.read_text(row.cells["text_file"])
        if text is not None:
            texts[row.cells["id"]] = text
    spans = _locate_spans(checker, span_rows, texts)
    documents = {}
    for row in rows:
        if row.cells["id"] not in texts:
            continue
        cells = row.cells
        documents[cells["id"]] = Document(
            id=cells["id"],
            author=cells["author"],
            role=cells["role"],
            affiliation=cells["affiliation"],
            country=cells["country"],
            title=cells["title"],
            outlet=cells["outlet"],
            published=parse_partial_date(cells["published"]),
            url=cells["url"],
            citation=cells["citation"],
            text_file=cells["text_file"],
            text=texts[cells["id"]],
            excluded=tuple(sorted(spans.get(cells["id"], []), key=lambda span: span.start)),
        )
    return documents


def _lexicon_terms(checker: _Checker, rows: list[Row]) -> tuple[LexiconTerm, ...]:
    """The lexicon's terms; a term with no word in it, or one another term already finds, is a
    problem (a term finds its case and inflection variants: see perspectives/lexicon.py)."""
    terms = []
    for row in rows:
        cells = row.cells
        match = cells["match"] or "words"
        term = LexiconTerm(cells["theme_id"], cells["term"], match, cells["note"])
        if not lexicon.term_words(term.term):
            checker.add(
                LEXICON.file, row.number, "term", "term has no letter or digit", "write a word"
            )
        else:
            terms.append((row, term))
    for index, (row, term) in enumerate(terms):
        for other_index, (other_row, other) in enumerate(terms):
            if other_index == index or not lexicon.covers(other, term):
                continue
            if other_index < index or not lexicon.covers(term, other):
                checker.add(
                    LEXICON.file,
                    row.number,
                    "term",
                    f"duplicate term {term.term!r} for theme {term.theme_id!r}: "
                    f"{other.term!r} at row {other_row.number} already finds it",
                    "remove one of the two rows",
                )
                break
    return tuple(term for _, term in terms)


def _lexicon_reviews(
    checker: _Checker, rows: list[Row], documents: dict[str, Document]
) -> tuple[Judgment, ...]:
    """Reviewers' verdicts on lexicon tags. A review's opening words must start exactly one
    sentence of its document's author body, and no other review may name that sentence for the
    same theme."""
    sentences: dict[str, list[Sentence]] = {}
    named: dict[tuple[str, str, int], int] = {}
    reviews = []
    for row in rows:
        cells = row.cells
        document = documents.get(cells["document_id"])
        if document is None:
            continue
        if document.id not in sentences:
            sentences[document.id] = document_sentences(document)
        opening = cells["opening"]
        starting = [i for i, s in enumerate(sentences[document.id]) if s.opens_with(opening)]
        if not starting:
            folded = anchor.fold(opening)
            inside = [s.plain() for s in sentences[document.id] if folded in anchor.fold(s.text)]
            hint = (
                f"they lie inside the sentence that begins {' '.join(inside[0].split()[:6])!r}"
                if inside
                else "copy the first words of the tagged sentence exactly"
            )
            checker.add(
                LEXICON_REVIEWS.file,
                row.number,
                "opening",
                f"no sentence of {document.id} starts with these words",
                hint,
            )
            continue
        if len(starting) > 1:
            checker.add(
                LEXICON_REVIEWS.file,
                row.number,
                "opening",
                f"{len(starting)} sentences of {document.id} start with these words",
                "add words until only one sentence starts with them",
            )
            continue
        key = (document.id, cells["theme_id"], starting[0])
        if key in named:
            checker.add(
                LEXICON_REVIEWS.file,
                row.number,
                "opening",
                f"row {named[key]} already reviews this sentence for theme {cells['theme_id']!r}",
                "keep one verdict per sentence and theme",
            )
            continue
        named[key] = row.number
        accepted = cells["verdict"] == "accept"
        reviews.append(Judgment(document.id, cells["theme_id"], opening, accepted, cells["reason"]))
    return tuple(reviews)


def _check_coverage(
    checker: _Checker,
    themes: list[Row],
    documents: list[Row],
    positions: list[Row],
    quotes: list[Row],
    comparisons: list[Row],
) -> None:
    """Cross-table rules: a position for every theme × document, quotes that fit coverage."""
    position_rows = {(r.cells["theme_id"], r.cells["document_id"]): r for r in positions}
    quoted = defaultdict(int)
    for row in quotes:
        key = (row.cells["theme_id"], row.cells["document_id"])
        position = position_rows.get(key)
        if position is None:
            checker.add(
                QUOTES.file,
                row.number,
                "document_id",
                f"no position for theme {key[0]!r} and document {key[1]!r}",
                "add that row to positions.csv first",
            )
        elif position.cells["coverage"] == "absent":
            checker.add(
                QUOTES.file,
                row.number,
                "quote",
                "the position is 'absent' but has a quote",
                "set coverage to explicit or implicit in positions.csv, or remove the quote",
            )
        quoted[key] += 1
    # A pair without a row is shown as "not curated": fine for a large corpus curated in
    # stages, but worth one warning, since in a small one it is usually a forgotten row.
    uncurated = [
        (theme.cells["id"], document.cells["id"])
        for theme in themes
        for document in documents
        if (theme.cells["id"], document.cells["id"]) not in position_rows
    ]
    if uncurated:
        examples = ", ".join(f"{theme} × {document}" for theme, document in uncurated[:3])
        checker.add(
            POSITIONS.file,
            None,
            None,
            f"{len(uncurated)} theme × document pair(s) have no position (e.g. {examples}); "
            "they are shown as not curated",
            "add a row for each; use coverage 'absent' if the author does not address the theme",
            severity="warning",
        )
    for row in positions:
        key = (row.cells["theme_id"], row.cells["document_id"])
        if row.cells["coverage"] in ("explicit", "implicit") and not quoted[key]:
            checker.add(
                POSITIONS.file,
                row.number,
                "coverage",
                f"{row.cells['coverage']} position has no evidence quote",
                "add quotes to quotes.csv, or set coverage to 'absent'",
            )
    compared = {row.cells["theme_id"]: row for row in comparisons}
    for theme in themes:
        theme_id = theme.cells["id"]
        row = compared.get(theme_id)
        if row is not None and row.cells["agreement"] not in AGREEMENT:
            continue
        if row is None:
            checker.add(
                COMPARISONS.file,
                None,
                None,
                f"no comparison for theme {theme_id!r}",
                "add a row for it",
            )
            continue
        coverages = [p.cells["coverage"] for k, p in position_rows.items() if k[0] == theme_id]
        addressed = sum(coverage != "absent" for coverage in coverages)
        one_sided = 0 < addressed < len(coverages)
        if one_sided and row.cells["agreement"] != "one-sided":
            checker.add(
                COMPARISONS.file,
                row.number,
                "agreement",
                f"{row.cells['agreement']!r}, but not every document addresses the theme",
                "use 'one-sided'",
            )
        elif not one_sided and row.cells["agreement"] == "one-sided":
            checker.add(
                COMPARISONS.file,
                row.number,
                "agreement",
                "'one-sided', but every document addresses the theme",
                "use agree, partly or diverge",
            )


def _build_events(
    checker: _Checker, rows: list[Row], quote_rows: list[Row], documents: dict[str, Document]
) -> tuple[Event, ...]:
    """Events in file order, each with its anchored quotes; one no text quotes needs a source."""
    quotes: dict[str, list[EventQuote]] = defaultdict(list)
    for row in quote_rows:
        document = documents.get(row.cells["document_id"])
        if document is None:
            continue
        found = _anchor_quote(checker, row, document, EVENT_QUOTES.file)
        if found is not None:
            quotes[row.cells["event_id"]].append(EventQuote(document.id, row.cells["quote"], found))
    quoted = {row.cells["event_id"] for row in quote_rows}
    for row in rows:
        if row.cells["id"] not in quoted and not row.cells["date_source"]:
            checker.add(
                EVENTS.file,
                row.number,
                "date_source",
                "no text refers to this event, so nothing in the corpus gives its date",
                "name the public record the date comes from, "
                "or add the authors' words to event_quotes.csv",
            )
    return tuple(
        Event(
            id=row.cells["id"],
            date=parse_partial_date(row.cells["date"]),
            label=row.cells["label"],
            description=row.cells["description"],
            theme_ids=tuple(dict.fromkeys(row.cells["theme_ids"].split())),
            date_source=row.cells["date_source"],
            quotes=tuple(quotes[row.cells["id"]]),
        )
        for row in rows
    )


def _check_scales(
    checker: _Checker, tables: dict[str, list[Row]], valid: dict[str, list[Row]]
) -> None:
    """Scale rules: five points per scaled theme; a point and a confidence for each position that
    addresses a scaled theme, and none otherwise; a warning when the curated agreement contradicts
    the spread of the points (agree: at most AGREE_MAX_SPREAD apart, diverge: at least
    DIVERGE_MIN_SPREAD apart, partly: any)."""
    good = {file: {row.number for row in valid[file]} for file in (SCALES.file, POSITIONS.file)}
    themes = {row.cells["id"] for row in tables[THEMES.file]}
    scaled = {row.cells["theme_id"] for row in tables[SCALES.file]}
    for theme_id in sorted(scaled & themes):
        rows = [row for row in tables[SCALES.file] if row.cells["theme_id"] == theme_id]
        if any(row.number not in good[SCALES.file] for row in rows):
            continue  # a bad or repeated point is reported where it is
        missing = sorted(set(SCALE_POINTS) - {int(row.cells["value"]) for row in rows})
        if missing:
            checker.add(
                SCALES.file,
                None,
                "value",
                f"the scale of theme {theme_id!r} lacks point(s) {', '.join(map(str, missing))}",
                f"give the theme every point from {SCALE_POINTS[0]} to {SCALE_POINTS[-1]}, once",
            )
    expected = {
        "scale_value": f"a whole number from {SCALE_POINTS[0]} to {SCALE_POINTS[-1]}",
        "confidence": "one of: " + ", ".join(CONFIDENCE),
    }
    for row in tables[POSITIONS.file]:
        theme_id, coverage = row.cells["theme_id"], row.cells["coverage"]
        for column, hint in expected.items():
            name = column.replace("_", " ")
            given = bool(row.cells[column])
            if coverage == "absent" and given:
                checker.add(
                    POSITIONS.file,
                    row.number,
                    column,
                    f"the position is 'absent' but has a {name}",
                    f"leave {column} empty when the author does not address the theme",
                )
            elif coverage in ("explicit", "implicit") and theme_id in scaled and not given:
                checker.add(
                    POSITIONS.file,
                    row.number,
                    column,
                    f"missing {name} (the theme has a scale)",
                    hint,
                )
            elif given and coverage != "absent" and theme_id in themes - scaled:
                checker.add(
                    POSITIONS.file,
                    row.number,
                    column,
                    f"{name} given, but theme {theme_id!r} has no scale",
                    f"declare its five points in {SCALES.file}, or leave {column} empty",
                )
    for comparison in valid[COMPARISONS.file]:
        theme_id, agreement = comparison.cells["theme_id"], comparison.cells["agreement"]
        rows = [row for row in tables[POSITIONS.file] if row.cells["theme_id"] == theme_id]
        if theme_id not in scaled or any(row.number not in good[POSITIONS.file] for row in rows):
            continue
        values = [int(row.cells["scale_value"]) for row in rows if row.cells["scale_value"]]
        if len(values) < 2:
            continue
        spread = max(values) - min(values)
        if agreement == "agree" and spread > AGREE_MAX_SPREAD:
            message = f"'agree', but the scale points are {spread} apart"
            hint = f"'agree' allows at most {AGREE_MAX_SPREAD}; check the points or the label"
        elif agreement == "diverge" and spread < DIVERGE_MIN_SPREAD:
            message = f"'diverge', but the scale points are only {spread} apart"
            hint = f"'diverge' needs at least {DIVERGE_MIN_SPREAD}; check the points or the label"
        else:
            continue
        checker.add(
            COMPARISONS.file, comparison.number, "agreement", message, hint, severity="warning"
        )


def _scales(rows: list[Row]) -> dict[str, tuple[ScalePoint, ...]]:
    """Each scaled theme's points, lowest first."""
    points: dict[str, list[ScalePoint]] = defaultdict(list)
    for row in rows:
        points[row.cells["theme_id"]].append(
            ScalePoint(int(row.cells["value"]), row.cells["label"])
        )
    return {
        theme_id: tuple(sorted(p, key=lambda point: point.value)) for theme_id, p in points.items()
    }


def load(root: str | Path) -> Corpus:
    """Read and check a corpus folder; raise CorpusError listing every problem found."""
    root = Path(root)
    checker = _Checker(root)
    if not root.is_dir():
        raise CorpusError(
            [Problem(str(root), None, None, "corpus folder not found", "pass an existing folder")]
        )
    meta = _load_metadata(checker)
    tables = {resource.file: checker.read_table(resource) for resource in RESOURCES}
    if any(rows is None for rows in tables.values()):
        raise CorpusError(checker.problems)

    known = {
        file: {row.cells["id"] for row in tables[file]}
        for file in (DOCUMENTS.file, THEMES.file, EVENTS.file)
    }
    for file in (DOCUMENTS.file, THEMES.file):
        if not tables[file]:
            checker.add(file, None, None, "no rows", "add at least one row under the header")
    valid = {
        resource.file: checker.check_cells(resource, tables[resource.file], known)
        for resource in RESOURCES
    }
    documents = _build_documents(checker, valid[DOCUMENTS.file], valid[EXCLUDED_SPANS.file])
    # Rows with a bad cell still exist: counting them here keeps one typo from cascading.
    _check_coverage(
        checker,
        tables[THEMES.file],
        tables[DOCUMENTS.file],
        tables[POSITIONS.file],
        tables[QUOTES.file],
        tables[COMPARISONS.file],
    )
    lexicon_terms = _lexicon_terms(checker, valid[LEXICON.file])
    lexicon_reviews = _lexicon_reviews(checker, valid[LEXICON_REVIEWS.file], documents)
    _check_scales(checker, tables, valid)
    quotes: dict[tuple[str, str], list[Quote]] = defaultdict(list)
    for row in valid[QUOTES.file]:
        document = documents.get(row.cells["document_id"])
        if document is not None:
            found = _anchor_quote(checker, row, document)
            if found is not None:
                key = (row.cells["theme_id"], row.cells["document_id"])
                quotes[key].append(Quote(*key, row.cells["quote"], found))
    events = _build_events(checker, valid[EVENTS.file], valid[EVENT_QUOTES.file], documents)
    warnings = [problem for problem in checker.problems if problem.severity == "warning"]
    if len(warnings) < len(checker.problems) or meta is None:
        raise CorpusError(checker.problems)
    theme_order = [row.cells["id"] for row in valid[THEMES.file]]
    document_order = [row.cells["id"] for row in valid[DOCUMENTS.file]]
    positions = sorted(
        (
            Position(
                theme_id=r.cells["theme_id"],
                document_id=r.cells["document_id"],
                coverage=r.cells["coverage"],
                stance=r.cells["stance"],
                summary=r.cells["summary"],
                rationale=r.cells["rationale"],
                quotes=tuple(quotes[(r.cells["theme_id"], r.cells["document_id"])]),
                scale_value=int(r.cells["scale_value"]) if r.cells["scale_value"] else None,
                confidence=r.cells["confidence"],
            )
            for r in valid[POSITIONS.file]
        ),
        key=lambda p: (theme_order.index(p.theme_id), document_order.index(p.document_id)),
    )
    comparisons = sorted(
        (
            Comparison(r.cells["theme_id"], r.cells["agreement"], r.cells["synthesis"])
            for r in valid[COMPARISONS.file]
        ),
        key=lambda c: theme_order.index(c.theme_id),
    )
    scales = _scales(valid[SCALES.file])
    return Corpus(
        root=str(root),
        meta=meta,
        documents=tuple(documents[i] for i in document_order),
        themes=tuple(
            Theme(**{k: r.cells[k] for k in THEMES.columns}, scale=scales.get(r.cells["id"], ()))
            for r in valid[THEMES.file]
        ),
        positions=tuple(positions),
        comparisons=tuple(comparisons),
        events=events,
        lexicon=lexicon_terms,
        lexicon_reviews=lexicon_reviews,
        warnings=tuple(warnings),
    )


def validate(root: str | Path) -> list[Problem]:
    """Every problem in the corpus folder, warnings included; it loads unless one is an error."""
    try:
        corpus = load(root)
    except CorpusError as error:
        return list(error.problems)
    return list(corpus.warnings)
