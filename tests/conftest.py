"""Shared fixtures: a writable copy of the embedded corpus, and a clean Streamlit cache per test;
the markers that keep slow tests out of `make check`, and the Hypothesis profiles."""

from __future__ import annotations

import csv
import os
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from types import CodeType, ModuleType

import pandas as pd
import pytest
import streamlit as st
from hypothesis import settings
from streamlit.testing.v1 import AppTest

from bench.floor import at_page
from perspectives.paths import EMBEDDED_CORPUS

ROOT = Path(__file__).resolve().parent.parent


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() not in ("", "0", "false", "no")


# Properties run this many examples under `make test` and in CI (there the same ones each run,
# so a failure is reproducible), and fewer under `make check`, the inner loop.
settings.register_profile("default", max_examples=200, deadline=None)
settings.register_profile("ci", max_examples=200, deadline=None, derandomize=True, database=None)
settings.register_profile("dev", max_examples=40, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if in_ci() else "default"))

# Names that, used by a test, its fixtures or the helpers of tests/ and bench/ they call, mark it:
# driving the whole app through AppTest, or reading a clock to bound a duration.
_DRIVES_THE_APP = frozenset({"AppTest"})
_READS_A_CLOCK = frozenset({"perf_counter", "perf_counter_ns", "process_time", "monotonic"})
_OURS = ("tests", "bench")


def _names(code: CodeType) -> set[str]:
    """The global and attribute names a function's code uses, its lambdas and comprehensions
    included."""
    names = set(code.co_names)
    for constant in code.co_consts:
        if isinstance(constant, CodeType):
            names |= _names(constant)
    return names


def _reaches(function: object, wanted: frozenset[str], seen: set[CodeType]) -> bool:
    """Whether `function`, or a function of tests/ or bench/ that it calls, uses a wanted name."""
    code = getattr(function, "__code__", None)
    home = getattr(function, "__module__", None) or ""
    if code is None or code in seen or not home.startswith(_OURS):
        return False
    seen.add(code)
    used = _names(code)
    if used & wanted:
        return True
    scope = getattr(function, "__globals__", {})
    modules = [scope[name] for name in used if isinstance(scope.get(name), ModuleType)]
    called = [scope.get(name) for name in used]
    called += [getattr(module, name, None) for module in modules for name in used]
    return any(_reaches(candidate, wanted, seen) for candidate in called)


def _uses(item: pytest.Item, wanted: frozenset[str]) -> bool:
    """Whether the test, or a fixture it asks for (at any depth), reaches a wanted name; the
    fixtures every test gets (autouse) say nothing about this one."""
    info = item._fixtureinfo  # type: ignore[attr-defined]
    functions = [getattr(item, "function", None)]
    asked = list(info.argnames)
    while asked:
        for definition in info.name2fixturedefs.get(asked.pop(), ()):
            if definition.func not in functions:
                functions.append(definition.func)
                asked += definition.argnames
    seen: set[CodeType] = set()
    return any(_reaches(function, wanted, seen) for function in functions)


# The marker each test earns, by where it lives or by what it uses; `make check` runs the rest.
_MARKS: dict[str, Callable[[pytest.Item], bool]] = {
    "browser": lambda item: "browser" in item.path.relative_to(ROOT / "tests").parts[:-1],
    "bench": lambda item: item.path.name.startswith("test_bench"),
    "app": lambda item: _uses(item, _DRIVES_THE_APP),
    "perf": lambda item: item.path.stem.endswith("_speed") or _uses(item, _READS_A_CLOCK),
}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        for name, applies in _MARKS.items():
            if applies(item):
                item.add_marker(name)


@pytest.fixture(autouse=True)
def _only_app_tests_drive_the_app(request, monkeypatch):
    """An AppTest that the `app` rule above missed fails instead of slowing `make check`."""
    if request.node.get_closest_marker("app") is None:

        def refuse(*args, **kwargs):
            raise AssertionError(
                f"{request.node.nodeid} drives the app through AppTest but is not marked `app`"
            )

        monkeypatch.setattr(AppTest, "__init__", refuse)


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
    """Write the rows whole, as an editor that saves to a copy and moves it over the file: a
    server reading the folder meanwhile sees the old file or the new one, never half of one."""
    part = path.with_name(f".{path.name}.part")
    with part.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    part.replace(path)


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
