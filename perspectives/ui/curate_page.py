"""Curate: add a text, mark what is not the author's, edit positions with evidence picked from the
sentences, edit themes, add events and lexicon terms, set the corpus's details; every save
checked by the validator, and undoable.

Served only in curation mode (see pages.py). The page lays out widgets and calls the core:
`curate` turns a decision into a change, `store` checks and writes it, `suggest` ranks the
sentences. Unsaved edits live in widget state under one prefix, dropped when the task, the
position or the files change.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from perspectives import curate, files, store
from perspectives.corpus import Problem
from perspectives.markup import escape_markdown
from perspectives.model import Corpus
from perspectives.paths import local_only
from perspectives.ui import (
    curate_documents,
    curate_items,
    curate_metadata,
    curate_positions,
    curate_repair,
    curate_themes,
    curate_timeline,
    frame,
)
from perspectives.ui.curate_state import (
    ADD,
    ADD_DOCUMENT_KEY,
    DETAILS,
    DOCUMENT_KEY,
    EVENTS_TASK,
    EXCLUDE,
    FORM,
    ITEMS,
    OUTCOME_KEY,
    PENDING_KEY,
    POSITION,
    SAVE_POSITION_KEY,
    SAVE_THEME_KEY,
    SPAN_DOCUMENT_KEY,
    TASK_KEY,
    TASKS,
    THEME_EDIT_KEY,
    THEMES,
    Outcome,
    forget_edits,
    forms_drawn,
    kept_edits,
    reread,
    show_outcome,
    snapshot_of,
    task_key,
)

__all__ = [  # the keys tests and other pages drive this page by
    "ADD",
    "ADD_DOCUMENT_KEY",
    "DETAILS",
    "DOCUMENT_KEY",
    "EVENTS_TASK",
    "EXCLUDE",
    "FORM",
    "ITEMS",
    "POSITION",
    "SAVE_POSITION_KEY",
    "SAVE_THEME_KEY",
    "SPAN_DOCUMENT_KEY",
    "TASKS",
    "TASK_KEY",
    "THEMES",
    "THEME_EDIT_KEY",
    "render",
    "repair",
    "task_key",
]


def toolbar(root: Path, snapshot: curate.Snapshot) -> None:
    """Where saves go, the way back (undo) and the way to catch up with edits made elsewhere."""
    st.caption(f"Curation mode: every save writes to {escape_markdown(str(root.resolve()))}")
    try:
        latest, damaged = store.history(root)[:1], ""
    except store.JournalError as error:
        latest, damaged = [], f"Undo is not offered: {error}."
    undo, note = st.columns([1, 5])
    if undo.button("Undo last save", disabled=not latest, key="curate_undo"):
        try:
            entry = store.undo(root)
        except files.Refused as refused:
            st.session_state[OUTCOME_KEY] = Outcome("refused", f"{refused.message}.")
        except (store.StaleFilesError, store.NothingToUndoError, store.JournalError) as error:
            st.session_state[OUTCOME_KEY] = Outcome("stale", str(error))
        else:
            st.session_state[OUTCOME_KEY] = Outcome(
                "undone", f"Undone: {entry.description} ({', '.join(entry.files)} restored)."
            )
            reread(root)
            forget_edits(redraw=True)
        st.rerun()
    if latest:
        note.caption("Last save: " + escape_markdown(latest[0].description))
    if damaged:
        note.warning(escape_markdown(damaged))
    kept_edits()
    stale = store.stale_files(root, snapshot.digests)
    if stale:
        st.warning(
            escape_markdown(
                f"{', '.join(stale)} changed on disk since this page read the files. A save "
                "would be refused: press Reload corpus in the sidebar to read them again (your "
                "edits not yet saved stay in the forms)."
            )
        )


def curating_here() -> bool:
    """Whether this server may write: it must listen on this computer only (loopback)."""
    if not local_only(st.get_option("server.address")):
        st.error(
            "Curation is off: this server can be reached from other computers, and curation "
            "writes to the corpus folder. Start it on this computer only with "
            "`make run CURATE=1`, or give `--server.address 127.0.0.1`."
        )
        return False
    for key, value in st.session_state.pop(PENDING_KEY, {}).items():
        st.session_state[key] = value
    return True


def render(corpus: Corpus) -> None:
    if not curating_here():
        return
    root = Path(corpus.root)
    snapshot = snapshot_of(root)
    toolbar(root, snapshot)
    show_outcome()
    task = st.radio("Task", TASKS, horizontal=True, key=TASK_KEY)
    if not forms_drawn():
        return
    draw = {
        POSITION: curate_positions.position,
        ADD: curate_documents.add_document,
        EXCLUDE: curate_documents.exclude,
        THEMES: curate_themes.themes,
        EVENTS_TASK: curate_timeline.events,
        ITEMS: curate_items.items,
        DETAILS: curate_metadata.details,
    }[task]
    with st.container(key=task_key(task)):
        draw(corpus, snapshot)


def repair(problems: tuple[Problem, ...]) -> None:
    """The page for a corpus with errors: they are listed and fixed here (see curate_repair)."""
    if not curating_here():
        return
    root = frame.data_dir()
    snapshot = snapshot_of(root)
    toolbar(root, snapshot)
    show_outcome()
    if forms_drawn():
        curate_repair.repair(root, snapshot, problems)
