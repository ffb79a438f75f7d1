"""Importing a REFI-QDA project: our own export comes back whole, and a hostile or broken file
is refused with a message, a non-zero status and nothing written."""

from __future__ import annotations

import csv
import io
import shutil
import tomllib
import zipfile
from pathlib import Path

import pytest

from perspectives import cli, compare, export, load, qdpx, qdpx_import
from perspectives.paths import EMBEDDED_CORPUS
from perspectives.schema import COMPARISONS, EXCLUDED_SPANS, POSITIONS, QUOTES

from . import wide_corpus

PROJECT = f'<?xml version="1.0"?>\n<Project xmlns="{qdpx.NAMESPACE}" name="Study">{{}}</Project>'
SOURCE = (
    '<Sources><TextSource guid="{guid}" name="Interview 1" plainTextPath="{path}">'
    '<PlainTextSelection guid="{guid}" startPosition="{start}" endPosition="{end}">'
    '<Coding guid="{guid}"><CodeRef targetGUID="{guid}"/></Coding>'
    "</PlainTextSelection></TextSource></Sources>"
)
GUID = "6d548c36-bf95-5e8f-9811-fc241e46d874"
CODES = f'<CodeBook><Codes><Code guid="{GUID}" name="Trust" isCodable="true"/></Codes></CodeBook>'
BILLION_LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
    '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
    '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
    f'<Project xmlns="{qdpx.NAMESPACE}" name="&lol3;"/>'
)


@pytest.fixture(params=["embedded", "crlf-and-astral"])
def original(request, tmp_path) -> Path:
    if request.param == "embedded":
        return EMBEDDED_CORPUS
    return wide_corpus.write(tmp_path / "original")


def _exported(root: Path, target: Path) -> Path:
    corpus = load(root)
    target.write_bytes(export.selection_file(corpus, compare.select(corpus), "qdpx"))
    return target


def test_the_round_trip_gives_back_documents_themes_and_quotes(original, tmp_path):
    qdpx_file = _exported(original, tmp_path / "study.qdpx")
    target = tmp_path / "imported"
    assert cli.main(["import-qdpx", str(qdpx_file), str(target)]) == 0
    # What a curator adds after review: the positions and comparisons, and the quotes moved
    # from the review file into quotes.csv.
    for table in (POSITIONS.file, COMPARISONS.file, EXCLUDED_SPANS.file):
        shutil.copyfile(original / table, target / table)
    shutil.move(target / qdpx_import.REVIEW_FILE, target / QUOTES.file)
    before, after = load(original), load(target)
    assert after.documents == before.documents
    assert [document.text for document in after.documents] == [
        document.text for document in before.documents
    ]
    assert after.themes == before.themes

    def anchors(corpus):
        return [
            (quote.theme_id, quote.document_id, quote.anchor)
            for position in corpus.positions
            for quote in position.quotes
        ]

    assert anchors(after) == anchors(before)


def test_quotes_wait_for_review_and_positions_are_not_invented(tmp_path):
    qdpx_file = _exported(EMBEDDED_CORPUS, tmp_path / "study.qdpx")
    qdpx_import.import_file(qdpx_file, tmp_path / "imported")
    for table in (POSITIONS, QUOTES, COMPARISONS):
        assert (tmp_path / "imported" / table.file).read_text().splitlines() == [
            ",".join(table.columns)
        ]
    with (tmp_path / "imported" / qdpx_import.REVIEW_FILE).open(encoding="utf-8") as review:
        rows = list(csv.DictReader(review))
    assert len(rows) == load(EMBEDDED_CORPUS).quote_count


