"""Save changes to a corpus folder: checked first, written all or nothing, never over someone
else's edit, never through a link, and undoable.

A `Change` holds the new bytes of each file it touches and a digest of the bytes it was computed
from. `save` refuses it when a file changed on disk since (the curator is told which), when a
file it writes lies through a link or cannot be named, or when the corpus with the change
applied has an error (checked in a scratch folder that links to every other file the corpus
names); warnings are returned and allowed. A folder's datapackage.json, derived from its
tables and details, is written again with the save that changes them (and undone with it).
A save first cleans up after saves killed earlier.
The writing, the undo journal and the lock that keeps saves apart are `journal`'s. The corpus
the check loaded is kept for the next load of the folder (`saved_corpus`): the dashboard does
not load again what the save has just checked.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import tempfile
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath
from typing import cast

from perspectives import datapackage, files, journal, memo
from perspectives.corpus import CorpusError, Problem, fixed_files, load, stamp, text_files
from perspectives.journal import (
    JOURNAL_DIR,
    JOURNAL_KEEP,
    JournalEntry,
    JournalError,
    NothingToUndoError,
    digest,
    relative,
)
from perspectives.model import Corpus, refused_errors

__all__ = [
    "JOURNAL_DIR",
    "JOURNAL_KEEP",
    "JournalEntry",
    "JournalError",
    "NothingToUndoError",
    "digest",
    "relative",
]

#: The start of a scratch folder's name, before the id of the process that made it.
_SCRATCH = "perspectives-check-"
_SCRATCH_NAME = re.compile(rf"^{_SCRATCH}([0-9]+)-")

#: By folder: the corpus its latest save checked, and the stamp of the files it left.
_SAVED = memo.ContentCache(max_size=8, max_entries=8)


def writable(root: Path, path: str) -> None:
    """files.Refused when a save could not write `path` safely (see journal.writable)."""
    journal.writable(Path(root), path)


def read_file(root: Path, path: str) -> bytes | None:
    """A file of the corpus as the loader reads it (what changes are computed from and compared
    with; see files.read_bytes); None when it is not there. A save writes no link it followed."""
    try:
        return files.read_bytes(Path(root), str(relative(path)))
    except files.Missing:
        return None


@dataclass(frozen=True)
class Change:
    """New bytes for some files of a corpus, and the digest of what each was computed from."""

    description: str
    writes: Mapping[str, bytes | None]  # path → new bytes (None: remove the file)
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
    errors it would add, as the validator reports them."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = tuple(problems)
        super().__init__(
            f"refused: the change gives the corpus {len(self.problems)} error(s); nothing was "
            "written"
        )


@dataclass(frozen=True)
class Saved:
    """What a save did: the files written, and the corpus's warnings once it was done."""

    files: tuple[str, ...]
    warnings: tuple[Problem, ...] = ()


def stale_files(root: Path, base: Mapping[str, str | None]) -> list[str]:
    """The files whose bytes on disk no longer have the digest they were read with."""
    return [path for path, known in base.items() if digest(read_file(root, path)) != known]


def _scratch_corpus(root: Path, writes: Mapping[str, bytes | None], scratch: Path) -> None:
    """A folder in which the corpus reads as `root` with `writes` applied: the files written
    (a file the change removes left out), and every other file the corpus names (see
    corpus.fixed_files and corpus.text_files, the texts as the changed documents.csv names
    them) a hard link to the real one where the file system allows (a copy elsewhere). Nothing
    else in the folder is looked at, so checking a change costs the same beside a large
    unrelated folder; the loader sees regular files inside the folder as it would in the
    corpus itself."""
    for path, data in writes.items():
        parts = PurePosixPath(path).parts
        for depth in range(1, len(parts)):
            if (root / PurePosixPath(*parts[:depth])).is_symlink():
                raise files.Refused(
                    f"{PurePosixPath(*parts[:depth])} is a link: nothing is written through a link",
                    "replace the link with the folder itself, inside the corpus folder",
                )
        if data is not None:
            (scratch / path).parent.mkdir(parents=True, exist_ok=True)
            (scratch / path).write_bytes(data)
    for name in fixed_files(root):
        if name not in writes:
            _mirror(root, scratch, name)
    for name in text_files(scratch):  # the texts as the scratch folder's documents.csv names them
        if name not in writes:
            _mirror(root, scratch, name)


