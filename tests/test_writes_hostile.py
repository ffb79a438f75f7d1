"""Writes to a corpus folder that came from someone else: no write leaves the folder through a
link, the undo journal is untrusted input, and a save is all or nothing.

Every test compares the SHA-256 of every file inside the corpus and in a folder beside it
("elsewhere", standing for the rest of the disk) before and after."""

from __future__ import annotations

import datetime as dt
import errno
import hashlib
import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
from streamlit import config

from perspectives import corpus, curate, files, load, paths, starter, store
from perspectives.cli import main
from perspectives.ui import curate_page, links

from .conftest import ROOT, open_page

LOCK = f"{store.JOURNAL_DIR}/.lock"
SECRET = b"ssh-ed25519 AAAA the curator's own key\n"


@pytest.fixture
def started(tmp_path) -> Path:
    root = tmp_path / "corpus"
    starter.write_starter(root, dt.date(2024, 6, 1))
    return root


@pytest.fixture
def elsewhere(tmp_path) -> Path:
    """A folder outside the corpus, with a file a hostile corpus would like to overwrite."""
    folder = tmp_path / "elsewhere"
    (folder / ".ssh").mkdir(parents=True)
    (folder / ".ssh" / "authorized_keys").write_bytes(SECRET)
    (folder / "x.txt").write_bytes(b"not the corpus's\n")
    return folder


def sha256s(*folders: Path) -> dict[str, str]:
    """Every file under the folders (no link followed), hidden ones included, by content: the
    empty lock file a save creates aside."""
    found = {}
    for folder in folders:
        for base, names, filenames in os.walk(folder):
            for name in filenames + [n for n in names if Path(base, n).is_symlink()]:
                path = Path(base, name)
                if str(path.relative_to(folder)) == LOCK:
                    continue
                if path.is_symlink():
                    content = b"link to " + os.readlink(path).encode()
                elif path.is_file():
                    content = path.read_bytes()
                else:  # a named pipe, never opened
                    content = f"mode {os.lstat(path).st_mode:o}".encode()
                found[str(path)] = hashlib.sha256(content).hexdigest()
    return found


#: add-document's options for every required cell but the id.
METADATA = ["--author", "A", "--role", "R", "--affiliation", "F", "--country", "Chile"]
METADATA += ["--title", "T", "--outlet", "O", "--published", "2024-02", "--citation", "C."]


def add_document(root: Path, tmp_path: Path, capsys, *extra: str) -> tuple[int, str]:
    source = tmp_path / "new.txt"
    source.write_bytes(b"A new text.\n\nIt says something about lanes.\n")
    status = main(["add-document", str(root), str(source), *METADATA, *extra])
    return status, capsys.readouterr().err


def link(path: Path, to: Path | str) -> None:
    path.symlink_to(to)


def _texts_to(target: Callable[[Path, Path], Path]) -> Callable[[Path, Path], None]:
    """texts/ moved to `target` and replaced by a link to it."""

    def arrange(root: Path, elsewhere: Path) -> None:
        moved = target(root, elsewhere)
        (root / "texts").rename(moved)
        link(root / "texts", moved)

    return arrange


# (name, how the corpus is arranged, add-document's extra options, what the refusal says)
LINKS = [
    (
        "a linked folder named by --text-file",
        lambda root, out: link(root / "ext", out),
        ["--id", "x", "--text-file", "ext/x.txt"],
        "ext is a link",
    ),
    (
        "a linked folder deeper down",
        lambda root, out: link(root / "texts" / "sub", out),
        ["--id", "x", "--text-file", "texts/sub/new.txt"],
        "texts/sub is a link",
    ),
    (
        "texts/ a link out of the corpus",
        _texts_to(lambda root, out: out / "texts"),
        ["--id", "x"],
        "texts is a link",
    ),
    (
        "texts/ a link inside the corpus",
        _texts_to(lambda root, out: root / "real-texts"),
        ["--id", "x"],
        "texts is a link",
    ),
    (
        "the text file a dangling link",
        lambda root, out: link(root / "texts" / "x.txt", out / "made.txt"),
        ["--id", "x"],
        "texts/x.txt",
    ),
    (
        "the journal a link",
        lambda root, out: link(root / store.JOURNAL_DIR, out),
        ["--id", "x"],
        f"{store.JOURNAL_DIR} is a link",
    ),
    (
        "the lock a link",
        lambda root, out: (
            (root / store.JOURNAL_DIR).mkdir(),
            link(root / LOCK, out / "x.txt"),
        ),
        ["--id", "x"],
        "cannot lock",
    ),
]


