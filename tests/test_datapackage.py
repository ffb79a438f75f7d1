"""datapackage.json: the corpus's tables as a Frictionless data package, from the schema."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from frictionless import validate as frictionless_validate

from perspectives import cli, curate, curate_details, datapackage, load, store, validate
from perspectives.corpus.readings import scales_digest
from perspectives.curate_readers import rename_reader
from perspectives.paths import EMBEDDED_CORPUS
from perspectives.reading_schema import READINGS
from perspectives.schema import METADATA_FILE, RESOURCES

from . import wide_corpus
from .conftest import ROOT
from .test_lexicon import languages_corpus
from .test_readings import declaration, declare, positions_as_reading, write_reading


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


# -- kept in step by the checked save ----------------------------------------------------------


def _saved(root: Path, change: store.Change) -> store.Saved:
    return store.save(root, change, validate(root))


def _retitled(root: Path, title: str) -> store.Change:
    return curate_details.set_details((root / METADATA_FILE).read_bytes(), {"title": title})


def test_a_save_that_retitles_the_corpus_rewrites_the_package_and_undo_puts_it_back(tmp_path):
    root = _started(tmp_path / "corpus")
    before = (root / datapackage.FILE).read_bytes()
    saved = _saved(root, _retitled(root, "Sanctions, read twice"))
    assert set(saved.files) == {METADATA_FILE, datapackage.FILE}
    described = _descriptor(root)
    assert (described["name"], described["title"]) == (
        "sanctions-read-twice",
        "Sanctions, read twice",
    )
    meta = load(root).meta
    assert (root / datapackage.FILE).read_text(encoding="utf-8") == datapackage.package_json(
        root, meta.title, meta.version
    )
    store.undo(root)
    assert (root / datapackage.FILE).read_bytes() == before


def test_a_reader_renamed_is_renamed_in_the_package_which_frictionless_finds_valid(tmp_path):
    root = _started(tmp_path / "corpus")
    declare(root, "reader-a", declaration("reader-a", digest=scales_digest(load(root).themes)))
    write_reading(root, "reader-a", positions_as_reading(root))
    assert cli.main(["datapackage", str(root)]) == 0
    toml = (root / METADATA_FILE).read_bytes()
    _saved(root, rename_reader(curate.read(root), toml, "reader-a", "reader-c"))
    paths = [resource["path"] for resource in _descriptor(root)["resources"]]
    assert "readings/reader-c.csv" in paths
    assert "readings/reader-a.csv" not in paths
    report = frictionless_validate(str(root / datapackage.FILE))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


def test_a_save_that_leaves_the_package_as_it_stands_does_not_write_it(tmp_path):
    root = _started(tmp_path / "corpus")
    before = (root / datapackage.FILE).read_bytes()
    toml = (root / METADATA_FILE).read_bytes()
    saved = _saved(root, curate_details.set_details(toml, {"description": "Read twice."}))
    assert saved.files == (METADATA_FILE,)
    assert (root / datapackage.FILE).read_bytes() == before


def test_a_package_edited_by_hand_is_written_again_by_the_next_save(tmp_path):
    """It is derived, as `datapackage` writes it: a save puts it back in step (undo keeps the
    edit)."""
    root = _started(tmp_path / "corpus")
    edited = b'{"edited": "by hand"}\n'
    (root / datapackage.FILE).write_bytes(edited)
    toml = (root / METADATA_FILE).read_bytes()
    saved = _saved(root, curate_details.set_details(toml, {"description": "Read twice."}))
    assert datapackage.FILE in saved.files
    assert _descriptor(root)["title"] == load(root).meta.title
    store.undo(root)
    assert (root / datapackage.FILE).read_bytes() == edited


def test_a_folder_without_a_package_gets_none_and_a_link_is_not_followed(tmp_path):
    root = _started(tmp_path / "corpus")
    (root / datapackage.FILE).unlink()
    _saved(root, _retitled(root, "Without a package"))
    assert not (root / datapackage.FILE).exists()
    outside = tmp_path / "outside.json"
    outside.write_text("{}\n", encoding="utf-8")
    (root / datapackage.FILE).symlink_to(outside)
    saved = _saved(root, _retitled(root, "Beside a link"))
    assert saved.files == (METADATA_FILE,)
    assert (root / datapackage.FILE).is_symlink()
    assert outside.read_text(encoding="utf-8") == "{}\n"


def test_the_package_of_a_corpus_with_errors_waits_for_a_save_that_makes_it_load(tmp_path):
    root = tmp_path / "corpus"
    assert cli.main(["init", "--empty", str(root)]) == 0
    before = (root / datapackage.FILE).read_bytes()
    known = validate(root)
    assert any(problem.severity == "error" for problem in known)
    saved = store.save(root, _retitled(root, "Still empty"), known)
    assert saved.files == (METADATA_FILE,)
    assert (root / datapackage.FILE).read_bytes() == before
