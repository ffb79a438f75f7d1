"""The REFI-QDA export: a project.qde valid against the standard's schema, the texts beside it,
and selections that cut exactly the quotes from the exported texts."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
import xmlschema

from perspectives import cli, compare, export, load, qdpx
from perspectives.paths import EMBEDDED_CORPUS

from . import wide_corpus
from .conftest import ROOT

SCHEMA = xmlschema.XMLSchema(ROOT / "tests" / "fixtures" / "refi-qda" / "Project.xsd")
NS = {"q": qdpx.NAMESPACE}


@pytest.fixture(scope="module", params=["embedded", "crlf-and-astral"])
def corpus(request, tmp_path_factory):
    if request.param == "embedded":
        return load(EMBEDDED_CORPUS)
    return load(wide_corpus.write(tmp_path_factory.mktemp("wide") / "corpus"))


def _zip(corpus) -> zipfile.ZipFile:
    content = export.selection_file(corpus, compare.select(corpus), "qdpx")
    return zipfile.ZipFile(io.BytesIO(content))


def _project(corpus) -> ET.Element:
    return ET.fromstring(_zip(corpus).read(qdpx.PROJECT_FILE))


def _plain_texts(corpus) -> dict[str, str]:
    """Each text source's name → its plain text, read from the zip as the standard says."""
    zipped = _zip(corpus)
    texts = {}
    for source in _project(corpus).iterfind("q:Sources/q:TextSource", NS):
        path = source.get("plainTextPath").removeprefix(qdpx.INTERNAL)
        data = zipped.read(f"{qdpx.SOURCES_FOLDER}/{path}")
        assert not data.startswith(b"\xef\xbb\xbf"), "no byte-order mark"
        texts[source.get("name")] = data.decode("utf-8")
    return texts


def test_the_project_is_valid_against_the_refi_qda_schema(corpus):
    SCHEMA.validate(_zip(corpus).read(qdpx.PROJECT_FILE).decode("utf-8"))


def test_each_text_is_stored_as_the_offsets_count_it(corpus):
    assert _plain_texts(corpus) == {document.id: document.text for document in corpus.documents}


def test_every_selection_cuts_exactly_its_quote(corpus):
    texts = _plain_texts(corpus)
    quotes = {
        (quote.document_id, quote.anchor.start, quote.anchor.end): quote.anchor.exact
        for position in corpus.positions
        for quote in position.quotes
    }
    cut = {}
    for source in _project(corpus).iterfind("q:Sources/q:TextSource", NS):
        for selection in source.iterfind("q:PlainTextSelection", NS):
            start, end = int(selection.get("startPosition")), int(selection.get("endPosition"))
            cut[(source.get("name"), start, end)] = texts[source.get("name")][start:end]
    assert cut == quotes


def test_an_export_is_reproducible(corpus):
    selection = compare.select(corpus)
    first = export.selection_file(corpus, selection, "qdpx")
    assert export.selection_file(corpus, selection, "qdpx") == first


def test_users_are_the_curators_and_the_readers(corpus):
    users = [user.get("name") for user in _project(corpus).iterfind("q:Users/q:User", NS)]
    assert users == [*corpus.meta.curators, *(reader.name for reader in corpus.readers)]


def test_a_code_per_theme_with_its_scale_points_and_coverage_values(corpus):
    codes = _project(corpus).findall("q:CodeBook/q:Codes/q:Code", NS)
    assert [code.get("name") for code in codes] == [theme.label for theme in corpus.themes]
    for code, theme in zip(codes, corpus.themes, strict=True):
        children = [child.get("name") for child in code.iterfind("q:Code", NS)]
        points = [name for name in children if name.startswith("scale ")]
        assert len(points) == len(theme.scale)
        assert [point.label for point in theme.scale] == [p.split(": ", 1)[1] for p in points]
        assert children[len(points) :] == [
            "coverage: explicit",
            "coverage: implicit",
            "coverage: absent",
        ]


def test_a_case_per_perspective_with_its_variables(corpus):
    project = _project(corpus)
    variables = {v.get("guid"): v.get("name") for v in project.iterfind(".//q:Variable", NS)}
    cases = project.findall("q:Cases/q:Case", NS)
    assert [case.get("name") for case in cases] == [d.perspective for d in corpus.documents]
    for case, document in zip(cases, corpus.documents, strict=True):
        values = {
            variables[value.find("q:VariableRef", NS).get("targetGUID")]: value.findtext(
                "q:TextValue", namespaces=NS
            )
            for value in case.iterfind("q:VariableValue", NS)
        }
        assert values["country"] == document.country
        assert values["outlet"] == document.outlet
        assert values["role"] == document.role
        assert values["published"] == document.published.isoformat()


def test_codings_per_reader_and_notes_per_selection(corpus):
    project = _project(corpus)
    users = {user.get("guid"): user.get("id") for user in project.iterfind(".//q:User", NS)}
    notes = {
        note.get("guid"): note.findtext("q:PlainTextContent", namespaces=NS)
        for note in project.iterfind("q:Notes/q:Note", NS)
    }
    codes = project.findall("q:CodeBook/q:Codes/q:Code", NS)
    themes = {code.get("guid"): theme.id for code, theme in zip(codes, corpus.themes, strict=True)}
    for source in project.iterfind("q:Sources/q:TextSource", NS):
        for selection in source.iterfind("q:PlainTextSelection", NS):
            codings = selection.findall("q:Coding", NS)
            readers = {users[c.get("creatingUser")] for c in codings if c.get("creatingUser")}
            linked = [notes[ref.get("targetGUID")] for ref in selection.iterfind("q:NoteRef", NS)]
            (theme_id,) = [
                themes[ref.get("targetGUID")]
                for ref in selection.iterfind("q:Coding/q:CodeRef", NS)
                if ref.get("targetGUID") in themes
            ]
            position = corpus.find_position(theme_id, source.get("name"))
            read_by = {
                r.reader_id
                for r in corpus.readings
                if (r.theme_id, r.document_id) == (position.theme_id, position.document_id)
            }
            assert readers == read_by
            assert linked == [position.summary, position.rationale]


def test_the_command_line_writes_a_qdpx_file(tmp_path: Path):
    target = tmp_path / "study.qdpx"
    assert cli.main(["export", str(EMBEDDED_CORPUS), "--format", "qdpx", "-o", str(target)]) == 0
    assert zipfile.ZipFile(target).namelist()[0] == qdpx.PROJECT_FILE


def test_a_comparison_alone_cannot_make_one():
    corpus = load(EMBEDDED_CORPUS)
    with pytest.raises(ValueError, match="selection_file"):
        export.render(export.build(corpus, compare.select(corpus)), "qdpx")
