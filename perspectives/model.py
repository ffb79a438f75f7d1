"""The loaded corpus: immutable, typed, and already checked."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field, fields
from functools import cached_property
from typing import Literal

from perspectives import language
from perspectives.anchor import Anchor, Normalised, normalise
from perspectives.dates import PartialDate
from perspectives.markup import shorten
from perspectives.metadata import Protocol
from perspectives.schema import (
    PERSPECTIVE_LABEL_LENGTH,
    SPAN_KINDS,
    Agreement,
    Confidence,
    Coverage,
    LexiconMatch,
    SpanKind,
    Verdict,
)

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Problem:
    """One defect of a corpus, where a curator finds it: file, row (the header is row 1) and
    column, None for "not one row" or "not one column"."""

    file: str
    row: int | None
    column: str | None
    message: str
    hint: str = ""
    severity: Severity = "error"  # "warning": worth a look, but the corpus still loads

    def __str__(self) -> str:
        where = f"{self.file}:{self.row if self.row is not None else '-'}:{self.column or '-'}"
        label = "warning: " if self.severity == "warning" else ""
        line = f"{where}: {label}{self.message}" + (f" ({self.hint})" if self.hint else "")
        return visible(line)


def errors(problems: Iterable[Problem]) -> tuple[Problem, ...]:
    """The problems that stop a corpus loading: all but the warnings."""
    return tuple(problem for problem in problems if problem.severity != "warning")


def new_errors(before: Iterable[Problem], after: Iterable[Problem]) -> tuple[Problem, ...]:
    """The errors of `after` that `before` did not have, told apart by file, column and message
    (not row: a row deleted above an error moves the error, it does not add one)."""
    left = Counter((p.file, p.column, p.message) for p in errors(before))
    added = []
    for problem in errors(after):
        key = (problem.file, problem.column, problem.message)
        if left[key]:
            left[key] -= 1
        else:
            added.append(problem)
    return tuple(added)


def refused_errors(before: Iterable[Problem], after: Iterable[Problem]) -> tuple[Problem, ...]:
    """The errors that refuse a change taking a corpus from the problems `before` to `after`:
    none when it adds no error, or when it only trades a missing row for another as a draft
    grows (the first theme added before its comparison), never more errors, never a wrong row."""
    before = errors(before)
    added = new_errors(before, after)
    if len(errors(after)) > len(before) or any(problem.row is not None for problem in added):
        return added
    return ()


# Control characters (an escape sequence clears a terminal), line breaks and the bidirectional
# controls that reorder what a terminal shows.
_INVISIBLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def visible(text: str) -> str:
    """Text from a corpus made safe to print on one line of a terminal: each control character
    written as an escape (\\x1b, \\n, \\u202e) rather than acted on."""
    return _INVISIBLE.sub(lambda match: ascii(match.group())[1:-1], text)


def tally(problems: Iterable[Problem]) -> str:
    """How many problems and warnings, as `validate` and the dashboard both count them:
    "6 problem(s), 1 warning(s)"."""
    severities = [problem.severity for problem in problems]
    warnings = severities.count("warning")
    return f"{len(severities) - warnings} problem(s)" + (
        f", {warnings} warning(s)" if warnings else ""
    )


class CorpusError(Exception):
    """The corpus folder cannot be loaded; `problems` says every reason."""

    def __init__(self, problems: list[Problem]):
        self.problems = tuple(problems)
        super().__init__(f"{len(problems)} problem(s) in the corpus")


_LOWERCASE_WORD = re.compile(r"(?<![\w’'-])[a-z][\w-]*")
_FIRST_WORD = re.compile(r"[A-Z][\w-]*(?![\w’'-])")


@dataclass(frozen=True)
class CorpusMeta:
    title: str
    version: str
    description: str = ""
    curators: tuple[str, ...] = ()
    license: str = ""
    created: PartialDate | None = None


@dataclass(frozen=True)
class ExcludedSpan:
    kind: SpanKind
    start: int
    end: int
    note: str = ""
    row: int | None = None  # of excluded_spans.csv, where a problem with the span points

    @property
    def label(self) -> str:
        return SPAN_KINDS[self.kind]


@dataclass(frozen=True)
class Source:
    """Who wrote a text and where it appeared: a document's metadata, without the text."""

    id: str
    author: str
    role: str
    affiliation: str
    country: str
    title: str
    outlet: str
    published: PartialDate
    url: str
    citation: str
    text_file: str
    label: str  # the perspective's short name, "" when the curator gave none
    # BCP 47, "" when the curator gave none; by keyword, so that a Document's text may follow.
    language: str = field(default="", kw_only=True)
    # The id of the document this one translates, "" for an original.
    translation_of: str = field(default="", kw_only=True)

    @property
    def by(self) -> str:
        """Whom the text is by: its author, or for an unsigned text (an editorial) its outlet."""
        return self.author or self.outlet

    @property
    def perspective(self) -> str:
        """The perspective's short name for chips, column heads, legends and axes: the curator's
        label, else the author (or the outlet, for an unsigned text) and the country, shortened
        to PERSPECTIVE_LABEL_LENGTH characters."""
        if self.label:
            return self.label
        name = self.by
        if not self.country:
            return shorten(name, PERSPECTIVE_LABEL_LENGTH)
        room = PERSPECTIVE_LABEL_LENGTH - len(self.country) - 3
        return f"{shorten(name, max(room, 8))} ({self.country})"


