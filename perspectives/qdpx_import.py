"""A corpus to curate from a REFI-QDA project (`.qdpx`) that another tool wrote.

Its text sources become documents (`texts/<id>.txt` and a row of documents.csv, filled from the
variables of the source and of the cases that hold it), its codes candidate themes, and each
coded selection a quote waiting for review in `review/quotes.csv`: quotes.csv takes a quote
only beside a position, and positions are a curator's judgement, never invented here. A child
code `scale +1: label` under a theme (as our own export writes them) is a scale point of it, and
a child code `coverage: …` stands for its parent theme.

The file comes from someone else, so nothing in it is trusted: the zip's members are counted
and their sizes added up before anything is read (a zip bomb), a member whose name leads out of
the zip's root is refused (path traversal), project.qde is parsed without entities or a DTD
(entity expansion), and every source must be there and every selection lie within its text.
Any of these refuses the whole file with `ImportRefused`, and nothing is written: the corpus is
written into a hidden folder beside the target, which takes the target's name only at the end.
"""

from __future__ import annotations

import csv
import io
import os
import re
import secrets
import shutil
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from perspectives import files
from perspectives.anchor import CONTEXT_CHARS
from perspectives.metadata import toml_value
from perspectives.qdpx import (
    ID_LINE,
    INTERNAL,
    NAMESPACE,
    QUESTION_LINE,
    SOURCES_FOLDER,
)
from perspectives.schema import (
    COMPARISONS,
    DOCUMENTS,
    EXCLUDED_SPANS,
    ID_PATTERN,
    METADATA_FILE,
    POSITIONS,
    QUOTES,
    SCALE_POINTS,
    SCALES,
    THEMES,
)

#: Most members a .qdpx may hold, and most bytes they may hold once uncompressed, together.
MAX_MEMBERS = 10_000
MAX_TOTAL_BYTES = 256 * 1024 * 1024
#: Where the coded selections wait for a curator's review.
REVIEW_FILE = "review/quotes.csv"
TEXTS_FOLDER = "texts"

_SCALE_CODE = re.compile(r"^scale ([+\-−]?[0-9]+): (.*)$", re.DOTALL)
_COVERAGE_CODE = re.compile(r"^coverage: [a-z]+$")
_NOT_ID = re.compile(r"[^a-z0-9]+")
_VALUES = ("TextValue", "BooleanValue", "IntegerValue", "FloatValue", "DateValue")


class ImportRefused(Exception):
    """The file is not imported, and why; nothing was written."""


def _q(name: str) -> str:
    return f"{{{NAMESPACE}}}{name}"


def _attribute(element: Element, name: str) -> str:
    value = element.get(name)
    if value is None:
        tag = element.tag.removeprefix(_q(""))
        raise ImportRefused(f"project.qde: a {tag} has no {name!r} attribute")
    return value


def _integer(element: Element, name: str) -> int:
    value = _attribute(element, name)
    try:
        return int(value)
    except ValueError:
        raise ImportRefused(f"project.qde: {name}={value!r} is not a whole number") from None


def identifier(name: str, taken: set[str]) -> str:
    """An id (lowercase words joined by hyphens) from a name, made unique among `taken`."""
    base = _NOT_ID.sub("-", name.lower()).strip("-") or "item"
    candidate, number = base, 1
    while candidate in taken:
        number += 1
        candidate = f"{base}-{number}"
    taken.add(candidate)
    return candidate


# -- Reading the zip ---------------------------------------------------------------------------


def _safe_name(name: str) -> bool:
    """A member name that stays inside the folder it is unpacked into (and names no drive)."""
    try:
        files.relative(name)
    except ValueError:
        return False
    return ":" not in name


def _checked_members(zipped: zipfile.ZipFile) -> dict[str, zipfile.ZipInfo]:
    members = zipped.infolist()
    if len(members) > MAX_MEMBERS:
        raise ImportRefused(f"the file holds {len(members)} members; at most {MAX_MEMBERS}")
    unsafe = [member.filename for member in members if not _safe_name(member.filename)]
    if unsafe:
        raise ImportRefused(f"a member's name leads outside the project: {unsafe[0]!r}")
    total = sum(member.file_size for member in members)
    if total > MAX_TOTAL_BYTES:
        raise ImportRefused(
            f"the file would unpack to {total} bytes; at most {MAX_TOTAL_BYTES} are read"
        )
    return {member.filename: member for member in members if not member.is_dir()}


