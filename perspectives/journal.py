"""Write several files of a corpus as one: all or nothing, one process at a time, undoable.

A save stages every new file (a temporary file beside its target, flushed and synced) before it
renames any; then it records the previous bytes in a new entry of the undo journal, a hidden
folder the loader never reads; that entry, renamed into place whole, is the point at which the
save has happened. Only then are the staged files renamed over their targets. An error before
the last rename undoes what was done (the entry included); a save interrupted after the entry
was written is finished by the next save or undo, from the staged files the entry names.

The journal is read as untrusted input: a corpus folder, its journal with it, may come from
someone else. Every entry is checked strictly before anything is restored from it, bytes are
restored only when their SHA-256 is the one the entry records, and nothing is read or written
through a link. A file lock in the journal folder keeps saves and undos apart across processes.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import secrets
import shutil
import stat
import time
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

import filelock

from perspectives import files

JOURNAL_DIR = ".perspectives-undo"
#: How many saves `undo` can walk back.
JOURNAL_KEEP = 20
_MANIFEST = "manifest.json"
_BEFORE = "before"
_LOCK = ".lock"
_ENTRY = re.compile(r"^[0-9]{6,}$")
_DIGEST = re.compile(r"^[0-9a-f]{64}$")
_STAGED = re.compile(r"^\.[0-9a-f]{16}\.part$")
_BUILDING = re.compile(r"^\.building-[0-9a-f]{16}$")
#: The most bytes a manifest may have: far more than a save of every table needs.
_MANIFEST_LIMIT = 1 << 20


class JournalError(Exception):
    """The undo journal is damaged or unsafe to restore from: nothing was written."""


class NothingToUndoError(Exception):
    """The journal holds no save to undo."""


@dataclass(frozen=True)
class JournalEntry:
    """One save, as the journal keeps it to undo it."""

    number: int
    description: str
    saved_at: float
    files: Mapping[str, tuple[str | None, str | None]] = field(default_factory=dict)
    # path → (digest before the save, digest after it); None where the file did not exist
    staged: Mapping[str, str] = field(default_factory=dict)
    # path → the temporary file beside it that the save renames over it


def digest(data: bytes | None) -> str | None:
    """What a file's content is compared by; None for a file that does not exist."""
    return None if data is None else hashlib.sha256(data).hexdigest()


def relative(path: str) -> PurePosixPath:
    """A path inside the corpus folder that a save may write, or ValueError: one that would
    leave the folder (see files.relative) or lies in the undo journal."""
    candidate = files.relative(path)
    if candidate.parts[0] == JOURNAL_DIR:
        raise ValueError(f"{path!r} is inside the undo journal")
    return candidate


@contextlib.contextmanager
def locked(root: Path) -> Iterator[None]:
    """Hold the corpus folder's save lock: one save or undo at a time, across processes."""
    os.close(files.open_folder(root, (JOURNAL_DIR,), made=[]))
    try:
        lock = filelock.FileLock(str(root / JOURNAL_DIR / _LOCK))
        lock.acquire()
    except OSError as error:
        raise files.Refused(
            f"cannot lock {JOURNAL_DIR}/{_LOCK}: {files.reason(error)}", "check the corpus folder"
        ) from None
    try:
        yield
    finally:
        lock.release()


def read(root: Path, path: str) -> bytes | None:
    """A file of the corpus as a save or an undo sees it: reached without following a link;
    None when it (or its folder) does not exist."""
    where = relative(path)
    try:
        folder = files.open_folder(root, where.parent.parts)
    except files.Missing:
        return None
    try:
        return files.read_in(folder, where.name, where)
    finally:
        os.close(folder)


def writable(root: Path, path: str) -> None:
    """Refused (files.Refused) when a save could not write `path`: a link or a file on the way,
    something not a regular file there, or a name too long for the file system."""
    where = relative(path)
    try:
        folder = files.open_folder(root, where.parent.parts)
    except files.Missing:
        return  # the missing folders are created, each checked as it is
    try:
        files.fits(folder, where.name, where)
        kind = files.kind_in(folder, where.name)
    finally:
        os.close(folder)
    if kind not in (None, "a file"):
        raise files.Refused(
            f"{where} is {kind}: a save writes only regular files",
            "replace it with a regular file inside the corpus folder",
        )


# -- all or nothing ----------------------------------------------------------------------------


