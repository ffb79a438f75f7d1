"""Curate: add a text, mark what is not the author's, edit positions with evidence picked from the
sentences, edit themes; every save checked by the validator, and undoable.

Served only in curation mode (see pages.py). The page lays out widgets and calls the core:
`curate` turns a decision into a change, `store` checks and writes it, `suggest` ranks the
sentences. Unsaved edits live in widget state under one prefix, dropped when the task, the
position or the files change.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Literal

import pandas as pd
import streamlit as st

from perspectives import capture, curate, files, store, suggest
from perspectives.corpus import Problem
from perspectives.markup import escape_markdown
from perspectives.model import Corpus, Document, Theme, format_point, spread_of
from perspectives.paths import local_only
from perspectives.reader import paragraphs
from perspectives.schema import (
    AGREEMENT,
    COMPARISONS,
    CONFIDENCE,
    COVERAGE,
    DOCUMENTS,
    EXCLUDED_SPANS,
    SCALE_POINTS,
    SPAN_KINDS,
)
from perspectives.ui import derived, frame, widgets

POSITION, ADD, EXCLUDE, THEMES = (
    "Position",
    "Add a document",
    "Not the author's text",
    "Themes and comparisons",
)
TASKS = (POSITION, ADD, EXCLUDE, THEMES)
TASK_KEY = "curate_task"
FORM = "curate_form|"  # every unsaved edit lives under this prefix
SNAPSHOT_KEY = "curate_snapshot"
OUTCOME_KEY = "curate_outcome"
PENDING_KEY = "curate_pending"  # widget values to set at the start of the next run
SHOWN_KEY = "curate_shown"  # the task and position whose forms are on screen
# The keys of the widgets that choose what is edited, and of the buttons that save it.
THEME_KEY, DOCUMENT_KEY = "curate_theme", "curate_document"  # the position edited
SPAN_DOCUMENT_KEY = "curate_span_document"  # the document whose spans are marked
THEME_EDIT_KEY = "curate_theme_edit"  # the theme edited
SAVE_POSITION_KEY, SAVE_THEME_KEY = "curate_save_position", "curate_save_theme"
ADD_DOCUMENT_KEY = "curate_add_document"
SUGGESTIONS_SHOWN = 10
NEW_THEME = ""


@dataclass(frozen=True)
class Outcome:
    """What the last action did, shown at the top of the page until the next one."""

    kind: Literal["saved", "refused", "stale", "undone"]
    message: str
    problems: tuple[Problem, ...] = ()


def _snapshot(root: Path) -> curate.Snapshot:
    """The tables as this page read them; saves are refused if a file has moved on since."""
    snapshot = st.session_state.get(SNAPSHOT_KEY)
    if snapshot is None or snapshot.root != root:
        snapshot = curate.read(root)
        st.session_state[SNAPSHOT_KEY] = snapshot
    return snapshot


def _forget_edits() -> None:
    for key in [key for key in st.session_state if str(key).startswith(FORM)]:
        del st.session_state[key]


def _reread(root: Path) -> None:
    st.session_state[SNAPSHOT_KEY] = curate.read(root)


def _save(corpus: Corpus, build: Callable[[], store.Change], **then: object) -> None:
    """Build the change and save it; keep what happened for the next run, which reads the
    files again. `then` sets widget values on that run (the task to go on with, say)."""
    root = Path(corpus.root)
    try:
        change = build()
        saved = store.save(root, change)
    except curate.CurationError as error:
        outcome = Outcome("refused", f"Not saved: {error}.")
    except store.RefusedError as error:
        outcome = Outcome("refused", f"Not saved, {error}:", error.errors)
    except store.StaleFilesError as error:
        outcome = Outcome("stale", str(error))
    except files.Refused as refused:
        outcome = Outcome("refused", f"Not saved: {refused.message} ({refused.hint}).")
    else:
        known = {str(warning) for warning in corpus.warnings}
        fresh = tuple(p for p in saved.warnings if str(p) not in known)
        written = ", ".join(saved.files) or "no file changed"
        outcome = Outcome("saved", f"Saved: {change.description} ({written}).", fresh)
        _reread(root)
        _forget_edits()
        st.session_state[PENDING_KEY] = dict(then)
    st.session_state[OUTCOME_KEY] = outcome
    st.rerun()


def _show_outcome() -> None:
    outcome: Outcome | None = st.session_state.get(OUTCOME_KEY)
    if outcome is None:
        return
    show = {"saved": st.success, "undone": st.success, "refused": st.error, "stale": st.error}
    show[outcome.kind](escape_markdown(outcome.message))
    if outcome.problems:
        st.dataframe(frame.problems_table(outcome.problems), hide_index=True, width="stretch")


def _toolbar(root: Path, snapshot: curate.Snapshot) -> None:
    """Where saves go, the way back (undo) and the way to catch up with edits made elsewhere."""
    st.caption(f"Curation mode: every save writes to {escape_markdown(str(root.resolve()))}")
    try:
        latest, damaged = store.history(root)[:1], ""
    except store.JournalError as error:
        latest, damaged = [], f"Undo is not offered: {error}."
    undo, reload, note = st.columns([1, 1, 4])
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
            _reread(root)
            _forget_edits()
        st.rerun()
    if reload.button("Reload files", key="curate_reload", help="Read the files again."):
        _reread(root)
        _forget_edits()
        st.session_state.pop(OUTCOME_KEY, None)
        st.rerun()
    if latest:
        note.caption("Last save: " + escape_markdown(latest[0].description))
    if damaged:
        note.warning(escape_markdown(damaged))
    stale = store.stale_files(root, snapshot.digests)
    if stale:
        st.warning(
            escape_markdown(
                f"{', '.join(stale)} changed on disk since this page read the files. A save "
                "would be refused: press Reload files (your unsaved edits here are dropped)."
            )
        )


def _forms_shown(task: str, pair: tuple[str, ...]) -> None:
    """Drop unsaved edits when the curator moves to another task or position."""
    shown = (task, *pair)
    if st.session_state.get(SHOWN_KEY) not in (None, shown):
        _forget_edits()
    st.session_state[SHOWN_KEY] = shown


# -- a position and its evidence ---------------------------------------------------------------


def _scale_label(theme: Theme) -> Callable[[int | None], str]:
    return lambda value: (
        "—" if value is None else f"{format_point(value)} · {theme.scale_label(value)}"
    )


@dataclass(frozen=True)
class QuoteItem:
    """A quote being edited: the id of its widgets, the sentence(s) it may be trimmed within,
    its offsets and its words as first shown."""

    id: int
    within: tuple[int, int]
    span: tuple[int, int]
    text: str


def _item(within: tuple[int, int], span: tuple[int, int], text: str) -> QuoteItem:
    key = f"{FORM}next"
    st.session_state[key] = st.session_state.get(key, 0) + 1
    return QuoteItem(st.session_state[key], within, span, " ".join(text.split()))


def _quote_items(
    corpus: Corpus, index: suggest.Index, theme_id: str, document_id: str
) -> list[QuoteItem]:
    """The evidence being edited, first as curated."""
    key = f"{FORM}quotes|{theme_id}|{document_id}"
    if key not in st.session_state:
        position = corpus.find_position(theme_id, document_id)
        sentences = index.sentences[document_id]
        quotes = position.quotes if position else ()
        st.session_state[key] = [
            _item(curate.enclosing(sentences, span), span, quote.text)
            for quote in quotes
            for span in [(quote.anchor.start, quote.anchor.end)]
        ]
    return st.session_state[key]


def _quote_spans(document: Document, items: list[QuoteItem]) -> tuple[tuple[int, int], ...]:
    """Each quote's offsets: as picked, or where its trimmed words lie in its sentence."""
    spans = []
    for number, item in enumerate(items, start=1):
        words = st.session_state.get(f"{FORM}quote|{item.id}", item.text)
        if words == item.text:
            spans.append(item.span)
            continue
        try:
            spans.append(curate.locate(document, item.within, words))
        except curate.CurationError as error:
            raise curate.CurationError(f"quote {number}: {error}") from error
    return tuple(spans)


