"""A load after a change takes the work of earlier loads for the files that did not change, and
gives exactly what a load with nothing kept gives."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from perspectives import corpus, load
from perspectives.corpus import cells, quotes, tables
from perspectives.model import Corpus, CorpusError, Problem
from perspectives.schema import POSITIONS

from .conftest import delete_rows, read_rows, set_cell, write_rows
from .test_readings import add_reader, positions_as_reading


@pytest.fixture(autouse=True)
def _nothing_kept():
    """What other tests loaded (the same files, often) is not kept for these."""
    corpus.forget()


def outcome(root: Path) -> Corpus | tuple[Problem, ...]:
    """The corpus, or every problem that stops it."""
    try:
        return load(root)
    except CorpusError as error:
        return error.problems


def cold(root: Path) -> Corpus | tuple[Problem, ...]:
    corpus.forget()
    return outcome(root)


def replace_in(root: Path, file: str, old: str, new: str) -> None:
    path = root / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def with_copy_of_singh(root: Path) -> None:
    """A third document: Singh's text again, under another id, not curated yet."""
    shutil.copy(root / "texts/singh-2018.txt", root / "texts/copy.txt")
    rows = read_rows(root / "documents.csv")
    row = dict(zip(rows[0], rows[1], strict=True)) | {"id": "copy", "text_file": "texts/copy.txt"}
    write_rows(root / "documents.csv", [*rows, list(row.values())])


def without_document(root: Path, document_id: str) -> None:
    """The document gone, with every row that names it."""
    tables = [p for p in root.rglob("*.csv")]
    for path in tables:
        rows = read_rows(path)
        column = "id" if path.name == "documents.csv" else "document_id"
        if column in rows[0]:
            at = rows[0].index(column)
            write_rows(path, [rows[0], *(row for row in rows[1:] if row[at] != document_id)])


def quote_rows(root: Path) -> list[list[str]]:
    return read_rows(root / "quotes.csv")


def add_rows(root: Path, file: str, *rows: list[str]) -> None:
    write_rows(root / file, [*read_rows(root / file), *rows])


def delete_last_row(root: Path, file: str) -> None:
    write_rows(root / file, read_rows(root / file)[:-1])


THRICE = ("had visited Beijing thrice", "had not visited Beijing")
CS = "comparisons.csv"
REVIEWED = ("Nevertheless, he changed the balance of", "Still, he changed the balance of")

#: Edits a curator makes, each after the one before.
EDITS: list[tuple[str, Callable[[Path], None]]] = [
    ("a stance", lambda root: set_cell(root, "positions.csv", 2, "stance", "A new stance")),
    ("a theme's label", lambda root: set_cell(root, "themes.csv", 2, "label", "Sanctions regime")),
    (
        "a quote shortened to words of its text",
        lambda root: set_cell(
            root,
            "quotes.csv",
            2,
            "quote",
            "Xi was the first Chinese leader to follow the sanctions",
        ),
    ),
    (
        "quotes in another order",
        lambda root: write_rows(
            root / "quotes.csv", [quote_rows(root)[0], *reversed(quote_rows(root)[1:])]
        ),
    ),
    ("a line above a text", lambda root: replace_in(root, "texts/singh-2018.txt", "", "A line.\n")),
    ("an excluded span's note", lambda root: set_cell(root, "excluded_spans.csv", 2, "note", "x")),
    ("an excluded span removed", lambda root: delete_rows(root, "excluded_spans.csv", [3])),
    (
        "an excluded span over a quote",
        lambda root: add_rows(
            root, "excluded_spans.csv", ["singh-2018", "other", "Xi was the", "Nations", "", ""]
        ),
    ),
    ("the span removed again", lambda root: delete_last_row(root, "excluded_spans.csv")),
    ("a quote not in its text", lambda root: replace_in(root, "quotes.csv", *THRICE)),
    ("the quote put right", lambda root: replace_in(root, "quotes.csv", *reversed(THRICE))),
    ("a theme's id", lambda root: set_cell(root, "themes.csv", 2, "id", "sanction")),
    ("the theme's id put back", lambda root: set_cell(root, "themes.csv", 2, "id", "sanctions")),
    ("agreement against the points", lambda root: set_cell(root, CS, 2, "agreement", "diverge")),
    ("the agreement put back", lambda root: set_cell(root, CS, 2, "agreement", "partly")),
    (
        "the words of a reviewed sentence",
        lambda root: replace_in(root, "texts/asmolov-2019.txt", *REVIEWED),
    ),
    (
        "the words put back",
        lambda root: replace_in(root, "texts/asmolov-2019.txt", *reversed(REVIEWED)),
    ),
    (
        "a mistyped theme id",
        lambda root: set_cell(root, "positions.csv", 2, "theme_id", "sanctons"),
    ),
    ("the id put right", lambda root: set_cell(root, "positions.csv", 2, "theme_id", "sanctions")),
    ("a lexicon review removed", lambda root: delete_rows(root, "lexicon_reviews.csv", [2])),
    ("a reading added", lambda root: add_reader(root, "reader-b", positions_as_reading(root))),
    ("a reading's note", lambda root: set_cell(root, "readings/reader-b.csv", 2, "note", "Hm.")),
    ("the corpus title", lambda root: replace_in(root, "corpus.toml", "title = ", "title = 'A' #")),
    ("a document added", with_copy_of_singh),
    ("the document removed", lambda root: without_document(root, "copy")),
    ("one of two documents removed", lambda root: without_document(root, "asmolov-2019")),
    ("a document's text removed", lambda root: (root / "texts/singh-2018.txt").unlink()),
]


