"""Save changes to a corpus folder: checked first, written atomically, never over someone else's
edit, and undoable.

A `Change` holds the new bytes of each file it touches and a digest of the bytes it was computed
from. `save` refuses it when a file changed on disk since (the curator is told which), or when
the corpus with the change applied has an error (checked in a scratch folder that links to
every untouched file); warnings are returned and allowed. Each file is written to a temporary
file beside it, flushed and synced, then moved over the old one, so a reader never sees half a
file. Before writing, the previous bytes go to a journal in a hidden folder the loader never
reads; `undo` puts them back. The corpus the check loaded is kept for the next load of the
folder (`saved_corpus`): the dashboard does not load again what the save has just checked.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
import threading
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath

from perspectives import files
from perspectives.corpus import CorpusError, Problem, load
from perspectives.model import Corpus

JOURNAL_DIR = ".perspectives-undo"
#: How many saves `undo` can walk back.
JOURNAL_KEEP = 20
_MANIFEST = "manifest.json"
_BEFORE = "before"
_lock = threading.Lock()  # one save or undo at a time in this process
#: By folder: the corpus its latest save checked, and the stamp of the files it left.
_saved: dict[str, tuple[files.Stamp, Corpus]] = {}


def digest(data: bytes | None) -> str | None:
    """What a file's content is compared by; None for a file that does not exist."""
    return None if data is None else hashlib.sha256(data).hexdigest()


def relative(path: str) -> PurePosixPath:
    """A path inside the corpus folder, or ValueError for one that would leave it."""
    candidate = PurePosixPath(path)
    if not path or candidate.is_absolute() or ".." in candidate.parts or "\\" in path:
        raise ValueError(f"{path!r} is not a path inside the corpus folder")
    if candidate.parts[0] == JOURNAL_DIR:
        raise ValueError(f"{path!r} is inside the undo journal")
    return candidate


def read_file(root: Path, path: str) -> bytes | None:
    target = root / relative(path)
    return target.read_bytes() if target.is_file() else None


@dataclass(frozen=True)
class Change:
    """New bytes for some files of a corpus, and the digest of what each was computed from."""

    description: str
    writes: Mapping[str, bytes]
    base: Mapping[str, str | None]  # path → digest of the bytes read (None: did not exist)

    def __post_init__(self) -> None:
        for path in self.writes:
            relative(path)
        if set(self.writes) - set(self.base):
            raise ValueError("every written file needs the digest of what it was computed from")

    @property
    def files(self) -> tuple[str, ...]:
        """The files whose bytes the change alters."""
        return tuple(
            path for path, data in self.writes.items() if digest(data) != self.base.get(path)
        )


class StaleFilesError(Exception):
    """Files changed on disk since they were read: nothing was written."""

    def __init__(self, paths: Iterable[str], action: str = "save"):
        self.paths = tuple(paths)
        super().__init__(
            f"{', '.join(self.paths)} changed on disk since this {action} was prepared; nothing "
            "was written. Reload the files to see the change, then make yours again."
        )


class RefusedError(Exception):
    """The change would give the corpus an error: nothing was written. `problems` lists the
    errors (and any warnings) as the validator reports them."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = tuple(problems)
        errors = [p for p in self.problems if p.severity != "warning"]
        super().__init__(
            f"refused: the change gives the corpus {len(errors)} error(s); nothing was written"
        )

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity != "warning")


class NothingToUndoError(Exception):
    """The journal holds no save to undo."""


@dataclass(frozen=True)
class Saved:
    """What a save did: the files written, and the corpus's warnings once it was done."""

    files: tuple[str, ...]
    warnings: tuple[Problem, ...] = ()


@dataclass(frozen=True)
class JournalEntry:
    """One save, as the journal keeps it to undo it."""

    number: int
    description: str
    saved_at: float
    files: Mapping[str, tuple[str | None, str | None]] = field(default_factory=dict)
    # path → (digest before the save, digest after it); None where the file did not exist


def stale_files(root: Path, base: Mapping[str, str | None]) -> list[str]:
    """The files whose bytes on disk no longer have the digest they were read with."""
    return [path for path, known in base.items() if digest(read_file(root, path)) != known]


