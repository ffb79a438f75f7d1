import subprocess
import sys

from perspectives.cli import main

from .conftest import ROOT, set_cell


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
    assert "themes.csv:3:label: empty required cell (e.g. Sanctions)" in out
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