def _evidence(items: list[QuoteItem]) -> None:
    st.markdown("**Evidence**, in the order shown to readers")
    if not items:
        st.caption("No quote yet: add sentences from the list below.")
    for number, item in enumerate(items):
        text, up, down, remove = st.columns([12, 1, 1, 1.6], vertical_alignment="bottom")
        text.text_input(
            f"Quote {number + 1}",
            value=item.text,
            key=f"{FORM}quote|{item.id}",
            help="Trim it to the words you want: they must stay words of this sentence.",
        )
        moves = {
            up: ("↑", number - 1, "Move up"),
            down: ("↓", number + 1, "Move down"),
        }
        for column, (label, target, helptext) in moves.items():
            if column.button(
                label,
                key=f"{FORM}move|{item.id}|{label}",
                help=helptext,
                disabled=not 0 <= target < len(items),
            ):
                items[number], items[target] = items[target], items[number]
                st.rerun()
        if remove.button("Remove", key=f"{FORM}remove|{item.id}"):
            items.remove(item)
            st.rerun()


def _sentences(
    corpus: Corpus, index: suggest.Index, theme: Theme, document: Document, items: list[QuoteItem]
) -> None:
    """The author's sentences, suggestions first, each with an Add button."""
    st.markdown("**The author's sentences**")
    ranked = index.suggest(corpus, theme.id, document.id)
    search, count = st.columns([4, 1])
    query = search.text_input(
        "Search the sentences",
        key=f"{FORM}search|{theme.id}|{document.id}",
        placeholder="words the sentence holds",
    )
    most = count.number_input(
        "Sentences shown",
        min_value=1,
        max_value=max(len(ranked), 1),
        value=min(SUGGESTIONS_SHOWN, max(len(ranked), 1)),
        step=SUGGESTIONS_SHOWN,
        key=f"{FORM}shown|{theme.id}|{document.id}",
    )
    matching = suggest.search(ranked, query)
    shown = matching[: int(most)]
    st.caption(
        f"{len(shown)} of {len(matching)} sentences"
        + (" holding these words" if query else "")
        + ", the best suggestions for this theme first"
    )
    for item in shown:
        add, words = st.columns([1, 12])
        if add.button("Add", key=f"{FORM}add|{document.id}|{item.index}"):
            bounds = (item.sentence.start, item.sentence.end)
            items.append(_item(bounds, bounds, item.sentence.text))
            st.rerun()
        words.markdown(escape_markdown(item.sentence.plain()))
        quoted = "already quoted · " if item.quoted else ""
        words.caption(escape_markdown(f"{quoted}{item.score:.2f} · {item.why()}"))


