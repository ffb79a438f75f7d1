"""Compare: for each theme, every perspective's position side by side, with its evidence."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Collection
from functools import partial
from typing import Literal

import streamlit as st

from perspectives import compare, export, paging, pdf, reader
from perspectives.markup import escape_markdown, shorten
from perspectives.model import Corpus, Document, Position
from perspectives.ui import links, widgets

BadgeColour = Literal["green", "orange", "red", "gray", "blue", "violet"]
AGREEMENT_COLOURS: dict[str, BadgeColour] = {
    "agree": "green",
    "partly": "orange",
    "diverge": "red",
    "one-sided": "gray",
}
COVERAGE_COLOURS: dict[str, BadgeColour] = {
    "explicit": "blue",
    "implicit": "violet",
    "absent": "gray",
}
THEMES_KEY = "compare_themes"
DOCUMENTS_KEY = "compare_documents"
PAGE_KEY = "compare_page"
LAYOUT_KEY = "compare_layout"
REFERENCE_KEY = "compare_reference"
#: How the perspectives of a theme are laid out: the reader's choice, kept in ?layout=.
LAYOUTS = {"columns": "Side by side", "rows": "One row each"}
NO_REFERENCE = ""


def _sidebar(corpus: Corpus) -> compare.Selection:
    """Filters, initialised from the URL and written back to it, so a view can be shared;
    'everything' needs no parameter."""
    themes, documents = widgets.theme_choices(corpus), widgets.document_choices(corpus)
    return compare.Selection(
        theme_ids=widgets.id_multiselect(
            links.THEME,
            "Themes",
            themes,
            THEMES_KEY,
            partial(widgets.linked_themes, corpus),
            themes,
        ),
        document_ids=widgets.id_multiselect(
            links.DOC,
            "Perspectives",
            documents,
            DOCUMENTS_KEY,
            lambda asked: widgets.linked_documents(compare.select(corpus, documents=asked)),
            documents,
        ),
    )


def _linked_page(asked: list[str]) -> widgets.Linked[int]:
    """The page of themes a link asks for; a number that is not one gets a notice."""
    requested = asked[-1] if asked else None
    number = compare.page_from_link(requested)
    if number is None:
        return widgets.Linked(
            1, [f"Ignored the page number in the link: {shorten(requested or '')}"]
        )
    return widgets.Linked(number)


def _page(selection: compare.Selection) -> paging.Page[str]:
    """The page of themes to show; a page control appears only when there is more than one."""

    def draw(key: str) -> paging.Page[str]:
        page = paging.paginate(selection.theme_ids, st.session_state[key], compare.THEMES_PER_PAGE)
        st.session_state[key] = page.number  # clamped when the filters shrink the pages
        if page.count > 1:
            with st.sidebar:
                st.number_input("Page of themes", 1, page.count, key=key)
        return page

    return widgets.url_bound(
        links.PAGE,
        PAGE_KEY,
        _linked_page,
        draw,
        lambda page: [str(page.number)] if page.number > 1 else [],
    )


def _quote(document: Document, highlight: reader.Highlight) -> None:
    """The quote in its own direction (HTML, its text escaped), and its citation below it."""
    st.markdown(reader.evidence_html(document, highlight.quote), unsafe_allow_html=True)
    st.markdown(widgets.citation(document, pdf.page_of(document.text, highlight.start)))


def _stance(corpus: Corpus, document: Document, position: Position) -> None:
    """Who, how they cover the theme, their stance and its point on the scale."""
    st.markdown(widgets.byline(document))
    st.badge(position.coverage, color=COVERAGE_COLOURS[position.coverage])
    st.markdown(f"**{escape_markdown(position.stance)}**")
    point = compare.scale_point(corpus.theme(position.theme_id), position)
    if point:
        st.caption("On the theme's scale: " + escape_markdown(point))


def _position(corpus: Corpus, document: Document, position: Position) -> None:
    with st.container(border=True):
        _stance(corpus, document, position)
        st.markdown(escape_markdown(position.summary))
        st.caption("Why this label: " + escape_markdown(position.rationale))
        if not position.quotes:
            st.caption("No passage of this text addresses the theme.")
        for highlight in reader.evidence(corpus, document.id, [position.theme_id]):
            _quote(document, highlight)
            widgets.show_in_context(document, highlight)


def _columns(corpus: Corpus, item: compare.ThemeComparison) -> None:
    """One column per perspective, in balanced rows of at most compare.PER_ROW."""
    start = 0
    for size in compare.row_sizes(len(item.columns)):
        for column, (document, position) in zip(
            st.columns(size), item.columns[start : start + size], strict=True
        ):
            with column:
                _position(corpus, document, position)
        start += size


def _row(corpus: Corpus, document: Document, position: Position) -> None:
    """A perspective on one row: who, coverage, stance and point beside the summary and the first
    quote; the rationale and the other quotes a click away."""
    with st.container(border=True):
        who, what = st.columns([2, 5])
        with who:
            _stance(corpus, document, position)
        with what:
            st.markdown(escape_markdown(position.summary))
            highlights = reader.evidence(corpus, document.id, [position.theme_id])
            if not highlights:
                st.caption("No passage of this text addresses the theme.")
            for highlight in highlights[:1]:
                _quote(document, highlight)
            more = len(highlights) - 1
            label = "Why this label" + (f" and {more} more quote(s)" if more > 0 else "")
            with st.expander(label):
                st.caption("Why this label: " + escape_markdown(position.rationale))
                for highlight in highlights[1:]:
                    st.markdown(
                        reader.evidence_html(document, highlight.quote), unsafe_allow_html=True
                    )
                for highlight in highlights:
                    widgets.show_in_context(document, highlight)


def _perspectives(corpus: Corpus, item: compare.ThemeComparison, layout: str) -> None:
    if layout == "rows":
        for document, position in item.columns:
            _row(corpus, document, position)
    else:
        _columns(corpus, item)
    if item.uncurated:
        names = ", ".join(doc.perspective for doc in item.uncurated)
        st.caption("Not curated for this theme: " + escape_markdown(names))


def _linked_choice(
    choices: Collection[str], otherwise: str
) -> Callable[[list[str]], widgets.Linked[str]]:
    """The one choice a link asks for, or `otherwise` when it asks for none of `choices`."""
    return lambda asked: widgets.Linked(asked[-1] if asked and asked[-1] in choices else otherwise)


def _layout(corpus: Corpus, selection: compare.Selection) -> tuple[str, compare.Selection]:
    """The reader's layout and reference perspective, opened from ?layout= and ?ref= and kept
    there; the reference is shown first on every theme."""
    layout = widgets.url_bound(
        links.LAYOUT,
        LAYOUT_KEY,
        _linked_choice(LAYOUTS, "columns"),
        lambda key: st.sidebar.segmented_control(
            "Layout",
            list(LAYOUTS),
            format_func=LAYOUTS.__getitem__,
            required=True,
            key=key,
            help="Side by side: a column per perspective, in balanced rows. One row each: "
            "easier to scan with many perspectives.",
        ),
        lambda layout: [layout] if layout and layout != "columns" else [],
    )
    choices = {NO_REFERENCE: "None"} | {
        doc_id: widgets.document_choices(corpus)[doc_id] for doc_id in selection.document_ids
    }

    def reference_box(key: str) -> str | None:
        if st.session_state[key] not in choices:  # no longer selected
            st.session_state[key] = NO_REFERENCE
        return st.sidebar.selectbox(
            "Reference perspective",
            list(choices),
            format_func=choices.__getitem__,
            key=key,
            help="Shown first on every theme, so the others are read against it.",
        )

    reference = widgets.url_bound(
        links.REF,
        REFERENCE_KEY,
        _linked_choice(choices, NO_REFERENCE),
        reference_box,
        lambda reference: [reference] if reference else [],
    )
    return layout or "columns", compare.reference_first(selection, reference or None)


def _downloads(corpus: Corpus, selection: compare.Selection) -> None:
    """The current view as files for a report, a spreadsheet or a program, one button per export
    format; each file is built only when its button is pressed."""
    with st.sidebar:
        st.subheader("Download this view")
        for format, kind in export.FORMATS.items():
            st.download_button(
                kind.label,
                data=partial(export.selection_file, corpus, selection, format),
                file_name=export.filename(corpus, selection, format),
                mime=kind.media_type,
                key=f"download_{format}",
                icon=":material/download:",
                width="stretch",
            )


def render(corpus: Corpus) -> None:
    selection = _sidebar(corpus)
    if not selection.theme_ids or not selection.document_ids:
        st.info("Nothing selected: choose at least one theme and one perspective in the sidebar.")
        return
    layout, selection = _layout(corpus, selection)
    _downloads(corpus, selection)
    page = _page(selection)
    st.markdown(
        escape_markdown(
            " ".join(filter(None, [compare.describe(corpus, selection), page.describe("Themes")]))
        )
    )
    shown = dataclasses.replace(selection, theme_ids=tuple(page.items))
    for item in compare.compare(corpus, shown):
        st.header(escape_markdown(item.theme.label), anchor=item.theme.id, divider="gray")
        st.badge(item.comparison.agreement, color=AGREEMENT_COLOURS[item.comparison.agreement])
        st.markdown(
            f"{escape_markdown(item.theme.description)}  \n"
            f"**Question:** {escape_markdown(item.theme.question)}"
        )
        st.markdown(escape_markdown(item.comparison.synthesis))
        if corpus.events:
            widgets.between_texts(corpus, selection.document_ids, item.theme.id)
        _perspectives(corpus, item, layout)
