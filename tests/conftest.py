"""Shared fixtures: a writable copy of the embedded corpus, and a clean Streamlit cache per test."""

from __future__ import annotations

import csv
import re
import shutil
from pathlib import Path

import pandas as pd
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from bench.floor import at_page
from perspectives.paths import EMBEDDED_CORPUS

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _clear_streamlit_cache():
    st.cache_data.clear()
    st.cache_resource.clear()
    yield
    st.cache_data.clear()
    st.cache_resource.clear()


def open_page(url_path: str) -> AppTest:
    """The whole dashboard, frame included, at the page served at `url_path`, not yet run."""
    return at_page(AppTest.from_file(str(ROOT / "app.py"), default_timeout=30), url_path)


@pytest.fixture
def app(monkeypatch) -> AppTest:
    """The whole dashboard, on the embedded corpus, at its default page, not yet run."""
    monkeypatch.delenv("PERSPECTIVES_DATA", raising=False)
    return AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)


@pytest.fixture
def corpus_copy(tmp_path: Path) -> Path:
    """A copy of the embedded corpus that a test may break."""
    target = tmp_path / "corpus"
    shutil.copytree(EMBEDDED_CORPUS, target)
    return target


@pytest.fixture
def unread(corpus_copy: Path) -> Path:
    """A copy of the embedded corpus without its independent readings (the [readers.…] tables
    come last in its corpus.toml)."""
    shutil.rmtree(corpus_copy / "readings", ignore_errors=True)
    toml = (corpus_copy / "corpus.toml").read_text(encoding="utf-8")
    (corpus_copy / "corpus.toml").write_text(toml.split("\n[readers.")[0], encoding="utf-8")
    return corpus_copy


def read_rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


def write_rows(path: Path, rows: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)


def set_cell(root: Path, file: str, row: int, column: str, value: str) -> None:
    """Change one cell, addressed as a spreadsheet would: header is row 1."""
    rows = read_rows(root / file)
    rows[row - 1][rows[0].index(column)] = value
    write_rows(root / file, rows)


def delete_rows(root: Path, file: str, numbers: list[int]) -> None:
    """Remove rows, numbered as a spreadsheet numbers them (header = row 1)."""
    rows = read_rows(root / file)
    write_rows(root / file, [row for number, row in enumerate(rows, 1) if number not in numbers])


def problem_table(at: AppTest) -> pd.DataFrame:
    """The error panel's table, its Markdown escapes undone: each cell as the problem says it."""
    (table,) = at.table
    shown = table.value
    plain = shown.map(lambda cell: re.sub(r"\\(.)", r"\1", str(cell)))
    plain.columns = [re.sub(r"\\(.)", r"\1", str(column)) for column in shown.columns]
    return plain
