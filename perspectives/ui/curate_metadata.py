"""Curate, the corpus details task: corpus.toml's `[corpus]` table in a form, a field for each
key the metadata declares, prefilled from the corpus as loaded and saved as one checked change
that Undo last save takes back (see curate_details for how the file is rewritten)."""

from __future__ import annotations

from functools import partial

import streamlit as st

from perspectives import curate, curate_details, store
from perspectives.markup import escape_markdown
from perspectives.metadata import METADATA_KEYS, MetadataKey
from perspectives.model import Corpus
from perspectives.schema import METADATA_FILE
from perspectives.ui.curate_state import DETAILS, FORM, forms_shown, save

SAVE_DETAILS_KEY = "curate_save_details"
READ_KEY = "curate_details_read"  # (the page's snapshot, corpus.toml as read with it)
PLACEHOLDERS = {
    "text": "",
    "names": "One name a line, or names separated by commas",
    "date": "YYYY, YYYY-MM or YYYY-MM-DD",
}


def field_key(key: MetadataKey) -> str:
    return f"{FORM}details|{key.name}"


def read_toml(snapshot: curate.Snapshot) -> bytes | None:
    """corpus.toml as read with the page's tables, and read again with them (after Reload
    corpus or a save): a save is refused when the file has changed on disk since."""
    held = st.session_state.get(READ_KEY)
    if held is None or held[0] is not snapshot:
        held = (snapshot, store.read_file(snapshot.root, METADATA_FILE))
        st.session_state[READ_KEY] = held
    data: bytes | None = held[1]
    return data


def details(corpus: Corpus, snapshot: curate.Snapshot) -> None:
    forms_shown(DETAILS, ())
    toml = read_toml(snapshot)
    st.caption(
        f"The corpus's own details, kept in {METADATA_FILE}: the rest of that file (comments, "
        "readers) stays as it is."
    )
    typed: dict[str, str] = {}
    for key in METADATA_KEYS:
        if field_key(key) not in st.session_state:
            st.session_state[field_key(key)] = curate_details.form_text(corpus.meta, key)
        draw = st.text_area if key.kind == "names" else st.text_input
        label = key.name.capitalize() + ("" if key.required else " (optional)")
        typed[key.name] = draw(
            label, key=field_key(key), help=key.description, placeholder=PLACEHOLDERS[key.kind]
        )
        if key.name == "version":
            st.caption(
                escape_markdown(
                    f"Version {corpus.meta.version} as loaded: raise it if the tables have "
                    "changed since it was set, so an export says which version it came from."
                )
            )
    if st.button("Save corpus details", key=SAVE_DETAILS_KEY):
        save(corpus, partial(curate_details.set_details, toml, typed))