@pytest.mark.parametrize(
    ("arrange", "extra", "message"), [c[1:] for c in LINKS], ids=[c[0] for c in LINKS]
)
def test_add_document_writes_nothing_through_a_link(
    started, elsewhere, tmp_path, capsys, arrange, extra, message
):
    arrange(started, elsewhere)
    before = sha256s(started, elsewhere)
    status, err = add_document(started, tmp_path, capsys, *extra)
    assert status == 1
    assert message in err and "Traceback" not in err
    assert sha256s(started, elsewhere) == before
    assert not (elsewhere / "made.txt").exists()


@pytest.mark.parametrize(
    "arrange",
    [case[1] for case in LINKS if "--text-file" not in case[2]],
    ids=[case[0] for case in LINKS if "--text-file" not in case[2]],
)
def test_a_save_through_the_store_writes_nothing_through_a_link(started, elsewhere, arrange):
    """As the Curate page saves: the check and the write both refuse (the check's scratch
    folder never turns a linked folder into a real one)."""
    arrange(started, elsewhere)
    before = sha256s(started, elsewhere)
    change = store.Change("add", {"texts/x.txt": b"mine"}, {"texts/x.txt": None})
    with pytest.raises(files.Refused):
        store.save(started, change)
    assert sha256s(started, elsewhere) == before


@pytest.fixture
def local_server():
    config.set_option("server.address", "127.0.0.1")
    yield
    config.set_option("server.address", None)


#: (Streamlit's server.address, whether only this computer can reach the server)
ADDRESSES = [
    (None, False),
    ("", False),
    ("0.0.0.0", False),
    ("::", False),
    ("192.168.1.20", False),
    ("example.org", False),
    ("127.0.0.1", True),
    ("127.0.1.1", True),
    ("::1", True),
    ("[::1]", True),
    ("localhost", True),
]


@pytest.mark.parametrize(("address", "local"), ADDRESSES)
def test_every_address_but_loopback_is_public(address, local):
    assert paths.local_only(address) is local


@pytest.mark.parametrize(("address", "local"), ADDRESSES[1:3] + ADDRESSES[6:7])
def test_the_curate_page_writes_only_on_a_server_this_computer_alone_reaches(
    started, elsewhere, monkeypatch, address, local
):
    monkeypatch.setenv("PERSPECTIVES_DATA", str(started))
    monkeypatch.setenv("PERSPECTIVES_CURATE", "1")
    config.set_option("server.address", address)
    before = sha256s(started, elsewhere)
    try:
        at = open_page(links.CURATE).run()
    finally:
        config.set_option("server.address", None)
    assert not at.exception
    refused = [error.value for error in at.error if "Curation is off" in error.value]
    assert bool(refused) is not local
    assert any(radio.key == curate_page.TASK_KEY for radio in at.radio) is local
    assert sha256s(started, elsewhere) == before


def test_the_curate_page_adds_no_document_through_a_linked_texts_folder(
    started, elsewhere, monkeypatch, local_server
):
    _texts_to(lambda root, out: root / "real-texts")(started, elsewhere)  # the corpus loads
    monkeypatch.setenv("PERSPECTIVES_DATA", str(started))
    monkeypatch.setenv("PERSPECTIVES_CURATE", "1")
    before = sha256s(started, elsewhere)
    at = open_page(links.CURATE).run()
    at.radio(key="curate_task").set_value(curate_page.ADD).run()
    at.text_area(key=f"{curate_page.FORM}paste").input("A new text.\n").run()
    at.text_input(key=f"{curate_page.FORM}doc|id").input("x").run()
    assert not at.exception
    assert any("texts is a link" in error.value for error in at.error)
    assert at.button(key="curate_add_document").disabled
    assert sha256s(started, elsewhere) == before


