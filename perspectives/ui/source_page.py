"""Source reader: each document whole, its evidence highlighted by theme, several side by side."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from perspectives import compare, reader
from perspectives.markup import escape_markdown
from perspectives.model import Corpus, Document
from perspectives.ui import derived, widgets

THEMES_KEY = "source_themes"
DOCUMENTS_KEY = "source_documents"


def _sidebar(corpus: Corpus) -> compare.Selection:
    """Documents to read and themes to highlight, initialised from the URL and written back."""
    from_url = reader.reading_selection(
        corpus, st.query_params.get_all("theme"), st.query_params.get_all("doc")
    )
    selection = compare.Selection(
        document_ids=widgets.id_multiselect(
            "Documents",
            widgets.document_choices(corpus),
            DOCUMENTS_KEY,
            from_url.document_ids,
            help="Pick two or more to read them side by side.",
        ),
        theme_ids=widgets.id_multiselect(
            "Highlight themes", widgets.theme_choices(corpus), THEMES_KEY, from_url.theme_ids
        ),
        unknown_themes=from_url.unknown_themes,
        unknown_documents=from_url.unknown_documents,
    )
    every_theme = len(selection.theme_ids) == len(corpus.themes)
    widgets.sync_query_params(
        {
            "doc": list(selection.document_ids),
            "theme": [] if every_theme else list(selection.theme_ids),
        }
    )
    return selection


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


@st.cache_resource(show_spinner=False, max_entries=64)
def _marked(_corpus: Corpus, key: tuple, document_id: str, theme_ids: tuple[str, ...]) -> Marked:
    """Marked once per version of the files (`key`), document and set of themes: a long text
    takes a while to cut at every quote."""
    document = _corpus.document(document_id)
    count = reader.word_count(document)
    kinds = ", ".join(dict.fromkeys(span.label for span in document.excluded))
    words = f"{count.author:,} words by the author" + (
        f"; {count.other:,} words of other text ({escape_markdown(kinds)}) shown muted "
        "and not counted"
        if document.excluded
        else ""
    )
    highlights = reader.evidence(_corpus, document.id, theme_ids)
    return Marked(
        words,
        _jump_links(highlights) if highlights else "",
        reader.document_html(document, highlights),
    )


def _document(corpus: Corpus, document: Document, theme_ids: tuple[str, ...]) -> None:
    st.subheader(escape_markdown(document.title), anchor=False)
    st.markdown(widgets.byline(document))
    st.caption(
        f"{escape_markdown(document.role)} · published in {escape_markdown(document.outlet)}  \n"
        f"Cite as: {escape_markdown(document.citation)}"
    )
    if document.url:
        st.page_link(document.url, label="Original text", icon=":material/open_in_new:")
    marked = _marked(corpus, derived.corpus_key(corpus), document.id, theme_ids)
    st.caption(marked.words)
    if marked.jump_links:
        st.caption(marked.jump_links)
    st.markdown(marked.html, unsafe_allow_html=True)


def render(corpus: Corpus) -> None:
    selection = _sidebar(corpus)
    for notice in selection.notices():
        st.warning(escape_markdown(notice), icon="⚠️")
    if not selection.document_ids:
        st.info("Nothing selected: choose at least one document in the sidebar.")
        return
    if selection.theme_ids:
        widgets.theme_legend(corpus, selection.theme_ids)
    else:
        st.caption("No theme highlighted: choose themes in the sidebar to mark their evidence.")
    documents = [corpus.document(doc_id) for doc_id in selection.document_ids]
    for column, document in zip(st.columns(len(documents)), documents, strict=True):
        with column:
            _document(corpus, document, selection.theme_ids)
