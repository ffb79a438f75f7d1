import json
import os
import subprocess
import sys

import pytest

from perspectives import compare, export, load
from perspectives.cli import BROKEN_PIPE_STATUS, main
from perspectives.paths import EMBEDDED_CORPUS

from .conftest import ROOT, set_cell
from .test_docs import commands

CORPUS = load(EMBEDDED_CORPUS)


def test_validate_embedded_corpus_prints_one_summary_line(capsys):
    assert main(["validate"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("OK ") and "documents" in lines[0] and "quotes" in lines[0]


def test_validate_reports_problems_one_per_line_and_exits_1(corpus_copy, capsys):
    set_cell(corpus_copy, "themes.csv", 3, "label", "")
    set_cell(corpus_copy, "positions.csv", 2, "coverage", "partial")
    assert main(["validate", str(corpus_copy)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert "themes.csv:3:label: empty required cell (e.g. Border timetables)" in out
    assert any(line.startswith("positions.csv:2:coverage: unknown value 'partial'") for line in out)
    assert out[-1].startswith("2 problem(s)")


def test_validate_honours_the_environment_variable(corpus_copy, monkeypatch, capsys):
    monkeypatch.setenv("PERSPECTIVES_DATA", str(corpus_copy))
    assert main(["validate"]) == 0
    assert str(corpus_copy) in capsys.readouterr().out


def test_module_entry_point_runs_without_a_traceback(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "perspectives", "validate", str(tmp_path / "missing")],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert result.returncode == 1
    assert "corpus folder not found" in result.stdout
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    "command",
    [
        ["suggest", "--theme", "sanctions", "--doc", "singh-2018"],
        ["export", "--format", "csv"],
        ["validate"],
    ],
)
def test_a_reader_that_went_away_gets_no_traceback(command):
    """`python -m perspectives … | head -1`: here the pipe's reading end is closed before the
    command prints its first line, so every write meets a broken pipe."""
    reading, writing = os.pipe()
    os.close(reading)
    try:
        result = subprocess.run(
            [sys.executable, "-m", "perspectives", *command, str(ROOT / "data")],
            stdout=writing,
            stderr=subprocess.PIPE,
            cwd=ROOT,
            check=False,
        )
    finally:
        os.close(writing)
    errors = result.stderr.decode()
    assert "Traceback" not in errors and "Exception ignored" not in errors
    assert result.returncode == BROKEN_PIPE_STATUS


def test_export_writes_the_requested_themes_to_a_file(tmp_path, capsys):
    target = tmp_path / "out.json"
    argv = [
        "export",
        "--format",
        "json",
        "--theme",
        "double-freeze",
        "sanctions",
        "-o",
        str(target),
    ]
    assert main(argv) == 0
    exported = json.loads(target.read_text(encoding="utf-8"))
    assert [theme["id"] for theme in exported["themes"]] == ["sanctions", "double-freeze"]
    assert str(target) in capsys.readouterr().err


def test_export_to_stdout_is_the_rendered_file(capfdbinary):
    assert main(["export", "--format", "csv", "--theme", "sanctions", "--doc", "singh-2018"]) == 0
    expected = export.render(
        export.build(CORPUS, compare.select(CORPUS, ["sanctions"], ["singh-2018"])), "csv"
    )
    assert capfdbinary.readouterr().out == expected


def test_export_of_another_corpus_folder(corpus_copy, capfdbinary):
    set_cell(corpus_copy, "themes.csv", 2, "label", "Sanctions regime")
    assert main(["export", str(corpus_copy), "--format", "markdown", "--theme", "sanctions"]) == 0
    assert "## Sanctions regime" in capfdbinary.readouterr().out.decode()


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("--theme", "sanction", "unknown theme(s): sanction; known: sanctions,"),
        ("--doc", "singh", "unknown document(s): singh; known: singh-2018, asmolov-2019"),
    ],
)
def test_export_refuses_unknown_ids(option, value, message, capsys):
    assert main(["export", "--format", "markdown", option, value]) == 1
    captured = capsys.readouterr()
    assert message in captured.err and captured.out == ""


def test_export_of_a_broken_corpus_lists_its_problems(corpus_copy, capsys):
    set_cell(corpus_copy, "positions.csv", 2, "coverage", "partial")
    assert main(["export", str(corpus_copy), "--format", "json"]) == 1
    assert "positions.csv:2:coverage: unknown value 'partial'" in capsys.readouterr().out


@pytest.mark.parametrize("command", ["", *commands()])
def test_every_help_stands_alone(command, capsys):
    with pytest.raises(SystemExit) as stopped:
        main([command, "--help"] if command else ["--help"])
    assert stopped.value.code == 0
    shown = " ".join(capsys.readouterr().out.split())
    for reference in ("above", "below", "(see ", "as for ", "`", "*"):
        assert reference not in shown, f"{command or 'perspectives'} --help: {reference!r}"


def test_an_id_option_says_what_an_id_is(capsys):
    with pytest.raises(SystemExit):
        main(["add-document", "--help"])
    shown = " ".join(capsys.readouterr().out.split())
    assert "--id ID An identifier for the text: lowercase letters, digits and single hyphens" in (
        shown
    )


def test_init_names_curation_and_its_order_in_its_next_steps(tmp_path, capsys):
    target = tmp_path / "my-corpus"
    assert main(["init", str(target)]) == 0
    out = capsys.readouterr().out
    assert (
        "Curate page, in this order: texts, excluded spans,\n  themes, positions, comparisons"
        in (out)
    )
    assert f"make run CURATE=1 DATA={target}" in out
    assert f"-- --data {target} --curate" in out