def test_undo_writes_nothing_through_a_link_that_appeared_after_the_save(
    started, elsewhere, tmp_path, capsys
):
    assert add_document(started, tmp_path, capsys, "--id", "x")[0] == 0
    _texts_to(lambda root, out: out / "texts")(started, elsewhere)
    before = sha256s(started, elsewhere)
    assert main(["undo", str(started)]) == 1
    err = capsys.readouterr().err
    assert "texts is a link" in err and "Traceback" not in err
    assert sha256s(started, elsewhere) == before


# -- the undo journal is untrusted input -----------------------------------------------------


def entry(root: Path, manifest: object, before: dict[str, bytes] | None = None) -> Path:
    """A journal entry as a hostile corpus might ship it."""
    folder = root / store.JOURNAL_DIR / "000001"
    (folder / "before").mkdir(parents=True)
    text = manifest if isinstance(manifest, str) else json.dumps(manifest)
    (folder / "manifest.json").write_text(text, encoding="utf-8")
    for name, data in (before or {}).items():
        (folder / "before" / name).write_bytes(data)
    return folder


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def manifest(files_: dict, **extra: object) -> dict:
    return {"description": "an edit", "saved_at": 1.0, "files": files_, "staged": {}} | extra


THEMES = "themes.csv"


def themes_entry(root: Path, before: bytes = b"old themes\n") -> dict:
    return manifest({THEMES: [sha(before), sha((root / THEMES).read_bytes())]})


def _hostile_home(root: Path, out: Path) -> None:
    link(root / "home", out)
    keys = "home/.ssh/authorized_keys"
    entry(root, manifest({keys: [sha(b"evil"), sha(SECRET)]}), {sha(b"evil"): b"evil"})


def _flipped_home(root: Path, out: Path) -> None:
    link(root / "home", out)
    entry(root, manifest({"home/.ssh/authorized_keys": [None, sha(SECRET)]}))


def _linked_before(root: Path, out: Path) -> None:
    (out / "payload").write_bytes(b"old themes\n")
    folder = entry(root, themes_entry(root))
    link(folder / "before" / sha(b"old themes\n"), out / "payload")


def _linked_entry(root: Path, out: Path) -> None:
    (out / "entry").mkdir()
    (out / "entry" / "manifest.json").write_text(json.dumps(themes_entry(root)))
    (root / store.JOURNAL_DIR).mkdir()
    link(root / store.JOURNAL_DIR / "000001", out / "entry")


# (name, how the journal is damaged, what the refusal says)
JOURNALS = [
    ("not JSON", lambda r, o: entry(r, "{"), "is not JSON"),
    ("a list", lambda r, o: entry(r, "[]"), "does not hold what a save records"),
    ("a missing key", lambda r, o: entry(r, {"files": {}}), "does not hold what a save records"),
    (
        "an extra key",
        lambda r, o: entry(r, themes_entry(r) | {"run": "rm -rf"}),
        "does not hold what a save records",
    ),
    (
        "a description not text",
        lambda r, o: entry(r, themes_entry(r) | {"description": 3}),
        "does not hold",
    ),
    ("a time that is a bool", lambda r, o: entry(r, themes_entry(r) | {"saved_at": True}), "does"),
    ("no files", lambda r, o: entry(r, manifest({})), "does not hold what a save records"),
    ("a path out", lambda r, o: entry(r, manifest({"../x": [None, None]})), "not a path inside"),
    ("an absolute path", lambda r, o: entry(r, manifest({"/etc/x": [None, None]})), "not a path"),
    (
        "a path into the journal",
        lambda r, o: entry(r, manifest({f"{store.JOURNAL_DIR}/x": [None, None]})),
        "inside the undo journal",
    ),
    (
        "a digest that is not one",
        lambda r, o: entry(r, manifest({THEMES: ["../../x", None]})),
        "no valid digests",
    ),
    (
        "three digests",
        lambda r, o: entry(r, manifest({THEMES: [None, None, None]})),
        "no valid digests",
    ),
    (
        "a staged file out of place",
        lambda r, o: entry(r, themes_entry(r) | {"staged": {THEMES: "../../x"}}),
        "names staged files",
    ),
    ("its copy missing", lambda r, o: entry(r, themes_entry(r)), "has no copy of themes.csv"),
    (
        "its copy altered",
        lambda r, o: entry(r, themes_entry(r), {sha(b"old themes\n"): b"other bytes\n"}),
        "has no copy of themes.csv",
    ),
    ("its copy a link out", _linked_before, "is a link"),
    ("an entry that is a link", _linked_entry, "not a folder of the undo journal"),
    ("a linked home to restore into", _hostile_home, "home is a link"),
    ("a linked home to delete from", _flipped_home, "home is a link"),
]


