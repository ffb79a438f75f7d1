"""Curate, the delete-or-rename task: a document, theme or event deleted with every row that
names it, or given a new id everywhere it is named; a reader deleted or renamed with their
reading; a quote deleted; the starter's examples removed in one action. Each is one checked
save, undone by Undo last save."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

import streamlit as st

from perspectives import curate, curate_edits, curate_readers, starter, store
from perspectives.markup import escape_markdown
from perspectives.metadata import READERS_TABLE
from perspectives.model import Corpus
from perspectives.reading_schema import READINGS_FOLDER
from perspectives.schema import DOCUMENTS, EVENTS, METADATA_FILE, QUOTES, THEMES
from perspectives.ui import widgets
from perspectives.ui.curate_metadata import read_toml
from perspectives.ui.curate_state import DETAILS, FORM, ITEM_KIND_KEY, ITEMS, forms_shown, save

KINDS = {
    DOCUMENTS.file: "Document",
    THEMES.file: "Theme",
    EVENTS.file: "Event",
    QUOTES.file: "Quote",
    READERS_TABLE: "Reader",  # shown only when the corpus declares readers
}
REMOVE_EXAMPLES_KEY = "curate_remove_examples"


def _choices(corpus: Corpus, file: str) -> dict[str, str]:
    if file == DOCUMENTS.file:
        return {d.id: f"{d.id} · {d.perspective}" for d in corpus.documents}
    if file == THEMES.file:
        return {t.id: f"{t.id} · {t.label}" for t in corpus.themes}
    if file == READERS_TABLE:
        return {r.id: f"{r.id} · {r.name}" for r in corpus.readers}
    return {e.id: f"{e.id} · {e.label}" for e in corpus.events}


def _examples(corpus: Corpus, snapshot: curate.Snapshot) -> None:
    """The starter's examples, while the corpus has any: why they are there, and one button.
    Once they are gone, while the corpus still has the starter's title: where to set its own."""
    documents, themes = starter.example_ids()
    present = [d.id for d in corpus.documents if d.id in documents]
    present += [t.id for t in corpus.themes if t.id in themes]
    if not present:
        if corpus.meta.title == starter.shipped_metadata()["title"]:
            st.info(
                escape_markdown(
                    f"The corpus is still titled “{corpus.meta.title}”: set its title, "
                    f"description and curators under {DETAILS}."
                )
            )
        return
    st.markdown("**The starter's examples**")
    st.caption(
        escape_markdown(
            f"{', '.join(present)} came with init: they keep a new corpus valid and show what "
            "a finished one looks like. Remove them, with their positions, quotes and texts, "
            "once the corpus has a document and a theme of your own."
        )
    )
    if st.button("Remove the starter's examples", key=REMOVE_EXAMPLES_KEY):
        save(corpus, partial(curate_edits.remove_examples, snapshot))
    st.divider()


def _quotes(corpus: Corpus, snapshot: curate.Snapshot) -> None:
    """The quotes of one document, each with a Delete button."""
    documents = {d.id: d.perspective for d in corpus.documents}
    document_id = widgets.choice("Document", documents, f"{FORM}items|quotes")
    table = snapshot.table(QUOTES)
    for index in table.find({"document_id": document_id}):
        row = table.row(table.records[index])
        words, button = st.columns([8, 1])
        words.markdown(escape_markdown(f"{row['theme_id']}: “{row['quote']}”"))
        number = index + curate_edits.FIRST_ROW
        if button.button("Delete", key=f"{FORM}items|quote|{number}"):
            save(corpus, partial(curate_edits.delete_quote, snapshot, number))


def _edits(
    snapshot: curate.Snapshot, file: str, item_id: str
) -> tuple[Callable[[str], store.Change], Callable[[], store.Change], str]:
    """The rename (to the id it is given) and the delete of the item, and what each does."""
    if file == READERS_TABLE:
        toml = read_toml(snapshot)
        return (
            partial(curate_readers.rename_reader, snapshot, toml, item_id),
            partial(curate_readers.delete_reader, snapshot, toml, item_id),
            f"Deleting the reader deletes their table in {METADATA_FILE} and their reading in "
            f"{READINGS_FOLDER}/; renaming gives both the new id. Undo last save takes either "
            "back.",
        )
    return (
        partial(curate_edits.rename, snapshot, file, item_id),
        partial(curate_edits.delete, snapshot, file, item_id),
        f"Deleting the {KINDS[file].lower()} deletes every row that names it; renaming it "
        "rewrites them. Undo last save takes either back. (A passage marked as not the author's "
        "is unmarked under Not the author's text.)",
    )


def items(corpus: Corpus, snapshot: curate.Snapshot) -> None:
    _examples(corpus, snapshot)
    file = st.radio(
        "Delete or rename",
        [kind for kind in KINDS if kind != READERS_TABLE or corpus.readers],
        format_func=KINDS.__getitem__,
        key=ITEM_KIND_KEY,
        horizontal=True,
    )
    forms_shown(ITEMS, (file,))
    if file == QUOTES.file:
        _quotes(corpus, snapshot)
        return
    choices = _choices(corpus, file)
    if not choices:
        st.caption(f"The corpus has no {KINDS[file].lower()}.")
        return
    item_id = widgets.choice(KINDS[file], choices, f"{FORM}items|{file}")
    noun = KINDS[file].lower()
    rename_it, delete_it, said = _edits(snapshot, file, item_id)
    st.caption(said)
    new_id = st.text_input("New id", key=f"{FORM}items|{file}|new")
    rename, delete = st.columns(2)
    if rename.button(f"Rename {noun}", key=f"{FORM}items|rename", disabled=not new_id.strip()):
        save(corpus, partial(rename_it, new_id.strip()), **{f"{FORM}items|{file}": new_id.strip()})
    if delete.button(f"Delete {noun}", key=f"{FORM}items|delete"):
        save(corpus, delete_it)
