"""A corpus folder loaded: every part checked in turn, and the corpus made of what passed."""

from __future__ import annotations

import csv
import functools
import io
from collections.abc import Callable
from pathlib import Path

from perspectives import files, memo
from perspectives.corpus.cells import arguments, check_tables, defined, scope_of
from perspectives.corpus.checker import Checker, Row
from perspectives.corpus.events import build_events
from perspectives.corpus.kept import KEPT, contents, reused
from perspectives.corpus.quotes import anchor_quotes, pair
from perspectives.corpus.readings import load_readers, load_readings
from perspectives.corpus.reviews import lexicon_reviews, lexicon_terms
from perspectives.corpus.rules import check_coverage
from perspectives.corpus.scales import check_scales, theme_scales
from perspectives.corpus.spans import build_documents
from perspectives.corpus.tables import read_tables
from perspectives.corpus.toml import load_metadata, read_metadata
from perspectives.corpus.translations import check_translations, originals_only
from perspectives.model import (
    Comparison,
    Corpus,
    CorpusError,
    Note,
    Position,
    Problem,
    Quote,
    Theme,
)
from perspectives.reading_schema import READINGS_FOLDER
from perspectives.schema import (
    COMPARISONS,
    DOCUMENTS,
    EVENT_QUOTES,
    EVENTS,
    EXCLUDED_SPANS,
    LEXICON,
    LEXICON_REVIEWS,
    METADATA_FILE,
    NOTES,
    POSITIONS,
    QUOTES,
    RESOURCES,
    SCALES,
    THEMES,
)


def load(root: str | Path) -> Corpus:
    """Read and check a corpus folder; raise CorpusError listing every problem found."""
    with memo.collector_paused():
        return _load(Path(root))


def validate(root: str | Path) -> list[Problem]:
    """Every problem in the corpus folder, warnings included; it loads unless one is an error."""
    try:
        corpus = load(root)
    except CorpusError as error:
        return list(error.problems)
    return list(corpus.warnings)


def stamp(root: str | Path) -> files.Stamp:
    """The change stamp of the corpus in `root`: of the files it names (see `named_files`)."""
    root = Path(root)
    return files.stamp(root, named_files(root))


def named_files(root: Path) -> list[str]:
    """What a load of `root` reads, and nothing else in the folder: corpus.toml, the tables,
    the files in readings/, then the texts documents.csv names."""
    return [*fixed_files(root), *text_files(root)]


def fixed_files(root: Path) -> list[str]:
    """corpus.toml, the tables and the files in readings/ (hidden ones aside)."""
    named = [METADATA_FILE, *(resource.file for resource in RESOURCES)]
    try:
        listed = files.listing(root, READINGS_FOLDER)
    except files.Refused:  # none, or one that loading will say is wrong
        listed = []
    return named + [f"{READINGS_FOLDER}/{name}" for name in sorted(listed) if name[:1] != "."]


def text_files(root: Path) -> tuple[str, ...]:
    """The text files documents.csv names, read again only when the table changed."""
    try:
        status = (root / DOCUMENTS.file).stat()
    except (OSError, ValueError):
        return ()
    return _text_files(root, (status.st_ino, status.st_size, status.st_mtime_ns))


@functools.lru_cache(maxsize=8)
def _text_files(root: Path, version: tuple[int, int, int]) -> tuple[str, ...]:
    """The text_file column of documents.csv (`version` tells one state of it from another);
    none when it cannot be read: loading says why."""
    try:
        text = files.decode(files.read_bytes(root, DOCUMENTS.file))
        header, *rows = csv.reader(io.StringIO(text))
        column = header.index("text_file")
    except (files.Refused, csv.Error, ValueError):
        return ()
    return tuple(row[column] for row in rows if len(row) > column and row[column])


