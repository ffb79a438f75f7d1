"""Scripted curation from the command line: add-document, suggest and undo."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
from pathlib import Path

import pytest

from perspectives import load, starter, store, validate
from perspectives.cli import main

from .test_curate import PAGE

TEXT = (
    "Night trains are back\n\nBy Jo Writer, rail correspondent\n\n"
    "Night trains are back in fashion. The border is the problem.\n\n"
    "Leave a Reply\n\nYour email address will not be published.\n"
)
OPTIONS = [
    *("--author", "Jo Writer", "--role", "Correspondent", "--affiliation", "Daily Example"),
    *("--country", "Chile", "--title", "Night trains are back", "--outlet", "Daily Example"),
    *("--published", "2024-02", "--citation", "Writer, Jo. Night trains are back. 2024."),
]


@pytest.fixture
def started(tmp_path) -> Path:
    root = tmp_path / "corpus"
    starter.write_starter(root, dt.date(2024, 6, 1))
    return root


def digests(root: Path) -> dict[str, str]:
    """Every file by its content, but the (empty) file a save locks the folder with."""
    return {
        name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file() and (name := str(p.relative_to(root))) != f"{store.JOURNAL_DIR}/.lock"
    }


def test_add_document_copies_the_text_appends_the_row_and_suggests_spans(started, tmp_path, capsys):
    source = tmp_path / "writer.txt"
    source.write_bytes(TEXT.encode())
    assert main(["add-document", str(started), str(source), "--id", "writer-2024", *OPTIONS]) == 0
    assert (started / "texts" / "writer-2024.txt").read_bytes() == TEXT.encode()
    assert load(started).document("writer-2024").country == "Chile"
    out = capsys.readouterr().out.splitlines()
    assert (
        out[0]
        == f"Added writer-2024: texts/writer-2024.txt and a row of documents.csv in {started}"
    )
    assert out[1] == "Language, found or guessed (correct it there): en"
    rows = list(csv.reader(io.StringIO("\n".join(out[3:]))))
    assert [(row[0], row[1], row[2], row[3]) for row in rows] == [
        ("writer-2024", "headline", "Night trains are", "trains are back"),
        ("writer-2024", "byline", "By Jo Writer,", "Writer, rail correspondent"),
        ("writer-2024", "comment-form", "Leave a Reply", "not be published."),
    ]


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--id", "example-2024"], "document 'example-2024' already exists"),
        (["--id", "new-2024", "--text-file", "../elsewhere.txt"], "not a path inside the corpus"),
        (["--id", "new-2024", "--published", "soon"], "documents.csv:4:published: invalid date"),
    ],
)
def test_add_document_refuses_and_changes_nothing(started, tmp_path, capsys, extra, message):
    source = tmp_path / "writer.txt"
    source.write_bytes(TEXT.encode())
    before = digests(started)
    assert main(["add-document", str(started), str(source), *OPTIONS, *extra]) == 1
    assert message in capsys.readouterr().err
    assert digests(started) == before


def test_an_empty_corpus_takes_its_first_text_and_says_what_is_still_missing(tmp_path, capsys):
    root = tmp_path / "new"
    assert main(["init", "--empty", str(root)]) == 0
    source = tmp_path / "writer.txt"
    source.write_bytes(TEXT.encode())
    argv = ["add-document", str(root), str(source), *OPTIONS]
    before = digests(root)
    assert main([*argv, "--id", "writer-2024", "--published", "soon"]) == 1  # an error added
    assert "documents.csv:2:published: invalid date" in capsys.readouterr().err
    assert digests(root) == before
    assert main([*argv, "--id", "writer-2024"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[-1] == f"The corpus still has 1 error(s): see `validate {root}`"
    assert [str(p) for p in validate(root)] == [
        "themes.csv:-:-: no rows (add at least one row under the header)"
    ]


def test_add_document_from_a_saved_web_page_takes_its_metadata(started, tmp_path):
    source = tmp_path / "page.html"
    source.write_bytes(PAGE)
    options = ["--role", "Writer", "--affiliation", "Daily", "--country", "Chile"]
    argv = ["add-document", str(started), str(source), "--id", "page-2024", *options]
    assert main([*argv, "--citation", "Writer 2024.", "--title", "Night trains, again"]) == 0
    document = load(started).document("page-2024")
    assert (document.title, document.author, document.published.display()) == (
        "Night trains, again",
        "Jo Writer",
        "3 February 2024",
    )
    assert document.text_file == "texts/page-2024.txt"
    assert document.url == "https://example.org/trains"


def test_suggest_prints_the_best_sentences_with_their_reasons(capsys):
    assert main(["suggest", "--theme", "sanctions", "--doc", "singh-2018", "--top", "2"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 4
    assert lines[0].startswith("1. [") and "Some important steps" in lines[0]
    assert lines[0].endswith("(already quoted)")
    assert lines[1].startswith("   why: terms: coal imports, fuel sale, financial activities;")


def test_suggest_as_json(capsys):
    argv = ["suggest", "--theme", "sanctions", "--doc", "asmolov-2019", "--format", "json"]
    assert main(argv) == 0
    items = json.loads(capsys.readouterr().out)
    assert [item["rank"] for item in items] == list(range(1, 11))
    text = load(Path("data")).document("asmolov-2019").text
    first = items[0]
    assert " ".join(text[first["start"] : first["end"]].split()) == first["sentence"]
    assert first["similar_quote"]["document_id"] == "singh-2018"
    assert first["terms"] == ["sanction"] and first["score"] >= items[1]["score"]
    assert first["quoted_for"] == []
    assert ["denuclearisation", "china-in-the-talks"] in [item["quoted_for"] for item in items]


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("--theme", "sanction", "unknown theme 'sanction'; known: sanctions,"),
        ("--doc", "singh", "unknown document 'singh'; known: singh-2018, asmolov-2019"),
    ],
)
def test_suggest_refuses_unknown_ids(capsys, option, value, message):
    argv = ["suggest", "--theme", "sanctions", "--doc", "singh-2018", option, value]
    assert main(argv) == 1
    assert message in capsys.readouterr().err


def test_undo_puts_back_what_add_document_wrote(started, tmp_path, capsys):
    before = digests(started)
    source = tmp_path / "writer.txt"
    source.write_bytes(TEXT.encode())
    assert main(["add-document", str(started), str(source), "--id", "writer-2024", *OPTIONS]) == 0
    assert main(["undo", str(started)]) == 0
    assert "Undid “add document writer-2024”" in capsys.readouterr().out
    assert {k: v for k, v in digests(started).items() if not k.startswith(".")} == before
    assert main(["undo", str(started)]) == 1
    assert "no save to undo" in capsys.readouterr().err


def test_suggest_prints_the_sentences_without_acting_on_their_escapes(started, capsys):
    text = started / "texts" / "example-2024.txt"
    sentence = b"Protected lanes cost more at first"
    text.write_bytes(text.read_bytes().replace(sentence, b"Protected lanes \x1b[2J cost more"))
    argv = ["suggest", str(started), "--theme", "protected-lanes", "--doc", "example-2024"]
    assert main([*argv, "--top", "20"]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "Protected lanes \\x1b[2J cost more" in out
