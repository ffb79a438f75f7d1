"""Read the files a corpus names, and no other; write a file only where it is safe to.

Reading: each path must lead to a regular file inside the corpus folder once every link in it is
followed. A corpus folder comes from someone else. A link in it (`texts/a.txt -> /etc/passwd`), a
linked folder, a named pipe or a device must never be read, and the reason it is refused must
not echo what it holds. Writing: never into the corpus folder, never over an existing file
unless asked, and never half a file. Every refusal is a `Refused` with a message and a hint,
never an OSError.
"""

from __future__ import annotations

import codecs
import errno
import os
import secrets
import stat
from pathlib import Path

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


def stamp(root: Path) -> Stamp:
    """Names, sizes and modification times of the corpus files: changes whenever a file does.
    Hidden files and folders (the undo journal among them) are not the corpus's."""
    stamps = []
    # Links are stamped as themselves and never followed (a link to / would be walked whole);
    # an entry that cannot be read is left out: loading says what is wrong with it.
    for folder, folders, names in os.walk(root):
        folders[:] = [name for name in folders if not name.startswith(".")]
        for name in names:
            if name.startswith("."):
                continue
            path = Path(folder, name)
            try:
                status = path.lstat()
            except OSError:
                continue
            stamps.append((str(path.relative_to(root)), status.st_size, status.st_mtime_ns))
    return tuple(sorted(stamps))


def stamped(relative: str) -> bool:
    """Whether `stamp` stamps the file at this path: one with no hidden name on the way."""
    return not any(part.startswith(".") for part in Path(relative).parts)


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


def resolve(root: Path, relative: str) -> Path:
    """The regular file `relative` names inside `root`, every link followed; Refused if the
    path leads elsewhere, to something that is not a regular file, or nowhere."""
    candidate = root / relative
    try:
        base = root.resolve(strict=True)
        path = candidate.resolve(strict=True)
    except FileNotFoundError:
        if candidate.is_symlink():
            raise Refused(
                f"{relative} is a link to {os.readlink(candidate)}, which does not exist",
                "put the file itself in the corpus folder",
            ) from None
        raise Missing("file not found", f"create {relative} in {root}") from None
    except OSError as error:
        raise Refused(f"cannot open {relative}: {reason(error)}", "check the path") from None
    if not path.is_relative_to(base):
        raise Refused(
            f"{relative} leads outside the corpus folder (to {path})",
            "copy the file into the corpus folder: links that lead out of it are not followed",
        )
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


def _open(path: Path, flags: int) -> int:
    """The one place a file is opened, for reading or creating (tests refuse permission here,
    since root, who runs them, is never refused)."""
    return os.open(path, flags, 0o666)


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


def write_new(target: Path, content: bytes, *, outside: Path, replace: bool = False) -> None:
    """Write `content` to the file `target`: Refused when it is a folder, its folder does not
    exist, it lies inside the folder `outside` (a corpus must not be overwritten by its own
    export), or it exists and `replace` is False. The bytes go to a temporary file beside it,
    which then takes its place: a failed write leaves whatever was there as it was."""
    folder = target.parent
    try:
        if target.is_dir():
            raise Refused(f"{target} is a folder", f"give a file name, e.g. {target / 'export'}")
        if not folder.is_dir():
            raise Refused(f"the folder {folder} does not exist", "create it first, or pick another")
        if target.resolve().is_relative_to(outside.resolve()):
            raise Refused(
                f"{target} lies inside the corpus folder {outside}",
                "write the export somewhere else: it must not replace a file of the corpus",
            )
        if (target.exists() or target.is_symlink()) and not replace:
            raise Refused(f"{target} already exists", "add --force to replace it")
        temporary = folder / f".{target.name}.{secrets.token_hex(6)}.part"
        descriptor = _open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL)
        try:
            with os.fdopen(descriptor, "wb") as out:
                out.write(content)
                out.flush()
                os.fsync(out.fileno())
            os.replace(temporary, target)
        finally:
            temporary.unlink(missing_ok=True)
    except OSError as error:
        raise Refused(f"cannot write {target}: {reason(error)}", "choose another place") from None