def _mirror(root: Path, scratch: Path, name: str) -> None:
    """The file `name` of `root` in the scratch folder, as it reads there: each link on the way
    the same link (the loader refuses one that leads out of the corpus; one that stays in is
    followed, and what it leads to mirrored too), each folder a folder, and the file
    hard-linked or copied. Nothing when nothing is there, or it is not a regular file: loading
    the scratch folder then says what loading the real one would."""
    try:
        relative = files.relative(name)
    except ValueError:
        return  # a path the loader refuses as it stands
    for depth in range(1, len(relative.parts) + 1):
        step = PurePosixPath(*relative.parts[:depth])
        source, target = root / step, scratch / step
        if target.is_symlink():
            return
        if source.is_symlink():
            target.symlink_to(os.readlink(source))
            _mirror_target(root, scratch, name)
            return
        if depth < len(relative.parts) and source.is_dir():
            target.mkdir(exist_ok=True)
        elif depth == len(relative.parts) and source.is_file() and not target.exists():
            try:
                os.link(source, target)
            except OSError:  # another file system, or links not allowed: copy it
                shutil.copyfile(source, target)
        else:
            return


def _mirror_target(root: Path, scratch: Path, name: str) -> None:
    """What the links on the way to `name` lead to, mirrored when it lies inside the corpus."""
    try:
        base = root.resolve(strict=True)
        real = (root / name).resolve(strict=True)
    except (OSError, RuntimeError):  # a loop, or nowhere: the loader says so
        return
    if real.is_relative_to(base) and real != base / name:
        _mirror(root, scratch, str(real.relative_to(base)))


@dataclass(frozen=True)
class _Checked:
    """A change checked: its problems, the corpus with it applied (None: it has an error), and
    the stamp of the folder's files when the check read them."""

    problems: tuple[Problem, ...]
    corpus: Corpus | None
    before: files.Stamp
    derived: Mapping[str, bytes]  # the derived files the change alters (see _derived)


def check(root: Path, change: Change) -> list[Problem]:
    """Every problem of the corpus with the change applied, warnings included; nothing written.
    Messages name the real folder, not the scratch one."""
    return list(_check(Path(root), change).problems)


def _check(root: Path, change: Change, derive: bool = False) -> _Checked:
    """The change checked; with `derive` (for a save, not a form's check), the derived files
    it alters too."""
    with tempfile.TemporaryDirectory(prefix=f"{_SCRATCH}{os.getpid()}-") as scratch:
        before = stamp(root)
        _scratch_corpus(root, change.writes, Path(scratch))
        try:
            corpus = load(scratch)
        except CorpusError as error:
            return _Checked(_renamed(error.problems, scratch, root), None, before, {})
        problems = _renamed(corpus.warnings, scratch, root)
        derived = _derived(root, Path(scratch), corpus, change.writes) if derive else {}
        return _Checked(
            problems, replace(corpus, root=str(root), warnings=problems), before, derived
        )


def _derived(
    root: Path, scratch: Path, corpus: Corpus, writes: Mapping[str, bytes | None]
) -> dict[str, bytes]:
    """datapackage.json as the corpus with the change applied (`scratch`) describes it, when
    the folder has one as a regular file, the change does not write it itself, and it would
    differ: without it, a save that renames a reader or retitles the corpus would leave the
    package naming a file that is gone or the old title. A corpus that does not load keeps
    the one it has until it does."""
    if datapackage.FILE in writes:
        return {}
    try:
        current = journal.read(root, datapackage.FILE)
    except files.Refused:  # a link, or not a regular file: left alone
        return {}
    if current is None:
        return {}
    new = datapackage.package_json(scratch, corpus.meta.title, corpus.meta.version).encode()
    return {} if new == current else {datapackage.FILE: new}


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