def _qdpx(path: Path, members: dict[str, bytes | str]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zipped:
        for name, content in members.items():
            zipped.writestr(name, content)
    return path


def _foreign(text: str = "We trust them.", start: int = 3, end: int = 8, path: str = "") -> dict:
    path = path or f"internal://{GUID}.txt"
    source = SOURCE.format(guid=GUID, path=path, start=start, end=end)
    return {"project.qde": PROJECT.format(CODES + source), f"sources/{GUID}.txt": text}


def test_a_project_from_another_tool_becomes_a_corpus_to_curate(tmp_path):
    qdpx_file = _qdpx(tmp_path / "other.qdpx", _foreign())
    imported = qdpx_import.import_file(qdpx_file, tmp_path / "imported")
    assert [row["id"] for row in imported.documents] == ["interview-1"]
    assert [(row["id"], row["label"]) for row in imported.themes] == [("trust", "Trust")]
    assert imported.quotes == [
        {
            "theme_id": "trust",
            "document_id": "interview-1",
            "quote": "trust",
            "prefix": "",
            "suffix": "",
        }
    ]
    assert (tmp_path / "imported" / "texts" / "interview-1.txt").read_text() == "We trust them."


def test_variables_of_cases_and_sources_fill_the_documents_and_nested_codes_are_themes(tmp_path):
    guids = [f"00000000-0000-4000-8000-00000000000{digit}" for digit in range(5)]
    variables = (
        f'<Variables><Variable guid="{guids[0]}" name="Country" typeOfVariable="Text"/>'
        f'<Variable guid="{guids[1]}" name="author" typeOfVariable="Text"/>'
        f'<Variable guid="{guids[2]}" name="Age" typeOfVariable="Integer"/></Variables>'
    )
    case = (
        f'<Cases><Case guid="{guids[3]}" name="P1">'
        f'<VariableValue><VariableRef targetGUID="{guids[0]}"/><TextValue>Japan</TextValue>'
        f'</VariableValue><VariableValue><VariableRef targetGUID="{guids[2]}"/>'
        f"<IntegerValue>40</IntegerValue></VariableValue>"
        f'<SourceRef targetGUID="{GUID}"/></Case></Cases>'
    )
    codes = (
        f'<CodeBook><Codes><Code guid="{guids[4]}" name="Trust" isCodable="true">'
        f'<Code guid="{GUID}" name="Trust" isCodable="true"/></Code></Codes></CodeBook>'
    )
    source = SOURCE.format(guid=GUID, path=f"internal://{GUID}.txt", start=3, end=8)
    source = source.replace(
        "</TextSource>",
        f'<VariableValue><VariableRef targetGUID="{guids[1]}"/><TextValue>Ito Hana</TextValue>'
        "</VariableValue></TextSource>",
    )
    members = {
        "project.qde": PROJECT.format(codes + variables + case + source),
        f"sources/{GUID}.txt": "We trust them.",
    }
    imported = qdpx_import.import_file(_qdpx(tmp_path / "other.qdpx", members), tmp_path / "new")
    (document,) = imported.documents
    assert (document["country"], document["author"], document["role"]) == ("Japan", "Ito Hana", "")
    assert [theme["id"] for theme in imported.themes] == ["trust", "trust-2"]
    assert [quote["theme_id"] for quote in imported.quotes] == ["trust-2"]


HOSTILE = {
    "not-a-zip": (b"just text", "not a zip file"),
    "no-project": ({"sources/a.txt": "text"}, "no project.qde"),
    "path-traversal-member": ({**_foreign(), "../../evil.txt": "x"}, "leads outside"),
    "absolute-member": ({**_foreign(), "/etc/evil": "x"}, "leads outside"),
    "path-traversal-source": (_foreign(path="internal://../../etc/passwd"), "points outside"),
    "entity-expansion": ({"project.qde": BILLION_LAUGHS}, "refused"),
    "not-xml": ({"project.qde": "<Project"}, "not well-formed"),
    "missing-source": ({"project.qde": _foreign()["project.qde"]}, "missing"),
    "offsets-past-the-text": (_foreign(start=3, end=400), "outside its text"),
    "offsets-reversed": (_foreign(start=8, end=3), "outside its text"),
    "offsets-not-numbers": (_foreign(start="three"), "not a whole number"),  # type: ignore[arg-type]
    "not-utf8": ({**_foreign(), f"sources/{GUID}.txt": b"\xff\xfe\x00t"}, "UTF-16"),
}


@pytest.mark.parametrize(("members", "message"), HOSTILE.values(), ids=HOSTILE.keys())
def test_a_hostile_or_broken_file_is_refused_and_nothing_is_written(
    members, message, tmp_path, capsys
):
    qdpx_file = tmp_path / "hostile.qdpx"
    if isinstance(members, bytes):
        qdpx_file.write_bytes(members)
    else:
        _qdpx(qdpx_file, members)
    assert cli.main(["import-qdpx", str(qdpx_file), str(tmp_path / "imported")]) == 1
    error = capsys.readouterr().err
    assert message in error and "Traceback" not in error
    assert sorted(path.name for path in tmp_path.iterdir()) == ["hostile.qdpx"]


def test_a_zip_bomb_is_refused_before_it_is_unpacked(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(qdpx_import, "MAX_TOTAL_BYTES", 1 << 20)
    bomb = _foreign(text="We trust them." + " " * (4 << 20))
    qdpx_file = _qdpx(tmp_path / "bomb.qdpx", bomb)
    assert qdpx_file.stat().st_size < 64 << 10
    assert cli.main(["import-qdpx", str(qdpx_file), str(tmp_path / "imported")]) == 1
    assert "would unpack to" in capsys.readouterr().err
    assert not (tmp_path / "imported").exists()


def test_an_occupied_target_is_refused(tmp_path):
    qdpx_file = _qdpx(tmp_path / "other.qdpx", _foreign())
    (tmp_path / "taken").mkdir()
    (tmp_path / "taken" / "notes.txt").write_text("mine")
    with pytest.raises(qdpx_import.ImportRefused, match="not empty"):
        qdpx_import.import_file(qdpx_file, tmp_path / "taken")
    assert [path.name for path in (tmp_path / "taken").iterdir()] == ["notes.txt"]


def test_a_failed_write_leaves_nothing_behind(tmp_path, monkeypatch):
    qdpx_file = _qdpx(tmp_path / "other.qdpx", _foreign())
    calls = []

    def failing(target, content, **options):
        calls.append(target)
        if len(calls) == 3:
            raise qdpx_import.files.Refused("disk full", "free some space")
        return io.BytesIO()

    monkeypatch.setattr(qdpx_import.files, "write_new", failing)
    with pytest.raises(qdpx_import.ImportRefused, match="disk full"):
        qdpx_import.import_file(qdpx_file, tmp_path / "imported")
    assert sorted(path.name for path in tmp_path.iterdir()) == ["other.qdpx"]


def test_the_project_name_becomes_the_title_whatever_it_holds(tmp_path):
    name = 'Study "A" \\ 🚄 𠀀 \x7f end'
    members = _foreign()
    members["project.qde"] = members["project.qde"].replace(
        'name="Study"', 'name="Study &quot;A&quot; \\ 🚄 𠀀 &#127; end"'
    )
    qdpx_import.import_file(_qdpx(tmp_path / "named.qdpx", members), tmp_path / "imported")
    metadata = tomllib.loads((tmp_path / "imported" / "corpus.toml").read_text(encoding="utf-8"))
    assert metadata["corpus"]["title"] == name
