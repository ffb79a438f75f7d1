"""datapackage.json: the corpus's tables as a Frictionless data package, from the schema."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from frictionless import validate as frictionless_validate

from perspectives import cli, datapackage
from perspectives.paths import EMBEDDED_CORPUS
from perspectives.reading_schema import READINGS
from perspectives.schema import RESOURCES

from . import wide_corpus
from .conftest import ROOT
from .test_lexicon import languages_corpus


@pytest.fixture
def packaged(tmp_path) -> Path:
    root = tmp_path / "corpus"
    shutil.copytree(EMBEDDED_CORPUS, root)
    assert cli.main(["datapackage", str(root)]) == 0
    return root


def _languages(root: Path) -> Path:
    """The corpus of tests/fixtures/languages: a translation names its original in its own
    table."""
    shutil.copytree(ROOT / "tests" / "fixtures" / "languages", root)
    assert cli.main(["datapackage", str(root)]) == 0
    return root


def _lexicon_languages(root: Path) -> Path:
    """The same, with a lexicon whose terms have a language."""
    languages_corpus(root)
    assert cli.main(["datapackage", str(root)]) == 0
    return root


def _started(root: Path) -> Path:
    assert cli.main(["init", str(root)]) == 0
    return root


def _wide(root: Path) -> Path:
    wide_corpus.write(root)
    assert cli.main(["datapackage", str(root)]) == 0
    return root


def _descriptor(root: Path) -> dict:
    return json.loads((root / datapackage.FILE).read_text(encoding="utf-8"))


@pytest.mark.perf
@pytest.mark.parametrize(
    "make",
    [None, _started, _wide, _languages, _lexicon_languages],
    ids=["embedded", "init", "crlf-astral", "translations", "lexicon-languages"],
)
def test_frictionless_finds_the_corpus_valid(make, packaged, tmp_path):
    root = packaged if make is None else make(tmp_path / "other")
    report = frictionless_validate(str(root / datapackage.FILE))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "message"])


@pytest.mark.perf
def test_frictionless_finds_a_broken_cell(packaged):
    positions = packaged / "positions.csv"
    text = positions.read_text(encoding="utf-8")
    positions.write_text(text.replace(",explicit,", ",explained,", 1), encoding="utf-8")
    report = frictionless_validate(str(packaged / datapackage.FILE))
    assert not report.valid
    assert report.flatten(["rowNumber", "fieldName", "type"]) == [
        [2, "coverage", "constraint-error"]
    ]


def test_one_resource_per_table_with_the_schemas_fields_and_keys(packaged):
    resources = {resource["path"]: resource for resource in _descriptor(packaged)["resources"]}
    declared = {r.file: r for r in RESOURCES if (packaged / r.file).exists()}
    readings = {f"readings/{p.name}": READINGS for p in (packaged / "readings").glob("*.csv")}
    assert set(resources) == set(declared) | set(readings)
    for file, resource in (declared | readings).items():
        schema = resources[file]["schema"]
        by_name = {field["name"]: field for field in schema["fields"]}
        assert schema["primaryKey"] == list(resource.key)
        for field in resource.fields:
            if field.name not in by_name:  # an optional column the file leaves out
                assert not field.required
                continue
            described = by_name[field.name]
            assert described["constraints"]["required"] == field.required
            assert described["type"] == ("integer" if field.kind == "int" else "string")
            assert described["constraints"].get("enum", []) == list(field.choices)
        references = {key["fields"]: key["reference"] for key in schema.get("foreignKeys", [])}
        assert set(references) == {f.name for f in resource.fields if f.kind == "ref"} & set(
            by_name
        )


def test_init_writes_it_too(tmp_path):
    assert cli.main(["init", str(tmp_path / "new")]) == 0
    descriptor = _descriptor(tmp_path / "new")
    assert [resource["path"] for resource in descriptor["resources"]][:2] == [
        "documents.csv",
        "excluded_spans.csv",
    ]


def test_an_invalid_corpus_gets_no_package(tmp_path, capsys):
    root = tmp_path / "corpus"
    shutil.copytree(EMBEDDED_CORPUS, root)
    (root / "themes.csv").write_text("id,label\n", encoding="utf-8")
    assert cli.main(["datapackage", str(root)]) == 1
    assert not (root / datapackage.FILE).exists()


def test_the_lexicons_language_is_described_as_the_documents_is(tmp_path):
    resources = _descriptor(_lexicon_languages(tmp_path / "corpus"))["resources"]
    fields = {
        resource["path"]: {field["name"]: field for field in resource["schema"]["fields"]}
        for resource in resources
    }
    term, text = fields["lexicon.csv"]["language"], fields["documents.csv"]["language"]
    assert term["type"] == text["type"] == "string"
    assert term["constraints"] == text["constraints"] == {"required": False}
    assert "BCP 47" in term["description"]
