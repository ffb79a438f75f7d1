"""Readings of the table: declared readers and their provenance, their files, and one case per
check, each asserting the exact file, row and column."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import replace
from functools import cache
from pathlib import Path

import pytest

from perspectives import load
from perspectives.cli import main
from perspectives.corpus import validate
from perspectives.corpus.readings import scales_digest
from perspectives.model import Reading, ScalePoint, Theme
from perspectives.paths import EMBEDDED_CORPUS
from perspectives.reading_schema import READINGS, reading_file

from .conftest import read_rows, write_rows
from .test_scales import drop_scale_of
from .test_validate import cell, drop_column

#: Rows of a reading copied from positions.csv, as a spreadsheet counts them (header = 1):
#: 2 = sanctions × singh (explicit, 0, medium), 3 = sanctions × asmolov, 6 = double-freeze ×
#: singh (absent), 31 the last.
Rows = Sequence[Sequence[str]]


@cache
def current_digest() -> str:
    """The digest of the embedded corpus's themes and scales, which its copies share."""
    return scales_digest(load(EMBEDDED_CORPUS).themes)


def declaration(reader_id: str, protocol: str = "blind", digest: str | None = None) -> str:
    """A reader's keys: a name, a method, a date, the protocol and the scales' digest."""
    return (
        f'name = "{reader_id}"\nmethod = "Read alone."\ndate = "2026-11-25"\n'
        f'protocol = "{protocol}"\nscales_digest = "{digest or current_digest()}"\n'
    )


def declare(root: Path, reader_id: str, toml: str | None = None) -> None:
    """Add a reader's table to corpus.toml: `toml` as given, or every key of a blind reading
    made against the current scales."""
    body = toml if toml is not None else declaration(reader_id)
    with (root / "corpus.toml").open("a", encoding="utf-8") as handle:
        handle.write(f"\n[readers.{reader_id}]\n{body}")


def write_reading(root: Path, reader_id: str, rows: Rows) -> None:
    (root / "readings").mkdir(exist_ok=True)
    write_rows(root / reading_file(reader_id), [list(READINGS.columns), *map(list, rows)])


def add_reader(root: Path, reader_id: str, rows: Rows) -> None:
    declare(root, reader_id)
    write_reading(root, reader_id, rows)


def positions_as_reading(root: Path) -> list[list[str]]:
    """The curated table's coverage, points and confidence, as a reading's rows."""
    header, *rows = read_rows(root / "positions.csv")
    given = READINGS.columns[: READINGS.columns.index("note")]
    columns = [header.index(name) for name in given]
    blank = [""] * (len(READINGS.columns) - len(given))  # the note and the evidence
    return [[row[index] for index in columns] + blank for row in rows]


@pytest.fixture
def read_twice(unread: Path) -> Path:
    """The embedded corpus with two readers whose readings copy positions.csv."""
    for reader_id in ("reader-a", "reader-b"):
        add_reader(unread, reader_id, positions_as_reading(unread))
    return unread


B = reading_file("reader-b")


def in_toml(text: str) -> Callable[[Path], None]:
    def mutate(root: Path) -> None:
        with (root / "corpus.toml").open("a", encoding="utf-8") as handle:
            handle.write(text)

    return mutate


def append_copy(file: str, row: int) -> Callable[[Path], None]:
    def mutate(root: Path) -> None:
        rows = read_rows(root / file)
        write_rows(root / file, [*rows, rows[row - 1]])

    return mutate


def put_file(name: str, content: str) -> Callable[[Path], None]:
    return lambda root: (root / "readings" / name).write_text(content, encoding="utf-8")


def replace_toml(old: str, new: str) -> Callable[[Path], None]:
    def mutate(root: Path) -> None:
        text = (root / "corpus.toml").read_text(encoding="utf-8")
        assert old in text
        (root / "corpus.toml").write_text(text.replace(old, new, 1), encoding="utf-8")

    return mutate