def _load(root: Path) -> Corpus:
    try:
        files.folder(root)
    except files.Refused as refusal:
        raise CorpusError([Problem(str(root), None, None, refusal.message, refusal.hint)]) from None
    checker = Checker(root)
    toml = read_metadata(checker)
    meta = None if toml is None else load_metadata(checker, toml)
    tables = read_tables(checker)
    valid, read = check_tables(checker, tables)
    documents = build_documents(checker, valid[DOCUMENTS.file], valid[EXCLUDED_SPANS.file])
    # What the work kept from earlier loads is keyed by: the tables' texts, the ids they
    # define, and what the documents hold.
    tables_read = tuple(checker.texts[resource.file] for resource in RESOURCES)
    ids = defined(scope_of(checker, tables))
    held = contents(documents)
    reused(checker, "coverage", tables_read, lambda: check_coverage(checker, originals_only(read)))
    check_translations(checker, read, documents)
    terms = lexicon_terms(checker, valid[LEXICON.file])
    reviews = reused(
        checker,
        "reviews",
        (checker.texts[LEXICON_REVIEWS.file], ids, held),
        lambda: lexicon_reviews(checker, valid[LEXICON_REVIEWS.file], documents),
    )
    reused(checker, "scales", tables_read, lambda: check_scales(checker, read, valid))
    quotes = reused(
        checker,
        "quotes",
        (checker.texts[QUOTES.file], ids, held),
        lambda: anchor_quotes(checker, valid[QUOTES.file], documents),
        clean=True,  # what is said of a quote not found depends on the quotes before it
    )
    events = build_events(checker, valid[EVENTS.file], valid[EVENT_QUOTES.file], documents)
    scales = theme_scales(valid[SCALES.file])
    themes = tuple(
        Theme(**arguments(THEMES, row), scale=scales.get(row.cells["id"], ()))
        for row in valid[THEMES.file]
    )
    readers = {} if toml is None else load_readers(checker, toml, themes)
    readings = [] if toml is None else load_readings(checker, readers, tables, documents)
    if checker.has_errors or meta is None:
        raise CorpusError(checker.problems)
    theme_rank = _in_order([row.cells["id"] for row in valid[THEMES.file]])
    document_rank = _in_order([row.cells["id"] for row in valid[DOCUMENTS.file]])
    positions = _positions(valid[POSITIONS.file], quotes)
    return Corpus(
        root=str(root),
        meta=meta,
        # in file order, as the valid rows are
        documents=tuple(d for d in documents.values() if not d.translation_of),
        translations=tuple(d for d in documents.values() if d.translation_of),
        themes=themes,
        positions=tuple(
            sorted(positions, key=lambda p: (theme_rank(p.theme_id), document_rank(p.document_id)))
        ),
        comparisons=tuple(
            sorted(
                (Comparison(**arguments(COMPARISONS, row)) for row in valid[COMPARISONS.file]),
                key=lambda c: theme_rank(c.theme_id),
            )
        ),
        events=events,
        lexicon=terms,
        lexicon_reviews=reviews,
        readers=tuple(reader for reader in readers.values() if reader is not None),
        readings=tuple(
            sorted(
                readings,
                key=lambda r: (
                    list(readers).index(r.reader_id),
                    theme_rank(r.theme_id),
                    document_rank(r.document_id),
                ),
            )
        ),
        notes=tuple(Note(**arguments(NOTES, row)) for row in valid[NOTES.file]),
        warnings=tuple(checker.problems),
    )


def _positions(rows: list[Row], quotes: dict[tuple[str, str], list[Quote]]) -> list[Position]:
    """A position for each row: the one the load before made where the row and its quotes are
    the same objects (every row a save did not touch, when work was kept for them)."""
    before: dict[int, tuple[Row, object, Position]] = KEPT.find("positions") or {}  # type: ignore[assignment]
    made = {}
    for row in rows:
        found = quotes.get(pair(row), ())
        kept = before.get(id(row))  # the row is alive while kept: its id is its own
        if kept is not None and kept[0] is row and kept[1] is found:
            position = kept[2]
        else:
            position = Position(**arguments(POSITIONS, row), quotes=tuple(found))
        made[id(row)] = (row, found, position)
    KEPT.keep("positions", made)
    return [position for _, _, position in made.values()]


def _in_order(ids: list[str]) -> Callable[[str], int]:
    """A sort key that keeps the order of `ids`, the order the curator wrote the rows in."""
    rank = {value: index for index, value in enumerate(ids)}
    return rank.__getitem__