def test_each_edit_loads_as_a_load_with_nothing_kept(corpus_copy):
    outcome(corpus_copy)
    for name, edit in EDITS:
        edit(corpus_copy)
        reused = outcome(corpus_copy)
        assert reused == cold(corpus_copy), name


def test_each_edit_checked_in_another_folder_first_loads_as_a_load_with_nothing_kept(
    corpus_copy, tmp_path
):
    """As saves do: each change checked in a copy of the folder, then written to it."""
    outcome(corpus_copy)
    for number, (name, edit) in enumerate(EDITS):
        checked = shutil.copytree(corpus_copy, tmp_path / f"checked-{number}")
        edit(checked)
        outcome(checked)
        edit(corpus_copy)
        reused = outcome(corpus_copy)
        assert reused == cold(corpus_copy), name


def test_quotes_not_found_beyond_the_searches_allowed_load_as_with_nothing_kept(
    corpus_copy, monkeypatch
):
    """Other texts and the closest passage are searched for the first quotes not found only:
    what a load says of a quote depends on the quotes before it."""
    monkeypatch.setattr(quotes, "SEARCHES", 1)
    replace_in(corpus_copy, "quotes.csv", *THRICE)
    replace_in(corpus_copy, "event_quotes.csv", "most natural ally", "most natural friend")
    outcome(corpus_copy)
    set_cell(corpus_copy, "positions.csv", 2, "stance", "A new stance")
    reused = outcome(corpus_copy)
    assert reused == cold(corpus_copy)


@pytest.fixture
def anchoring(monkeypatch) -> list[str]:
    """The quotes the loader looks for in their text."""
    looked_for: list[str] = []
    anchor_quote = quotes._anchor_quote

    def counted(checker, row, *args, **options):
        looked_for.append(row.cells["quote"])
        return anchor_quote(checker, row, *args, **options)

    monkeypatch.setattr(quotes, "_anchor_quote", counted)
    return looked_for


def test_a_changed_position_anchors_no_quote_again(corpus_copy, anchoring):
    load(corpus_copy)
    anchoring.clear()
    set_cell(corpus_copy, "positions.csv", 2, "stance", "A new stance")
    load(corpus_copy)
    assert anchoring == []


def test_a_changed_quote_is_the_only_one_anchored_again(corpus_copy, anchoring):
    load(corpus_copy)
    anchoring.clear()
    set_cell(corpus_copy, "quotes.csv", 2, "quote", "Xi was the first Chinese leader")
    load(corpus_copy)
    assert anchoring == ["Xi was the first Chinese leader"]


def test_a_changed_text_anchors_its_quotes_again_and_no_other(corpus_copy, anchoring):
    before = load(corpus_copy)
    anchoring.clear()
    replace_in(corpus_copy, "texts/singh-2018.txt", "", "A line.\n")
    after = load(corpus_copy)
    singh = [q.text for p in before.positions if p.document_id == "singh-2018" for q in p.quotes]
    events = [q.text for e in before.events for q in e.quotes if q.document_id == "singh-2018"]
    assert sorted(anchoring) == sorted(set(singh + events))  # the same words: looked for once
    moved = after.positions[0].quotes[0].anchor.start - before.positions[0].quotes[0].anchor.start
    assert moved == len("A line.\n")


def test_unchanged_tables_are_not_parsed_again(corpus_copy, monkeypatch):
    load(corpus_copy)
    parsed: list[str] = []
    rows = tables._rows

    def counted(checker, resource, text):
        parsed.append(resource.file)
        return rows(checker, resource, text)

    monkeypatch.setattr(tables, "_rows", counted)
    set_cell(corpus_copy, "positions.csv", 2, "stance", "A new stance")
    load(corpus_copy)
    assert parsed == ["positions.csv"]


def test_a_changed_row_is_the_only_one_whose_cells_are_checked_again(corpus_copy, monkeypatch):
    load(corpus_copy)
    checking: list[str] = []  # the file whose cells are being checked
    checked: list[str] = []  # the values of positions.csv checked
    check_cells, cell_findings = cells.check_cells, cells.cell_findings

    def checking_file(checker, resource, *args):
        checking.append(resource.file)
        return check_cells(checker, resource, *args)

    def counted(field, value, scope):
        if checking[-1] == "positions.csv":
            checked.append(value)
        return cell_findings(field, value, scope)

    monkeypatch.setattr(cells, "check_cells", checking_file)
    monkeypatch.setattr(cells, "cell_findings", counted)
    set_cell(corpus_copy, "positions.csv", 3, "stance", "A new stance")
    load(corpus_copy)
    assert "A new stance" in checked
    assert len(checked) <= len(POSITIONS.fields)  # one row's values, not the table's


def test_positions_a_change_did_not_touch_are_the_objects_loaded_before(corpus_copy):
    before = load(corpus_copy)
    set_cell(corpus_copy, "positions.csv", 2, "stance", "A new stance")
    after = load(corpus_copy)
    changed = [a for b, a in zip(before.positions, after.positions, strict=True) if a is not b]
    assert [(p.theme_id, p.document_id, p.stance) for p in changed] == [
        ("sanctions", "singh-2018", "A new stance")
    ]