@dataclass(frozen=True)
class Document(Source):
    text: str = field(repr=False)
    excluded: tuple[ExcludedSpan, ...] = ()

    @property
    def source(self) -> Source:
        return Source(**{name.name: getattr(self, name.name) for name in fields(Source)})

    @cached_property
    def body_ranges(self) -> tuple[tuple[int, int], ...]:
        """Offsets of the author's own text: everything outside the excluded spans."""
        ranges = []
        cursor = 0
        for span in sorted(self.excluded, key=lambda s: s.start):
            if span.start > cursor:
                ranges.append((cursor, span.start))
            cursor = max(cursor, span.end)
        if cursor < len(self.text):
            ranges.append((cursor, len(self.text)))
        return tuple((start, end) for start, end in ranges if self.text[start:end].strip())

    @cached_property
    def folded(self) -> Normalised:
        """The text folded for matching quotes, computed once per document."""
        return normalise(self.text)

    @cached_property
    def written_in(self) -> str:
        """The language of the text: its declared tag, else the one its text reads as ("" for a
        text without letters). Guessed only when asked, once per document."""
        return self.language or language.detect(self.text)

    @property
    def body(self) -> str:
        """The author's words only, the parts joined as paragraphs (made when asked: only
        Readability reads it, once per version of the corpus)."""
        return "\n\n".join(self.text[start:end].strip() for start, end in self.body_ranges)


def format_point(value: int) -> str:
    """A scale point as readers write it: +1, 0, −2 (a true minus sign; zero has no sign)."""
    return f"+{value}" if value > 0 else ("0" if value == 0 else f"−{-value}")


def spread_of(points: Collection[int]) -> int:
    """How far apart scale points are: the highest less the lowest (0 for one point). The one
    measure of a theme's spread (Overview, and the loader's check of its agreement label), of a
    disputed pair of readings (agreement) and of the points a curator has set (Curate)."""
    return max(points) - min(points)


@dataclass(frozen=True)
class ScalePoint:
    value: int
    label: str


@dataclass(frozen=True)
class Theme:
    id: str
    label: str
    description: str
    question: str
    scale: tuple[ScalePoint, ...] = ()  # from -2 to 2 when the theme declares a scale

    def scale_label(self, value: int) -> str:
        return next((point.label for point in self.scale if point.value == value), "")


@dataclass(frozen=True)
class Quote:
    theme_id: str
    document_id: str
    text: str
    anchor: Anchor
    translation: str = ""  # an English rendering of a quote in another language
    translator: str = ""  # who made it; "" for the curator
    note: str = ""  # the curator's note on the quote, "" for none

    @property
    def translated_by(self) -> str:
        """Who made the translation, as the page names them."""
        return self.translator or "the curator"


