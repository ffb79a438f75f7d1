"""Source reader: each document whole, its evidence highlighted by theme, several side by side."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

import streamlit as st

from perspectives import reader
from perspectives.language import isolate
from perspectives.markup import escape_markdown
from perspectives.model import Corpus, Document
from perspectives.ui import links, widgets

THEMES_KEY = "source_themes"
DOCUMENTS_KEY = "source_documents"
BESIDE_KEY = "source_translation_beside"
BESIDE_LABEL = "Show the translation beside it"


def _sidebar(corpus: Corpus) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Documents to read and themes to highlight, initialised from the URL and written back."""

    themes = widgets.theme_choices(corpus)
    document_ids = widgets.id_multiselect(
        links.DOC,
        "Documents",
        reader.reading_choices(corpus),
        DOCUMENTS_KEY,
        lambda asked: widgets.linked_documents(reader.reading_selection(corpus, (), asked)),
        as_chosen=True,  # side by side in the order the reader (or the link) gave them
        help="Pick two or more to read them side by side.",
    )
    theme_ids = widgets.id_multiselect(
        links.THEME,
        "Highlight themes",
        themes,
        THEMES_KEY,
        partial(widgets.linked_themes, corpus),
        themes,
    )
    return document_ids, theme_ids


def _jump_links(highlights: list[reader.Highlight]) -> str:
    """Markdown links to each highlighted quote, grouped by theme."""
    by_theme: dict[str, list[reader.Highlight]] = {}
    for highlight in highlights:
        by_theme.setdefault(highlight.label, []).append(highlight)
    groups = [
        f"{escape_markdown(label)} "
        + " ".join(f"[{number}](#{h.anchor_id})" for number, h in enumerate(items, start=1))
        for label, items in by_theme.items()
    ]
    return "Jump to evidence: " + " · ".join(groups)


@dataclass(frozen=True)
class Marked:
    """A document's text marked for the reader, and what the page says of it."""

    words: str  # how many words are the author's, and how many are not
    jump_links: str  # to each highlighted quote; empty when there is none
    html: str


@widgets.kept_view(max_entries=64)
def _marked(corpus: Corpus, document_id: str, theme_ids: tuple[str, ...]) -> Marked:
    """Marked once per version of the files, document and set of themes: a long text takes a
    while to cut at every quote."""
    document = corpus.document(document_id)
    count = reader.word_count(document)
    kinds = ", ".join(dict.fromkeys(span.label for span in document.excluded))
    words = f"{count.author:,} words by the author" + (
        f"; {count.other:,} words of other text ({escape_markdown(kinds)}) shown muted "
        "and not counted"
        if document.excluded
        else ""
    )
    highlights = reader.evidence(corpus, document.id, theme_ids)
    return Marked(
        words,
        _jump_links(highlights) if highlights else "",
        reader.document_html(document, highlights),
    )


def _beside(corpus: Corpus, document_ids: tuple[str, ...]) -> bool:
    """Whether every chosen original is read beside its translation: a toggle shown only when
    one of them has a translation."""
    if not any(corpus.translation(document_id) for document_id in document_ids):
        return False
    return st.sidebar.toggle(
        BESIDE_LABEL, key=BESIDE_KEY, help="Paragraph by paragraph, the translation on the right."
    )


def _parallel(
    corpus: Corpus, document: Document, translation: Document, theme_ids: tuple[str, ...]
) -> None:
    """The original's evidence marked beside its translation, paragraph by paragraph."""
    st.caption(
        f"Beside it, its translation: {isolate(escape_markdown(translation.title))}  \n"
        f"Cite as: {isolate(escape_markdown(translation.citation))}"
    )
    highlights = reader.evidence(corpus, document.id, theme_ids)
    parallel = reader.parallel_html(document, highlights, translation)
    if parallel.note:
        st.info(parallel.note)
    st.markdown(parallel.html, unsafe_allow_html=True)


def _header(document: Document) -> None:
    st.subheader(escape_markdown(document.title), anchor=False)
    st.markdown(widgets.byline(document))
    st.caption(
        f"{escape_markdown(document.role)} · published in "
        f"{isolate(escape_markdown(document.outlet))}  \n"
        f"Cite as: {isolate(escape_markdown(document.citation))}"
    )
    if document.url:
        st.page_link(document.url, label="Original text", icon=":material/open_in_new:")


def _document(corpus: Corpus, document: Document, theme_ids: tuple[str, ...]) -> None:
    _header(document)
    marked = _marked(corpus, document.id, theme_ids)
    st.caption(marked.words)
    if marked.jump_links:
        st.caption(marked.jump_links)
    st.markdown(marked.html, unsafe_allow_html=True)


def render(corpus: Corpus) -> None:
    document_ids, theme_ids = _sidebar(corpus)
    if not document_ids:
        st.info("Nothing selected: choose at least one document in the sidebar.")
        return
    if theme_ids:
        widgets.theme_legend(corpus, theme_ids)
    else:
        st.caption("No theme highlighted: choose themes in the sidebar to mark their evidence.")
    panels = reader.panels(corpus, document_ids, _beside(corpus, document_ids))
    for column, (document, translation) in zip(st.columns(len(panels)), panels, strict=True):
        with column:
            if translation is None:
                _document(corpus, document, theme_ids)
            else:
                _header(document)
                _parallel(corpus, document, translation, theme_ids)