@pytest.mark.parametrize(
    ("damage", "message"), [c[1:] for c in JOURNALS], ids=[c[0] for c in JOURNALS]
)
def test_undo_refuses_a_damaged_or_hostile_journal_and_writes_nothing(
    started, elsewhere, capsys, damage, message
):
    damage(started, elsewhere)
    before = sha256s(started, elsewhere)
    assert main(["undo", str(started)]) == 1
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err
    assert sha256s(started, elsewhere) == before
    assert (elsewhere / ".ssh" / "authorized_keys").read_bytes() == SECRET


def test_a_journal_that_is_a_link_is_refused_by_history(started, elsewhere):
    link(started / store.JOURNAL_DIR, elsewhere)
    with pytest.raises(store.JournalError, match="is a link"):
        store.history(started)


def test_the_curate_page_offers_no_undo_from_a_damaged_journal_and_says_why(
    started, monkeypatch, local_server
):
    entry(started, "{")
    monkeypatch.setenv("PERSPECTIVES_DATA", str(started))
    monkeypatch.setenv("PERSPECTIVES_CURATE", "1")
    at = open_page(links.CURATE).run()
    assert not at.exception
    assert at.button(key="curate_undo").disabled
    assert any("Undo is not offered" in w.value and "not JSON" in w.value for w in at.warning)


def test_undo_restores_a_checked_copy(started, capsys, tmp_path):
    """The other side of the table above: a save's own entry is undone."""
    before = sha256s(started)
    assert add_document(started, tmp_path, capsys, "--id", "x")[0] == 0
    assert main(["undo", str(started)]) == 0
    assert {k: v for k, v in sha256s(started).items() if store.JOURNAL_DIR not in k} == before


# -- all or nothing ----------------------------------------------------------------------------


def a_new_document(root: Path, document_id: str = "x") -> store.Change:
    metadata = {"id": document_id, "author": document_id, "role": "R", "affiliation": "F"}
    metadata |= {"country": "Chile", "title": "T", "outlet": "O", "published": "2024-02"}
    metadata |= {"citation": "C."}
    return curate.add_document(curate.read(root), metadata, b"A new text.\n")


def corpus_files(root: Path) -> dict[str, str]:
    return {k: v for k, v in sha256s(root).items() if store.JOURNAL_DIR not in k}


# (where the save fails: a function of os, and which of its calls; what the refusal says)
FAULTS = [
    ("the first rename", "replace", 1, "Input/output error"),
    ("the second rename", "replace", 2, "Input/output error"),
    ("the journal entry's rename", "rename", 1, "Input/output error"),
    ("staging the second file", "fsync", 2, "Input/output error"),
    ("writing the journal", "fsync", 4, "Input/output error"),
]


@pytest.mark.parametrize(
    ("function", "failing", "message"), [c[1:] for c in FAULTS], ids=[c[0] for c in FAULTS]
)
def test_a_save_that_fails_part_way_leaves_nothing(
    started, monkeypatch, function, failing, message
):
    before = sha256s(started)
    real, calls = getattr(os, function), []

    def failing_call(*args, **kwargs):
        calls.append(args)
        if len(calls) == failing:
            raise OSError(errno.EIO, os.strerror(errno.EIO))
        return real(*args, **kwargs)

    change = a_new_document(started)
    monkeypatch.setattr(os, function, failing_call)
    with pytest.raises(files.Refused, match=f"nothing was saved: {message}"):
        store.save(started, change)
    monkeypatch.undo()
    assert len(calls) >= failing
    assert sha256s(started) == before, "every file as it was; no journal entry, no temporary file"
    assert store.history(started) == []


