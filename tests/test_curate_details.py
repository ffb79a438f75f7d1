"""The corpus's details rewritten in corpus.toml: only the `[corpus]` keys given change, every other
byte stays, and the save is checked and undoable like any other."""

from __future__ import annotations

import codecs
import datetime as dt
import tomllib
from pathlib import Path

import pytest

from perspectives import curate_details, load, starter, store
from perspectives.curate import CurationError
from perspectives.curate_details import form_text, form_value, names, names_text, rewritten
from perspectives.metadata import METADATA_KEYS
from perspectives.schema import METADATA_FILE

KEYS = {key.name: key for key in METADATA_KEYS}

SHORT = '[corpus]\ntitle = "Old"\nversion = "1.0.0"\n'
WITH_READERS = (
    "# The corpus, and who read it.\n"
    "[corpus]\n"
    'title = "Old"   # shown on every page\n'
    "  version = '1.0.0'\n"
    'license = "CC0"\n'
    "\n"
    "# A reader, kept as written.\n"
    "[readers.x]  # the first reader\n"
    'name   = "Reader X"\n'
    'method = """Read the texts.\n'
    "[corpus]\n"
    'title = "not a header"\n'
    '"""\n'
)
READERS_PART = WITH_READERS[WITH_READERS.index("\n# A reader") :]
DESCRIBED = f"# {KEYS['description'].description} (optional)"


@pytest.mark.parametrize(
    ("toml", "values", "expected"),
    [
        pytest.param(
            SHORT,
            {"title": "New"},
            '[corpus]\ntitle = "New"\nversion = "1.0.0"\n',
            id="title changed",
        ),
        pytest.param(
            SHORT,
            {"description": "Two columns."},
            SHORT + f'{DESCRIBED}\ndescription = "Two columns."\n',
            id="key added after the last key, under its description",
        ),
        pytest.param(
            SHORT.rstrip("\n"),
            {"license": "CC BY 4.0"},
            SHORT + f'# {KEYS["license"].description} (optional)\nlicense = "CC BY 4.0"\n',
            id="key added to a file without a final line break",
        ),
        pytest.param(
            f'[corpus]\ntitle = "T"\n{DESCRIBED}\ndescription = "D"\nversion = "1"\n',
            {"description": None},
            '[corpus]\ntitle = "T"\nversion = "1"\n',
            id="optional key removed with its description",
        ),
        pytest.param(
            '[corpus]\ntitle = "T"\n# my own note\ndescription = "D"\n',
            {"description": None},
            '[corpus]\ntitle = "T"\n# my own note\n',
            id="a comment of the curator's own stays",
        ),
        pytest.param(
            SHORT,
            {"curators": ['Ann "the Reader" Lee', "Zoë Ångström", "李小龍"]},
            SHORT + f"# {KEYS['curators'].description} (optional)\n"
            'curators = ["Ann \\"the Reader\\" Lee", "Zoë Ångström", "李小龍"]\n',
            id="curators with quotes and non-ASCII names",
        ),
        pytest.param(
            '[corpus]\ntitle = "T"\ncurators = [\n  "A",  # first\n  "B",\n]  # both\n',
            {"curators": ["A", "C"]},
            '[corpus]\ntitle = "T"\ncurators = ["A", "C"]  # both\n',
            id="a list over several lines, its comment after it kept",
        ),
        pytest.param(
            WITH_READERS,
            {"title": 'New # "quoted"', "license": None, "created": "2026-11"},
            "# The corpus, and who read it.\n"
            "[corpus]\n"
            'title = "New # \\"quoted\\""   # shown on every page\n'
            "  version = '1.0.0'\n"
            f"# {KEYS['created'].description} (optional)\n"
            'created = "2026-11"\n' + READERS_PART,
            id="comments and a readers table kept byte for byte",
        ),
        pytest.param(
            SHORT.replace("\n", "\r\n"),
            {"version": "1.1.0", "description": "D"},
            f'[corpus]\r\ntitle = "Old"\r\nversion = "1.1.0"\r\n'
            f'{DESCRIBED}\r\ndescription = "D"\r\n',
            id="line endings kept",
        ),
        pytest.param(
            "[corpus]\ntitle = 'Old'\ncreated = 2024-06-01\n",
            {"title": "Old", "created": "2024-06-01", "license": None},
            "[corpus]\ntitle = 'Old'\ncreated = 2024-06-01\n",
            id="values the file already holds left as written",
        ),
        pytest.param(
            '[readers.x]\nname = "R"\n\n[corpus]\ntitle = "T"\n',
            {"title": "U", "version": "2"},
            '[readers.x]\nname = "R"\n\n[corpus]\ntitle = "U"\n'
            f'# {KEYS["version"].description}\nversion = "2"\n',
            id="a corpus table after a readers table",
        ),
    ],
)
def test_the_corpus_table_is_rewritten_and_nothing_else(toml, values, expected):
    assert rewritten(toml, values) == expected


HOSTILE = [
    'quote " backslash \\ end',
    "new\nline\r\nand\ttab",
    "controls \x00\x01\x08\x0b\x0c\x1b\x1f and DEL \x7f and C1 \x85\x9f",
    "\"\"\"triple\"\"\" and '''literal''' and ] [corpus] # not a comment",
    "\\u0041 is not an escape, nor \\n",
    "\u2028 line separator, \ufeff mark, \U0001f6b2 bicycle",
]


