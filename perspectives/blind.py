"""A blind reading made in the dashboard: what a reader may see, and the change that records
what they read.

A reading is blind only if its reader never saw the positions, the comparisons or anyone
else's reading. `view` is all a blind reader's page is built from: the texts, the themes'
descriptions and questions, and the scales; `own_reading` adds back the reader's own rows
alone, so a reader can stop partway and come back. `reading_change` writes the reading to
`readings/<reader-id>.csv` and declares its reader in corpus.toml with protocol `blind`, the
date and the digest of the scales read against, in one change that `store.save` checks and
writes all or nothing.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass

from perspectives import store, toml_tables
from perspectives.anchor import squeeze
from perspectives.corpus.readings import scales_digest
from perspectives.curate import CurationError, Snapshot
from perspectives.curate_readers import check_reader_id, reader_table, unwritable
from perspectives.metadata import PROTOCOLS, READERS_TABLE, toml_value
from perspectives.model import Corpus, Reading, Theme
from perspectives.reading_schema import EVIDENCE_SEPARATOR, READINGS, reading_file
from perspectives.schema import METADATA_FILE
from perspectives.sentences import Sentence, document_sentences

#: What a reading made on the Read blind page records of how it was made.
METHOD = (
    "Read in the dashboard's Read blind page, which shows the texts, the themes' descriptions "
    "and questions and the scales only, without sight of the positions, the comparisons or any "
    "other reading."
)


@dataclass(frozen=True)
class Text:
    """A text as a blind reader gets it: who wrote it, its title, its words, and the sentences
    of the author's own words, which a reader may choose as evidence."""

    id: str
    by: str
    title: str
    text: str
    sentences: tuple[Sentence, ...]


@dataclass(frozen=True)
class BlindView:
    """All a blind reader is shown: the texts, the themes with their scales, and the digest of
    those themes and scales, which the reading records."""

    texts: tuple[Text, ...]
    themes: tuple[Theme, ...]
    scales_digest: str


def view(corpus: Corpus) -> BlindView:
    """The texts, themes and scales of the corpus, and nothing else of it."""
    texts = tuple(
        Text(d.id, d.by, d.title, d.text, document_sentences(d)) for d in corpus.documents
    )
    return BlindView(texts, corpus.themes, scales_digest(corpus.themes))


def same_name(given: str, declared: str) -> bool:
    """Whether two ways of writing a reader's name are the same name (case and spacing aside)."""
    return given.split() != [] and given.casefold().split() == declared.casefold().split()


def own_reading(corpus: Corpus, reader_id: str, name: str) -> tuple[Reading, ...] | None:
    """The rows of `reader_id`'s own reading, nobody else's: none for a reader not yet
    declared; None, with no row, for an id declared under another name or for a reading that
    is not blind (a reader goes on with their own blind reading only)."""
    reader = next((r for r in corpus.readers if r.id == reader_id), None)
    if reader is None:
        return ()
    if reader.protocol != "blind" or not same_name(name, reader.name):
        return None
    return tuple(r for r in corpus.readings if r.reader_id == reader_id)


@dataclass(frozen=True)
class BlindReading:
    """What a reader saved: who, against which scales, and their rows (any number of them)."""

    reader_id: str
    name: str
    scales_digest: str
    readings: tuple[Reading, ...]


def reading_change(
    snapshot: Snapshot, toml: bytes | None, reading: BlindReading, today: dt.date
) -> store.Change:
    """The reader's file, holding their rows in the order given, and their declaration in
    `toml` (corpus.toml as read) as a blind reading made `today`. A point and a confidence are
    written only where the coverage takes them (not for `absent`); the validator refuses the
    rest when the change is saved. Refused: an id that cannot name a reader, no name, no row,
    or an id already declared for a reading that is not blind or under another name."""
    reader_id, name = reading.reader_id.strip(), reading.name.strip()
    check_reader_id(reader_id)
    if not name:
        raise CurationError("give the reader's name")
    if not reading.readings:
        raise CurationError("nothing read yet: give the coverage of at least one theme in a text")
    text = (toml or b"").decode("utf-8")
    keys = {
        "name": name,
        "method": METHOD,
        "date": today.isoformat(),
        "protocol": "blind",
        "scales_digest": reading.scales_digest,
    }
    file = reading_file(reader_id)
    existing = snapshot.table(READINGS, file).with_columns(READINGS.columns)
    table = existing.without(range(len(existing.records)))
    for row in reading.readings:
        table = table.appended(_cells(row))
    writes: dict[str, bytes | None] = {
        file: table.to_bytes(),
        METADATA_FILE: declared(text, reader_id, keys).encode("utf-8"),
    }
    base = {file: snapshot.digests.get(file), METADATA_FILE: store.digest(toml)}
    return store.Change(f"blind reading by {reader_id}", writes, base)


def _cells(reading: Reading) -> dict[str, str]:
    pointed = reading.coverage != "absent" and reading.scale_value is not None
    return {
        "theme_id": reading.theme_id,
        "document_id": reading.document_id,
        "coverage": reading.coverage,
        "scale_value": str(reading.scale_value) if pointed else "",
        "confidence": reading.confidence if pointed else "",
        "note": reading.note.strip(),
        "evidence": EVIDENCE_SEPARATOR.join(squeeze(found.exact) for found in reading.evidence),
    }


def declared(toml: str, reader_id: str, keys: dict[str, str]) -> str:
    """corpus.toml with `[readers.<reader_id>]` holding `keys`: the reader's table rewritten in
    place of the old one, or added at the end. Refused for a reader declared with another
    protocol than blind or under another name (it is someone else's reading), or declared in
    a form other than a table of its own."""
    try:
        known = _declaration(toml, reader_id)
    except tomllib.TOMLDecodeError as error:
        raise CurationError(f"{METADATA_FILE} cannot be read: {error}") from None
    if known is not None and known.get("protocol") != "blind":
        raise CurationError(
            f"reader {reader_id!r} is declared for a reading that is not blind "
            f"({PROTOCOLS['open']}): choose another reader id"
        )
    if known is not None and not same_name(keys["name"], str(known.get("name", ""))):
        raise CurationError(
            f"reader {reader_id!r} is declared under another name: give that name to go on "
            "with their reading, or choose another reader id"
        )
    lines = toml_tables.lines(toml)
    found = reader_table(lines, reader_id)
    if found is not None:
        del lines[found.header : found.end]
    kept = "".join(lines).rstrip("\n")
    table = [f"[{READERS_TABLE}.{reader_id}]"] + [f"{k} = {toml_value(v)}" for k, v in keys.items()]
    written = (kept + "\n\n" if kept else "") + "\n".join(table) + "\n"
    try:
        rewritten = _declaration(written, reader_id) == keys
    except tomllib.TOMLDecodeError:
        rewritten = False
    if not rewritten:
        raise unwritable(reader_id)
    return written


def _declaration(toml: str, reader_id: str) -> dict[str, object] | None:
    """The keys corpus.toml declares for the reader, if it declares them as a table."""
    readers = tomllib.loads(toml).get(READERS_TABLE)
    known = readers.get(reader_id) if isinstance(readers, dict) else None
    return known if isinstance(known, dict) else None