def reader_b(key: str, line: str | None) -> Callable[[Path], None]:
    """Reader B's `key` (the last reader declared) written as `line`; None: left out."""

    def mutate(root: Path) -> None:
        head, table = (
            (root / "corpus.toml").read_text(encoding="utf-8").split("[readers.reader-b]\n")
        )
        kept = [text for text in table.splitlines(keepends=True) if not text.startswith(key)]
        body = "".join(kept) + ("" if line is None else line + "\n")
        (root / "corpus.toml").write_text(f"{head}[readers.reader-b]\n{body}", encoding="utf-8")

    return mutate


#: Reader B's declaration, one defect a row: (id, key, line, words in the message).
READER_CASES = [
    ("name a number", "name", "name = 5", "must be text in double quotes, not a number"),
    ("method a list", "method", 'method = ["a"]', "must be text in double quotes, not a list"),
    ("no date", "date", None, "missing required key"),
    ("date a number", "date", "date = 2026", "must be a date, not a number"),
    ("date not a date", "date", 'date = "last spring"', "invalid date"),
    ("date and time", "date", "date = 2026-11-25T10:00:00", "must be a date, not a date and time"),
    ("month 13", "date", 'date = "2026-13"', "invalid date"),
    ("no protocol", "protocol", None, "missing required key"),
    ("unknown protocol", "protocol", 'protocol = "double-blind"', "unknown protocol"),
    ("protocol in capitals", "protocol", 'protocol = "Blind"', "unknown protocol 'Blind'"),
    ("protocol a flag", "protocol", "protocol = true", "must be text in double quotes"),
    ("no digest", "scales_digest", None, "missing required key"),
    ("digest cut short", "scales_digest", 'scales_digest = "sha256:3f5a"', "not a digest"),
    ("digest without", "scales_digest", f'scales_digest = "{"0" * 64}"', "not a digest"),
    (
        "digest in capitals",
        "scales_digest",
        f'scales_digest = "sha256:{"A" * 64}"',
        "not a digest",
    ),
    ("digest a number", "scales_digest", "scales_digest = 5", "must be text"),
]

CASES = [
    *(
        (case, reader_b(key, line), "corpus.toml", None, f"readers.reader-b.{key}", message)
        for case, key, line, message in READER_CASES
    ),
    # (id, mutation, file, row, column, words in the message)
    ("unknown theme", cell(B, 2, "theme_id", "sanction"), B, 2, "theme_id", "unknown theme"),
    ("unknown document", cell(B, 3, "document_id", "singh"), B, 3, "document_id", "unknown doc"),
    ("bad coverage", cell(B, 2, "coverage", "partial"), B, 2, "coverage", "unknown value"),
    ("empty coverage", cell(B, 2, "coverage", ""), B, 2, "coverage", "empty required cell"),
    ("bad confidence", cell(B, 2, "confidence", "sure"), B, 2, "confidence", "unknown value"),
    ("point out of range", cell(B, 2, "scale_value", "3"), B, 2, "scale_value", "out of range"),
    ("point not whole", cell(B, 2, "scale_value", "0.5"), B, 2, "scale_value", "whole number"),
    ("point missing", cell(B, 2, "scale_value", ""), B, 2, "scale_value", "missing scale value"),
    ("confidence missing", cell(B, 3, "confidence", ""), B, 3, "confidence", "missing confid"),
    (
        "absent with a point",
        cell(B, 6, "scale_value", "0"),
        B,
        6,
        "scale_value",
        "reading is 'absent'",
    ),
    (
        "absent, confident",
        cell(B, 6, "confidence", "low"),
        B,
        6,
        "confidence",
        "reading is 'absent'",
    ),
    ("point without a scale", drop_scale_of("sanctions"), B, 2, "scale_value", "has no scale"),
    ("pair read twice", append_copy(B, 2), B, 32, "document_id", "duplicate theme_id × doc"),
    ("column missing", drop_column(B, "coverage"), B, 1, "coverage", "missing column"),
    ("column unknown", cell(B, 1, "note", "notes"), B, 1, "notes", "unknown column"),
    (
        "file of an undeclared reader",
        put_file("reader-c.csv", "theme_id,document_id,coverage\n"),
        "readings/reader-c.csv",
        None,
        None,
        "reader 'reader-c' is not declared in corpus.toml",
    ),
    (
        "not a reading",
        put_file("notes.txt", "to do\n"),
        "readings/notes.txt",
        None,
        None,
        "not a reading",
    ),
    (
        "declared reader without a file",
        in_toml('\n[readers.reader-c]\nname = "C"\nmethod = "Alone."\n'),
        "corpus.toml",
        None,
        "readers.reader-c",
        "reader 'reader-c' has no reading",
    ),
    (
        "reader without a name",
        replace_toml('name = "reader-b"\n', ""),
        "corpus.toml",
        None,
        "readers.reader-b.name",
        "missing required key",
    ),
    (
        "reader with an empty method",
        in_toml('\n[readers.reader-c]\nname = "C"\nmethod = " "\n'),
        "corpus.toml",
        None,
        "readers.reader-c.method",
        "missing required key",
    ),
    (
        "unknown reader key",
        replace_toml('name = "reader-b"\n', 'name = "reader-b"\nemail = "b@example.org"\n'),
        "corpus.toml",
        None,
        "readers.reader-b.email",
        "unknown key",
    ),
    (
        "invalid reader id",
        in_toml('\n[readers.Reader_C]\nname = "C"\nmethod = "Alone."\n'),
        "corpus.toml",
        None,
        "readers.Reader_C",
        "invalid reader id",
    ),
    (
        "a reader that is not a table",
        replace_toml("[readers.reader-b]\n", '[readers]\nreader-c = "C"\n[readers.reader-b]\n'),
        "corpus.toml",
        None,
        "readers.reader-c",
        "must be a table",
    ),
]


