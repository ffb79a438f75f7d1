"""Read the files a corpus names, and no other; write a file only where it is safe to.

Reading: each path must lead to a regular file inside the corpus folder once every link in it is
followed. A corpus folder comes from someone else. A link in it (`texts/a.txt -> /etc/passwd`), a
linked folder, a named pipe or a device must never be read, and the reason it is refused must
not echo what it holds.

Writing: every write is atomic (a temporary file beside the target, flushed and synced, moved
over it, the folder synced), and a write into a corpus folder reaches its target through
descriptors of real folders, opened one path component at a time without following a link, so
that no link, whenever it appeared, takes a write out of the folder. An export never goes into
the corpus folder, nor over anything but a regular file. Every refusal is a `Refused` with a
message and a hint, never an OSError.
"""

from __future__ import annotations

import codecs
import contextlib
import errno
import os
import secrets
import stat
from collections.abc import Iterable, Sequence
from pathlib import Path, PurePosixPath

#: Byte-order marks of encodings a spreadsheet or an editor may save in instead of UTF-8. The
#: UTF-32 ones come first: UTF-32-LE's starts with UTF-16-LE's.
_OTHER_ENCODINGS = (
    (codecs.BOM_UTF32_LE, "UTF-32"),
    (codecs.BOM_UTF32_BE, "UTF-32"),
    (codecs.BOM_UTF16_LE, "UTF-16"),
    (codecs.BOM_UTF16_BE, "UTF-16"),
)
_SAVE_AS_UTF8 = "save it again with the encoding UTF-8 (in a spreadsheet: CSV UTF-8)"
_KINDS = (
    (stat.S_ISREG, "a file"),
    (stat.S_ISLNK, "a link"),
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
    (stat.S_ISSOCK, "a socket"),
)


