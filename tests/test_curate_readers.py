"""Readers deleted and renamed: corpus.toml rewritten table by table, every other byte kept;
the reading deleted or moved in the same change; a form this cannot rewrite refused with
nothing written; and Undo last save restoring the bytes of both."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from perspectives import curate, files, load, starter, store, validate
from perspectives.corpus.readings import scales_digest
from perspectives.curate import CurationError, Snapshot
from perspectives.curate_readers import delete_reader, rename_reader
from perspectives.reading_schema import reading_file

from .test_readings import declaration, declare, positions_as_reading, write_reading

A = '[readers.a]\nname = "A"\nmethod = "Read alone."\n'
B = '[readers.b]\nname = "B"\n'
CORPUS = '[corpus]\ntitle = "T"\n'


def snapshot(root: Path) -> Snapshot:
    return Snapshot(root, {})


def toml_of(change: store.Change) -> str:
    data = change.writes["corpus.toml"]
    assert data is not None
    return data.decode("utf-8")


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (f"{CORPUS}\n{A}\n{B}", f"{CORPUS}\n{B}"),  # the blank line above goes with it
        (f"{CORPUS}\n{B}\n{A}", f"{CORPUS}\n{B}"),
        (f"{A}\n{B}", f"\n{B}"),
        # A comment after the last key and one about the next table stay.
        (f"{CORPUS}\n{A}# done\n\n# the next\n{B}", f"{CORPUS}# done\n\n# the next\n{B}"),
        # The id in a comment, in another table's string, in a multi-line string: not the table.
        (
            f'# [readers.a] reads first\n{CORPUS}note = """\n[readers.a]\n"""\n\n{A}\n{B}',
            f'# [readers.a] reads first\n{CORPUS}note = """\n[readers.a]\n"""\n\n{B}',
        ),
        (
            f'{CORPUS}description = "see [readers.a]"\n\n{A}',
            f'{CORPUS}description = "see [readers.a]"\n',
        ),
        # A header spaced and commented, a key over several lines, Windows line ends.
        (
            f'{CORPUS}\n[ readers . a ]  # the first\nname = """A\n[b]"""\nmethod = "m"\n\n{B}',
            f"{CORPUS}\n{B}",
        ),
        ((f"{CORPUS}\n{A}\n{B}").replace("\n", "\r\n"), (f"{CORPUS}\n{B}").replace("\n", "\r\n")),
    ],
)
def test_deleting_a_reader_removes_their_table_and_nothing_else(tmp_path, before, after):
    change = delete_reader(snapshot(tmp_path), before.encode(), "a")
    assert toml_of(change) == after
    assert change.writes["readings/a.csv"] is None


def test_a_byte_order_mark_is_kept(tmp_path):
    change = delete_reader(snapshot(tmp_path), b"\xef\xbb\xbf" + f"{A}\n{B}".encode(), "a")
    assert change.writes["corpus.toml"] == b"\xef\xbb\xbf" + f"\n{B}".encode()


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (f"{CORPUS}\n{A}\n{B}", f"{CORPUS}\n{A.replace('.a]', '.c]')}\n{B}"),
        ("[ readers . a ]  # the first\nname = 1\n", "[ readers . c ]  # the first\nname = 1\n"),
        (
            '# [readers.a]\nx = "[readers.a]"\n[readers.a]\r\n',
            '# [readers.a]\nx = "[readers.a]"\n[readers.c]\r\n',
        ),
    ],
)
def test_renaming_a_reader_renames_their_header_in_place(tmp_path, before, after):
    change = rename_reader(snapshot(tmp_path), before.encode(), "a", "c")
    assert toml_of(change) == after


@pytest.mark.parametrize(
    ("toml", "edit", "message"),
    [
        ('readers.a.name = "A"\n', "delete", "in a form this page cannot rewrite"),
        ('[readers]\na = { name = "A" }\n', "delete", "give it a [readers.a] table of its own"),
        ('[readers]\na.name = "A"\n', "rename", "in a form this page cannot rewrite"),
        (f"{A}\n[readers.a.more]\nx = 1\n", "delete", "in a form this page cannot rewrite"),
        (f"{A}\n[readers.a.more]\nx = 1\n", "rename", "in a form this page cannot rewrite"),
        ('[readers."a"]\nname = "A"\n', "delete", "in a form this page cannot rewrite"),
        (B, "delete", "corpus.toml declares no reader 'a'"),
        (f'{CORPUS}\nreaders = "a"\n', "rename", "corpus.toml declares no reader 'a'"),
        (f"{A}\n{B}", "rename to b", "reader 'b' already exists in corpus.toml"),
        (A, "rename to A", "invalid reader id 'A'"),
        (A, "rename to a--b", "invalid reader id 'a--b'"),
        (A, "rename to ../x", "invalid reader id '../x'"),
        ("[readers.a\n", "delete", "corpus.toml cannot be read"),
        (None, "delete", "the corpus has no corpus.toml"),
    ],
)
def test_what_cannot_be_rewritten_is_refused(tmp_path, toml, edit, message):
    data = None if toml is None else toml.encode()
    with pytest.raises(CurationError, match=message.replace("[", r"\[").replace(".", r"\.")):
        if edit == "delete":
            delete_reader(snapshot(tmp_path), data, "a")
        else:
            rename_reader(snapshot(tmp_path), data, "a", edit.removeprefix("rename to ").strip())


def test_a_rename_onto_a_file_already_there_is_refused(tmp_path):
    (tmp_path / "readings").mkdir()
    (tmp_path / "readings" / "c.csv").write_bytes(b"theme_id\n")
    with pytest.raises(CurationError, match=r"readings/c\.csv already exists"):
        rename_reader(snapshot(tmp_path), A.encode(), "a", "c")
    with pytest.raises(CurationError, match="the file name is too long"):
        rename_reader(snapshot(tmp_path), A.encode(), "a", "c" * 300)


# -- through the store -------------------------------------------------------------------------


@pytest.fixture
def read(tmp_path) -> Path:
    """The starter corpus with two readers, each reading as its positions say."""
    root = tmp_path / "corpus"
    starter.write_starter(root, dt.date(2024, 6, 1))
    digest = scales_digest(load(root).themes)
    for reader_id in ("reader-a", "reader-b"):
        declare(root, reader_id, declaration(reader_id, digest=digest))
        write_reading(root, reader_id, positions_as_reading(root))
    return root


def saved(root: Path, change: store.Change) -> None:
    store.save(root, change, validate(root))


def test_a_reader_deleted_and_undone(read):
    toml, reading = (
        (read / "corpus.toml").read_bytes(),
        (read / "readings/reader-a.csv").read_bytes(),
    )
    saved(read, delete_reader(curate.read(read), toml, "reader-a"))
    assert [r.id for r in load(read).readers] == ["reader-b"]
    assert not (read / "readings/reader-a.csv").exists()
    assert b"reader-a" not in (read / "corpus.toml").read_bytes()
    store.undo(read)
    assert (read / "corpus.toml").read_bytes() == toml
    assert (read / "readings/reader-a.csv").read_bytes() == reading


def test_a_reader_renamed_and_undone(read):
    toml, reading = (
        (read / "corpus.toml").read_bytes(),
        (read / "readings/reader-a.csv").read_bytes(),
    )
    saved(read, rename_reader(curate.read(read), toml, "reader-a", "reader-c"))
    corpus = load(read)
    assert sorted(r.id for r in corpus.readers) == ["reader-b", "reader-c"]
    assert {r.reader_id for r in corpus.readings} == {"reader-b", "reader-c"}
    assert (read / "readings/reader-c.csv").read_bytes() == reading
    assert not (read / "readings/reader-a.csv").exists()
    assert (read / "corpus.toml").read_bytes() == toml.replace(
        b"[readers.reader-a]", b"[readers.reader-c]"
    )
    store.undo(read)
    assert (read / "corpus.toml").read_bytes() == toml
    assert (read / "readings/reader-a.csv").read_bytes() == reading
    assert not (read / "readings/reader-c.csv").exists()


def test_a_reader_whose_reading_is_missing_is_deleted_all_the_same(read):
    (read / reading_file("reader-a")).unlink()
    assert "reader 'reader-a' has no reading" in {p.message for p in validate(read)}
    toml = (read / "corpus.toml").read_bytes()
    change = delete_reader(curate.read(read), toml, "reader-a")
    assert change.files == ("corpus.toml",)
    saved(read, change)
    assert not [p for p in validate(read) if p.severity == "error"]


def test_a_reading_that_is_a_link_is_refused_with_nothing_written(read):
    (read / "reader-a.csv").write_bytes((read / reading_file("reader-a")).read_bytes())
    (read / reading_file("reader-a")).unlink()
    (read / reading_file("reader-a")).symlink_to("../reader-a.csv")
    before = {p: p.read_bytes() for p in (read / "corpus.toml", read / "reader-a.csv")}
    toml = (read / "corpus.toml").read_bytes()
    for change in (
        delete_reader(curate.read(read), toml, "reader-a"),
        rename_reader(curate.read(read), toml, "reader-a", "reader-c"),
    ):
        with pytest.raises(files.Refused, match=r"readings/reader-a\.csv is a link"):
            saved(read, change)
    assert {p: p.read_bytes() for p in before} == before
    assert (read / reading_file("reader-a")).is_symlink()