def test_a_read_only_texts_folder_refuses_the_save_before_any_rename(started, monkeypatch):
    """Root, who runs the tests, may write anywhere: the folder is refused as for anyone else,
    at the one place files are created."""
    real_open = files._open

    def refusing(path: Path, flags: int, folder: int | None = None) -> int:
        if flags & os.O_CREAT and path.parent.name == "texts":
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
        return real_open(path, flags, folder)

    monkeypatch.setattr(files, "_open", refusing)
    before = sha256s(started)
    with pytest.raises(files.Refused, match="permission denied"):
        store.save(started, a_new_document(started))
    assert sha256s(started) == before


@pytest.mark.parametrize(
    ("length", "saved"), [(250, True), (252, False)], ids=["250 characters", "252 characters"]
)
def test_a_long_id_is_saved_or_refused_whole(started, length, saved):
    """texts/<id>.txt: 254 bytes fit a name (255 at most), 256 do not, and are refused before
    anything is written."""
    before = sha256s(started)
    long_id = "a" * length
    if saved:
        store.save(started, a_new_document(started, long_id))
        assert load(started).document(long_id).text == "A new text.\n"
        store.undo(started)
        assert corpus_files(started) == before
    else:
        with pytest.raises(curate.CurationError, match="the file name is too long"):
            a_new_document(started, long_id)
        change = store.Change(
            "long", {f"texts/{long_id}.txt": b"x"}, {f"texts/{long_id}.txt": None}
        )
        with pytest.raises(files.Refused, match="the file name is too long"):
            store.save(started, change)
        assert sha256s(started) == before


CRASH = """
import os, sys
from perspectives import curate, store
calls = []
real = os.replace
def replace(*args, **kwargs):
    calls.append(args)
    if len(calls) == {at}:
        os._exit(3)  # killed between renames: nothing cleans up
    return real(*args, **kwargs)
os.replace = replace
metadata = dict(id="x", author="A", role="R", affiliation="F", country="Chile", title="T",
                outlet="O", published="2024-02", citation="C.")
root = sys.argv[1]
store.save(root, curate.add_document(curate.read(root), metadata, b"A new text.\\n"))
"""


@pytest.mark.parametrize("at", [1, 2], ids=["before the first rename", "between the renames"])
@pytest.mark.parametrize("then", ["undo", "save"])
def test_a_save_killed_between_renames_is_finished_by_the_next_save_or_undo(started, at, then):
    before = corpus_files(started)
    run = [sys.executable, "-c", CRASH.replace("{at}", str(at)), str(started)]
    assert subprocess.run(run, cwd=ROOT, check=False).returncode == 3
    if then == "undo":
        store.undo(started)
        assert corpus_files(started) == before
    else:
        if at == 1:  # the next save finishes this one first: what it was prepared from is stale
            with pytest.raises(store.StaleFilesError):
                store.save(started, a_new_document(started, "y"))
        store.save(started, a_new_document(started, "y"))
        corpus = load(started)
        assert [d.id for d in corpus.documents][-2:] == ["x", "y"]
        assert corpus.document("x").text == "A new text.\n"
    assert not [p for p in started.rglob("*.part")], "no staged file left"


KILLED = """
import os, sys
from perspectives import curate, journal, store
def die(*args, **kwargs):
    os._exit(3)  # killed: nothing cleans up
if sys.argv[2] == "check":
    store.load = die
else:
    journal._record = die
metadata = dict(id="x", author="A", role="R", affiliation="F", country="Chile", title="T",
                outlet="O", published="2024-02", citation="C.")
root = sys.argv[1]
store.save(root, curate.add_document(curate.read(root), metadata, b"A new text.\\n"))
"""