class Refused(Exception):
    """A file that is not read, and why: `line` is set when the reason lies on one line."""

    def __init__(self, message: str, hint: str, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.line = line


class Missing(Refused):
    """Nothing at all at the path: for an optional file, simply not there."""


#: A folder's files by name, with their sizes and modification times: see `stamp`.
Stamp = tuple[tuple[str, int, int], ...]


def stamp(root: Path, names: Iterable[str]) -> Stamp:
    """Sizes and modification times of the named files of `root` (those the corpus names, and
    no other: a large unrelated folder beside them costs nothing): changes whenever one does.
    A link is stamped as the file it leads to, so that an edit of that file shows; a name
    with nothing readable at it is left out, and loading says what is wrong with it."""
    stamps = []
    for name in names:
        path = root / name
        try:
            status = path.stat()
        except (OSError, ValueError):
            try:
                status = path.lstat()
            except (OSError, ValueError):
                continue
        stamps.append((name, status.st_size, status.st_mtime_ns))
    return tuple(sorted(stamps))


def hidden(relative: str) -> bool:
    """Whether the path has a hidden name on the way: never part of the corpus (the undo
    journal is one)."""
    return any(part.startswith(".") for part in PurePosixPath(relative).parts)


def reason(error: OSError) -> str:
    """An OSError in a curator's words."""
    if error.errno == errno.ENAMETOOLONG:
        return "the file name is too long"
    if error.errno == errno.ENOTDIR:
        return "a part of the path is a file, not a folder"
    if error.errno == errno.ELOOP:
        return "its links lead round in a circle"
    if error.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    return error.strerror or type(error).__name__


def _kind(mode: int) -> str:
    return next((name for test, name in _KINDS if test(mode)), "not a plain file")


def folder(root: Path) -> None:
    """Nothing when `root` is a folder; Refused saying what it is otherwise."""
    try:
        mode = root.stat().st_mode
    except FileNotFoundError:
        raise Refused("corpus folder not found", "pass an existing folder") from None
    except OSError as error:
        raise Refused(f"cannot open the corpus folder: {reason(error)}", "pass a folder") from None
    if not stat.S_ISDIR(mode):
        raise Refused(f"not a folder ({_kind(mode)})", "pass the folder that holds corpus.toml")
    try:
        os.close(_open(root, os.O_RDONLY | os.O_DIRECTORY))
    except OSError as error:
        raise Refused(
            f"cannot read the corpus folder: {reason(error)}",
            "make it readable, e.g. chmod u+rx FOLDER",
        ) from None


def resolve(root: Path, relative: str) -> Path:
    """The regular file `relative` names inside `root`, every link followed; Refused if the
    path leads elsewhere, to something that is not a regular file, or nowhere."""
    path = _inside(root, relative)
    try:
        mode = path.stat().st_mode
    except OSError as error:
        raise Refused(f"cannot open {relative}: {reason(error)}", "check the path") from None
    if not stat.S_ISREG(mode):
        raise Refused(
            f"{relative} is not a regular file ({_kind(mode)})",
            "name a plain text file inside the corpus folder",
        )
    return path


def listing(root: Path, relative: str) -> list[str]:
    """The names in the folder `relative` names inside `root`, every link followed: Missing
    when nothing is there, Refused when it leads outside, is not a folder, or cannot be read."""
    path = _inside(root, relative)
    try:
        descriptor = _open(path, os.O_RDONLY | os.O_DIRECTORY)
    except NotADirectoryError:
        raise Refused(f"{relative} is not a folder", f"make {relative} a folder") from None
    except OSError as error:
        raise Refused(f"cannot read {relative}: {reason(error)}", _readable_hint(error)) from None
    try:
        return os.listdir(descriptor)
    finally:
        os.close(descriptor)


def _inside(root: Path, relative: str) -> Path:
    """The path `relative` names inside `root`, every link followed: Refused when it leads
    outside the folder or nowhere, or cannot be followed."""
    candidate = root / relative
    _short_enough(root, candidate)
    try:
        base = root.resolve(strict=True)
        path = candidate.resolve(strict=True)
    except FileNotFoundError:
        raise _nowhere(root, relative) from None
    except RuntimeError:  # what Python 3.11's pathlib raises for a link loop, not ELOOP
        raise Refused(f"cannot open {relative}: {reason(_LOOP)}", "check the path") from None
    except OSError as error:
        raise Refused(f"cannot open {relative}: {reason(error)}", "check the path") from None
    if not path.is_relative_to(base):
        raise Refused(
            f"{relative} leads outside the corpus folder (to {path})",
            "copy the file into the corpus folder: links that lead out of it are not followed",
        )
    return path


#: A link loop, as pathlib's RuntimeError is put in a curator's words.
_LOOP = OSError(errno.ELOOP, "link loop")
#: How far a chain of links is followed to say where it ends (Linux follows 40).
_LINKS_FOLLOWED = 40


def _short_enough(root: Path, path: Path) -> None:
    """Refused, without repeating it, for a path longer than the file system can open."""
    length = len(os.fsencode(path))
    try:
        limit = os.pathconf(root, "PC_PATH_MAX")
    except OSError:
        return  # not a folder: opening it says so
    if length >= limit:
        raise Refused(
            f"cannot open a path of {length} bytes: the file system opens none over {limit - 1}",
            "use a shorter path",
        )


def _nowhere(root: Path, relative: str) -> Refused:
    """Why `relative` leads nowhere: Missing when nothing is at the path, else the chain of links
    it starts, each named, up to the target that does not exist."""
    chain: list[str] = []
    path = root / relative
    for _ in range(_LINKS_FOLLOWED):
        try:
            target = os.readlink(path)
        except OSError:
            break
        chain.append(target)
        path = path.parent / target
    if not chain:
        return Missing("file not found", f"create {relative} in {root}")
    return Refused(
        f"{relative} is a link to {', a link to '.join(chain)}, which does not exist",
        "put the file itself in the corpus folder",
    )


def present(root: Path, relative: str) -> bool:
    """Whether anything is at `relative` in `root` (a link that leads nowhere, or a name the
    file system cannot hold, counts: reading it says what is wrong with it)."""
    try:
        os.lstat(root / relative)
    except FileNotFoundError:
        return False
    except OSError:
        return True
    return True


def _open(path: Path, flags: int, folder: int | None = None) -> int:
    """The one place a file is opened, for reading or creating (tests refuse permission here,
    since root, who runs them, is never refused). With `folder`, the file named path.name is
    opened in that folder's descriptor, and `path` only says where that is."""
    if folder is None:
        return os.open(path, flags, 0o666)
    return os.open(path.name, flags, 0o666, dir_fd=folder)


def read_bytes(root: Path, relative: str) -> bytes:
    """The content of the regular file `relative` names inside `root` (see `resolve`)."""
    path = resolve(root, relative)
    try:
        # Not following a link and not waiting on a pipe: the file may have been swapped since
        # it was resolved, and the descriptor is checked again before a byte is read.
        descriptor = _open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError as error:
        raise Refused(f"cannot read {relative}: {reason(error)}", _readable_hint(error)) from None
    with os.fdopen(descriptor, "rb") as handle:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            raise Refused(f"{relative} changed while it was read", "run the check again")
        try:
            return handle.read()
        except OSError as error:
            raise Refused(f"cannot read {relative}: {reason(error)}", "check the file") from None


def read_regular(path: Path, limit: int) -> bytes:
    """The bytes of the regular file at `path` (one a user names, outside any corpus): Refused
    for a named pipe, a device or anything else that could be read forever, or a file of more
    than `limit` bytes."""
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError as error:
        raise Refused(f"cannot read {path}: {reason(error)}", _readable_hint(error)) from None
    status = os.fstat(descriptor)
    if not stat.S_ISREG(status.st_mode):
        os.close(descriptor)
        raise Refused(f"{path} is {_kind(status.st_mode)}", "name a regular file")
    with os.fdopen(descriptor, "rb") as handle:
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise Refused(f"{path} is larger than {limit} bytes", "split it, or name a smaller file")
    return data


def _readable_hint(error: OSError) -> str:
    if error.errno in (errno.EACCES, errno.EPERM):
        return "make the file readable, e.g. chmod a+r FILE"
    return "check the file"


def decode(data: bytes) -> str:
    """UTF-8 text, one byte-order mark allowed; Refused naming the encoding it is in otherwise."""
    for mark, encoding in _OTHER_ENCODINGS:
        if data.startswith(mark):
            raise Refused(f"encoded as {encoding}, not UTF-8", _SAVE_AS_UTF8)
    if b"\x00" in data and data.count(b"\x00") * 4 > len(data):  # `in` is the faster scan
        raise Refused(
            "encoded as UTF-16 or UTF-32 (every other byte is zero), not UTF-8", _SAVE_AS_UTF8
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        raise Refused(
            f"not valid UTF-8: byte 0x{data[error.start]:02x} at line {line}, column {column}",
            _SAVE_AS_UTF8,
            line,
        ) from None
    if text.startswith("\ufeff"):
        raise Refused(
            "starts with two byte-order marks", "save it again as UTF-8, with one mark or none", 1
        )
    return text


# -- writing -----------------------------------------------------------------------------------


def relative(path: str) -> PurePosixPath:
    """`path` as a path inside a folder, or ValueError when it is empty, absolute, climbs out of
    the folder (`..`) or holds a backslash or a NUL: the one test of a path a corpus names for
    a write. Links are the write's to refuse (see `open_folder`)."""
    candidate = PurePosixPath(path)
    if (
        not path
        or candidate.is_absolute()
        or ".." in candidate.parts
        or "\\" in path
        or "\0" in path
    ):
        raise ValueError(f"{path!r} is not a path inside the corpus folder")
    return candidate


def open_folder(root: Path, parts: Sequence[str], made: list[PurePosixPath] | None = None) -> int:
    """A descriptor of the folder root/parts…, each part opened in the one before it without
    following a link: Refused when a part is a link, not a folder, or missing. With `made`,
    missing folders are created and their paths appended, to be removed if the write fails."""
    try:
        descriptor = os.open(root, os.O_RDONLY | os.O_DIRECTORY)
    except OSError as error:
        raise Refused(f"cannot open the folder {root}: {reason(error)}", "check it") from None
    where = PurePosixPath()
    for part in parts:
        where /= part
        try:
            inner = _open_inner(descriptor, part, where, made)
        finally:
            os.close(descriptor)
        descriptor = inner
    return descriptor


def _open_inner(outer: int, part: str, where: PurePosixPath, made: list | None) -> int:
    flags = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW
    try:
        try:
            return os.open(part, flags, dir_fd=outer)
        except FileNotFoundError:
            if made is None:
                raise Missing(f"{where} does not exist", "nothing to read there") from None
            try:
                os.mkdir(part, 0o777, dir_fd=outer)
                made.append(where)
            except FileExistsError:
                pass  # made meanwhile, by another save: opened as it is, link or not
            return os.open(part, flags, dir_fd=outer)
    except OSError as error:
        raise _write_refused(where, error, outer, part) from None


def _write_refused(where: PurePosixPath, error: OSError, folder: int, name: str) -> Refused:
    """Why nothing is written at `where`, a link named for what it is."""
    if kind_in(folder, name) == "a link":
        return Refused(
            f"{where} is a link: nothing is written through a link",
            "replace the link with the folder or file itself, inside the corpus folder",
        )
    return Refused(f"cannot write {where}: {reason(error)}", "check the corpus folder")


def kind_in(folder: int, name: str) -> str | None:
    """What `name` is in the folder (a link as a link): None when nothing is there."""
    try:
        mode = os.stat(name, dir_fd=folder, follow_symlinks=False).st_mode
    except OSError:
        return None
    return _kind(mode)


def read_in(folder: int, name: str, where: PurePosixPath) -> bytes | None:
    """The bytes of the regular file `name` in the folder, no link followed: None when nothing
    is there, Refused when something other than a regular file is (`where` names it)."""
    try:
        descriptor = os.open(name, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK, dir_fd=folder)
    except FileNotFoundError:
        return None
    except OSError as error:
        raise _write_refused(where, error, folder, name) from None
    with os.fdopen(descriptor, "rb") as handle:
        mode = os.fstat(descriptor).st_mode
        if not stat.S_ISREG(mode):
            raise Refused(f"{where} is {_kind(mode)}, not a regular file", "remove it")
        return handle.read()


def fits(folder: int, name: str, where: PurePosixPath) -> None:
    """Refused when the file system cannot hold a file of this name in the folder."""
    if len(os.fsencode(name)) > os.fpathconf(folder, "PC_NAME_MAX"):
        raise Refused(f"cannot write {where}: the file name is too long", "choose a shorter one")


def stage(folder: int, name: str, data: bytes, where: Path) -> str:
    """Write `data` to a new temporary file in the folder, flushed and synced, to take the place
    of `name` (whose permissions it gets): the temporary file's name. `where` is the target's
    path, for messages."""
    temporary = f".{secrets.token_hex(8)}.part"
    mode = None
    if kind_in(folder, name) == "a file":
        mode = os.stat(name, dir_fd=folder, follow_symlinks=False).st_mode & 0o777
    create(folder, temporary, data, where.parent, mode)
    return temporary


def create(folder: int, name: str, data: bytes, where: Path, mode: int | None = None) -> None:
    """A new file `name` in the folder (in `where`, for messages) holding `data`, flushed and
    synced; with `mode`, its permissions. Refused when anything is at that name already."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW
    try:
        descriptor = _open(where / name, flags, folder)
    except OSError as error:
        raise Refused(f"cannot write in {where}: {reason(error)}", "check the folder") from None
    try:
        with os.fdopen(descriptor, "wb") as out:
            out.write(data)
            out.flush()
            if mode is not None:
                os.fchmod(out.fileno(), mode)
            os.fsync(out.fileno())
    except BaseException:
        discard(folder, name)
        raise


def discard(folder: int, name: str) -> None:
    """Remove a file of the folder if it is there (a temporary file, a write undone)."""
    with contextlib.suppress(FileNotFoundError):
        os.unlink(name, dir_fd=folder)


def commit(folder: int, temporary: str, name: str) -> os.stat_result:
    """Move the staged file over `name` (a link at `name` is replaced, never followed) and sync
    the folder so that the rename lasts: the status of the file now at `name`."""
    os.replace(temporary, name, src_dir_fd=folder, dst_dir_fd=folder)
    sync(folder)
    return os.stat(name, dir_fd=folder, follow_symlinks=False)


def sync(folder: int) -> None:
    """Make the renames in a folder durable (where the file system allows it)."""
    with contextlib.suppress(OSError):
        os.fsync(folder)


def write_atomic(folder: int, name: str, data: bytes, where: Path) -> os.stat_result:
    """Replace `name` in the folder with `data`, so that a reader sees the old file or the new,
    never a part: `stage`, then `commit`; the file's status (its size and modification time
    stamp it)."""
    temporary = stage(folder, name, data, where)
    try:
        return commit(folder, temporary, name)
    except BaseException:
        discard(folder, temporary)
        raise


def write_new(target: Path, content: bytes, *, outside: Path, replace: bool = False) -> None:
    """Write `content` to the file `target`: Refused when its folder does not exist, the folder
    lies inside the folder `outside` (a corpus must not be overwritten by its own export), or
    something is there already and `replace` is False or it is not a regular file (a folder, a
    link, a device, a named pipe). The write is atomic (see `write_atomic`): a failed write
    leaves whatever was there as it was."""
    try:
        folder = os.open(target.parent, os.O_RDONLY | os.O_DIRECTORY)
    except FileNotFoundError:
        raise Refused(
            f"the folder {target.parent} does not exist", "create it first, or pick another"
        ) from None
    except OSError as error:
        raise Refused(f"cannot write {target}: {reason(error)}", "choose another place") from None
    try:
        _check_new(folder, target, outside, replace)
        write_atomic(folder, target.name, content, target)
    except OSError as error:
        raise Refused(f"cannot write {target}: {reason(error)}", "choose another place") from None
    finally:
        os.close(folder)


def _check_new(folder: int, target: Path, outside: Path, replace: bool) -> None:
    kind = kind_in(folder, target.name) if target.name else "a folder"
    if kind == "a folder":
        raise Refused(f"{target} is a folder", f"give a file name, e.g. {target / 'export'}")
    if within(folder, outside):
        raise Refused(
            f"{target} lies inside the corpus folder {outside}",
            "write the export somewhere else: it must not replace a file of the corpus",
        )
    if kind is not None and not replace:
        raise Refused(f"{target} already exists", "add --force to replace it")
    if kind not in (None, "a file"):
        raise Refused(
            f"{target} is {kind}, not a regular file: it is never replaced",
            "write the export to a regular file",
        )


def within(folder: int, root: Path) -> bool:
    """Whether the open folder is `root` or lies inside it, wherever links led to it: its
    parents are walked through descriptors up to the top of the file system."""
    try:
        top = os.stat(root)
    except OSError:
        return False
    current = os.dup(folder)
    try:
        while True:
            here = os.fstat(current)
            if (here.st_dev, here.st_ino) == (top.st_dev, top.st_ino):
                return True
            parent = os.open("..", os.O_RDONLY | os.O_DIRECTORY, dir_fd=current)
            above = os.fstat(parent)
            os.close(current)
            current = parent
            if (above.st_dev, above.st_ino) == (here.st_dev, here.st_ino):
                return False
    finally:
        os.close(current)
