"""Readers deleted or renamed on the Curate page. A reader is two things: their table in
corpus.toml, `[readers.<reader-id>]`, and their reading, `readings/<reader-id>.csv`; both go, or
both take the new id, in one change that `store.save` checks and Undo last save takes back.

corpus.toml is rewritten, not written anew, as `curate_details` rewrites its `[corpus]` table:
deleting removes the reader's header and keys (and the blank lines above it) and renaming
rewrites the id in the header, every other byte kept as it was. The result is read back with
tomllib and refused unless it says exactly what was meant, so a reader declared in a form this
cannot rewrite (an inline table, dotted keys) is refused with nothing written.
"""

from __future__ import annotations

import codecs
import re
import tomllib
from collections.abc import Mapping
from typing import Any

from perspectives import files, store, toml_tables
from perspectives.curate import CurationError, Snapshot
from perspectives.metadata import READERS_TABLE
from perspectives.reading_schema import reading_file
from perspectives.schema import ID_PATTERN, METADATA_FILE


def check_reader_id(reader_id: str) -> None:
    """CurationError unless the id can name a reader (and so their reading's file)."""
    if not re.fullmatch(ID_PATTERN, reader_id):
        raise CurationError(
            f"invalid reader id {reader_id!r}: use lowercase letters, digits and single hyphens"
        )


def reader_table(lines: list[str], reader_id: str) -> toml_tables.Table | None:
    """Where corpus.toml's lines hold `[readers.<reader_id>]` as a table of its own."""
    try:
        return toml_tables.find(lines, toml_tables.header(READERS_TABLE, reader_id))
    except toml_tables.Unreadable as error:
        raise CurationError(f"{METADATA_FILE} cannot be read: {error}") from None


def unwritable(reader_id: str) -> CurationError:
    return CurationError(
        f"{METADATA_FILE} declares reader {reader_id!r} in a form this page cannot rewrite: "
        f"give it a [{READERS_TABLE}.{reader_id}] table of its own, by hand"
    )


def delete_reader(snapshot: Snapshot, toml: bytes | None, reader_id: str) -> store.Change:
    """The change removing the reader's table from corpus.toml (`toml`: its bytes as read) and
    their reading. A reading that is not there is left to the validator: the declaration goes
    all the same."""
    text, data = read_toml(toml)
    lines = toml_tables.lines(text)
    table = _own_table(data, lines, reader_id)
    first = table.header
    while first > 0 and not lines[first - 1].strip():
        first -= 1
    written = "".join(lines[:first] + lines[table.stop :])
    readers = {k: v for k, v in _readers(data).items() if k != reader_id}
    _check(data, written, readers, reader_id)
    file = reading_file(reader_id)
    return _change(
        f"delete reader {reader_id}, with their reading {file}",
        toml,
        written,
        {file: None},
        {file: snapshot.digests.get(file)},
    )


def rename_reader(snapshot: Snapshot, toml: bytes | None, old: str, new: str) -> store.Change:
    """The change giving reader `old` the id `new`: their table's header rewritten in place, and
    their reading moved to the new id's file. Refused for an id that cannot name a reader, one
    declared already, or one whose reading's file exists."""
    check_reader_id(new)
    text, data = read_toml(toml)
    if new in _readers(data):
        raise CurationError(f"reader {new!r} already exists in {METADATA_FILE}")
    lines = toml_tables.lines(text)
    table = _own_table(data, lines, old)
    line, (start, end) = lines[table.header], table.name
    lines[table.header] = line[:start] + new + line[end:]
    written = "".join(lines)
    readers = {(new if k == old else k): v for k, v in _readers(data).items()}
    _check(data, written, readers, old)
    before, after = reading_file(old), reading_file(new)
    _free(snapshot, after)
    return _change(
        f"rename reader {old} to {new}, with their reading ({before} to {after})",
        toml,
        written,
        {before: None, after: snapshot.files.get(before)},
        {before: snapshot.digests.get(before), after: None},
    )


def read_toml(toml: bytes | None) -> tuple[str, dict[str, Any]]:
    """corpus.toml's text and what it says; refused, saying why, when it cannot be read."""
    if toml is None:
        raise CurationError(f"the corpus has no {METADATA_FILE}")
    try:
        text = files.decode(toml)
    except files.Refused as refused:
        raise CurationError(f"{METADATA_FILE} is {refused.message}: {refused.hint}") from None
    return text, parsed_toml(text)


def parsed_toml(text: str) -> dict[str, Any]:
    """What a text of corpus.toml says; refused, saying why, when it is not TOML."""
    try:
        return tomllib.loads(text)
    except (tomllib.TOMLDecodeError, RecursionError) as error:
        why = str(error) if isinstance(error, tomllib.TOMLDecodeError) else "nested too deeply"
        raise CurationError(
            f"{METADATA_FILE} cannot be read ({why}); correct it by hand, then reload the corpus"
        ) from None


def encoded_toml(toml: bytes | None, text: str) -> bytes:
    """corpus.toml's new text as bytes, with the byte-order mark the file had, if any."""
    mark = codecs.BOM_UTF8 if toml and toml.startswith(codecs.BOM_UTF8) else b""
    return mark + text.encode("utf-8")


def _readers(data: Mapping[str, Any]) -> dict[str, Any]:
    readers = data.get(READERS_TABLE, {})
    return readers if isinstance(readers, dict) else {}


def _own_table(data: Mapping[str, Any], lines: list[str], reader_id: str) -> toml_tables.Table:
    """The reader's table in the lines; refused for a reader not declared, or declared in a
    form other than a table of its own."""
    if reader_id not in _readers(data):
        raise CurationError(f"{METADATA_FILE} declares no reader {reader_id!r}")
    table = reader_table(lines, reader_id)
    if table is None:
        raise unwritable(reader_id)
    return table


def _check(
    data: Mapping[str, Any], written: str, readers: Mapping[str, Any], reader_id: str
) -> None:
    """Refused unless the rewritten text reads as the file did, but for its readers, which read
    as `readers`."""
    try:
        again = tomllib.loads(written)
    except (tomllib.TOMLDecodeError, RecursionError):
        raise unwritable(reader_id) from None
    others = {name: value for name, value in data.items() if name != READERS_TABLE}
    rest = {name: value for name, value in again.items() if name != READERS_TABLE}
    if _readers(again) != readers or rest != others:
        raise unwritable(reader_id)


def _free(snapshot: Snapshot, file: str) -> None:
    """Refused when a reading could not be written to `file`: something is there already, or
    the name does not fit the file system."""
    try:
        store.writable(snapshot.root, file)
    except files.Refused as refused:
        raise CurationError(f"{file}: {refused.message}") from None
    if files.present(snapshot.root, file):
        raise CurationError(f"{file} already exists: move it away, or choose another reader id")


def _change(
    description: str,
    toml: bytes | None,
    written: str,
    readings: Mapping[str, bytes | None],
    base: Mapping[str, str | None],
) -> store.Change:
    """corpus.toml written (its byte-order mark kept) with the readings' files, as one change."""
    return store.Change(
        description,
        {METADATA_FILE: encoded_toml(toml, written), **readings},
        {METADATA_FILE: store.digest(toml), **base},
    )