def _position(corpus: Corpus, snapshot: curate.Snapshot) -> None:
    themes = {theme.id: theme.label for theme in corpus.themes}
    documents = {document.id: document.perspective for document in corpus.documents}
    left, right = st.columns(2)
    theme_id = widgets.choice("Theme", themes, THEME_KEY, left)
    document_id = widgets.choice("Document", documents, DOCUMENT_KEY, right)
    _forms_shown(POSITION, (theme_id, document_id))
    theme, document = corpus.theme(theme_id), corpus.document(document_id)
    position = corpus.find_position(theme_id, document_id)
    if position is None:
        st.info("Not curated yet: fill the position in and save it.")
    key = f"{FORM}pos|{theme_id}|{document_id}|"
    coverage = st.selectbox(
        "Coverage",
        COVERAGE,
        index=COVERAGE.index(position.coverage) if position else 0,
        key=key + "coverage",
    )
    stance = st.text_input("Stance", value=position.stance if position else "", key=key + "stance")
    summary = st.text_area("Summary", value=position.summary if position else "", key=key + "sum")
    rationale = st.text_area(
        "Rationale", value=position.rationale if position else "", key=key + "why"
    )
    scale_value, confidence = None, ""
    if theme.scale:
        points: list[int | None] = [None, *SCALE_POINTS]
        choices = ["", *CONFIDENCE]
        left, right = st.columns(2)
        scale_value = left.selectbox(
            "Scale point",
            points,
            index=points.index(position.scale_value) if position else 0,
            format_func=_scale_label(theme),
            key=key + "scale",
        )
        confidence = right.selectbox(
            "Confidence",
            choices,
            index=choices.index(position.confidence) if position else 0,
            format_func=lambda value: value or "—",
            key=key + "confidence",
        )
    else:
        st.caption("This theme has no scale: add one under Themes and comparisons.")
    index = derived.suggestion_index(corpus)
    items = _quote_items(corpus, index, theme_id, document_id)
    _evidence(items)
    if st.button("Save position", type="primary", key=SAVE_POSITION_KEY):

        def build() -> store.Change:
            draft = curate.PositionDraft(
                theme_id,
                document_id,
                coverage,
                stance,
                summary,
                rationale,
                scale_value,
                confidence,
                _quote_spans(document, items),
            )
            return curate.set_position(snapshot, document, draft, position)

        _save(corpus, build)
    st.divider()
    _sentences(corpus, index, theme, document, items)


# -- adding a document -------------------------------------------------------------------------