@pytest.mark.parametrize("during", ["check", "record"])
@pytest.mark.parametrize("then", ["save", "undo"])
def test_the_next_save_or_undo_removes_what_a_killed_save_left(
    started, elsewhere, tmp_path, monkeypatch, during, then
):
    """Killed while checking, a save leaves its scratch copy in the temporary folder; killed
    while recording, its staged files in the corpus. Another save's live scratch folder, and
    anything else, stays."""
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temporary))
    alive = temporary / f"perspectives-check-{os.getpid()}-live"
    alive.mkdir()
    (temporary / "perspectives-check-other").mkdir()
    store.save(started, a_new_document(started, "first"))
    before = sha256s(started, elsewhere)
    run = [sys.executable, "-c", KILLED, str(started), during]
    environment = {**os.environ, "TMPDIR": str(temporary)}
    assert subprocess.run(run, cwd=ROOT, env=environment, check=False).returncode == 3
    known = sorted([alive.name, "perspectives-check-other"])
    left = [p for p in temporary.iterdir() if p.name not in known]
    left += [*started.rglob("*.part"), *started.rglob(".building-*")]
    assert left, "the killed save left something"
    if then == "save":
        store.save(started, a_new_document(started, "y"))
    else:
        store.undo(started)
    assert not list(started.rglob("*.part")) and not list(started.rglob(".building-*"))
    assert sorted(p.name for p in temporary.iterdir()) == known

    def untouched(found: dict[str, str]) -> dict[str, str]:
        """What neither save nor undo writes: every file but the table and texts they do."""
        written = (str(started / "documents.csv"), str(started / "texts"), str(started / "."))
        return {k: v for k, v in found.items() if not k.startswith(written)}

    assert untouched(sha256s(started, elsewhere)) == untouched(before)


# -- export -o: only ever a regular file -------------------------------------------------------


def _fifo(out: Path) -> Path:
    os.mkfifo(out / "pipe")
    return out / "pipe"


def _linked_file(out: Path) -> Path:
    link(out / "report.md", out / "x.txt")
    return out / "report.md"


def _dangling(out: Path) -> Path:
    link(out / "report.md", out / "nowhere.md")
    return out / "report.md"


def _into_the_corpus_through_a_link(out: Path) -> Path:
    link(out / "corpus-link", out.parent / "corpus")
    return out / "corpus-link" / "new.md"


# (name, the -o target made in the folder beside the corpus, what the refusal says)
EXPORTS = [
    ("a named pipe", _fifo, "is a named pipe, not a regular file"),
    ("a link to a file", _linked_file, "is a link, not a regular file"),
    ("a dangling link", _dangling, "is a link, not a regular file"),
    ("a device", lambda out: Path(os.devnull), "is a device, not a regular file"),
    ("the corpus, through a link", _into_the_corpus_through_a_link, "lies inside the corpus"),
]


@pytest.mark.parametrize(
    ("target", "message"), [c[1:] for c in EXPORTS], ids=[c[0] for c in EXPORTS]
)
def test_export_with_force_replaces_only_a_regular_file(
    started, elsewhere, capsys, target, message
):
    path = target(elsewhere)
    kind = os.lstat(path).st_mode if os.path.lexists(path) else None
    before = sha256s(started, elsewhere)
    argv = ["export", str(started), "--format", "csv", "-o", str(path), "--force"]
    assert main(argv) == 1
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err
    assert sha256s(started, elsewhere) == before
    assert (os.lstat(path).st_mode if os.path.lexists(path) else None) == kind


# -- add-document reads one regular file, of a bounded size; refusals are one clear line -------


def _source_fifo(tmp: Path) -> Path:
    os.mkfifo(tmp / "pipe.txt")
    return tmp / "pipe.txt"


def _source_big(tmp: Path) -> Path:
    (tmp / "big.txt").write_bytes(b"x" * 65)
    return tmp / "big.txt"


SOURCES = [
    ("a named pipe", _source_fifo, "is a named pipe"),
    ("a device", lambda tmp: Path("/dev/zero"), "is a device"),
    ("a folder", lambda tmp: tmp, "is a folder"),
    ("nothing", lambda tmp: tmp / "missing.txt", "No such file or directory"),
    ("a file over the limit", _source_big, "is larger than 64 bytes"),
]


@pytest.mark.parametrize(
    ("source", "message"), [c[1:] for c in SOURCES], ids=[c[0] for c in SOURCES]
)
def test_add_document_reads_only_a_regular_file_of_bounded_size(
    started, tmp_path, capsys, monkeypatch, source, message
):
    monkeypatch.setattr("perspectives.cli.SOURCE_LIMIT", 64)
    before = sha256s(started)
    assert main(["add-document", str(started), str(source(tmp_path)), "--id", "x"]) == 1
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err
    assert sha256s(started) == before