@dataclass
class _Archive:
    zipped: zipfile.ZipFile
    members: dict[str, zipfile.ZipInfo]

    def read(self, name: str, what: str) -> bytes:
        member = self.members.get(name)
        if member is None:
            raise ImportRefused(f"{what} is missing from the file ({name})")
        try:
            with self.zipped.open(member) as handle:
                return handle.read(member.file_size + 1)[: member.file_size]
        except (
            zipfile.BadZipFile,
            OSError,
            RuntimeError,
            ValueError,
            NotImplementedError,
        ) as error:
            raise ImportRefused(f"cannot read {name}: {error}") from None


def _project_root(archive: _Archive) -> Element:
    names = [name for name in archive.members if "/" not in name and name.endswith(".qde")]
    if len(names) != 1:
        raise ImportRefused("not a REFI-QDA project: no project.qde at the top of the zip")
    try:
        root = fromstring(archive.read(names[0], "project.qde"), forbid_dtd=True)
    except DefusedXmlException as error:
        raise ImportRefused(f"project.qde is refused: {type(error).__name__}") from None
    except ParseError as error:
        raise ImportRefused(f"project.qde is not well-formed XML: {error}") from None
    if root.tag != _q("Project"):
        raise ImportRefused(f"project.qde does not hold a Project of {NAMESPACE}")
    return root


# -- The project, as corpus rows ---------------------------------------------------------------


@dataclass
class Imported:
    """The rows and texts of the corpus made from a project."""

    title: str
    documents: list[dict[str, str]] = field(default_factory=list)
    texts: dict[str, str] = field(default_factory=dict)  # text_file → text
    themes: list[dict[str, str]] = field(default_factory=list)
    scales: list[dict[str, str]] = field(default_factory=list)
    quotes: list[dict[str, str]] = field(default_factory=list)
    codes: dict[str, str] = field(default_factory=dict)  # code GUID → theme id


def _split_description(text: str) -> tuple[str, str, str]:
    """Description, question and id from a code's description as our export writes it; a
    description without those lines is the description alone."""
    rest, _, theme_id = text.rpartition(ID_LINE)
    description, _, question = rest.rpartition(QUESTION_LINE)
    if rest and description and re.match(ID_PATTERN, theme_id):
        return description, question, theme_id
    return text, "", ""


def _theme(imported: Imported, code: Element, taken: set[str]) -> str:
    name = _attribute(code, "name")
    description, question, given = _split_description(code.findtext(_q("Description")) or "")
    theme_id = identifier(given or name, taken)
    row = {"id": theme_id, "label": name, "description": description, "question": question}
    imported.themes.append(row)
    return theme_id


def _codes(imported: Imported, parent: Element, theme_id: str | None, taken: set[str]) -> None:
    """Walk the code book: a theme per code, save the scale and coverage codes of a theme."""
    for code in parent.iterfind(_q("Code")):
        guid, name = _attribute(code, "guid"), _attribute(code, "name")
        point = _SCALE_CODE.match(name)
        if theme_id is not None and point:
            value = str(int(point.group(1).replace("−", "-")))
            imported.scales.append({"theme_id": theme_id, "value": value, "label": point.group(2)})
            imported.codes[guid] = theme_id
        elif theme_id is not None and _COVERAGE_CODE.match(name):
            imported.codes[guid] = theme_id
        else:
            own = _theme(imported, code, taken)
            imported.codes[guid] = own
            _codes(imported, code, own, taken)


def _complete_scales(imported: Imported) -> None:
    """Keep a theme's scale only when it has every point: a partial one is no scale."""
    points: dict[str, set[str]] = {}
    for row in imported.scales:
        points.setdefault(row["theme_id"], set()).add(row["value"])
    complete = {theme for theme, found in points.items() if found == set(map(str, SCALE_POINTS))}
    imported.scales = [row for row in imported.scales if row["theme_id"] in complete]