def _captured() -> capture.Captured | None:
    """The uploaded file or the pasted text; an upload's metadata prefills the fields once."""
    upload = st.file_uploader(
        "Upload a text", type=[suffix[1:] for suffix in capture.SUFFIXES], key="curate_upload"
    )
    pasted = st.text_area("…or paste it", key=f"{FORM}paste", height=160)
    try:
        if upload is not None:
            found = capture.capture(upload.name, upload.getvalue())
            if st.session_state.get("curate_upload_seen") != upload.file_id:
                st.session_state["curate_upload_seen"] = upload.file_id
                for column, value in found.metadata.items():
                    st.session_state[f"{FORM}doc|{column}"] = value
            return found
        if pasted.strip():
            return capture.capture("pasted.txt", pasted.encode("utf-8"))
    except capture.CaptureError as error:
        st.error(escape_markdown(str(error)))
    return None


def _add_document(corpus: Corpus, snapshot: curate.Snapshot) -> None:
    _forms_shown(ADD, ())
    found = _captured()
    metadata = {}
    columns = st.columns(2)
    fields = [field for field in DOCUMENTS.fields if field.name != "text_file"]
    for number, field in enumerate(fields):
        metadata[field.name] = columns[number % 2].text_input(
            field.name + ("" if field.required else " (optional)"),
            key=f"{FORM}doc|{field.name}",
            help=f"{field.description} For example: {field.example}",
        )
    if found is None:
        st.caption("Upload or paste a text to add it.")
        return
    blocks = paragraphs(found.text)
    spans = curate.suggested_spans(found.text, metadata["title"], metadata["author"])
    with st.expander(f"The text as it will be stored: {len(blocks)} paragraphs"):
        st.code(found.text, language=None, wrap_lines=True)
    if spans:
        st.caption(
            f"{len(spans)} passage(s) look like text that is not the author's: mark them next."
        )
    if not metadata["id"]:
        st.caption("Give the document an id to add it.")
        return
    try:
        checked = curate.document_problems(snapshot, metadata, found.data, found.suffix)
        problems = [str(problem) for problem in checked]
    except curate.CurationError as error:
        problems = [f"{error}."]
    for problem in problems:
        st.error(escape_markdown(problem))
    if st.button("Add document", type="primary", key=ADD_DOCUMENT_KEY, disabled=bool(problems)):
        _save(
            corpus,
            lambda: curate.add_document(snapshot, metadata, found.data, found.suffix),
            **{TASK_KEY: EXCLUDE, SPAN_DOCUMENT_KEY: metadata["id"]},
        )


# -- excluded spans ----------------------------------------------------------------------------


def _exclude(corpus: Corpus, snapshot: curate.Snapshot) -> None:
    documents = {document.id: document.perspective for document in corpus.documents}
    document_id = widgets.choice("Document", documents, SPAN_DOCUMENT_KEY)
    _forms_shown(EXCLUDE, (document_id,))
    document = corpus.document(document_id)
    blocks = curate.document_paragraphs(document)
    st.dataframe(
        pd.DataFrame(
            {
                "paragraph": [p.number for p in blocks],
                "not the author's": [p.excluded for p in blocks],
                "text": [" ".join(p.text.split()) for p in blocks],
            }
        ),
        hide_index=True,
        width="stretch",
        height=min(420, 36 * (len(blocks) + 1)),
    )
    table = snapshot.table(EXCLUDED_SPANS)
    declared = [(i, table.row(r)) for i, r in enumerate(table.records) if not r.blank]
    declared = [(i, row) for i, row in declared if row["document_id"] == document_id]
    if declared:
        st.markdown("**Declared as not the author's**")
    for number, row in declared:
        words, button = st.columns([8, 1])
        words.markdown(
            escape_markdown(f"{row['kind']}: “{row['starts_with']}” … “{row['ends_with']}”")
        )
        if button.button("Unmark", key=f"{FORM}unmark|{number}"):
            _save(corpus, partial(curate.include, snapshot, document_id, row["starts_with"]))
    excluded = [(span.start, span.end) for span in document.excluded]
    suggested = curate.suggested_spans(document.text, document.title, document.author, excluded)
    if suggested:
        st.markdown("**Suggested**")
    for span in suggested:
        words, button = st.columns([8, 1])
        which = f"¶ {span.first}" + (f"–{span.last}" if span.last != span.first else "")
        words.markdown(
            escape_markdown(f"{which} · {span.kind} ({span.reason}): “{span.starts_with}” …")
        )
        if button.button("Mark", key=f"{FORM}mark|{span.first}|{span.last}|{span.kind}"):
            _save(
                corpus,
                partial(curate.exclude, snapshot, document, span.first, span.last, span.kind),
            )
    st.markdown("**Mark paragraphs**")
    first_column, last_column, kind_column = st.columns(3)
    first = first_column.number_input("From paragraph", 1, len(blocks), 1, key=f"{FORM}span|first")
    last = last_column.number_input(
        "To paragraph", 1, len(blocks), int(first), key=f"{FORM}span|last"
    )
    kind = widgets.choice("Kind", SPAN_KINDS, f"{FORM}span|kind", kind_column)
    note = st.text_input("Note (optional)", key=f"{FORM}span|note")
    if st.button("Mark as not the author's", type="primary", key="curate_mark"):
        _save(
            corpus,
            lambda: curate.exclude(snapshot, document, int(first), int(last), kind, note),
        )


