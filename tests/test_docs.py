"""The curator's guide keeps up with the schema and the command line: nothing undocumented."""

from __future__ import annotations

import argparse
import re

import pytest

from perspectives.cli import build_parser
from perspectives.export import CSV_COLUMNS
from perspectives.metadata import METADATA_KEYS, READER_KEYS, READERS_TABLE
from perspectives.reading_schema import READINGS
from perspectives.schema import METADATA_FILE, RESOURCES
from perspectives.ui.pages import PAGES

from .conftest import ROOT

GUIDE = (ROOT / "docs" / "corpus-format.md").read_text(encoding="utf-8")
README = (ROOT / "README.md").read_text(encoding="utf-8")


def section(heading: str) -> str:
    """The `## ` section of the guide (up to the next one) whose heading contains `heading`."""
    parts = re.split(r"^## ", GUIDE, flags=re.MULTILINE)
    matching = [part for part in parts if heading in part.splitlines()[0]]
    assert matching, f"docs/corpus-format.md has no section headed '## …{heading}…'"
    return matching[0]


def commands() -> dict[str, argparse.ArgumentParser]:
    (subparsers,) = [
        action
        for action in build_parser()._actions
        if isinstance(action, argparse._SubParsersAction)
    ]
    return dict(subparsers.choices)


@pytest.mark.parametrize("resource", [*RESOURCES, READINGS], ids=lambda resource: resource.file)
def test_every_file_column_and_allowed_value_is_in_the_guide(resource):
    text = section(f"`{resource.file}`")
    for field in resource.fields:
        assert f"`{field.name}`" in text, f"{resource.file}: column {field.name} undocumented"
        for choice in field.choices:
            assert f"`{choice}`" in text, f"{resource.file}: {field.name} value {choice!r}"


def test_every_metadata_key_is_in_the_guide():
    text = section(f"`{METADATA_FILE}`")
    for key, *_ in METADATA_KEYS + READER_KEYS:
        assert f"`{key}`" in text, f"{METADATA_FILE}: key {key} undocumented"
    assert f"[{READERS_TABLE}.<reader-id>]" in text


@pytest.mark.parametrize("name", list(commands()))
def test_every_command_option_and_choice_is_in_the_guide(name):
    text = section("Commands")
    assert f"python -m perspectives {name}" in text
    for action in commands()[name]._actions:
        for option in action.option_strings:
            if option not in ("-h", "--help"):
                assert f"`{option}`" in text, f"{name}: option {option} undocumented"
        for choice in action.choices or ():
            assert f"`{choice}`" in text, f"{name}: value {choice!r} undocumented"


@pytest.mark.parametrize("name", list(commands()))
def test_every_command_is_in_the_readme(name):
    assert f"python -m perspectives {name}" in README


def test_the_guide_names_every_column_of_the_csv_export():
    text = section("Commands")
    csv_part = text[text.index("- `csv`") : text.index("- `json`")]
    for column in CSV_COLUMNS:
        assert f"`{column}`" in csv_part, column


def test_the_guide_lists_every_page_that_takes_a_theme_in_its_link():
    text = GUIDE[GUIDE.index("takes\n`?theme=<id>`") :]
    for spec in PAGES:
        assert spec.title in text.split("\n\n")[0], spec.title