@dataclass(frozen=True)
class Position:
    theme_id: str
    document_id: str
    coverage: Coverage
    stance: str
    summary: str
    rationale: str
    quotes: tuple[Quote, ...] = ()
    scale_value: int | None = None  # None when the author does not address the theme
    confidence: Confidence | Literal[""] = ""  # empty exactly when scale_value is None


@dataclass(frozen=True)
class Comparison:
    theme_id: str
    agreement: Agreement
    synthesis: str


@dataclass(frozen=True)
class EventQuote:
    """Where one author refers to an event, anchored in the captured text."""

    document_id: str
    text: str
    anchor: Anchor


@dataclass(frozen=True)
class Event:
    id: str
    date: PartialDate
    label: str
    description: str = ""
    theme_ids: tuple[str, ...] = ()
    date_source: str = ""
    quotes: tuple[EventQuote, ...] = ()

    def quotes_from(self, document_id: str) -> tuple[EventQuote, ...]:
        """This author's references to the event, in the order curated."""
        return tuple(quote for quote in self.quotes if quote.document_id == document_id)

    @property
    def document_ids(self) -> tuple[str, ...]:
        """The documents that refer to the event, each once."""
        return tuple(dict.fromkeys(quote.document_id for quote in self.quotes))


@dataclass(frozen=True)
class LexiconTerm:
    theme_id: str
    term: str
    match: LexiconMatch = "words"
    note: str = ""
    language: str = ""  # BCP 47: the term is looked for in texts in it; "" in every text

    @property
    def english(self) -> bool:
        """Whether the term is English (or of no language): only then does it take English
        endings."""
        return not self.language or language.is_english(self.language)

    @property
    def arabic(self) -> bool:
        """Whether the term may be Arabic (of that language, or of none): only then does a word
        of it in the Arabic script take the particles written on to it (و, ب, ال…)."""
        return not self.language or language.primary(self.language) == "ar"

    def looked_for_in(self, tag: str) -> bool:
        """Whether the term is looked for in a text in the language `tag`: a term of no
        language in every text, another in the texts within its language (`zh` in `zh-Hans`)."""
        return not self.language or language.within(tag, self.language)


@dataclass(frozen=True)
class Judgment:
    """A reviewer's verdict on one lexicon tag (lexicon_reviews.csv): the tagged sentence is
    named by its opening words."""

    document_id: str
    theme_id: str
    opening: str
    accepted: bool
    reason: str = ""

    @property
    def verdict(self) -> Verdict:
        """The verdict as lexicon_reviews.csv writes it."""
        return "accept" if self.accepted else "reject"


@dataclass(frozen=True)
class Reader:
    """Someone who read the texts, declared in corpus.toml: who, how, when, under which protocol
    and against which themes and scales (their digest)."""

    id: str
    name: str
    method: str
    date: PartialDate
    protocol: Protocol
    scales_digest: str


@dataclass(frozen=True)
class Reading:
    """One reader's own reading of a theme in a text (readings/<reader-id>.csv): what
    positions.csv holds after adjudication, before it."""

    reader_id: str
    theme_id: str
    document_id: str
    coverage: Coverage
    scale_value: int | None = None  # None when absent, or when the theme has no scale
    confidence: Confidence | Literal[""] = ""  # empty exactly when scale_value is None
    note: str = ""
    evidence: tuple[Anchor, ...] = ()  # the passages chosen as evidence, anchored in the text


@dataclass(frozen=True)
class Note:
    """A curator's note on a text (theme_id ""), a theme (document_id "") or a theme in a text."""

    document_id: str
    theme_id: str
    note: str