@pytest.mark.parametrize("value", HOSTILE)
@pytest.mark.parametrize("name", ["title", "description"])
def test_a_hostile_value_reads_back_exactly(value, name):
    written = rewritten(WITH_READERS, {name: value, "curators": [value, "B"]})
    assert tomllib.loads(written)["corpus"][name] == value
    assert tomllib.loads(written)["corpus"]["curators"] == [value, "B"]
    assert written.endswith(READERS_PART)


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ('[corpus\ntitle = "T"\n', r"corpus.toml cannot be read \(Expected '\]'"),
        ('[corpus]\ntitle = "T\n', r"cannot be read \(Illegal character .* \(at line 2"),
        ('corpus = { title = "T", version = "1" }\n', "in a form this page can rewrite"),
        ('corpus.title = "T"\n', "in a form this page can rewrite"),
        ('[readers.x]\nname = "R"\n', "in a form this page can rewrite"),
        ("", "in a form this page can rewrite"),
    ],
)
def test_a_corpus_toml_that_cannot_be_rewritten_is_refused(toml, message):
    with pytest.raises(CurationError, match=message):
        rewritten(toml, {"title": "New"})


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ann Lee, Bo Chen", ["Ann Lee", "Bo Chen"]),
        ("Ann Lee\nBo Chen, Jr.\n", ["Ann Lee", "Bo Chen, Jr."]),
        ("Lee, Ann\n", ["Lee, Ann"]),
        (" , ,", []),
        (" \n\n", []),
        ("Zoë", ["Zoë"]),
    ],
)
def test_curators_are_typed_one_a_line_or_separated_by_commas(text, expected):
    assert names(text) == expected


@pytest.mark.parametrize("given", [[], ["Zoë"], ["Lee, Ann"], ["Lee, Ann", "Bo"], ["A", "B"]])
def test_curators_shown_in_the_form_read_back_as_they_are(given):
    assert names(names_text(given)) == given


def test_the_form_shows_the_loaded_values_and_writes_them_back(started):
    meta = load(started).meta
    shown = {key.name: form_text(meta, key) for key in METADATA_KEYS}
    assert shown["created"] == "2024-06-01" and shown["curators"] == "Your Name"
    values = {key.name: form_value(key, shown[key.name]) for key in METADATA_KEYS}
    toml = (started / METADATA_FILE).read_text(encoding="utf-8")
    assert rewritten(toml, values) == toml


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        ("license", "  ", None),
        ("curators", "", None),
        ("title", "", ""),
        ("title", "  Night trains ", "Night trains"),
        ("curators", "A, B", ["A", "B"]),
    ],
)
def test_an_optional_field_left_empty_removes_its_key(name, text, expected):
    assert form_value(KEYS[name], text) == expected


@pytest.fixture
def started(tmp_path) -> Path:
    root = tmp_path / "corpus"
    starter.write_starter(root, dt.date(2024, 6, 1))
    return root


def test_details_are_saved_and_undone_to_the_byte(started):
    before = (started / METADATA_FILE).read_bytes()
    change = curate_details.set_details(
        before, {"title": "Night trains", "curators": "Ann Lee\nZoë Ångström", "license": ""}
    )
    assert change.description == "set the corpus's title, curators, license"
    store.save(started, change)
    meta = load(started).meta
    assert (meta.title, meta.curators, meta.license) == (
        "Night trains",
        ("Ann Lee", "Zoë Ångström"),
        "",
    )
    assert b"license" not in (started / METADATA_FILE).read_bytes()
    store.undo(started)
    assert (started / METADATA_FILE).read_bytes() == before


@pytest.mark.parametrize(
    ("fields", "problem"),
    [
        ({"title": " "}, "title: missing required key"),
        ({"version": ""}, "version: missing required key"),
        ({"created": "2024-13"}, "created: invalid date"),
        ({"description": "bell \x07"}, "description: holds an invisible control character"),
    ],
)
def test_details_the_validator_refuses_are_not_written(started, fields, problem):
    before = (started / METADATA_FILE).read_bytes()
    change = curate_details.set_details(before, fields)
    with pytest.raises(store.RefusedError) as refused:
        store.save(started, change)
    assert any(problem in f"{p.column}: {p.message}" for p in refused.value.problems)
    assert (started / METADATA_FILE).read_bytes() == before


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (None, "the corpus has no corpus.toml"),
        (b"[corpus]\ntitle = 'T\n", "corpus.toml cannot be read"),
        (b"\xff[corpus]\n", "corpus.toml is not valid UTF-8"),
        (SHORT.encode(), "nothing changed"),
    ],
)
def test_a_change_that_cannot_be_made_is_refused_before_anything_is_written(data, message):
    with pytest.raises(CurationError, match=message):
        curate_details.set_details(data, {"title": "Old"})


def test_a_byte_order_mark_is_kept():
    change = curate_details.set_details(codecs.BOM_UTF8 + SHORT.encode(), {"title": "New"})
    assert change.writes[METADATA_FILE] == codecs.BOM_UTF8 + SHORT.replace("Old", "New").encode()
