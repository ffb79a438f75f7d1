"""A selection of the corpus as a REFI-QDA project (`.qdpx`), which ATLAS.ti, MAXQDA, NVivo,
QualCoder and other qualitative-analysis tools open.

A `.qdpx` is a zip: `project.qde` (XML in the namespace `urn:QDA-XML:project:1.0`, valid against
the standard's Project.xsd 1.0) and each text under `sources/`, UTF-8 without a byte-order mark,
exactly the text the offsets count in. What goes where:

- users: each curator named in corpus.toml, and each reader of the independent readings;
- code book: a code per theme (its description, then its question and id, in the code's
  description), with a child code per point of its scale and per coverage value;
- variables and cases: a case per perspective, with a text variable per column of
  documents.csv;
- sources: a text source per document, named by its id, with a plain-text selection per quote
  (start and end counted in characters of the plain text, as the standard counts them), coded
  with the theme, the curated coverage and scale point, and, per reader who read the theme in
  that text, the reader's coverage and point;
- notes: each position's summary and rationale, linked from its selections (or, for a position
  without quotes, from the text source), and each theme's synthesis, linked from its code.

Every GUID is a UUID made from the corpus's title and the item (`webannotations.item_uuid`), so
exporting the same corpus twice gives the same bytes.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from xml.etree import ElementTree as ET

from perspectives.compare import Selection
from perspectives.model import Corpus, Document, Position, Quote, Reading, Theme, format_point
from perspectives.schema import COVERAGE, DOCUMENTS
from perspectives.webannotations import item_uuid

NAMESPACE = "urn:QDA-XML:project:1.0"
PROJECT_FILE = "project.qde"
SOURCES_FOLDER = "sources"
#: How a text source names its plain text inside the zip: `internal://` + a file of SOURCES_FOLDER.
INTERNAL = "internal://"
#: A child code for a scale point ("scale +1: Keep them") and for a coverage value.
SCALE_CODE = "scale {point}: {label}"
COVERAGE_CODE = "coverage: {coverage}"
#: Lines a theme's code description ends with, so that an import gets the theme back whole.
QUESTION_LINE = "\n\nQuestion: "
ID_LINE = "\n\nTheme id: "
#: The columns of documents.csv that are not variables: the id names the source, and the text
#: file is the source itself.
NOT_VARIABLES = ("id", "text_file")
VARIABLES = tuple(field for field in DOCUMENTS.fields if field.name not in NOT_VARIABLES)
#: Every file of the zip gets this time (the earliest a zip can hold): the same corpus gives the
#: same bytes whenever it is exported.
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)

ET.register_namespace("", NAMESPACE)


def _tag(name: str) -> str:
    return f"{{{NAMESPACE}}}{name}"


def _add(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, _tag(tag), attributes)
    element.text = text
    return element


@dataclass(frozen=True)
class _Project:
    """The corpus and selection being written, and the GUIDs of what they hold."""

    corpus: Corpus
    selection: Selection

    def guid(self, *parts: str) -> str:
        return str(item_uuid(self.corpus.meta.title, *parts))

    @property
    def themes(self) -> list[Theme]:
        return [self.corpus.theme(theme_id) for theme_id in self.selection.theme_ids]

    @property
    def documents(self) -> list[Document]:
        return self.corpus.documents_among(self.selection.document_ids)

    def positions(self, document: Document) -> Iterator[Position]:
        for theme in self.themes:
            position = self.corpus.find_position(theme.id, document.id)
            if position is not None:
                yield position

    def readings(self, position: Position) -> list[Reading]:
        return [
            reading
            for reading in self.corpus.readings
            if (reading.theme_id, reading.document_id) == (position.theme_id, position.document_id)
        ]


def code_description(theme: Theme) -> str:
    """What a theme's code describes: the theme, then its question and its id on lines of their
    own, which the import reads back."""
    return f"{theme.description}{QUESTION_LINE}{theme.question}{ID_LINE}{theme.id}"


def _users(project: _Project, root: ET.Element) -> None:
    corpus = project.corpus
    if not corpus.meta.curators and not corpus.readers:
        return
    users = _add(root, "Users")
    for name in corpus.meta.curators:
        _add(users, "User", guid=project.guid("curator", name), name=name)
    for reader in corpus.readers:
        _add(users, "User", guid=project.guid("reader", reader.id), name=reader.name, id=reader.id)


def _code_book(project: _Project, root: ET.Element) -> None:
    if not project.themes:
        return
    codes = _add(_add(root, "CodeBook"), "Codes")
    for theme in project.themes:
        code = _add(codes, "Code", guid=project.guid("theme", theme.id), name=theme.label)
        code.set("isCodable", "true")
        _add(code, "Description", code_description(theme))
        _add(code, "NoteRef", targetGUID=project.guid("synthesis", theme.id))
        for point in theme.scale:
            name = SCALE_CODE.format(point=format_point(point.value), label=point.label)
            guid = project.guid("scale", theme.id, str(point.value))
            _add(code, "Code", guid=guid, name=name, isCodable="true")
        for coverage in COVERAGE:
            guid = project.guid("coverage", theme.id, coverage)
            _add(code, "Code", guid=guid, name=COVERAGE_CODE.format(coverage=coverage))
            code[-1].set("isCodable", "true")


def _variables(project: _Project, root: ET.Element) -> None:
    variables = _add(root, "Variables")
    for field in VARIABLES:
        variable = _add(variables, "Variable", guid=project.guid("variable", field.name))
        variable.set("name", field.name)
        variable.set("typeOfVariable", "Text")
        _add(variable, "Description", field.description)


def _cases(project: _Project, root: ET.Element) -> None:
    cases = _add(root, "Cases")
    for document in project.documents:
        case = _add(
            cases, "Case", guid=project.guid("case", document.id), name=document.perspective
        )
        for field in VARIABLES:
            value = getattr(document, field.name)
            text = value.isoformat() if field.name == "published" else str(value)
            if text:
                holder = _add(case, "VariableValue")
                _add(holder, "VariableRef", targetGUID=project.guid("variable", field.name))
                _add(holder, "TextValue", text)
        _add(case, "SourceRef", targetGUID=project.guid("source", document.id))


def selection_guid(project: _Project, quote: Quote) -> str:
    anchor = quote.anchor
    return project.guid("quote", quote.theme_id, quote.document_id, f"{anchor.start}-{anchor.end}")


def _codes_of(position: Position, scale_value: int | None, coverage: str) -> list[tuple[str, ...]]:
    """The child codes a reading of a position points to: its coverage, and its scale point."""
    codes: list[tuple[str, ...]] = [("coverage", position.theme_id, coverage)]
    if scale_value is not None:
        codes.append(("scale", position.theme_id, str(scale_value)))
    return codes


def _coding(
    project: _Project, parent: ET.Element, key: str, code: tuple[str, ...], user: str
) -> None:
    """One coding of a selection: by the reader `user`, or ("") the curated one."""
    coding = _add(parent, "Coding", guid=project.guid("coding", key, user, *code))
    if user:
        coding.set("creatingUser", project.guid("reader", user))
    _add(coding, "CodeRef", targetGUID=project.guid(*code))


def _selection(project: _Project, source: ET.Element, position: Position, quote: Quote) -> None:
    guid = selection_guid(project, quote)
    selection = _add(source, "PlainTextSelection", guid=guid)
    selection.set("startPosition", str(quote.anchor.start))
    selection.set("endPosition", str(quote.anchor.end))
    curated: list[tuple[str, ...]] = [("theme", position.theme_id)]
    curated += _codes_of(position, position.scale_value, position.coverage)
    for code in curated:
        _coding(project, selection, guid, code, "")
    for reading in project.readings(position):
        for code in _codes_of(position, reading.scale_value, reading.coverage):
            _coding(project, selection, guid, code, reading.reader_id)
    for note in ("summary", "rationale"):
        _add(selection, "NoteRef", targetGUID=project.guid(note, *_key(position)))


def _key(position: Position) -> tuple[str, str]:
    return position.theme_id, position.document_id


def _sources(project: _Project, root: ET.Element) -> None:
    sources = _add(root, "Sources")
    for document in project.documents:
        guid = project.guid("source", document.id)
        source = _add(sources, "TextSource", guid=guid, name=document.id)
        source.set("plainTextPath", f"{INTERNAL}{guid}.txt")
        _add(source, "Description", document.citation)
        positions = list(project.positions(document))
        for position in positions:
            for quote in position.quotes:
                _selection(project, source, position, quote)
        for position in positions:
            if not position.quotes:
                for note in ("summary", "rationale"):
                    _add(source, "NoteRef", targetGUID=project.guid(note, *_key(position)))


def _note(notes: ET.Element, guid: str, name: str, text: str) -> None:
    _add(_add(notes, "Note", guid=guid, name=name), "PlainTextContent", text)


def _notes(project: _Project, root: ET.Element) -> None:
    notes = _add(root, "Notes")
    for theme in project.themes:
        comparison = project.corpus.comparison(theme.id)
        name = f"Synthesis: {theme.label} ({comparison.agreement})"
        _note(notes, project.guid("synthesis", theme.id), name, comparison.synthesis)
    for document in project.documents:
        for position in project.positions(document):
            about = f"{document.perspective} on {project.corpus.theme(position.theme_id).label}"
            for kind, text in (("Summary", position.summary), ("Rationale", position.rationale)):
                guid = project.guid(kind.lower(), *_key(position))
                _note(notes, guid, f"{kind}: {about}", text)


def project_xml(corpus: Corpus, selection: Selection) -> bytes:
    """project.qde for the selected themes and perspectives."""
    project = _Project(corpus, selection)
    root = ET.Element(_tag("Project"), {"name": corpus.meta.title})
    root.set("origin", f"Perspectives (corpus version {corpus.meta.version})")
    if corpus.meta.created is not None:
        root.set("creationDateTime", f"{corpus.meta.created.first_day().isoformat()}T00:00:00Z")
    for part in (_users, _code_book, _variables, _cases, _sources, _notes):
        part(project, root)
    _add(root, "Description", corpus.meta.description or corpus.meta.title)
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def _entries(corpus: Corpus, selection: Selection) -> Iterable[tuple[str, bytes]]:
    yield PROJECT_FILE, project_xml(corpus, selection)
    for document in _Project(corpus, selection).documents:
        guid = str(item_uuid(corpus.meta.title, "source", document.id))
        yield f"{SOURCES_FOLDER}/{guid}.txt", document.text.encode("utf-8")


def archive(corpus: Corpus, selection: Selection) -> bytes:
    """The .qdpx file: project.qde and the plain texts, in a zip that is the same byte for byte
    each time the same corpus is exported."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zipped:
        for name, content in _entries(corpus, selection):
            entry = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            zipped.writestr(entry, content)
    return buffer.getvalue()
