"""Readings of the theme table: the readers corpus.toml declares, with who made each reading,
when, under which protocol and against which themes and scales, and each one's reading file,
checked cell by cell and against the scales as positions.csv is."""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from perspectives import anchor, files
from perspectives.corpus import cells
from perspectives.corpus.cells import ID, arguments, scope_of
from perspectives.corpus.checker import Checker, Report, Row
from perspectives.corpus.hints import capped_hint
from perspectives.corpus.scales import check_scale_cells
from perspectives.corpus.tables import read_table
from perspectives.corpus.toml import read_keys
from perspectives.corpus.translations import not_a_perspective
from perspectives.metadata import DIGEST_PREFIX, PROTOCOLS, READER_KEYS, READERS_TABLE
from perspectives.model import Document, Reader, Reading, Theme
from perspectives.reading_schema import (
    READINGS,
    READINGS_FOLDER,
    evidence_passages,
    reading_file,
)
from perspectives.schema import METADATA_FILE, SCALES, THEMES

_DIGEST = re.compile(re.escape(DIGEST_PREFIX) + "[0-9a-f]{64}")


def scales_digest(themes: Iterable[Theme]) -> str:
    """The digest of what a reader reads against: each theme's id, label, description and
    question, and its scale's points and labels, in corpus order. Canonical JSON (sorted keys,
    no spaces, UTF-8), so the same tables give the same digest on every machine, and any change
    a reader could see gives another."""
    canonical = [
        {
            "id": theme.id,
            "label": theme.label,
            "description": theme.description,
            "question": theme.question,
            "scale": [[point.value, point.label] for point in theme.scale],
        }
        for theme in themes
    ]
    text = json.dumps(canonical, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return DIGEST_PREFIX + hashlib.sha256(text.encode("utf-8")).hexdigest()


def load_readers(
    checker: Checker, data: dict[str, Any], themes: Iterable[Theme]
) -> dict[str, Reader | None]:
    """Every reader id corpus.toml declares (a `[readers.<reader-id>]` table each), with the
    reader, or None after reporting what is wrong with the declaration. A reading made against
    other themes or scales than `themes` (the valid ones) is loaded with a warning."""
    report = checker.at(METADATA_FILE)
    broken = any(
        p.file in (THEMES.file, SCALES.file) and p.severity == "error" for p in checker.problems
    )
    # Themes or scales in error are not what any reader read: no digest to compare with.
    digest = None if broken else scales_digest(themes)
    declared = data.get(READERS_TABLE, {})
    example = f"[{READERS_TABLE}.reader-b] on a line of its own, then name = … and method = …"
    if not isinstance(declared, dict):
        report.add(READERS_TABLE, "must be a table of readers", f"write {example}")
        return {}
    readers: dict[str, Reader | None] = {}
    for reader_id, keys in declared.items():
        where = f"{READERS_TABLE}.{reader_id}"
        readers[reader_id] = None
        if not ID.match(reader_id):
            report.add(
                where,
                f"invalid reader id {reader_id!r}",
                "use lowercase letters, digits and single hyphens, e.g. "
                f"[{READERS_TABLE}.reader-b]; the id also names the file "
                + reading_file("reader-b"),
            )
        elif not isinstance(keys, dict):
            report.add(where, "must be a table", f"write {example}")
        else:
            readers[reader_id] = _reader(report, reader_id, keys, digest)
    return readers


def _digest_hint(digest: str | None) -> str:
    if digest is None:
        return (
            f"once {THEMES.file} and {SCALES.file} are valid, `python -m perspectives agreement "
            "--scales-digest` prints their digest: record it for a reading made against them"
        )
    return (
        f'e.g. scales_digest = "{digest}", the digest of the current {THEMES.file} and '
        f"{SCALES.file}: record it only for a reading made against them"
    )


def _reader(
    report: Report, reader_id: str, keys: dict[str, Any], digest: str | None
) -> Reader | None:
    """One reader's declaration, typed and checked: a known protocol, a well-formed digest;
    a digest of other scales is a warning, since the reading stays valid as a record."""
    where = f"{READERS_TABLE}.{reader_id}."
    values = read_keys(report, keys, READER_KEYS, where, {"scales_digest": _digest_hint(digest)})
    if values is None:
        return None
    if values["protocol"] not in PROTOCOLS:
        report.add(
            where + "protocol",
            f"unknown protocol {values['protocol']!r}",
            "write "
            + " or ".join(f'protocol = "{name}" ({words})' for name, words in PROTOCOLS.items()),
        )
        return None
    if not _DIGEST.fullmatch(values["scales_digest"]):
        report.add(
            where + "scales_digest",
            f"not a digest: expected {DIGEST_PREFIX} and 64 hexadecimal digits",
            _digest_hint(digest),
        )
        return None
    if digest is not None and values["scales_digest"] != digest:
        report.add(
            where + "scales_digest",
            "themes.csv or scales.csv changed after this reading was made: agreement leaves it out",
            "have the texts read again against the current scales; if the change does not touch "
            f'what was read, record scales_digest = "{digest}"',
            severity="warning",
        )
    return Reader(id=reader_id, **values)


def load_readings(
    checker: Checker,
    readers: dict[str, Reader | None],
    tables: dict[str, list[Row]],
    documents: dict[str, Document],
) -> list[Reading]:
    """Each declared reader's reading, checked cell by cell and against the scales as
    positions.csv is, its evidence anchored in the text; a reading file needs a declared reader
    and a reader a file."""
    if not _check_reading_files(checker, readers):
        return []
    scope = scope_of(checker, tables)
    themes = {row.cells["id"] for row in tables[THEMES.file]}
    scaled = {row.cells["theme_id"] for row in tables[SCALES.file]}
    readings = []
    for reader_id in filter(ID.match, readers):
        resource = replace(READINGS, file=reading_file(reader_id))
        if not files.present(checker.root, resource.file):
            checker.at(METADATA_FILE).add(
                f"{READERS_TABLE}.{reader_id}",
                f"reader {reader_id!r} has no reading",
                f"put it in {resource.file}, or remove [{READERS_TABLE}.{reader_id}]",
            )
            continue
        rows = read_table(checker, resource) or []
        good = {row.number for row in cells.check_cells(checker, resource, rows, scope)}
        for row in rows:
            report = checker.at(resource.file, row.number)
            fits = check_scale_cells(report, row, themes, scaled, "reading")
            document = documents.get(row.cells["document_id"])
            if document is not None and document.translation_of:
                not_a_perspective(report, document.id, document.translation_of)
                continue
            evidence = None if document is None else anchor_evidence(checker, report, row, document)
            if fits and row.number in good and evidence is not None:
                given = arguments(READINGS, row) | {"evidence": evidence}
                readings.append(Reading(reader_id=reader_id, **given))
    return readings


def anchor_evidence(
    checker: Checker, report: Report, row: Row, document: Document
) -> tuple[anchor.Anchor, ...] | None:
    """Each passage of the row's evidence anchored at its first place in the author's own words
    (where it is does not matter to its overlap with other passages of the same words), or None
    after reporting each passage that is not there."""
    anchors: list[anchor.Anchor] = []
    excluded = [(span.start, span.end) for span in document.excluded]
    passages = evidence_passages(row.cells.get("evidence", ""))
    for passage in passages:
        found = anchor.find_all(document.folded, passage)
        in_body = [span for span in found if not anchor.overlaps(span, excluded)]
        if in_body:
            anchors.append(anchor.make_anchor(document.text, *in_body[0]))
        elif found:
            report.add(
                "evidence",
                f"evidence {passage!r} lies in text that is not the author's",
                "choose the author's own words",
            )
        else:
            report.add(
                "evidence",
                f"evidence {passage!r} not found verbatim in {document.id}",
                capped_hint(checker, document.folded, passage, document.text, "copy the words"),
            )
    return tuple(anchors) if len(anchors) == len(passages) else None


def _check_reading_files(checker: Checker, readers: dict[str, Reader | None]) -> bool:
    """Every file in readings/ is the reading of a declared reader (hidden files, such as a
    spreadsheet's lock file, are left alone). False when the folder cannot be read: that one
    problem is reported, and not again for each reading in it."""
    try:
        names = files.listing(checker.root, READINGS_FOLDER)
    except files.Missing:
        return True
    except files.Refused as refusal:
        checker.at(READINGS_FOLDER).add(None, refusal.message, refusal.hint)
        return False
    for name in sorted(names):
        relative = f"{READINGS_FOLDER}/{name}"
        stem, suffix = os.path.splitext(name)
        if name.startswith("."):
            continue
        if suffix != ".csv":
            checker.at(relative).add(
                None,
                "not a reading",
                f"{READINGS_FOLDER}/ holds only <reader-id>.csv files; move it elsewhere",
            )
        elif stem not in readers:
            _check_undeclared(checker, relative, stem)
    return True


def _check_undeclared(checker: Checker, relative: str, reader_id: str) -> None:
    """A file named like a reading of no declared reader: what it is when it is no file, else
    that its reader is not declared."""
    try:
        files.resolve(checker.root, relative)
    except files.Refused as refusal:
        checker.at(relative).add(None, refusal.message, refusal.hint)
        return
    checker.at(relative).add(
        None,
        f"reader {reader_id!r} is not declared in {METADATA_FILE}",
        f"add a [{READERS_TABLE}.{reader_id}] table with "
        f"{', '.join(key.name for key in READER_KEYS)}, "
        "or name the file after a declared reader",
    )