class _Writes:
    """Files being replaced together: folders opened, new bytes staged, renames done; `undo`
    puts back what was there."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.folders: dict[PurePosixPath, int] = {}
        self.made: list[PurePosixPath] = []
        self.old: dict[str, bytes | None] = {}
        self.staged: dict[str, str] = {}
        self.done: list[str] = []

    def folder(self, path: str) -> int:
        parent = relative(path).parent
        if parent not in self.folders:
            self.folders[parent] = files.open_folder(self.root, parent.parts, self.made)
        return self.folders[parent]

    def stage(self, path: str, data: bytes | None) -> None:
        where, folder = relative(path), self.folder(path)
        self.old[path] = files.read_in(folder, where.name, where)
        if data is not None:
            files.fits(folder, where.name, where)
            self.staged[path] = files.stage(folder, where.name, data, self.root / where)

    def commit(self, path: str) -> os.stat_result | None:
        folder, name = self.folder(path), relative(path).name
        status = None
        if path in self.staged:
            status = files.commit(folder, self.staged[path], name)
            del self.staged[path]
        else:
            files.discard(folder, name)
            files.sync(folder)
        self.done.append(path)
        return status

    def undo(self) -> None:
        """Put back every file renamed, remove what was staged and the folders made: best
        effort, as the error that called for it is what the curator is told."""
        for path in reversed(self.done):
            folder, name = self.folder(path), relative(path).name
            with contextlib.suppress(OSError, files.Refused):
                old = self.old[path]
                if old is None:
                    files.discard(folder, name)
                else:
                    files.write_atomic(folder, name, old, self.root / path)
        for path, temporary in self.staged.items():
            with contextlib.suppress(OSError):
                files.discard(self.folder(path), temporary)
        for made in reversed(self.made):
            with contextlib.suppress(OSError, files.Refused):
                parent = files.open_folder(self.root, made.parent.parts)
                try:
                    os.rmdir(made.name, dir_fd=parent)
                finally:
                    os.close(parent)

    def close(self) -> None:
        for descriptor in self.folders.values():
            os.close(descriptor)


def replace_all(
    root: Path, new: Mapping[str, bytes | None], description: str | None
) -> dict[str, os.stat_result | None]:
    """Give every path its new bytes (None: remove it), all or nothing: every file staged
    before any is renamed; with a `description`, the save is recorded in the journal before
    the first rename. Any error puts everything back and is raised (an OSError as
    files.Refused). The status of each file written."""
    writes = _Writes(root)
    entry = None
    try:
        for path, data in new.items():
            writes.stage(path, data)
        if description is not None:
            entry = _record(root, description, writes.old, new, writes.staged)
        written = {path: writes.commit(path) for path in new}
    except BaseException as error:
        writes.undo()
        if entry is not None:
            with contextlib.suppress(OSError, files.Refused):
                _remove_entry(root, entry)
        if isinstance(error, OSError):
            done = "saved" if description is not None else "undone"
            raise files.Refused(
                f"nothing was {done}: {files.reason(error)}", "check the corpus folder"
            ) from None
        raise
    finally:
        writes.close()
    if entry is not None:
        _trim(root)
    return written


# -- the journal -------------------------------------------------------------------------------


def _journal(root: Path) -> int | None:
    """The journal folder's descriptor, reached without a link; None when there is none."""
    try:
        return files.open_folder(root, (JOURNAL_DIR,))
    except files.Missing:
        return None
    except files.Refused as refused:
        raise JournalError(f"the undo journal is unsafe: {refused.message}") from None


def _numbers(journal: int) -> list[str]:
    """The entries' names, oldest first (each a folder named by its number)."""
    return sorted((name for name in os.listdir(journal) if _ENTRY.match(name)), key=int)


def _record(
    root: Path,
    description: str,
    old: Mapping[str, bytes | None],
    new: Mapping[str, bytes | None],
    staged: Mapping[str, str],
) -> str:
    """Write a journal entry for this save, whole: built in a hidden folder (removed if that
    fails), then renamed to the next number. The entry's name."""
    manifest = {
        "description": description,
        "saved_at": time.time(),
        "files": {path: [digest(old[path]), digest(new[path])] for path in sorted(new)},
        "staged": dict(staged),
    }
    journal = files.open_folder(root, (JOURNAL_DIR,), made=[])
    building = f".building-{secrets.token_hex(8)}"
    try:
        try:
            os.mkdir(building, dir_fd=journal)
            _fill(root, PurePosixPath(JOURNAL_DIR, building), manifest, old.values())
            numbers = _numbers(journal)
            name = f"{int(numbers[-1]) + 1 if numbers else 1:06d}"
            os.rename(building, name, src_dir_fd=journal, dst_dir_fd=journal)
        except BaseException:
            with contextlib.suppress(OSError):
                shutil.rmtree(building, dir_fd=journal)
            raise
        files.sync(journal)
    finally:
        os.close(journal)
    return name