def _full_disk(monkeypatch: pytest.MonkeyPatch) -> None:
    def fsync(descriptor: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", fsync)


def _read_only_corpus(monkeypatch: pytest.MonkeyPatch) -> None:
    def mkdir(*args, **kwargs) -> None:
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))

    monkeypatch.setattr(os, "mkdir", mkdir)


# (name, how the system refuses, add-document's id, what the refusal says)
FAILURES = [
    ("a full disk", _full_disk, "x", "nothing was saved: No space left on device"),
    ("a read-only corpus", _read_only_corpus, "x", "permission denied"),
    ("an id too long to name a file", lambda monkeypatch: None, "a" * 300, "too long"),
    ("an id longer than a path may be", lambda monkeypatch: None, "a" * 5000, "too long"),
]


@pytest.mark.parametrize(
    ("failure", "document_id", "message"), [c[1:] for c in FAILURES], ids=[c[0] for c in FAILURES]
)
def test_add_document_says_why_the_system_refused_in_one_line(
    started, tmp_path, capsys, monkeypatch, failure, document_id, message
):
    before = sha256s(started)
    failure(monkeypatch)
    status, err = add_document(started, tmp_path, capsys, "--id", document_id)
    monkeypatch.undo()
    assert status == 1
    assert message in err and "Traceback" not in err and len(err.splitlines()) == 1
    assert sha256s(started) == before


def test_a_save_and_the_stamp_look_only_at_the_files_the_corpus_names(
    started, elsewhere, monkeypatch
):
    unrelated = started / "unrelated"
    (unrelated / "deeper").mkdir(parents=True)
    for number in range(200):
        (unrelated / "deeper" / f"{number}.txt").write_bytes(b"not the corpus's\n")
    link(unrelated / "out", elsewhere)
    stamp = corpus.stamp(started)
    (unrelated / "deeper" / "0.txt").write_bytes(b"changed, and not the corpus's\n")
    (unrelated / "new.txt").write_bytes(b"new, and not the corpus's\n")
    assert corpus.stamp(started) == stamp
    scratches = []
    real_load = store.load

    def load_recording(scratch):
        scratches.append({str(p.relative_to(scratch)) for p in Path(scratch).rglob("*")})
        return real_load(scratch)

    monkeypatch.setattr(store, "load", load_recording)
    outside = {k: v for k, v in sha256s(started, elsewhere).items() if "/unrelated" in k}
    outside |= sha256s(elsewhere)
    store.save(started, a_new_document(started))
    (seen,) = scratches
    assert "texts/x.txt" in seen and not [path for path in seen if "unrelated" in path]
    after = sha256s(started, elsewhere)
    assert {k: v for k, v in after.items() if k in outside} == outside
    assert corpus.stamp(started) != stamp, "the new text and row are stamped"


NAVIGATION_ONLY = b"""<html><head><title>Home</title></head><body>
<nav><ul><li><a href="/">Menu</a></li></ul></nav><div>Menu</div></body></html>"""
WORDS = b"A new text.\n"

# (name, the source's name and bytes, add-document's extra options, what the refusal says)
REFUSED_TEXTS = [
    ("spaces", "new.txt", b"  \n\t\n", [], "the file holds no text"),
    ("no-break spaces", "new.txt", "\u00a0\u00a0\n".encode(), [], "the file holds no text"),
    ("zero-width spaces", "new.txt", "\u200b \u200b\n".encode(), [], "holds no words"),
    ("a web page of navigation", "new.html", NAVIGATION_ONLY, [], "only its navigation ('Menu')"),
    ("a hidden text_file", "new.txt", WORDS, ["--text-file", "texts/.x.txt"], "hidden name"),
    ("a hidden folder", "new.txt", WORDS, ["--text-file", ".texts/x.txt"], "hidden name"),
]


@pytest.mark.parametrize(
    ("name", "data", "extra", "message"),
    [c[1:] for c in REFUSED_TEXTS],
    ids=[c[0] for c in REFUSED_TEXTS],
)
def test_add_document_refuses_a_text_with_no_words_or_a_hidden_name(
    started, elsewhere, tmp_path, capsys, name, data, extra, message
):
    source = tmp_path / name
    source.write_bytes(data)
    before = sha256s(started, elsewhere)
    status = main(["add-document", str(started), str(source), "--id", "x", *METADATA, *extra])
    err = capsys.readouterr().err
    assert status == 1
    assert message in err and "Traceback" not in err
    assert sha256s(started, elsewhere) == before


