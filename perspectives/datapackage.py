"""The corpus's tables as a Frictionless data package: `datapackage.json` beside the CSV files.

Written from the schema (`perspectives.schema`), so it says what the loader checks: each
table's fields with their types, which are required, the values an enumerated field allows,
the bounds of a number, the longest text, and the primary and foreign keys. Frictionless and
the tools built on it (Open Data Editor, `frictionless validate`, CKAN) read the corpus with it.
What the schema cannot say in those terms (a quote must occur in its text, a comparison must fit
the coverage) stays the validator's: `python -m perspectives validate`.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Collection
from pathlib import Path, PurePosixPath
from typing import Any

from perspectives import csvtable, files
from perspectives.reading_schema import READINGS, READINGS_FOLDER
from perspectives.schema import ID_PATTERN, RESOURCES, Field, FieldKind, Resource

FILE = "datapackage.json"
#: A date as precise as the source gives it: a year, a month or a day.
PARTIAL_DATE_PATTERN = r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?"
#: Each kind of column as a Table Schema type; a partial date is text of a pattern (Table
#: Schema's date types each take one precision only), a list of ids is text.
_TYPES: dict[FieldKind, str] = {
    "id": "string",
    "text": "string",
    "date": "string",
    "enum": "string",
    "ref": "string",
    "refs": "string",
    "url": "string",
    "path": "string",
    "int": "integer",
    "language": "string",
}
_PATTERNS: dict[FieldKind, str] = {"id": ID_PATTERN, "date": PARTIAL_DATE_PATTERN}
_NOT_NAME = re.compile(r"[^a-z0-9._-]+")


def resource_name(file: str) -> str:
    """A resource's name from its file: `documents.csv` → `documents`, `readings/b.csv` →
    `readings-b` (lowercase letters, digits, `.`, `-` and `_`, as the standard asks)."""
    return _NOT_NAME.sub("-", str(PurePosixPath(file).with_suffix("")).lower()).strip("-")


def _constraints(field: Field) -> dict[str, Any]:
    constraints: dict[str, Any] = {"required": field.required}
    if field.choices:
        constraints["enum"] = list(field.choices)
    if field.kind in _PATTERNS:
        constraints["pattern"] = _PATTERNS[field.kind]
    if field.bounds is not None:
        constraints["minimum"], constraints["maximum"] = field.bounds
    if field.max_length is not None:
        constraints["maxLength"] = field.max_length
    return constraints


def table_field(field: Field) -> dict[str, Any]:
    """One column as a Table Schema field."""
    described = {
        "name": field.name,
        "type": _TYPES[field.kind],
        "description": field.description,
        "example": field.example,
        "constraints": _constraints(field),
    }
    if field.kind == "url":
        described["format"] = "uri"
    return described


def _foreign_keys(
    resource: Resource, present: Collection[str], columns: Collection[str]
) -> list[dict[str, Any]]:
    """A foreign key per column of the file naming one row of a table that the package holds
    (a space-separated list of ids is beyond what a foreign key says); one naming a row of its
    own table (a translation's original) refers to the resource "", as Table Schema has it."""
    return [
        {
            "fields": field.name,
            "reference": {
                "resource": ""
                if field.references == resource.file
                else resource_name(field.references),
                "fields": "id",
            },
        }
        for field in resource.fields
        if field.kind == "ref"
        and field.references is not None
        and field.references in present
        and field.name in columns
    ]


def _resource(
    resource: Resource, file: str, header: list[str] | None, present: Collection[str]
) -> dict[str, Any]:
    """A table: its declared fields in the order of its header (an optional column may be left
    out of a file, and Frictionless reads columns by position), every one without a header."""
    by_name = {field.name: field for field in resource.fields}
    columns = resource.columns if header is None else [c for c in header if c in by_name]
    schema: dict[str, Any] = {
        "fields": [table_field(by_name[column]) for column in columns],
        "primaryKey": list(resource.key),
    }
    foreign_keys = _foreign_keys(resource, present, columns)
    if foreign_keys:
        schema["foreignKeys"] = foreign_keys
    return {
        "name": resource_name(file),
        "path": file,
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "description": resource.description,
        "schema": schema,
    }


def _tables(files: Collection[str]) -> list[tuple[Resource, str]]:
    """The tables among `files`: the schema's, in its order (the required ones always), then
    each reader's reading."""
    tables = [(r, r.file) for r in RESOURCES if r.required or r.file in files]
    readings = sorted(
        file
        for file in files
        if PurePosixPath(file).parent == PurePosixPath(READINGS_FOLDER) and file.endswith(".csv")
    )
    return tables + [(READINGS, file) for file in readings]


#: A corpus folder's CSV files (paths relative to it), each with its header when known.
Headers = dict[str, list[str] | None]


def descriptor(title: str, version: str, files: Headers) -> dict[str, Any]:
    """The data package of a corpus whose folder holds `files`."""
    tables = _tables(files)
    present = {file for _, file in tables}
    return {
        "name": resource_name(title) or "corpus",
        "title": title,
        "version": version,
        "profile": "tabular-data-package",
        "resources": [
            _resource(resource, file, files.get(file), present) for resource, file in tables
        ],
    }


def descriptor_json(title: str, version: str, files: Headers) -> str:
    return json.dumps(descriptor(title, version, files), ensure_ascii=False, indent=2) + "\n"


def _header(root: Path, relative: str) -> list[str] | None:
    """The first record of a CSV file of the corpus; None when it cannot be read (the
    validator says why)."""
    try:
        found = csvtable.records(files.decode(files.read_bytes(root, relative)))
    except (files.Refused, csvtable.Unreadable):
        return None
    return found[0] if found else None


def corpus_files(root: Path) -> Headers:
    """The CSV files of a corpus folder with their headers, for `descriptor`: the tables, and
    the readings."""
    tables = [resource.file for resource in RESOURCES]
    readings = sorted((root / READINGS_FOLDER).glob("*.csv"))
    found = [file for file in tables if (root / file).is_file()]
    found += [path.relative_to(root).as_posix() for path in readings]
    return {file: _header(root, file) for file in found}


def package_json(root: Path, title: str, version: str) -> str:
    """datapackage.json for the corpus folder `root` with this title and version."""
    return descriptor_json(title, version, corpus_files(root))


def write(root: Path, title: str, version: str) -> Path:
    """Write datapackage.json into the corpus folder, replacing the one there: it is derived
    from the schema and the tables present, never edited by hand."""
    target = root / FILE
    content = package_json(root, title, version)
    folder = files.open_folder(root, ())
    try:
        files.write_atomic(folder, FILE, content.encode("utf-8"), target)
    finally:
        os.close(folder)
    return target
