"""Saving a change: checked first, atomic, never over an edit made meanwhile, and undoable."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from pathlib import Path

import pytest

from perspectives import corpus, curate, files, load, starter, store
from perspectives.model import refused_errors
from perspectives.store import Change

from .conftest import set_cell

LOCK = f"{store.JOURNAL_DIR}/.lock"  # empty; what a save locks the folder with


def hashes(root: Path) -> dict[str, str]:
    """Every file under the folder, hidden ones included (but the lock), by its content."""
    return {
        name: hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file() and (name := str(path.relative_to(root))) != LOCK
    }


def edit(root: Path, file: str, old: bytes, new: bytes, description: str = "edit") -> Change:
    data = (root / file).read_bytes()
    assert old in data
    return Change(description, {file: data.replace(old, new, 1)}, {file: store.digest(data)})


RENAME = (b"Sanctions,", b"Sanctions regime,")


def test_a_valid_change_is_written_and_the_corpus_loads(corpus_copy):
    saved = store.save(corpus_copy, edit(corpus_copy, "themes.csv", *RENAME))
    assert saved.files == ("themes.csv",)
    assert load(corpus_copy).theme("sanctions").label == "Sanctions regime"
    assert not list(corpus_copy.glob("**/*.tmp")), "no temporary file left behind"


@pytest.mark.parametrize(
    ("file", "old", "new", "message"),
    [
        ("positions.csv", b"explicit", b"sometimes", "positions.csv:2:coverage: unknown value"),
        ("themes.csv", b"sanctions,Sanctions", b"sanctions,", "themes.csv:2:label: empty required"),
        ("quotes.csv", b"Xi was the first", b"Xi was 1st", "quotes.csv:2:quote: quote not found"),
        (
            "documents.csv",
            b"texts/singh-2018.txt",
            b"texts/none.txt",
            "documents.csv:2:text_file: text file 'texts/none.txt' not found",
        ),
    ],
)
def test_a_change_that_brings_an_error_is_refused_and_nothing_changes(
    corpus_copy, file, old, new, message
):
    before = hashes(corpus_copy)
    with pytest.raises(store.RefusedError) as refused:
        store.save(corpus_copy, edit(corpus_copy, file, old, new))
    assert any(str(problem).startswith(message) for problem in refused.value.problems)
    assert hashes(corpus_copy) == before, "every file unchanged, and no journal"
    messages = "".join(str(problem) for problem in refused.value.problems)
    assert "perspectives-check" not in messages, "problems name the corpus, not the scratch copy"


def loaded_afresh(root: Path):
    corpus.forget()
    return load(root)


@pytest.mark.parametrize(
    "change",
    [
        lambda root: edit(root, "themes.csv", *RENAME),
        lambda root: edit(root, "comparisons.csv", b"diverge", b"agree"),  # with a warning
        lambda root: Change("add text", {"texts/extra.txt": b"Extra."}, {"texts/extra.txt": None}),
    ],
    ids=["a table", "a table, with a warning", "a new file"],
)
def test_the_corpus_a_save_checked_is_what_loading_the_folder_then_gives(corpus_copy, change):
    store.save(corpus_copy, change(corpus_copy))
    kept = store.saved_corpus(corpus_copy, corpus.stamp(corpus_copy))
    assert kept is not None and kept == loaded_afresh(corpus_copy)
    assert kept.root == str(corpus_copy)
    assert store.saved_corpus(corpus_copy, corpus.stamp(corpus_copy)) is None, "handed out once"


def test_no_corpus_is_kept_when_a_file_changes_while_the_save_is_checked(corpus_copy, monkeypatch):
    def meanwhile(root):
        checked = load(root)
        set_cell(corpus_copy, "comparisons.csv", 2, "synthesis", "Someone else's words.")
        return checked

    monkeypatch.setattr(store, "load", meanwhile)
    store.save(corpus_copy, edit(corpus_copy, "themes.csv", *RENAME))
    assert store.saved_corpus(corpus_copy, corpus.stamp(corpus_copy)) is None


def test_no_corpus_is_handed_out_once_a_file_changed_after_the_save(corpus_copy):
    store.save(corpus_copy, edit(corpus_copy, "themes.csv", *RENAME))
    set_cell(corpus_copy, "comparisons.csv", 2, "synthesis", "Someone else's words.")
    assert store.saved_corpus(corpus_copy, corpus.stamp(corpus_copy)) is None


def test_a_file_changed_on_disk_since_it_was_read_is_not_overwritten(corpus_copy):
    change = edit(corpus_copy, "themes.csv", *RENAME)
    set_cell(corpus_copy, "themes.csv", 3, "label", "Seoul")
    before = hashes(corpus_copy)
    with pytest.raises(store.StaleFilesError) as stale:
        store.save(corpus_copy, change)
    assert stale.value.paths == ("themes.csv",)
    assert hashes(corpus_copy) == before


def test_a_new_file_is_refused_when_one_appeared_at_its_path(corpus_copy):
    (corpus_copy / "texts" / "new.txt").write_text("someone else's", encoding="utf-8")
    change = Change("add", {"texts/new.txt": b"mine"}, {"texts/new.txt": None})
    with pytest.raises(store.StaleFilesError):
        store.save(corpus_copy, change)
    assert (corpus_copy / "texts" / "new.txt").read_text(encoding="utf-8") == "someone else's"


def test_warnings_are_returned_and_allowed(corpus_copy):
    saved = store.save(corpus_copy, edit(corpus_copy, "comparisons.csv", b"diverge", b"agree"))
    assert any("'agree', but the scale points" in p.message for p in saved.warnings)


def test_undo_restores_the_bytes_of_every_file_save_by_save(corpus_copy):
    states = [hashes(corpus_copy)]
    for number in range(12):
        old = b"Sanctions" + b"!" * number + b","
        store.save(corpus_copy, edit(corpus_copy, "themes.csv", old, old[:-1] + b"!,"))
        states.append(hashes(corpus_copy))
    new_text = Change("add text", {"texts/extra.txt": b"Extra."}, {"texts/extra.txt": None})
    store.save(corpus_copy, new_text)
    assert [entry.description for entry in store.history(corpus_copy)][:2] == ["add text", "edit"]
    store.undo(corpus_copy)
    assert not (corpus_copy / "texts" / "extra.txt").exists(), "a new file is removed"
    for state in reversed(states[:-1]):
        store.undo(corpus_copy)
        visible = {k: v for k, v in hashes(corpus_copy).items() if store.JOURNAL_DIR not in k}
        assert visible == {k: v for k, v in state.items() if store.JOURNAL_DIR not in k}
    with pytest.raises(store.NothingToUndoError):
        store.undo(corpus_copy)


def test_the_journal_keeps_the_latest_saves_only(corpus_copy):
    for number in range(store.JOURNAL_KEEP + 3):
        old = b"Sanctions" + b"!" * number + b","
        store.save(corpus_copy, edit(corpus_copy, "themes.csv", old, old[:-1] + b"!,"))
    assert len(store.history(corpus_copy)) == store.JOURNAL_KEEP


def test_undo_refuses_when_a_file_changed_after_the_save(corpus_copy):
    store.save(corpus_copy, edit(corpus_copy, "themes.csv", *RENAME))
    set_cell(corpus_copy, "themes.csv", 3, "label", "Seoul")
    before = hashes(corpus_copy)
    with pytest.raises(store.StaleFilesError) as stale:
        store.undo(corpus_copy)
    assert "themes.csv" in str(stale.value)
    assert hashes(corpus_copy) == before
    assert len(store.history(corpus_copy)) == 1, "the save can still be undone later"


def test_the_loader_never_reads_the_journal(corpus_copy):
    store.save(corpus_copy, edit(corpus_copy, "themes.csv", *RENAME))
    journal = corpus_copy / store.JOURNAL_DIR
    (entry,) = [p for p in journal.iterdir() if p.is_dir()]
    (entry / "before" / "themes.csv").write_text("garbage", encoding="utf-8")
    assert load(corpus_copy).theme("sanctions").label == "Sanctions regime"


@pytest.mark.parametrize("path", ["../outside.csv", "/etc/passwd", "texts/../../x", ""])
def test_a_change_cannot_write_outside_the_corpus(path):
    with pytest.raises(ValueError, match="not a path inside the corpus folder"):
        Change("escape", {path: b"x"}, {path: None})


def test_an_atomic_write_keeps_the_files_permissions(tmp_path):
    target = tmp_path / "table.csv"
    target.write_bytes(b"old")
    os.chmod(target, 0o640)
    folder = files.open_folder(tmp_path, ())
    try:
        files.write_atomic(folder, "table.csv", b"new", target)
    finally:
        os.close(folder)
    assert target.read_bytes() == b"new"
    assert target.stat().st_mode & 0o777 == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["table.csv"]


@pytest.mark.parametrize(
    ("before", "after", "refused"),
    [
        ([], [], []),
        ([], [("a.csv", 2, "c", "bad")], [2]),
        ([("a.csv", 2, "c", "bad")], [("a.csv", 2, "c", "bad")], []),
        ([("a.csv", 3, "c", "bad")], [("a.csv", 2, "c", "bad")], []),  # a row above was deleted
        ([("a.csv", 2, "c", "bad")], [], []),  # repaired
        ([("a.csv", 2, "c", "bad")], [("a.csv", 2, "d", "bad")], [2]),  # a wrong cell for another
        ([("a.csv", 2, "c", "bad")], [("a.csv", 2, "c", "bad"), ("a.csv", 5, "c", "bad")], [5]),
        ([("t.csv", None, None, "no rows")], [("c.csv", None, None, "no row for t")], []),
        ([("t.csv", None, None, "no rows")], [("c.csv", 2, "x", "bad")], [2]),  # a draft grows
        ([], [("c.csv", None, None, "no row for t")], [None]),  # more errors than before
        ([], [("a.csv", 2, "c", "odd", "warning")], []),  # a warning is not an error
        ([("a.csv", 2, "c", "odd", "warning")], [("a.csv", 2, "c", "odd")], [2]),
    ],
)
def test_a_save_may_keep_or_trade_the_errors_it_was_given_but_add_none(before, after, refused):
    def problems(rows):
        return [corpus.Problem(f, r, c, m, severity=(s or ["error"])[0]) for f, r, c, m, *s in rows]

    assert [p.row for p in refused_errors(problems(before), problems(after))] == refused


def test_a_first_text_with_a_bad_date_is_refused_even_as_it_repairs_the_empty_table(tmp_path):
    """`init --empty` has two errors (no documents, no themes): adding a text removes one, and
    may not bring another in its place."""
    root = tmp_path / "new"
    starter.write_starter(root, dt.date(2024, 6, 1), empty=True)
    known = corpus.validate(root)
    row = {"id": "a-2024", "country": "Chile", "title": "A", "outlet": "O", "published": "soon"}
    change = curate.add_document(curate.read(root), row, b"Some words here.\n", ".txt")
    with pytest.raises(store.RefusedError, match="1 error"):
        store.save(root, change, known)
    row["published"] = "2024"
    store.save(root, curate.add_document(curate.read(root), row, b"Some words.\n", ".txt"), known)
    assert [p.message for p in corpus.validate(root)] == ["no rows"]