def _variables(root: Element) -> dict[str, str]:
    """Variable GUID → the documents.csv column it fills (matched by name, in any case)."""
    columns = {column.lower(): column for column in DOCUMENTS.columns}
    found = {}
    for variable in root.iterfind(f"{_q('Variables')}/{_q('Variable')}"):
        column = columns.get(_attribute(variable, "name").strip().lower())
        if column is not None:
            found[_attribute(variable, "guid")] = column
    return found


def _values(holder: Element, variables: dict[str, str]) -> Iterator[tuple[str, str]]:
    for value in holder.iterfind(_q("VariableValue")):
        reference = value.find(_q("VariableRef"))
        column = variables.get("" if reference is None else reference.get("targetGUID", ""))
        texts = [value.findtext(_q(kind)) for kind in _VALUES]
        text = next((text for text in texts if text is not None), "")
        if column is not None and text.strip():
            yield column, text.strip()


def _case_values(root: Element, variables: dict[str, str]) -> dict[str, dict[str, str]]:
    """Source GUID → the columns its cases' variables fill."""
    found: dict[str, dict[str, str]] = {}
    for case in root.iterfind(f"{_q('Cases')}/{_q('Case')}"):
        values = dict(_values(case, variables))
        for reference in case.iterfind(_q("SourceRef")):
            found.setdefault(reference.get("targetGUID", ""), {}).update(values)
    return found


def _plain_text(archive: _Archive, source: Element, name: str) -> str:
    inline = source.findtext(_q("PlainTextContent"))
    path = source.get("plainTextPath")
    if path is None:
        if inline is None:
            raise ImportRefused(f"the text source {name!r} has no text")
        return inline
    if not path.startswith(INTERNAL) or not _safe_name(path.removeprefix(INTERNAL)):
        raise ImportRefused(f"the text source {name!r} points outside the project: {path!r}")
    data = archive.read(f"{SOURCES_FOLDER}/{path.removeprefix(INTERNAL)}", f"the text of {name!r}")
    try:
        return files.decode(data)
    except files.Refused as refusal:
        raise ImportRefused(f"the text of {name!r} is {refusal.message}") from None


def _quote(text: str, start: int, end: int) -> dict[str, str]:
    """A quote row: the words, with the words around them when they occur more than once."""
    words = text[start:end]
    row = {"quote": words, "prefix": "", "suffix": ""}
    if text.count(words) > 1:
        row["prefix"] = text[max(0, start - CONTEXT_CHARS) : start]
        row["suffix"] = text[end : end + CONTEXT_CHARS]
    return row


def _selections(imported: Imported, source: Element, document_id: str, text: str) -> None:
    seen = {(row["theme_id"], row["document_id"], row["quote"]) for row in imported.quotes}
    for selection in source.iterfind(_q("PlainTextSelection")):
        start, end = _integer(selection, "startPosition"), _integer(selection, "endPosition")
        if not 0 <= start < end <= len(text):
            raise ImportRefused(
                f"a selection of {document_id!r} runs from {start} to {end}, "
                f"outside its text of {len(text)} characters"
            )
        for reference in selection.iterfind(f"{_q('Coding')}/{_q('CodeRef')}"):
            theme_id = imported.codes.get(_attribute(reference, "targetGUID"))
            if theme_id is None:
                raise ImportRefused(f"a selection of {document_id!r} names a code not in the book")
            row = {"theme_id": theme_id, "document_id": document_id} | _quote(text, start, end)
            if (theme_id, document_id, row["quote"]) not in seen:
                seen.add((theme_id, document_id, row["quote"]))
                imported.quotes.append(row)


def _sources(imported: Imported, archive: _Archive, root: Element) -> None:
    variables = _variables(root)
    by_case = _case_values(root, variables)
    taken: set[str] = set()
    for source in root.iterfind(f"{_q('Sources')}/{_q('TextSource')}"):
        guid = _attribute(source, "guid")
        name = source.get("name") or guid
        document_id = identifier(name, taken)
        text = _plain_text(archive, source, name)
        text_file = f"{TEXTS_FOLDER}/{document_id}.txt"
        values = by_case.get(guid, {}) | dict(_values(source, variables))
        row = {column: values.get(column, "") for column in DOCUMENTS.columns}
        imported.documents.append(row | {"id": document_id, "text_file": text_file})
        imported.texts[text_file] = text
        _selections(imported, source, document_id, text)