#: (name, the pasted text, what the page says)
REFUSED_ON_THE_PAGE = [
    ("zero-width spaces", "\u200b \u00a0\u200b\n", "holds no words"),
    ("word joiners and no-break spaces", "\u2060\u00a0 \u2060\n", "holds no words"),
]


@pytest.mark.parametrize(
    ("pasted", "message"),
    [case[1:] for case in REFUSED_ON_THE_PAGE],
    ids=[case[0] for case in REFUSED_ON_THE_PAGE],
)
def test_the_curate_page_says_why_it_will_not_add_such_a_text(
    started, elsewhere, monkeypatch, local_server, pasted, message
):
    monkeypatch.setenv("PERSPECTIVES_DATA", str(started))
    monkeypatch.setenv("PERSPECTIVES_CURATE", "1")
    before = sha256s(started, elsewhere)
    at = open_page(links.CURATE).run()
    at.radio(key=curate_page.TASK_KEY).set_value(curate_page.ADD).run()
    at.text_area(key=f"{curate_page.FORM}paste").input(pasted).run()
    row = dict(zip(METADATA[::2], METADATA[1::2], strict=True))
    for column, value in {"id": "x", **row}.items():
        at.text_input(key=f"{curate_page.FORM}doc|{column.removeprefix('--')}").input(value)
    at.run()
    assert not at.exception
    shown = [str(frame.value) for frame in at.dataframe] + [e.value for e in at.error]
    assert any(message in text for text in shown), shown
    assert at.button(key=curate_page.ADD_DOCUMENT_KEY).disabled
    assert sha256s(started, elsewhere) == before


ESCAPE = "\x1b]0;owned\x07\x1b[2J"


def test_undo_prints_a_journal_description_without_acting_on_its_escapes(started, tmp_path, capsys):
    assert add_document(started, tmp_path, capsys, "--id", "x")[0] == 0
    capsys.readouterr()
    (folder,) = (started / store.JOURNAL_DIR).glob("0*")
    saved = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    (folder / "manifest.json").write_text(json.dumps(saved | {"description": ESCAPE}))
    assert main(["undo", str(started)]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out and "\\x1b]0;owned" in out


def test_init_and_add_document_print_a_folder_name_without_acting_on_its_escapes(tmp_path, capsys):
    root = tmp_path / f"corpus{ESCAPE}"
    assert main(["init", str(root)]) == 0
    assert add_document(root, tmp_path, capsys, "--id", "x")[0] == 0
    assert main(["undo", str(root)]) == 0
    printed = capsys.readouterr()
    assert "\x1b" not in printed.out + printed.err


def test_an_entry_written_before_saves_were_staged_is_still_undone(started):
    """Entries of earlier versions keep the copy under the file's path and name no staged
    files: undone all the same, the copy checked by its digest."""
    old = (started / THEMES).read_bytes()
    (started / THEMES).write_bytes(old.replace(b"Protected bike lanes", b"Bike lanes"))
    recorded = {THEMES: [sha(old), sha((started / THEMES).read_bytes())]}
    entry(started, {"description": "an edit", "saved_at": 1.0, "files": recorded}, {THEMES: old})
    assert store.undo(started).description == "an edit"
    assert (started / THEMES).read_bytes() == old


def test_a_table_linked_inside_the_corpus_is_read_but_never_written(started, elsewhere):
    """The loader follows a link that stays inside the corpus; a save writes no link at all."""
    (started / THEMES).rename(started / "real-themes.csv")
    link(started / THEMES, "real-themes.csv")
    snapshot = curate.read(started)
    assert snapshot.files[THEMES] == (started / "real-themes.csv").read_bytes()
    draft = curate.ThemeDraft("new-theme", "New", "A theme.", "Why?", "partly", "Both.")
    before = sha256s(started, elsewhere)
    with pytest.raises(files.Refused, match=r"themes\.csv is a link: a save writes only regular"):
        store.save(started, curate.set_theme(snapshot, draft))
    assert sha256s(started, elsewhere) == before
