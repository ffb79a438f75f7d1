"""Curate, the document tasks: add a text (uploaded or pasted), and mark the passages of a text
that are not the author's."""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from pathlib import Path

import pandas as pd
import streamlit as st

from perspectives import capture, curate
from perspectives.corpus import Problem
from perspectives.markup import escape_markdown
from perspectives.model import Corpus
from perspectives.reader import paragraphs
from perspectives.schema import DOCUMENTS, EXCLUDED_SPANS, SPAN_KINDS
from perspectives.ui import widgets
from perspectives.ui.curate_state import (
    ADD,
    ADD_DOCUMENT_KEY,
    EXCLUDE,
    FORM,
    SPAN_DOCUMENT_KEY,
    TASK_KEY,
    forms_shown,
    save,
    save_in,
)


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


def add_document(corpus: Corpus, snapshot: curate.Snapshot) -> None:
    add_document_to(Path(corpus.root), corpus.warnings, snapshot)


def add_document_to(root: Path, known: Sequence[Problem], snapshot: curate.Snapshot) -> None:
    """The form that adds a text: also offered while the corpus has errors (a new corpus has
    no document yet), hence the folder and the problems it has rather than a corpus."""
    forms_shown(ADD, ())
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
    if not metadata["citation"]:
        made = curate.with_citation(metadata)["citation"]
        st.caption(
            f"Citation, made from the fields (write your own above): {escape_markdown(made)}"
        )
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
        save_in(
            root,
            known,
            lambda: curate.add_document(
                snapshot, metadata, found.data, found.suffix, found.original
            ),
            **{TASK_KEY: EXCLUDE, SPAN_DOCUMENT_KEY: metadata["id"]},
        )


def exclude(corpus: Corpus, snapshot: curate.Snapshot) -> None:
    documents = {document.id: document.perspective for document in corpus.documents}
    document_id = widgets.choice("Document", documents, SPAN_DOCUMENT_KEY)
    forms_shown(EXCLUDE, (document_id,))
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
            opening = (row["starts_with"], row.get("occurrence", ""))
            save(corpus, partial(curate.include, snapshot, document_id, *opening))
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
            save(
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
        save(
            corpus,
            lambda: curate.exclude(snapshot, document, int(first), int(last), kind, note),
        )
