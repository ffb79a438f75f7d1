"""Independent readings: the readers corpus.toml declares, and each one's reading file,
checked cell by cell and against the scales as positions.csv is."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

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
    _check_reading_files(checker, readers)
    scope = scope_of(checker, tables)
    themes = {row.cells["id"] for row in tables[THEMES.file]}
    scaled = {row.cells["theme_id"] for row in tables[SCALES.file]}
    readings = []
    for reader_id in filter(ID.match, readers):
        resource = replace(READINGS, file=reading_file(reader_id))
        if not (checker.root / resource.file).is_file():
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


def _check_reading_files(checker: Checker, readers: dict[str, Reader | None]) -> None:
    """Every file in readings/ is the reading of a declared reader (hidden files, such as a
    spreadsheet's lock file, are left alone)."""
    folder = checker.root / READINGS_FOLDER
    if not folder.is_dir():
        return
    for path in sorted(folder.iterdir()):
        relative = f"{READINGS_FOLDER}/{path.name}"
        if path.name.startswith("."):
            continue
        if path.suffix != ".csv" or not path.is_file():
            checker.at(relative).add(
                None,
                "not a reading",
                f"{READINGS_FOLDER}/ holds only <reader-id>.csv files; move it elsewhere",
            )
        elif path.stem not in readers:
            checker.at(relative).add(
                None,
                f"reader {path.stem!r} is not declared in {METADATA_FILE}",
                f"add a [{READERS_TABLE}.{path.stem}] table with name and method, "
                "or name the file after a declared reader",
            )