@dataclass(frozen=True)
class Corpus:
    root: str
    meta: CorpusMeta
    documents: tuple[Document, ...]
    themes: tuple[Theme, ...]
    positions: tuple[Position, ...]
    comparisons: tuple[Comparison, ...]
    events: tuple[Event, ...] = ()
    lexicon: tuple[LexiconTerm, ...] = ()
    lexicon_reviews: tuple[Judgment, ...] = ()
    readers: tuple[Reader, ...] = ()
    readings: tuple[Reading, ...] = ()  # by reader, then in theme and document order
    notes: tuple[Note, ...] = ()  # in notes.csv order
    warnings: tuple[Problem, ...] = ()  # problems that do not stop the corpus from loading
    # Translations of documents: read beside their originals, never perspectives of their own.
    translations: tuple[Document, ...] = ()

    # Lookups by id, indexed once: a large corpus asks for thousands of them per page.
    @cached_property
    def _documents_by_id(self) -> dict[str, Document]:
        return {document.id: document for document in (*self.documents, *self.translations)}

    @cached_property
    def _translations_by_original(self) -> dict[str, Document]:
        return {document.translation_of: document for document in reversed(self.translations)}

    @cached_property
    def _themes_by_id(self) -> dict[str, Theme]:
        return {theme.id: theme for theme in self.themes}

    @cached_property
    def _positions_by_key(self) -> dict[tuple[str, str], Position]:
        return {(p.theme_id, p.document_id): p for p in self.positions}

    @cached_property
    def _comparisons_by_theme(self) -> dict[str, Comparison]:
        return {comparison.theme_id: comparison for comparison in self.comparisons}

    @cached_property
    def curators_lowercase_words(self) -> frozenset[str]:
        """Words the curators write in lower case in their own prose (descriptions, questions,
        summaries, rationales, syntheses): how a theme's label reads inside a sentence."""
        prose = [
            *(f"{theme.description} {theme.question}" for theme in self.themes),
            *(f"{p.summary} {p.rationale}" for p in self.positions),
            *(comparison.synthesis for comparison in self.comparisons),
        ]
        return frozenset(word for text in prose for word in _LOWERCASE_WORD.findall(text))

    def theme_in_sentence(self, theme_id: str) -> str:
        """A theme's label as it reads mid-sentence: a first word capitalised only because it
        opens the label ("The", "Sanctions") is lower-cased when the curators write it so
        elsewhere; names, acronyms and unknown words keep the label's own capitals."""
        label = self.theme(theme_id).label
        first = _FIRST_WORD.match(label)
        if first is None:
            return label
        word = first.group(0)
        lowered = word[0].lower() + word[1:]
        if word[1:] != word[1:].lower() or lowered not in self.curators_lowercase_words:
            return label
        return lowered + label[len(word) :]

    def document(self, document_id: str) -> Document:
        return self._documents_by_id[document_id]

    def translation(self, document_id: str) -> Document | None:
        """The translation of a document, None when the corpus has none (the first, if several)."""
        return self._translations_by_original.get(document_id)

    def theme(self, theme_id: str) -> Theme:
        return self._themes_by_id[theme_id]

    def documents_among(self, document_ids: Collection[str] | None) -> list[Document]:
        """The documents whose ids are in `document_ids` (every one when None), in corpus order:
        those a view shows."""
        if document_ids is None:
            return list(self.documents)
        return [document for document in self.documents if document.id in document_ids]

    def find_position(self, theme_id: str, document_id: str) -> Position | None:
        """The curated position, or None where the table has no row for this pair."""
        return self._positions_by_key.get((theme_id, document_id))

    def comparison(self, theme_id: str) -> Comparison:
        return self._comparisons_by_theme[theme_id]

    @property
    def uncurated_count(self) -> int:
        """Theme × document pairs with no row in positions.csv."""
        return len(self.themes) * len(self.documents) - len(self.positions)

    @property
    def quote_count(self) -> int:
        return sum(len(position.quotes) for position in self.positions)

    def summary_line(self) -> str:
        return (
            f"{len(self.documents)} documents"
            + (f" (and {len(self.translations)} translation(s))" if self.translations else "")
            + f", {len(self.themes)} themes, "
            f"{len(self.positions)} positions, {self.quote_count} quotes"
            + (f", {len(self.events)} events" if self.events else "")
            + (
                f", {len(self.readings)} readings by {len(self.readers)} reader(s)"
                if self.readers
                else ""
            )
            + (
                f"; {self.uncurated_count} theme × document pairs not curated"
                if self.uncurated_count
                else ""
            )
        )