def save(root: Path, change: Change, known: Iterable[Problem] = ()) -> Saved:
    """Check the change, then write it: files.Refused if a file it writes cannot be written
    safely (a link on the way, a name too long), StaleFilesError if a file it touches changed
    on disk since it was read, RefusedError if the corpus would have an error beyond the
    problems `known` (see refused_errors: a corpus with errors is repaired, and a draft grows,
    one save at a time); otherwise every
    file is written, all or nothing, and the save recorded in the journal (see journal). The
    whole of it holds the folder's lock: a save returned is in the files."""
    root = Path(root)
    paths = change.files
    if not paths:
        return Saved((), ())
    with journal.locked(root):
        _clean(root)
        for path in paths:
            journal.writable(root, path)
        stale = stale_files(root, {path: change.base[path] for path in paths})
        if stale:
            raise StaleFilesError(stale)
        checked = _check(root, change, derive=True)
        if added := refused_errors(known, checked.problems):
            raise RefusedError(added)
        writes = {path: change.writes[path] for path in paths}
        writes.update(checked.derived)
        written = journal.replace_all(root, writes, change.description)
        _keep(root, checked, {path: status for path, status in written.items() if status})
    return Saved(tuple(writes), checked.problems)


def _clean(root: Path) -> None:
    """With the lock held: finish a save interrupted after it was recorded, then remove what
    saves killed earlier left: their staged files and journal entries half built (see
    journal.clean), and their scratch folders, whose process is gone."""
    now = time.time()
    journal.recover(root)
    named = [*fixed_files(root), *text_files(root)]
    journal.clean(root, {PurePosixPath(name).parent for name in named}, now)
    scratch = Path(tempfile.gettempdir())
    with contextlib.suppress(OSError):
        for entry in os.scandir(scratch):
            found = _SCRATCH_NAME.match(entry.name)
            if found and entry.is_dir(follow_symlinks=False) and _gone(int(found.group(1))):
                shutil.rmtree(entry.path, ignore_errors=True)


def _gone(pid: int) -> bool:
    """Whether no process has this id (one of another user's is alive, if not ours)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except (PermissionError, OverflowError):
        return False
    return False


def _keep(root: Path, checked: _Checked, written: Mapping[str, os.stat_result]) -> None:
    """Keep the checked corpus for the next load of the folder when the folder holds exactly
    what the check read: every file as stamped before the check, but those written, as
    written. A file changed meanwhile, by anyone, and nothing is kept."""
    now = stamp(root)
    stamped = {name for name, _, _ in now}
    expected = {name: (size, time) for name, size, time in checked.before if name not in written}
    expected |= {
        path: (status.st_size, status.st_mtime_ns)
        for path, status in written.items()
        if path in stamped
    }
    if checked.corpus is not None and {name: (size, time) for name, size, time in now} == expected:
        _SAVED.keep((str(root), now), checked.corpus, size=1)


def saved_corpus(root: Path | str, stamp: files.Stamp) -> Corpus | None:
    """The corpus the latest save in `root` checked, while the folder's files are as that save
    left them (`stamp`, see corpus.stamp): what loading the folder would give. Handed out once;
    later loads read the files."""
    return cast(Corpus | None, _SAVED.take((str(root), stamp)))


# -- the journal -------------------------------------------------------------------------------


def history(root: Path) -> list[JournalEntry]:
    """The saves that can be undone, the latest first; JournalError for a damaged journal."""
    return journal.history(Path(root))


def undo(root: Path) -> JournalEntry:
    """Put back the bytes every file had before the latest save, and forget that save. Refused
    (StaleFilesError) when a file changed on disk after that save: undo never overwrites an edit
    it did not make; JournalError when the journal is damaged; files.Refused when a file
    cannot be written safely."""
    root = Path(root)
    with journal.locked(root):
        _clean(root)
        try:
            return journal.undo(root)
        except journal.UndoStale as stale:
            raise StaleFilesError(stale.paths, action="undo") from None