def _fill(
    root: Path, where: PurePosixPath, manifest: Mapping[str, object], old: Iterable[bytes | None]
) -> None:
    """An entry's content: the bytes before the save, each under its digest, and the manifest
    (written last, every file synced)."""
    entry = files.open_folder(root, where.parts)
    try:
        os.mkdir(_BEFORE, dir_fd=entry)
        before = files.open_folder(root, (*where.parts, _BEFORE))
        try:
            for key, data in {digest(d): d for d in old if d is not None}.items():
                files.create(before, str(key), data, root / where / _BEFORE)
        finally:
            os.close(before)
        text = json.dumps(manifest, indent=1, ensure_ascii=False).encode("utf-8")
        files.create(entry, _MANIFEST, text, root / where)
        files.sync(entry)
    finally:
        os.close(entry)


def _trim(root: Path) -> None:
    """Drop the oldest entries beyond JOURNAL_KEEP (a link or a file among them is left)."""
    journal = files.open_folder(root, (JOURNAL_DIR,))
    try:
        for old_entry in _numbers(journal)[:-JOURNAL_KEEP]:
            with contextlib.suppress(OSError):
                shutil.rmtree(old_entry, dir_fd=journal)
    finally:
        os.close(journal)


def _remove_entry(root: Path, name: str) -> None:
    journal = files.open_folder(root, (JOURNAL_DIR,))
    try:
        shutil.rmtree(name, dir_fd=journal)
        files.sync(journal)
    finally:
        os.close(journal)


def _entry(journal: int, name: str) -> JournalEntry:
    """What an entry's manifest says, checked: JournalError for anything but a real folder
    holding a manifest as `record` writes one."""
    where = PurePosixPath(JOURNAL_DIR, name)
    try:
        folder = os.open(name, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW, dir_fd=journal)
    except OSError:
        raise JournalError(f"{where} is not a folder of the undo journal") from None
    try:
        data = files.read_in(folder, _MANIFEST, where / _MANIFEST)
    except files.Refused as refused:
        raise JournalError(f"{where}/{_MANIFEST}: {refused.message}") from None
    finally:
        os.close(folder)
    if data is None or len(data) > _MANIFEST_LIMIT:
        raise JournalError(f"{where}/{_MANIFEST} is missing or too large")
    return _parse(int(name), data, where)


def _parse(number: int, data: bytes, where: PurePosixPath) -> JournalEntry:
    """The manifest's entry, every key, type, path and digest checked."""
    try:
        manifest = json.loads(data.decode("utf-8"))
    except ValueError:
        raise JournalError(f"{where}/{_MANIFEST} is not JSON") from None
    fields: dict[str, type | tuple[type, ...]] = {
        "description": str,
        "saved_at": (int, float),
        "files": dict,
        "staged": dict,
    }
    if isinstance(manifest, dict):
        manifest.setdefault("staged", {})  # entries written before saves were staged
    if (
        not isinstance(manifest, dict)
        or set(manifest) != set(fields)
        or any(not isinstance(manifest[key], kind) for key, kind in fields.items())
        or isinstance(manifest["saved_at"], bool)
        or not manifest["files"]
    ):
        raise JournalError(f"{where}/{_MANIFEST} does not hold what a save records")
    changed = {path: _digests(path, value, where) for path, value in manifest["files"].items()}
    staged = manifest["staged"]
    if any(
        path not in changed or not isinstance(name, str) or not _STAGED.match(name)
        for path, name in staged.items()
    ):
        raise JournalError(f"{where}/{_MANIFEST} names staged files it should not")
    return JournalEntry(number, manifest["description"], manifest["saved_at"], changed, staged)


def _digests(path: str, value: object, where: PurePosixPath) -> tuple[str | None, str | None]:
    """A file's digests before and after the save, as the manifest records them, checked."""
    try:
        relative(path)
    except ValueError as error:
        raise JournalError(f"{where}/{_MANIFEST}: {error}") from None
    if (
        not isinstance(value, list)
        or len(value) != 2
        or not all(
            item is None or (isinstance(item, str) and _DIGEST.match(item)) for item in value
        )
    ):
        raise JournalError(f"{where}/{_MANIFEST}: {path!r} has no valid digests")
    return value[0], value[1]


