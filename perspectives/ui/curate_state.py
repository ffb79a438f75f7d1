"""What the Curate page's parts share: the widget keys, where unsaved edits live, the tables as
the page read them, and the one way a change is saved and its outcome shown.

Unsaved edits live in widget state under one prefix (FORM), dropped when the task, the item
edited or the files change.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import streamlit as st

from perspectives import curate, files, store
from perspectives.corpus import Problem
from perspectives.markup import escape_markdown
from perspectives.model import Corpus
from perspectives.ui import frame

POSITION, ADD, EXCLUDE, THEMES, EVENTS_TASK, ITEMS, DETAILS = (
    "Position",
    "Add a document",
    "Not the author's text",
    "Themes and comparisons",
    "Events and lexicon",
    "Delete or rename",
    "Corpus details",
)
TASKS = (POSITION, ADD, EXCLUDE, THEMES, EVENTS_TASK, ITEMS, DETAILS)
TASK_KEY = "curate_task"
FORM = "curate_form|"  # every unsaved edit lives under this prefix
SNAPSHOT_KEY = "curate_snapshot"
KEPT_KEY = "curate_kept"  # True after a reload that kept unsaved edits in the forms
DISCARD_KEY = "curate_discard"
READ_AT_KEY = "curate_read_at"  # the count of Reload corpus presses when the tables were read
OUTCOME_KEY = "curate_outcome"
PENDING_KEY = "curate_pending"  # widget values to set at the start of the next run
SHOWN_KEY = "curate_shown"  # the task and position whose forms are on screen
REDRAW_KEY = "curate_redraw"  # the forms wait for a run without them (see forms_drawn)
REDRAW_AFTER_S = 0.3
# The keys of the widgets that choose what is edited, and of the buttons that save it.
THEME_KEY, DOCUMENT_KEY = "curate_theme", "curate_document"  # the position edited
SPAN_DOCUMENT_KEY = "curate_span_document"  # the document whose spans are marked
THEME_EDIT_KEY = "curate_theme_edit"  # the theme edited
ITEM_KIND_KEY = "curate_items_kind"  # what is deleted or renamed
#: The widgets that choose what the forms edit: kept through a run that draws no form.
CHOOSERS = (THEME_KEY, DOCUMENT_KEY, SPAN_DOCUMENT_KEY, THEME_EDIT_KEY, ITEM_KIND_KEY)
SAVE_POSITION_KEY, SAVE_THEME_KEY = "curate_save_position", "curate_save_theme"
ADD_DOCUMENT_KEY = "curate_add_document"
SUGGESTIONS_SHOWN = 10
NEW_THEME = ""


def task_key(task: str) -> str:
    """The key of the container a task's forms are drawn in: a browser knows by it that the
    task chosen is the one on screen (each task draws a chooser labelled "Theme", say)."""
    return f"curate_task|{task}"


@dataclass(frozen=True)
class Outcome:
    """What the last action did, shown at the top of the page until the next one."""

    kind: Literal["saved", "refused", "stale", "undone"]
    message: str
    problems: tuple[Problem, ...] = ()


def snapshot_of(root: Path) -> curate.Snapshot:
    """The tables as this page read them; saves are refused if a file has moved on since. Read
    again after Reload corpus (the last outcome then goes; unsaved edits stay in the forms)."""
    snapshot = st.session_state.get(SNAPSHOT_KEY)
    reloaded = st.session_state.get(READ_AT_KEY, 0) != frame.reloads()
    if snapshot is None or snapshot.root != root or reloaded:
        reread(root)
    if reloaded and snapshot is not None:
        st.session_state.pop(OUTCOME_KEY, None)
        moved = snapshot.digests != st.session_state[SNAPSHOT_KEY].digests
        editing = any(str(key).startswith(FORM) for key in st.session_state)
        st.session_state[KEPT_KEY] = moved and editing
    return st.session_state[SNAPSHOT_KEY]


def forget_edits(redraw: bool = False) -> None:
    """Drop the unsaved edits. With `redraw`, when the forms stay on screen but the files under
    them changed (an undo, edits discarded): the forms are then drawn afresh (see forms_drawn)."""
    for key in [key for key in st.session_state if str(key).startswith(FORM)]:
        del st.session_state[key]
    st.session_state.pop(KEPT_KEY, None)
    if redraw:
        st.session_state[REDRAW_KEY] = True


def forms_drawn() -> bool:
    """Whether the forms may be drawn in this run: not in the one after their edits were dropped
    with `redraw`. A browser keeps what a widget showed for as long as the widget stays on the
    page, whatever the server forgets: the forms would go on showing the dropped edits, and the
    next save would write them. So one run draws no form, the browser lets go of them, and a
    moment later the page runs again and draws them from the files."""
    if not st.session_state.get(REDRAW_KEY):
        return True
    # A widget not drawn in a run is forgotten: what the choosers chose is set again at the
    # start of the run that draws the forms, for the browser to show it too.
    chosen = {key: st.session_state[key] for key in CHOOSERS if key in st.session_state}
    st.session_state[PENDING_KEY] = st.session_state.get(PENDING_KEY, {}) | chosen
    st.caption("Showing the files' values…")
    _redraw()
    return False


@st.fragment(run_every=REDRAW_AFTER_S)
def _redraw() -> None:
    """Drawn once with the run without forms; when it runs again, after that run is over, the
    whole page runs and draws the forms."""
    if st.session_state.get(REDRAW_KEY) == "waiting":
        del st.session_state[REDRAW_KEY]
        st.rerun(scope="app")
    st.session_state[REDRAW_KEY] = "waiting"


def kept_edits() -> None:
    """After Reload corpus found files changed on disk, while the forms still hold what the
    curator left in them: say so, and offer to drop it for the files' values (nothing is
    dropped unasked)."""
    if not st.session_state.get(KEPT_KEY):
        return
    text, button = st.columns([5, 1])
    text.info(
        "The files changed on disk and were read again. The forms still show what you left in "
        "them, not the files' new values, and a save writes them as they stand. Discard them "
        "to see the files."
    )
    if button.button("Discard unsaved edits", key=DISCARD_KEY):
        forget_edits(redraw=True)
        st.rerun()


def reread(root: Path) -> None:
    st.session_state[SNAPSHOT_KEY] = curate.read(root)
    st.session_state[READ_AT_KEY] = frame.reloads()


def save(corpus: Corpus, build: Callable[[], store.Change], **then: object) -> None:
    """Save a change to a corpus that loaded (see save_in)."""
    save_in(Path(corpus.root), corpus.warnings, build, **then)


def save_in(
    root: Path, known: Sequence[Problem], build: Callable[[], store.Change], **then: object
) -> None:
    """Build the change and save it to the corpus in `root`, which had the problems `known` as
    the page read it (a save may leave its errors, not add to them); keep what happened for
    the next run, which reads the files again. `then` sets widget values on that run (the
    task to go on with, say)."""
    try:
        change = build()
        saved = store.save(root, change, known)
    except curate.CurationError as error:
        outcome = Outcome("refused", f"Not saved: {error}.")
    except store.RefusedError as error:
        outcome = Outcome("refused", f"Not saved, {error}:", error.problems)
    except store.StaleFilesError as error:
        outcome = Outcome("stale", str(error))
    except files.Refused as refused:
        outcome = Outcome("refused", f"Not saved: {refused.message} ({refused.hint}).")
    else:
        before = {str(problem) for problem in known}
        fresh = tuple(p for p in saved.warnings if str(p) not in before)
        written = ", ".join(saved.files) or "no file changed"
        outcome = Outcome("saved", f"Saved: {change.description} ({written}).", fresh)
        reread(root)
        forget_edits()
        st.session_state[PENDING_KEY] = dict(then)
    st.session_state[OUTCOME_KEY] = outcome
    st.rerun()


def show_outcome() -> None:
    outcome: Outcome | None = st.session_state.get(OUTCOME_KEY)
    if outcome is None:
        return
    show = {"saved": st.success, "undone": st.success, "refused": st.error, "stale": st.error}
    show[outcome.kind](escape_markdown(outcome.message))
    if outcome.problems:
        st.dataframe(frame.problems_table(outcome.problems), hide_index=True, width="stretch")


def forms_shown(task: str, pair: tuple[str, ...]) -> None:
    """Drop unsaved edits when the curator moves to another task or position."""
    shown = (task, *pair)
    if st.session_state.get(SHOWN_KEY) not in (None, shown):
        forget_edits()
    st.session_state[SHOWN_KEY] = shown
