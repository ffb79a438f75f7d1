"""`python -m perspectives init DIR`: a small valid corpus to start from, never an overwrite."""

from __future__ import annotations

import csv
import datetime as dt
import glob
import hashlib
import tomllib
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from perspectives import starter, validate
from perspectives.cli import main
from perspectives.markup import escape_markdown
from perspectives.metadata import toml_value
from perspectives.schema import METADATA_FILE, RESOURCES

from .conftest import ROOT


@pytest.fixture
def started(tmp_path):
    target = tmp_path / "my-corpus"
    assert main(["init", str(target)]) == 0
    return target


def test_init_then_validate_passes(started, capsys):
    assert validate(started) == []
    assert main(["validate", str(started)]) == 0
    assert "2 documents, 2 themes, 4 positions" in capsys.readouterr().out


def test_tables_have_every_declared_column_in_declared_order(started):
    for resource in RESOURCES:
        path = started / resource.file
        if not resource.required and not path.exists():
            continue
        with path.open(encoding="utf-8", newline="") as handle:
            assert next(csv.reader(handle)) == list(resource.columns)


def test_metadata_is_dated_and_documented():
    text = starter.metadata_toml(dt.date(2026, 11, 25))
    assert 'created = "2026-11-25"' in text
    assert "# Name of the corpus, shown on every page." in text


def test_the_dashboard_opens_on_it(started, monkeypatch):
    monkeypatch.setenv("PERSPECTIVES_DATA", str(started))
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30).run()
    assert not app.exception and not app.error
    with (started / "themes.csv").open(encoding="utf-8", newline="") as handle:
        labels = [escape_markdown(theme["label"]) for theme in csv.DictReader(handle)]
    assert [header.value for header in app.header] == labels
    assert len(app.columns) == 4


@pytest.mark.parametrize("existing", ["file in folder", "plain file"])
def test_init_refuses_to_overwrite(tmp_path, capsys, existing):
    target = tmp_path / "corpus"
    if existing == "plain file":
        target.write_text("keep me")
    else:
        target.mkdir()
        (target / METADATA_FILE).write_text("keep me")
    assert main(["init", str(target)]) == 1
    assert "init never overwrites" in capsys.readouterr().err
    kept = target if existing == "plain file" else target / METADATA_FILE
    assert kept.read_text() == "keep me"


def test_init_accepts_an_empty_folder(tmp_path):
    assert main(["init", str(tmp_path)]) == 0
    assert validate(tmp_path) == []


#: sha256 of each file `init` wrote, dated 2024-06-01, when the starter corpus was Python strings
#: in perspectives/starter.py: its files, now package data, must write the same bytes. Change a
#: shipped file on purpose, and its digest here with it.
WRITTEN_BEFORE = {
    "corpus.toml": "a013c18f3689a244a121fa5937e2518d94f94d9cf74e72dc03ae55d81347b102",
    "documents.csv": "c673461f79ec40a1f32a44a55cf798ca7a7df416dddae9a7c3ce074a6174616b",
    "excluded_spans.csv": "6e38041910372a9b28aa05073f7961d7bd7b627d5a15dc3e854556d36d693039",
    "themes.csv": "a583a5cda768870f537605f2bbf0f9883b2ba7373d210cc05030cc2672ceb713",
    "positions.csv": "c43731ea3ee617acd7166a6d881fb5f1e62c5d0bbda8132ce2264c5aeb3c90f4",
    "quotes.csv": "8058b04b9401abfb127ea15064d6def91a0d7106a1715e8a0695dbd3816b5f3e",
    "comparisons.csv": "406d6a4be719301dfe44092a88e11ebad6e8ef2458e83b7eec9681c2466fb716",
    "texts/example-2024.txt": "25a7d61afa24cdd37786d3a68113dee2fd43827f66e0e9de1da9c2746b1106a1",
    "texts/voorbeeld-2024.txt": "c432499457b7e15e7b3bf219321188ef4d808a357f3abcc813c928181743cb58",
}


def test_init_writes_the_files_it_always_wrote(tmp_path):
    *written, package = starter.write_starter(tmp_path / "corpus", dt.date(2024, 6, 1))
    assert written == list(WRITTEN_BEFORE)
    assert package == "datapackage.json"  # written since, from the tables
    digests = {
        name: hashlib.sha256((tmp_path / "corpus" / name).read_bytes()).hexdigest()
        for name in written
    }
    assert digests == WRITTEN_BEFORE


def test_the_shipped_tables_and_texts_are_written_as_they_are(started):
    shipped = Path(str(starter.CORPUS))
    for path in shipped.rglob("*"):
        name = path.relative_to(shipped).as_posix()
        if path.is_file() and name != METADATA_FILE:
            assert (started / name).read_bytes() == path.read_bytes(), name


def test_a_wheel_ships_the_starter_corpus():
    """What setuptools copies into a wheel: the files the package-data globs of pyproject.toml
    match (setuptools expands them with glob, recursively), under the package's folder."""
    with (ROOT / "pyproject.toml").open("rb") as handle:
        declared = tomllib.load(handle)["tool"]["setuptools"]["package-data"]
    package = Path(str(starter.CORPUS)).parent
    assert package == ROOT / "perspectives"
    matched = {
        Path(found).relative_to(package).as_posix()
        for pattern in declared["perspectives"]
        for found in glob.glob(str(package / pattern), recursive=True)
        if Path(found).is_file()
    }
    shipped = {
        path.relative_to(package).as_posix()
        for path in Path(str(starter.CORPUS)).rglob("*")
        if path.is_file()
    }
    assert shipped == {f"starter_corpus/{name}" for name in WRITTEN_BEFORE}
    scripts = {path.relative_to(package).as_posix() for path in (package / "ui").glob("*.js")}
    assert scripts == {"ui/text_select.js"}  # the Curate page's text selection
    assert matched == shipped | scripts


@pytest.mark.parametrize(
    "value",
    ["plain", 'a "quote" and a \\ backslash', "DEL \x7f here", "Пекин 北京", ["a", "b\x7f"]],
)
def test_a_toml_value_reads_back_as_written(value):
    assert tomllib.loads(f"key = {toml_value(value)}")["key"] == value