def history(root: Path) -> list[JournalEntry]:
    """The saves that can be undone, the latest first; JournalError for a damaged journal."""
    journal = _journal(Path(root))
    if journal is None:
        return []
    try:
        return [_entry(journal, name) for name in reversed(_numbers(journal))]
    finally:
        os.close(journal)


def _saved_bytes(root: Path, name: str, path: str, known: str) -> bytes:
    """The bytes the entry `name` kept for `path` (under their digest; under the path itself in
    entries written before), only when their digest is the one recorded."""
    where = PurePosixPath(JOURNAL_DIR, name, _BEFORE)
    data = None
    for saved in (PurePosixPath(known), relative(path)):
        try:
            inner = files.open_folder(root, (where / saved).parent.parts)
        except files.Missing:
            continue
        except files.Refused as refused:
            raise JournalError(refused.message) from None
        try:
            data = files.read_in(inner, saved.name, where / saved)
        except files.Refused as refused:
            raise JournalError(refused.message) from None
        finally:
            os.close(inner)
        if data is not None:
            break
    if data is None or digest(data) != known:
        raise JournalError(
            f"{where} has no copy of {path} as it was before the save (or a copy altered since)"
        )
    return data


def recover(root: Path) -> None:
    """Finish a save interrupted after its journal entry was written: rename over their
    targets the staged files the entry names that are still there, with the recorded bytes.
    Called with the lock held, before a save or an undo."""
    journal = _journal(root)
    if journal is None:
        return
    try:
        numbers = _numbers(journal)
        if not numbers:
            return
        entry = _entry(journal, numbers[-1])
    except JournalError:
        return  # a damaged entry is reported by history and undo, never restored from
    finally:
        os.close(journal)
    for path, temporary in entry.staged.items():
        where = relative(path)
        with contextlib.suppress(files.Refused, OSError):
            inner = files.open_folder(root, where.parent.parts)
            try:
                if digest(files.read_in(inner, temporary, where)) == entry.files[path][1]:
                    files.commit(inner, temporary, where.name)
            finally:
                os.close(inner)


def clean(root: Path, folders: Iterable[PurePosixPath], before: float) -> None:
    """Remove what saves killed half-way left behind: staged files in the folders a save writes
    to, and entries being built in the journal, made before `before` (when this save took the
    lock, so that they are no live save's). Called with the lock held, after `recover` has
    used the staged files it needs; a folder that cannot be opened safely is left alone."""
    places = [(folder, _STAGED) for folder in set(folders)]
    for folder, pattern in [*places, (PurePosixPath(JOURNAL_DIR), _BUILDING)]:
        with contextlib.suppress(files.Refused, OSError):
            descriptor = files.open_folder(root, folder.parts)
            try:
                _clean_in(descriptor, pattern, before)
            finally:
                os.close(descriptor)


def _clean_in(folder: int, pattern: re.Pattern[str], before: float) -> None:
    for name in os.listdir(folder):
        if not pattern.match(name):
            continue
        status = os.stat(name, dir_fd=folder, follow_symlinks=False)
        if status.st_mtime >= before:
            continue
        if stat.S_ISDIR(status.st_mode):
            shutil.rmtree(name, dir_fd=folder)
        else:
            os.unlink(name, dir_fd=folder)


def undo(root: Path) -> JournalEntry:
    """Put back the bytes every file had before the latest save, and forget that save. Refused
    when a file changed on disk after that save (`stale`, called with the paths), when the
    journal is damaged (JournalError) or when nothing is saved (NothingToUndoError)."""
    journal = _journal(root)
    if journal is None:
        raise NothingToUndoError("no save to undo")
    try:
        numbers = _numbers(journal)
        if not numbers:
            raise NothingToUndoError("no save to undo")
        entry = _entry(journal, numbers[-1])
    finally:
        os.close(journal)
    current = {path: digest(read(root, path)) for path in entry.files}
    changed = [path for path, (b, a) in entry.files.items() if current[path] not in (b, a)]
    if changed:
        raise UndoStale(changed)
    restore = {
        path: None if before is None else _saved_bytes(root, numbers[-1], path, before)
        for path, (before, _) in entry.files.items()
        if current[path] != before
    }
    replace_all(root, restore, None)
    _remove_entry(root, numbers[-1])
    return entry


class UndoStale(Exception):
    """Files changed on disk after the save to undo: their paths."""

    def __init__(self, paths: list[str]):
        super().__init__(paths)
        self.paths = paths
