"""`python -m perspectives init DIR`: a small valid corpus to start from, never an overwrite."""

from __future__ import annotations

import csv
import datetime as dt

import pytest
from streamlit.testing.v1 import AppTest

from perspectives import starter, validate
from perspectives.cli import main
from perspectives.markup import escape_markdown
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
    labels = [escape_markdown(theme["label"]) for theme in starter.ROWS["themes.csv"]]
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