def _scratch_corpus(root: Path, writes: Mapping[str, bytes], scratch: Path) -> None:
    """A folder in which the corpus reads as `root` with `writes` applied: every untouched file
    is a hard link to the real one where the file system allows (a copy elsewhere), so checking
    a change writes little but the changed files, and the loader sees regular files inside the
    folder as it would in the corpus itself."""
    nested: dict[str, dict[str, bytes]] = {}
    for path, data in writes.items():
        head, *rest = PurePosixPath(path).parts
        nested.setdefault(head, {})["/".join(rest)] = data
    entries = {p.name for p in root.iterdir() if p.name != JOURNAL_DIR} if root.is_dir() else set()
    for name in entries | set(nested):
        target = scratch / name
        inner = nested.get(name)
        if inner is None:
            _mirror(root / name, target)
        elif "" in inner:
            target.write_bytes(inner[""])
        else:
            target.mkdir()
            _scratch_corpus(root / name, inner, target)


def _mirror(source: Path, target: Path) -> None:
    """`target` as `source` reads: a link stays the same link (the loader refuses one that leads
    out of the corpus), a folder is mirrored entry by entry, a file is hard-linked or copied."""
    if source.is_symlink():
        target.symlink_to(os.readlink(source))
    elif source.is_dir():
        target.mkdir()
        for entry in source.iterdir():
            _mirror(entry, target / entry.name)
    elif source.is_file():
        try:
            os.link(source, target)
        except OSError:  # another file system, or links not allowed: copy it
            shutil.copyfile(source, target)


@dataclass(frozen=True)
class _Checked:
    """A change checked: its problems, the corpus with it applied (None: it has an error), and
    the stamp of the folder's files when the check read them."""

    problems: tuple[Problem, ...]
    corpus: Corpus | None
    before: files.Stamp


def check(root: Path, change: Change) -> list[Problem]:
    """Every problem of the corpus with the change applied, warnings included; nothing written.
    Messages name the real folder, not the scratch one."""
    return list(_check(Path(root), change).problems)


def _check(root: Path, change: Change) -> _Checked:
    with tempfile.TemporaryDirectory(prefix="perspectives-check-") as scratch:
        before = files.stamp(root)
        _scratch_corpus(root, change.writes, Path(scratch))
        try:
            corpus = load(scratch)
        except CorpusError as error:
            return _Checked(_renamed(error.problems, scratch, root), None, before)
        problems = _renamed(corpus.warnings, scratch, root)
        return _Checked(problems, replace(corpus, root=str(root), warnings=problems), before)


def _renamed(problems: Iterable[Problem], scratch: str, root: Path) -> tuple[Problem, ...]:
    """The problems as they read in the real folder."""
    return tuple(
        replace(
            problem,
            file=problem.file.replace(scratch, str(root)),
            message=problem.message.replace(scratch, str(root)),
            hint=problem.hint.replace(scratch, str(root)),
        )
        for problem in problems
    )


def write_atomic(path: Path, data: bytes) -> os.stat_result:
    """Replace `path` with `data` so that a reader sees the old file or the new, never a part:
    a temporary file in the same folder, flushed and synced, then moved over it. Returns the
    status of the file written (its size and modification time stamp it)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
            status = os.fstat(file.fileno())
        os.chmod(temporary, path.stat().st_mode & 0o777 if path.exists() else 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    _sync_folder(path.parent)
    return status


def _sync_folder(folder: Path) -> None:
    """Make a rename in `folder` durable (where the platform allows opening a folder)."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)


def save(root: Path, change: Change) -> Saved:
    """Check the change, then write it: StaleFilesError if a file it touches changed on disk
    since it was read, RefusedError if the corpus would have an error; otherwise the previous
    bytes go to the journal and every file is written atomically."""
    root = Path(root)
    files = change.files
    if not files:
        return Saved((), ())
    stale = stale_files(root, {path: change.base[path] for path in files})
    if stale:
        raise StaleFilesError(stale)
    checked = _check(root, change)
    if any(problem.severity != "warning" for problem in checked.problems):
        raise RefusedError(checked.problems)
    with _lock:
        stale = stale_files(root, {path: change.base[path] for path in files})
        if stale:
            raise StaleFilesError(stale)
        _record(root, change, files)
        written = {path: write_atomic(root / relative(path), change.writes[path]) for path in files}
        _keep(root, checked, written)
    return Saved(files, checked.problems)