@pytest.mark.parametrize(
    ("mutate", "file", "row", "column", "message"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_each_reading_defect_is_reported_where_it_is(
    read_twice, mutate, file, row, column, message
):
    mutate(read_twice)
    problems = validate(read_twice)
    found = [p for p in problems if (p.file, p.row, p.column) == (file, row, column)]
    assert found, f"expected {file}:{row}:{column}, got:\n" + "\n".join(map(str, problems))
    assert any(message in p.message and p.hint for p in found), found
    assert all(p.severity == "error" for p in found)


def test_readers_must_be_a_table_of_readers(unread):
    text = (unread / "corpus.toml").read_text(encoding="utf-8")
    (unread / "corpus.toml").write_text('readers = "B"\n' + text, encoding="utf-8")
    problems = [str(p) for p in validate(unread)]
    assert any(p.startswith("corpus.toml:-:readers: must be a table of readers") for p in problems)


def test_two_valid_readings_load_in_reader_then_table_order(read_twice):
    corpus = load(read_twice)
    assert [reader.id for reader in corpus.readers] == ["reader-a", "reader-b"]
    assert len(corpus.readings) == 2 * len(corpus.positions)
    assert corpus.readings[0] == Reading(
        "reader-a", "sanctions", "singh-2018", "explicit", 0, "medium", ""
    )
    absent = [r for r in corpus.readings if r.coverage == "absent"]
    assert absent and all(r.scale_value is None and r.confidence == "" for r in absent)
    assert corpus.summary_line().endswith("60 readings by 2 reader(s)")


def test_a_reading_may_leave_pairs_and_optional_columns_out(unread):
    declare(unread, "reader-b")
    (unread / "readings").mkdir()
    (unread / "readings" / "reader-b.csv").write_text(
        "theme_id,document_id,coverage\ndouble-freeze,singh-2018,absent\n", encoding="utf-8"
    )
    (reading,) = load(unread).readings
    assert (reading.coverage, reading.scale_value, reading.note) == ("absent", None, "")


def test_hidden_files_in_the_readings_folder_are_left_alone(read_twice):
    (read_twice / "readings" / ".~lock.reader-b.csv#").write_text("lock", encoding="utf-8")
    assert load(read_twice).readers


def test_a_corpus_without_readings_loads_with_none(unread):
    corpus = load(unread)
    assert (corpus.readers, corpus.readings) == ((), ())
    assert "reading" not in corpus.summary_line()


@pytest.mark.parametrize("line", [None, 'scales_digest = "sha256:3f5a"'], ids=["none", "short"])
def test_a_missing_or_malformed_digest_is_answered_with_the_current_one(read_twice, line):
    reader_b("scales_digest", line)(read_twice)
    (problem,) = [p for p in validate(read_twice) if p.column == "readers.reader-b.scales_digest"]
    assert f'scales_digest = "{current_digest()}"' in problem.hint


def test_scales_changed_after_a_reading_are_a_warning(read_twice):
    cell("scales.csv", 2, "label", "Lift them at once")(read_twice)
    corpus = load(read_twice)  # a warning: the reading stays a valid record
    warned = [w for w in corpus.warnings if w.column and w.column.endswith("scales_digest")]
    assert [(w.column, w.severity) for w in warned] == [
        ("readers.reader-a.scales_digest", "warning"),
        ("readers.reader-b.scales_digest", "warning"),
    ]
    assert "changed after this reading was made" in warned[0].message
    assert scales_digest(corpus.themes) in warned[0].hint


def test_readers_keep_their_provenance(read_twice):
    reader_b("protocol", 'protocol = "open"')(read_twice)
    reader = load(read_twice).readers[1]
    assert (reader.id, reader.protocol, reader.date.isoformat()) == (
        "reader-b",
        "open",
        "2026-11-25",
    )
    assert reader.scales_digest == current_digest()


def test_the_digest_is_sha256_of_canonical_json():
    theme = Theme("t", "Tax", "Taxes.", "Raise?", (ScalePoint(-2, "No"), ScalePoint(2, "Yes")))
    canonical = (
        '[{"description":"Taxes.","id":"t","label":"Tax","question":"Raise?",'
        '"scale":[[-2,"No"],[2,"Yes"]]}]'
    )
    assert scales_digest([theme]) == "sha256:" + hashlib.sha256(canonical.encode()).hexdigest()


@pytest.mark.parametrize(
    "change",
    [
        {"label": "Taxes"},
        {"description": "Levies."},
        {"question": "Raise them?"},
        {"scale": (ScalePoint(-2, "Never"), ScalePoint(2, "Yes"))},
        {"scale": ()},
        {"id": "tax"},
    ],
    ids=["label", "description", "question", "scale label", "no scale", "id"],
)
def test_any_change_a_reader_could_see_changes_the_digest(change):
    theme = Theme("t", "Tax", "Taxes.", "Raise?", (ScalePoint(-2, "No"), ScalePoint(2, "Yes")))
    other = Theme("u", "Rent", "Rents.", "Cap?")
    assert scales_digest([theme, other]) == scales_digest([theme, other])
    assert scales_digest([replace(theme, **change), other]) != scales_digest([theme, other])
    assert scales_digest([other, theme]) != scales_digest([theme, other])  # corpus order


def test_the_command_prints_the_digest_of_the_current_scales(capsys):
    assert main(["agreement", str(EMBEDDED_CORPUS), "--scales-digest"]) == 0
    assert capsys.readouterr().out.strip() == current_digest()


def test_themes_in_error_give_no_digest_to_compare_with(read_twice):
    """A theme left out for an error is not what anyone read: no warning of changed scales, and
    no digest offered to copy."""
    cell("themes.csv", 2, "label", "")(read_twice)
    reader_b("scales_digest", None)(read_twice)
    digests = [p for p in validate(read_twice) if p.column and p.column.endswith("_digest")]
    assert [(p.column, p.message) for p in digests] == [
        ("readers.reader-b.scales_digest", "missing required key")
    ]
    assert digests[0].hint.startswith("once themes.csv and scales.csv are valid")


@pytest.mark.parametrize(
    ("line", "iso"),
    [
        ('date = "2026"', "2026"),
        ('date = "2026-11"', "2026-11"),
        ("date = 2026-11-25", "2026-11-25"),  # a TOML date, unquoted
    ],
)
def test_a_reading_is_dated_to_the_year_month_or_day(read_twice, line, iso):
    reader_b("date", line)(read_twice)
    assert load(read_twice).readers[1].date.isoformat() == iso