# -- themes, scales and comparisons ------------------------------------------------------------


def _spread(corpus: Corpus, theme: Theme) -> str:
    points = [
        (corpus.document(p.document_id).author, p.scale_value)
        for p in corpus.positions
        if p.theme_id == theme.id and p.scale_value is not None
    ]
    if not points:
        return "No position on this theme has a scale point yet."
    listed = ", ".join(f"{author} {format_point(value)}" for author, value in points)
    return f"Scale points: {listed} ({spread_of([v for _, v in points])} apart)."


def _themes(corpus: Corpus, snapshot: curate.Snapshot) -> None:
    labels = {NEW_THEME: "New theme…"} | {theme.id: theme.label for theme in corpus.themes}
    theme_id = widgets.choice("Theme", labels, THEME_EDIT_KEY, index=1)
    _forms_shown(THEMES, (theme_id,))
    theme = corpus.theme(theme_id) if theme_id else None
    comparison = corpus.comparison(theme_id) if theme_id else None
    key = f"{FORM}theme|{theme_id or '+'}|"
    new_id = st.text_input(
        "id",
        value=theme_id,
        disabled=theme is not None,
        key=key + "id",
        help="Lowercase letters, digits and hyphens; it is what links use. Fixed once saved.",
    )
    label = st.text_input("Label", value=theme.label if theme else "", key=key + "label")
    description = st.text_input(
        "Description", value=theme.description if theme else "", key=key + "description"
    )
    question = st.text_input(
        "Question", value=theme.question if theme else "", key=key + "question"
    )
    st.markdown("**Scale**: five answers to the question, or none")
    scale = tuple(
        column.text_input(
            format_point(value),
            value=theme.scale_label(value) if theme else "",
            key=key + f"scale{value}",
        )
        for column, value in zip(st.columns(len(SCALE_POINTS)), SCALE_POINTS, strict=True)
    )
    st.markdown("**Comparison**")
    if theme is not None:
        st.caption(escape_markdown(_spread(corpus, theme)))
        found = snapshot.table(COMPARISONS).find({"theme_id": theme_id})
        row = found[0] + 2 if found else None  # as the validator counts: the header is row 1
        for warning in corpus.warnings:
            if warning.file == COMPARISONS.file and warning.row == row:
                st.warning(escape_markdown(f"{warning.message} ({warning.hint})"))
    agreement = st.selectbox(
        "Agreement",
        AGREEMENT,
        index=AGREEMENT.index(comparison.agreement) if comparison else 0,
        key=key + "agreement",
    )
    synthesis = st.text_area(
        "Synthesis", value=comparison.synthesis if comparison else "", key=key + "synthesis"
    )
    if st.button("Save theme", type="primary", key=SAVE_THEME_KEY):
        draft = curate.ThemeDraft(
            new_id.strip(), label, description, question, agreement, synthesis, scale
        )
        then = {} if theme else {THEME_EDIT_KEY: draft.id}
        _save(corpus, lambda: curate.set_theme(snapshot, draft), **then)


def render(corpus: Corpus) -> None:
    if not local_only(st.get_option("server.address")):
        st.error(
            "Curation is off: this server can be reached from other computers, and curation "
            "writes to the corpus folder. Start it on this computer only with "
            "`make run CURATE=1`, or give `--server.address 127.0.0.1`."
        )
        return
    root = Path(corpus.root)
    for key, value in st.session_state.pop(PENDING_KEY, {}).items():
        st.session_state[key] = value
    snapshot = _snapshot(root)
    _toolbar(root, snapshot)
    _show_outcome()
    task = st.radio("Task", TASKS, horizontal=True, key=TASK_KEY)
    {POSITION: _position, ADD: _add_document, EXCLUDE: _exclude, THEMES: _themes}[task](
        corpus, snapshot
    )
