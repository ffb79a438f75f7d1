"""Independent readings: the readers corpus.toml declares, and each one's reading file,
checked cell by cell and against the scales as positions.csv is."""

from __future__ import annotations

import os
from dataclasses import replace
from typing import Any

from perspectives import files
from perspectives.corpus import cells
from perspectives.corpus.cells import ID, arguments, scope_of
from perspectives.corpus.checker import Checker, Row
from perspectives.corpus.scales import check_scale_cells
from perspectives.corpus.tables import read_table
from perspectives.corpus.toml import check_keys
from perspectives.metadata import READER_KEYS, READERS_TABLE
from perspectives.model import Reader, Reading
from perspectives.schema import (
    METADATA_FILE,
    READINGS,
    READINGS_FOLDER,
    SCALES,
    THEMES,
    reading_file,
)


def load_readers(checker: Checker, data: dict[str, Any]) -> dict[str, Reader | None]:
    """Every reader id corpus.toml declares (a `[readers.<reader-id>]` table each), with the
    reader, or None after reporting what is wrong with the declaration."""
    report = checker.at(METADATA_FILE)
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
            before = len(checker.problems)
            check_keys(report, keys, READER_KEYS, prefix=where + ".")
            if len(checker.problems) == before:
                readers[reader_id] = Reader(reader_id, str(keys["name"]), str(keys["method"]))
    return readers


def load_readings(
    checker: Checker, readers: dict[str, Reader | None], tables: dict[str, list[Row]]
) -> list[Reading]:
    """Each declared reader's reading, checked cell by cell and against the scales as
    positions.csv is; a reading file needs a declared reader and a reader a file."""
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
            if fits and row.number in good:
                readings.append(Reading(reader_id=reader_id, **arguments(READINGS, row)))
    return readings


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
        f"add a [{READERS_TABLE}.{reader_id}] table with name and method, "
        "or name the file after a declared reader",
    )
