"""A blind reading made in the dashboard: the reduced view it is drawn from, and the change
that writes the reading and its reader's declaration, saved as any change is."""

from __future__ import annotations

import dataclasses
import datetime as dt
import tomllib
from pathlib import Path

import pytest

from perspectives import blind, curate, load, store
from perspectives.corpus.readings import scales_digest
from perspectives.curate import CurationError
from perspectives.dates import parse_partial_date
from perspectives.model import Reading
from perspectives.reading_schema import reading_file

from .conftest import read_rows
from .test_readings import add_reader, declaration, declare, positions_as_reading

TODAY = dt.date(2026, 12, 7)


def rows(reader_id: str = "reader-x") -> tuple[Reading, ...]:
    return (
        Reading(reader_id, "sanctions", "singh-2018", "explicit", 1, "high", "Urges pressure."),
        # An absent theme: the point and confidence left in the form are not written.
        Reading(reader_id, "sanctions", "asmolov-2019", "absent", -1, "low"),
    )


def saved(root: Path, readings: tuple[Reading, ...], reader_id: str = "reader-x") -> None:
    corpus = load(root)
    draft = blind.BlindReading(reader_id, "Reader X", blind.view(corpus).scales_digest, readings)
    toml = store.read_file(root, "corpus.toml")
    store.save(root, blind.reading_change(curate.read(root), toml, draft, TODAY))


def test_the_view_holds_texts_themes_and_scales_only(unread):
    corpus = load(unread)
    shown = blind.view(corpus)
    assert [field.name for field in dataclasses.fields(shown)] == [
        "texts",
        "themes",
        "scales_digest",
    ]
    assert [field.name for field in dataclasses.fields(blind.Text)] == [
        "id",
        "by",
        "title",
        "text",
        "sentences",
    ]
    assert [text.text for text in shown.texts] == [doc.text for doc in corpus.documents]
    assert shown.themes == corpus.themes
    assert shown.scales_digest == scales_digest(corpus.themes)


def test_a_saved_reading_is_declared_blind_with_todays_date_and_digest(unread):
    saved(unread, rows())
    corpus = load(unread)
    (reader,) = corpus.readers
    assert (reader.id, reader.name, reader.protocol) == ("reader-x", "Reader X", "blind")
    assert (reader.date, reader.method) == (parse_partial_date("2026-12-07"), blind.METHOD)
    assert reader.scales_digest == scales_digest(corpus.themes)
    assert read_rows(unread / reading_file("reader-x"))[1:] == [
        ["sanctions", "singh-2018", "explicit", "1", "high", "Urges pressure.", ""],
        ["sanctions", "asmolov-2019", "absent", "", "", "", ""],
    ]
    assert store.history(unread)[0].description == "blind reading by reader-x"


def test_a_reader_saves_partway_and_comes_back_to_their_own_rows_only(unread):
    add_reader(unread, "reader-b", positions_as_reading(unread))
    saved(unread, rows()[:1])
    corpus = load(unread)
    assert blind.own_reading(corpus, "reader-x", " reader  x") == rows()[:1]
    saved(unread, rows())
    toml = (unread / "corpus.toml").read_text(encoding="utf-8")
    assert toml.count("[readers.reader-x]") == 1
    corpus = load(unread)
    assert [r.id for r in corpus.readers] == ["reader-b", "reader-x"]
    assert blind.own_reading(corpus, "reader-x", "Reader X") == (
        rows()[0],
        dataclasses.replace(rows()[1], scale_value=None, confidence=""),
    )


@pytest.mark.parametrize(
    ("reader_id", "name", "handed"),
    [
        ("reader-b", "reader-b", 30),  # their own, every row of positions.csv
        ("reader-b", "Reader X", None),  # someone else's: not even a count of rows
        ("reader-o", "reader-o", None),  # an open reading is never gone on with blind
        ("reader-new", "Reader New", 0),  # not declared yet: an empty form
    ],
)
def test_only_the_readers_own_blind_rows_are_handed_to_the_page(unread, reader_id, name, handed):
    add_reader(unread, "reader-b", positions_as_reading(unread))
    declare(unread, "reader-o", declaration("reader-o", protocol="open"))
    (unread / reading_file("reader-o")).write_bytes(
        (unread / reading_file("reader-b")).read_bytes()
    )
    given = blind.own_reading(load(unread), reader_id, name)
    assert (given if given is None else len(given)) == handed
    assert given is None or {r.reader_id for r in given} <= {reader_id}


@pytest.mark.parametrize(
    ("reader_id", "name", "readings", "refused"),
    [
        ("Reader X", "Reader X", rows(), "invalid reader id"),
        ("reader-x", " ", rows(), "give the reader's name"),
        ("reader-x", "Reader X", (), "nothing read yet"),
        ("reader-o", "reader-o", rows("reader-o"), "not blind"),
        ("reader-b", "Reader X", rows("reader-b"), "under another name"),
    ],
)
def test_what_cannot_make_a_blind_reading_is_refused(unread, reader_id, name, readings, refused):
    declare(unread, "reader-o", declaration("reader-o", protocol="open"))
    add_reader(unread, "reader-b", positions_as_reading(unread))
    draft = blind.BlindReading(reader_id, name, "sha256:" + "0" * 64, readings)
    toml = store.read_file(unread, "corpus.toml")
    with pytest.raises(CurationError, match=refused):
        blind.reading_change(curate.read(unread), toml, draft, TODAY)


KEYS = {"name": "X", "method": "m", "date": "2026-12-07", "protocol": "blind", "scales_digest": "d"}


@pytest.mark.parametrize(
    ("toml", "kept"),
    [
        ("", {}),
        ('[corpus]\ntitle = "T"\n', {"corpus": {"title": "T"}}),
        (  # the reader's old table rewritten in place; the reader after it kept
            '[corpus]\ntitle = "T"\n\n[readers.reader-x]\nname = "x"\nprotocol = "blind"\n\n'
            '[readers.reader-y] # the second\nname = "Y"\n',
            {"corpus": {"title": "T"}, "readers": {"reader-y": {"name": "Y"}}},
        ),
        (  # a line of a multi-line string that reads like the reader's header is no header
            '[corpus]\ntitle = "T"\nnote = """\n[readers.reader-x]\n"""\n\n'
            '[readers.reader-x]\nname = "x"\nprotocol = "blind"\n',
            {"corpus": {"title": "T", "note": "[readers.reader-x]\n"}},
        ),
    ],
)
def test_the_declaration_is_added_or_rewritten(toml, kept):
    written = tomllib.loads(blind.declared(toml, "reader-x", KEYS))
    readers = written.pop("readers")
    assert readers.pop("reader-x") == KEYS
    assert written | ({"readers": readers} if readers else {}) == kept


@pytest.mark.parametrize(
    ("toml", "refused"),
    [
        ("[corpus\n", "cannot be read"),
        ('[readers]\nreader-x = { name = "X", protocol = "blind" }\n', "cannot rewrite"),
    ],
)
def test_a_declaration_that_cannot_be_rewritten_is_refused(toml, refused):
    with pytest.raises(CurationError, match=refused):
        blind.declared(toml, "reader-x", KEYS)