def _keep(root: Path, checked: _Checked, written: Mapping[str, os.stat_result]) -> None:
    """Keep the checked corpus for the next load of the folder when the folder holds exactly
    what the check read: every file as stamped before the check, but those written, as
    written. A file changed meanwhile, by anyone, and nothing is kept."""
    expected = {name: (size, time) for name, size, time in checked.before if name not in written}
    expected |= {
        path: (status.st_size, status.st_mtime_ns)
        for path, status in written.items()
        if files.stamped(path)
    }
    now = files.stamp(root)
    if checked.corpus is not None and {name: (size, time) for name, size, time in now} == expected:
        _saved[str(root)] = (now, checked.corpus)
    else:
        _saved.pop(str(root), None)


def saved_corpus(root: Path | str, stamp: files.Stamp) -> Corpus | None:
    """The corpus the latest save in `root` checked, while the folder's files are as that save
    left them (`stamp`, see files.stamp): what loading the folder would give. Handed out once;
    later loads read the files."""
    kept = _saved.get(str(root))
    if kept is None or kept[0] != stamp:
        return None
    _saved.pop(str(root), None)
    return kept[1]


def forget() -> None:
    """Drop the corpora kept from saves."""
    _saved.clear()


# -- the journal -------------------------------------------------------------------------------


def _journal(root: Path) -> Path:
    return root / JOURNAL_DIR


def _entry_folders(root: Path) -> list[Path]:
    folder = _journal(root)
    if not folder.is_dir():
        return []
    return sorted(
        (p for p in folder.iterdir() if p.is_dir() and p.name.isdigit()), key=lambda p: int(p.name)
    )


def _record(root: Path, change: Change, files: tuple[str, ...]) -> None:
    """Keep the bytes every file had before the save, in a new journal entry written whole
    (a temporary folder renamed into place), and drop the oldest entries beyond JOURNAL_KEEP."""
    journal = _journal(root)
    journal.mkdir(exist_ok=True)
    existing = _entry_folders(root)
    number = int(existing[-1].name) + 1 if existing else 1
    building = Path(tempfile.mkdtemp(prefix=".building-", dir=journal))
    manifest: dict[str, object] = {
        "description": change.description,
        "saved_at": time.time(),
        "files": {path: [change.base[path], digest(change.writes[path])] for path in sorted(files)},
    }
    for path in files:
        before = read_file(root, path)
        if before is not None:
            target = building / _BEFORE / relative(path)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(before)
    (building / _MANIFEST).write_text(json.dumps(manifest, indent=1), encoding="utf-8")
    os.replace(building, journal / f"{number:06d}")
    for old in _entry_folders(root)[:-JOURNAL_KEEP]:
        shutil.rmtree(old)


def _read_entry(folder: Path) -> JournalEntry:
    manifest = json.loads((folder / _MANIFEST).read_text(encoding="utf-8"))
    return JournalEntry(
        number=int(folder.name),
        description=manifest["description"],
        saved_at=manifest["saved_at"],
        files={path: (before, after) for path, (before, after) in manifest["files"].items()},
    )


def history(root: Path) -> list[JournalEntry]:
    """The saves that can be undone, the latest first."""
    return [_read_entry(folder) for folder in reversed(_entry_folders(Path(root)))]


def undo(root: Path) -> JournalEntry:
    """Put back the bytes every file had before the latest save, and forget that save. Refused
    (StaleFilesError) when a file changed on disk after that save: undo never overwrites an edit
    it did not make."""
    root = Path(root)
    with _lock:
        folders = _entry_folders(root)
        if not folders:
            raise NothingToUndoError("no save to undo")
        folder = folders[-1]
        entry = _read_entry(folder)
        changed = [
            path
            for path, (before, after) in entry.files.items()
            if digest(read_file(root, path)) not in (before, after)
        ]
        if changed:
            raise StaleFilesError(changed, action="undo")
        _saved.pop(str(root), None)
        for path, (before, _) in entry.files.items():
            target = root / relative(path)
            if before is None:
                target.unlink(missing_ok=True)
            else:
                write_atomic(target, (folder / _BEFORE / relative(path)).read_bytes())
        shutil.rmtree(folder)
    return entry
