"""A small valid corpus to start from: `python -m perspectives init DIR`.

Its tables and texts are package data (perspectives/starter_corpus/), written as they are;
corpus.toml is written from the schema's keys and their descriptions, with the shipped values
and the date of the day. A test checks that the tables have every column the schema declares.
"""

from __future__ import annotations

import datetime as dt
import os
import secrets
import shutil
import tomllib
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path, PurePosixPath
from typing import Any

from perspectives import csvtable, datapackage, files
from perspectives.csvtable import Table
from perspectives.metadata import METADATA_KEYS, key_comment, toml_value
from perspectives.schema import DOCUMENTS, METADATA_FILE, RESOURCES, THEMES, Resource


class StarterRefused(Exception):
    """The starter corpus cannot be written there; nothing was written."""


class NotEmptyError(StarterRefused):
    """The target folder already holds something; init never overwrites."""


#: The starter corpus as shipped with the package: its tables and texts exactly as init writes
#: them, and its corpus.toml's values.
CORPUS = resources.files("perspectives") / "starter_corpus"


def _shipped(folder: Traversable = CORPUS, under: str = "") -> dict[str, str]:
    """Relative path → text of every file of the shipped starter corpus, read as text (the line
    endings a checkout gave them read as \\n)."""
    found: dict[str, str] = {}
    for item in sorted(folder.iterdir(), key=lambda item: item.name):
        if item.is_dir():
            found |= _shipped(item, f"{under}{item.name}/")
        else:
            found[under + item.name] = item.read_text(encoding="utf-8")
    return found


def example_ids() -> tuple[list[str], list[str]]:
    """The ids of the starter's example documents and themes. They are there so that a new
    corpus is valid, and shows what a finished one looks like, before it holds anything of the
    curator's own; the Curate page offers to remove them once it does."""
    shipped = _shipped()

    def ids(resource: Resource) -> list[str]:
        return [row["id"] for row in Table.parse(shipped[resource.file].encode()).rows()]

    return ids(DOCUMENTS), ids(THEMES)


def shipped_metadata() -> dict[str, Any]:
    """The `[corpus]` values init writes (with the date): a corpus whose title is still this
    one has details the curator has yet to set."""
    return dict(tomllib.loads(_shipped()[METADATA_FILE])["corpus"])


def metadata_toml(created: dt.date) -> str:
    """corpus.toml with every declared key that has a value (the shipped corpus.toml's, and the
    date), each preceded by its description in the schema as a comment."""
    values = shipped_metadata() | {"created": created.isoformat()}
    lines = ["[corpus]"]
    for key in METADATA_KEYS:
        if key.name in values:
            lines.append(key_comment(key))
            lines.append(f"{key.name} = {toml_value(values[key.name])}")
    return "\n".join(lines) + "\n"


def starter_files(created: dt.date, empty: bool = False) -> dict[str, str]:
    """Relative path → content of every file of the starter corpus: corpus.toml, then the
    tables in the schema's order, then the texts, then datapackage.json. `empty`: the tables'
    headers only, and no text (a corpus with errors until a document and a theme are added: the
    Curate page says which and adds them)."""
    shipped = _shipped()
    tables = [resource.file for resource in RESOURCES if resource.file in shipped]
    if empty:
        written = {name: shipped[name].splitlines()[0] + "\n" for name in tables}
    else:
        rest = sorted(set(shipped) - set(tables) - {METADATA_FILE})
        written = {name: shipped[name] for name in tables + rest}
    files = {METADATA_FILE: metadata_toml(created)} | written
    return files | {datapackage.FILE: _datapackage(files)}


def _datapackage(files: dict[str, str]) -> str:
    """datapackage.json for the starter's tables, as `python -m perspectives datapackage`
    writes it."""
    corpus = tomllib.loads(files[METADATA_FILE])["corpus"]
    headers: datapackage.Headers = {
        name: csvtable.records(text)[0] for name, text in files.items() if name.endswith(".csv")
    }
    return datapackage.descriptor_json(corpus["title"], corpus["version"], headers)


def write_starter(target: Path, created: dt.date | None = None, empty: bool = False) -> list[str]:
    """Write the starter corpus (`empty`: without its examples, see starter_files) into a new or
    empty folder; return the files written. Refused (StarterRefused) before anything is written,
    or undone when a write fails half-way: the files are written into a hidden folder beside the
    target, renamed into place once all are there, so that no half-written corpus is ever seen
    under the target's name."""
    _check_target(target)
    contents = starter_files(created or dt.date.today(), empty)
    made: list[Path] = []  # folders above the target this call created, to undo on failure
    scratch = target.parent / f".{target.name[:32]}.{secrets.token_hex(8)}.init"
    try:
        for folder in reversed([f for f in target.parent.parents if not f.exists()]):
            folder.mkdir()
            made.append(folder)
        if not target.parent.exists():
            target.parent.mkdir()
            made.append(target.parent)
        scratch.mkdir()
        _write_all(scratch, contents)
        os.rename(scratch, target)  # over an empty folder, or none: never over a file
        _sync(target.parent)
    except (OSError, files.Refused) as error:
        shutil.rmtree(scratch, ignore_errors=True)
        for folder in reversed(made):
            folder.rmdir()
        why = files.reason(error) if isinstance(error, OSError) else error.message
        raise StarterRefused(
            f"cannot write the starter corpus to {target}: {why}; choose a folder you may write to"
        ) from None
    return list(contents)


def _check_target(target: Path) -> None:
    """StarterRefused unless `target` is a new name or an empty folder."""
    try:
        if target.is_symlink() and not target.exists():
            raise StarterRefused(
                f"{target} is a link to {os.readlink(target)}, which does not exist; "
                "init writes only into a new or empty folder: choose another name"
            )
        occupied = target.exists() and (not target.is_dir() or any(target.iterdir()))
    except OSError as error:
        raise StarterRefused(f"cannot look into {target}: {files.reason(error)}") from None
    if occupied:
        raise NotEmptyError(
            f"{target} already exists and is not an empty folder; "
            "init never overwrites: choose a new folder name"
        )


def _write_all(root: Path, contents: dict[str, str]) -> None:
    """Every file of `contents` in the new folder `root`, each written whole and synced."""
    for relative, content in contents.items():
        path = PurePosixPath(relative)
        folder = files.open_folder(root, path.parent.parts, made=[])
        try:
            files.create(folder, path.name, content.encode("utf-8"), root / path.parent)
            files.sync(folder)
        finally:
            os.close(folder)


def _sync(folder: Path) -> None:
    """Make a rename in the folder durable."""
    descriptor = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        files.sync(descriptor)
    finally:
        os.close(descriptor)
