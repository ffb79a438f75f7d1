"""Curate, beside the position form: the document's text with the evidence and the suggestions
marked, any span of it (a word, a phrase, several sentences) selected and added as a quote in one
press, and the curators' notes on the quotes, the text, the theme and the theme in the text.

Streamlit has no event for text selected in the page: the text is a component of its own
(`text_select.js`) that sends the span selected back as offsets in the text (see
`text_selection`). Without a pointer, a span is named by its first and last sentence, and
trimmed to the words typed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path

import streamlit as st

from perspectives import curate, curate_notes, text_selection
from perspectives.curate_edits import FIRST_ROW
from perspectives.markup import escape_markdown
from perspectives.model import Corpus, Document
from perspectives.reader import legend_html
from perspectives.schema import QUOTES
from perspectives.sentences import Sentence
from perspectives.ui.curate_state import FORM, save

ADD_QUOTE_KEY = "curate_add_quote"
ADD_SELECTION_KEY = "curate_add_selection"
SAVE_NOTES_KEY = "curate_save_notes"
#: Called with the sentences picked, the span in them and its words.
Add = Callable[[tuple[int, int], tuple[int, int], str], None]


# The text in which a span is selected: its runs keep the document's whitespace, which the
# browser folds as it would in a paragraph; a label of text that is not the author's is not
# selected with the words around it.
_TEXT = st.components.v2.component(
    "perspectives_text_select",
    js=Path(__file__).with_name("text_select.js").read_text(encoding="utf-8"),
    css=".perspectives-select { cursor: text } .perspectives-select small { user-select: none }",
    isolate_styles=False,
)


def pick_key(document_id: str, part: str) -> str:
    """The key of what picks a span of the document: "first", "last", "words", "page", the
    text shown (`text_key`) and the count of spans added from it."""
    return f"{FORM}pick|{document_id}|{part}"


def text_key(document_id: str, page: int) -> str:
    """The key of the text shown, in which a span is selected: one per page of the text, and a
    new one after each span added from it, which clears the selection."""
    added = st.session_state.get(pick_key(document_id, "added"), 0)
    return pick_key(document_id, f"text|{page}|{added}")


def _selected(
    document: Document,
    sentences: Sequence[Sentence],
    blocks: Sequence[tuple[int, int]],
    payload: object,
    add: Add,
) -> None:
    """The words selected in the text, and the button that adds them as a quote."""
    try:
        within, span = text_selection.selected_span(document, sentences, payload, blocks)
    except curate.CurationError as error:
        st.error(escape_markdown(f"Not added: {error}."))
        return
    words = " ".join(document.text[span[0] : span[1]].split())
    st.markdown(escape_markdown(f"Selected: “{words}”"))
    if st.button("Add the selection as a quote", key=ADD_SELECTION_KEY):
        add(within, span, words)
        key = pick_key(document.id, "added")
        st.session_state[key] = st.session_state.get(key, 0) + 1
        st.rerun()


def select(
    document: Document,
    sentences: Sequence[Sentence],
    evidence: Sequence[tuple[int, int]],
    suggested: Sequence[tuple[int, int]],
    add: Add,
) -> None:
    """The text, marked, and the controls that add a span of it to the evidence."""
    st.markdown("**The text**")
    marks = text_selection.marks(document, evidence, suggested)
    swatches = list(dict.fromkeys((mark.label, mark.colour) for mark in marks))
    if swatches:
        st.markdown(legend_html(swatches), unsafe_allow_html=True)
    page = 1
    pages = text_selection.pages(document.text)
    if pages > 1:
        page = st.number_input(
            f"Page of the text (of {pages}, {text_selection.PARAGRAPHS_SHOWN} paragraphs each)",
            min_value=1,
            max_value=pages,
            key=pick_key(document.id, "page"),
        )
    blocks = text_selection.page_paragraphs(document.text, int(page))
    data = {
        "html": text_selection.marked_html(document, evidence, suggested, blocks),
        "document": document.id,
        "version": text_selection.text_version(document.text),
    }
    key = text_key(document.id, int(page))
    with st.container(height=480):
        shown = _TEXT(key=key, data=data, on_selection_change=lambda: None)
    if shown.get("selection") is not None:
        _selected(document, sentences, blocks, shown["selection"], add)
    numbers = text_selection.sentences_in(sentences, blocks)
    if not numbers:
        st.caption("No sentence of the author's to quote here.")
        return
    st.caption("Select words in the text above, or name the span by its sentences:")
    label = partial(text_selection.sentence_label, sentences)
    first, last = st.columns(2)
    start = first.selectbox(
        "From sentence", numbers, format_func=label, key=pick_key(document.id, "first")
    )
    end = last.selectbox(
        "To sentence", numbers, format_func=label, key=pick_key(document.id, "last")
    )
    words = st.text_input(
        "Only these words (optional)",
        key=pick_key(document.id, "words"),
        help="Copy the words to quote from these sentences: one word, a phrase, or leave empty "
        "for the sentences whole.",
    )
    if st.button("Add these sentences as a quote", key=ADD_QUOTE_KEY):
        try:
            within, span = text_selection.picked_span(document, sentences, start, end, words)
        except curate.CurationError as error:
            st.error(escape_markdown(f"Not added: {error}."))
            return
        add(within, span, document.text[span[0] : span[1]])
        st.rerun()


def notes(corpus: Corpus, snapshot: curate.Snapshot, theme_id: str, document_id: str) -> None:
    """The notes on this position's saved quotes, on the text, the theme and the theme in this
    text, saved together."""
    st.markdown("**Notes** for curators, carried by the JSON and CSV exports")
    table = snapshot.table(QUOTES)
    key = f"{FORM}note|{theme_id}|{document_id}|"
    quotes = {}
    for index in table.find({"theme_id": theme_id, "document_id": document_id}):
        row = table.row(table.records[index])
        number = index + FIRST_ROW
        quotes[number] = st.text_input(
            escape_markdown(f"On “{row['quote'][:60]}”"),
            value=row.get("note", ""),
            key=f"{key}quote|{number}",
        )
    about = {
        (document_id, theme_id): "On the theme in this text",
        (document_id, ""): "On the text",
        ("", theme_id): "On the theme",
    }
    others = {
        pair: st.text_input(
            label, value=curate_notes.note_on(snapshot, *pair), key=f"{key}{pair[0]}|{pair[1]}"
        )
        for pair, label in about.items()
    }
    if st.button("Save notes", key=SAVE_NOTES_KEY):
        save(corpus, partial(curate_notes.set_notes, snapshot, quotes, others))
