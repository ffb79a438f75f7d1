"""Curate, for a corpus with errors: the other pages show only the list of errors; here each
row an error names can be edited or deleted, a row added to a table an error says lacks one,
and a document added, until the corpus loads again. A save here may leave errors the corpus
already had, never add to them."""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from pathlib import Path

import streamlit as st

from perspectives import curate, curate_edits
from perspectives.corpus import Problem
from perspectives.markup import escape_markdown
from perspectives.model import errors
from perspectives.ui import curate_documents, curate_themes, frame, widgets
from perspectives.ui.curate_state import FORM, save_in

REPAIR = f"{FORM}repair|"


def _cells(snapshot: curate.Snapshot, file: str, row: int | None, key: str) -> dict[str, str]:
    """A text box per column, filled with the row's cells (empty for a new row)."""
    current = curate_edits.row_cells(snapshot, file, row) if row is not None else {}
    columns = curate_edits.resource(file).columns
    boxes = st.columns(min(len(columns), 3))
    return {
        column: boxes[number % len(boxes)].text_input(
            column, value=current.get(column, ""), key=f"{key}|{column}"
        )
        for number, column in enumerate(columns)
    }


def _row(
    root: Path,
    problems: Sequence[Problem],
    snapshot: curate.Snapshot,
    file: str,
    row: int,
    found: list[Problem],
) -> None:
    """One row some errors name: the errors, its cells to edit, and Save and Delete."""
    with st.expander(f"{file}, row {row}", expanded=True):
        for problem in found:
            st.error(
                escape_markdown(f"{problem.column or '-'}: {problem.message} ({problem.hint})")
            )
        key = f"{REPAIR}{file}|{row}"
        cells = _cells(snapshot, file, row, key)
        save, delete = st.columns(2)
        if save.button("Save row", key=f"{key}|save", type="primary"):
            save_in(root, problems, partial(curate_edits.edit_row, snapshot, file, row, cells))
        if delete.button("Delete row", key=f"{key}|delete"):
            save_in(root, problems, partial(curate_edits.delete_row, snapshot, file, row))


def _new_row(root: Path, problems: Sequence[Problem], snapshot: curate.Snapshot, file: str) -> None:
    """A row to add to a table an error names without naming a row (a table with none, a theme
    without its comparison)."""
    with st.expander(f"Add a row to {file}"):
        key = f"{REPAIR}{file}|new"
        cells = _cells(snapshot, file, None, key)
        if st.button("Add row", key=f"{key}|add", type="primary"):
            save_in(root, problems, partial(curate_edits.add_row, snapshot, file, cells))


def repair(root: Path, snapshot: curate.Snapshot, problems: Sequence[Problem]) -> None:
    """The errors, then a way to fix each where it can be fixed by a row."""
    st.error(
        f"The corpus has {len(errors(problems))} error(s), so the other pages show only this "
        "list. Fix them here: edit or delete each row named below, or add the row a table "
        "lacks. A save may leave the other errors, never add one; Undo last save takes it back."
    )
    widgets.literal_table(frame.problems_table(problems))
    rows: dict[tuple[str, int], list[Problem]] = {}
    rowless: set[str] = set()
    for problem in problems:
        if problem.severity == "warning" or curate_edits.table_of(problem.file) is None:
            continue
        if problem.row is None:
            rowless.add(problem.file)
        elif problem.row >= curate_edits.FIRST_ROW:
            rows.setdefault((problem.file, problem.row), []).append(problem)
    for (file, row), found in rows.items():
        _row(root, problems, snapshot, file, row, found)
    for file in sorted(rowless):
        _new_row(root, problems, snapshot, file)
    st.subheader("Add a document")
    curate_documents.add_document_to(root, problems, snapshot)
    st.subheader("Add a theme")
    curate_themes.add_theme_to(root, problems, snapshot)