def read(path: Path) -> Imported:
    """The corpus rows a .qdpx holds; ImportRefused when it cannot, or must not, be read."""
    try:
        zipped = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as error:
        reason = files.reason(error) if isinstance(error, OSError) else "not a zip file"
        raise ImportRefused(f"cannot open {path}: {reason}") from None
    with zipped:
        archive = _Archive(zipped, _checked_members(zipped))
        root = _project_root(archive)
        imported = Imported(title=root.get("name") or path.stem)
        codes = root.find(f"{_q('CodeBook')}/{_q('Codes')}")
        if codes is not None:
            _codes(imported, codes, None, set())
        _complete_scales(imported)
        _sources(imported, archive, root)
    return imported


# -- Writing the corpus ------------------------------------------------------------------------


def _table(columns: tuple[str, ...], rows: list[dict[str, str]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def _metadata(imported: Imported, source: Path) -> bytes:
    """corpus.toml: the project's name, a first version, and where the file came from (each
    value a JSON string, which TOML reads as the same basic string; DEL, which JSON leaves as
    it is and TOML refuses, escaped)."""
    values = {
        "title": imported.title,
        "version": "0.1.0",
        "description": f"Imported from {source.name}; quotes wait for review in {REVIEW_FILE}.",
    }
    lines = ["[corpus]", *(f"{key} = {toml_value(value)}" for key, value in values.items())]
    return ("\n".join(lines) + "\n").encode("utf-8")


def corpus_files(imported: Imported, source: Path) -> dict[str, bytes]:
    """Relative path → content of every file of the imported corpus."""
    written = {
        METADATA_FILE: _metadata(imported, source),
        DOCUMENTS.file: _table(DOCUMENTS.columns, imported.documents),
        EXCLUDED_SPANS.file: _table(EXCLUDED_SPANS.columns, []),
        THEMES.file: _table(THEMES.columns, imported.themes),
        POSITIONS.file: _table(POSITIONS.columns, []),
        QUOTES.file: _table(QUOTES.columns, []),
        COMPARISONS.file: _table(COMPARISONS.columns, []),
        REVIEW_FILE: _table(QUOTES.columns, imported.quotes),
    }
    if imported.scales:
        written[SCALES.file] = _table(SCALES.columns, imported.scales)
    return written | {name: text.encode("utf-8") for name, text in imported.texts.items()}


def _free(target: Path) -> None:
    """Refused unless `target` is a new name, or an empty folder, in a folder that exists."""
    if not target.parent.is_dir():
        raise ImportRefused(f"the folder {target.parent} does not exist; create it first")
    if target.is_symlink() or (target.exists() and not target.is_dir()):
        raise ImportRefused(f"{target} exists and is not a folder; choose a new folder name")
    if target.is_dir() and any(target.iterdir()):
        raise ImportRefused(f"{target} is not empty; import writes only into a new folder")


def write(target: Path, contents: dict[str, bytes]) -> None:
    """Write every file into a hidden folder beside `target`, then give it the target's name:
    a refused or failed write leaves nothing behind."""
    _free(target)
    scratch = target.parent / f".{target.name}.{secrets.token_hex(6)}.import"
    try:
        scratch.mkdir()
        for relative, content in contents.items():
            path = scratch / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            files.write_new(path, content, outside=target)
        os.replace(scratch, target)
    except files.Refused as refusal:
        raise ImportRefused(f"{refusal.message} ({refusal.hint})") from None
    except OSError as error:
        raise ImportRefused(f"cannot write {target}: {files.reason(error)}") from None
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def import_file(source: Path, target: Path) -> Imported:
    """Make the corpus folder `target` from the .qdpx `source`."""
    _free(target)
    imported = read(source)
    write(target, corpus_files(imported, source))
    return imported
