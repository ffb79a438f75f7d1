"""Curate, the position task: a theme × document cell and its evidence, picked from the
author's sentences, suggestions first."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import streamlit as st

from perspectives import curate, store, suggest
from perspectives.markup import escape_markdown
from perspectives.model import Corpus, Document, Theme, format_point
from perspectives.schema import CONFIDENCE, COVERAGE, SCALE_POINTS
from perspectives.ui import curate_text, derived, widgets
from perspectives.ui.curate_state import (
    DOCUMENT_KEY,
    FORM,
    POSITION,
    SAVE_POSITION_KEY,
    SUGGESTIONS_SHOWN,
    THEME_KEY,
    forms_shown,
    save,
)


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


def _synthesis(corpus: Corpus, theme: Theme, document: Document) -> str:
    """The theme's synthesis, asked for with the last position the theme waits for: once every
    document has a position the validator requires one, so that save would be refused without
    it, and the Themes task (where it is written otherwise) would drop the edits made here."""
    comparison = corpus.comparison(theme.id)
    waiting = [
        other.id
        for other in corpus.documents
        if other.id != document.id and corpus.find_position(theme.id, other.id) is None
    ]
    if comparison is None or comparison.synthesis.strip() or waiting:
        return ""
    return st.text_area(
        "Synthesis of the theme",
        key=field_key(theme.id, document.id, "synthesis"),
        help="Every document has a position on the theme once this one is saved: say in one to "
        "three sentences what differs. It is saved with the position, and edited later under "
        "Themes and comparisons.",
    )


def field_key(theme_id: str, document_id: str, part: str) -> str:
    """The key of a field of the position form of this theme and document: "coverage",
    "stance", "sum", "why", "scale", "confidence" or "synthesis" (each pair's form has keys of
    its own, so that one pair's form is never drawn with another's values)."""
    return f"{FORM}pos|{theme_id}|{document_id}|{part}"


def _form(
    corpus: Corpus,
    snapshot: curate.Snapshot,
    theme: Theme,
    document: Document,
    items: list[QuoteItem],
) -> None:
    """The position's fields, its evidence and the button that saves them."""
    theme_id, document_id = theme.id, document.id
    position = corpus.find_position(theme_id, document_id)
    if position is None:
        st.info("Not curated yet: fill the position in and save it.")
    key = field_key(theme_id, document_id, "")
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
    synthesis = _synthesis(corpus, theme, document)
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
                synthesis,
            )
            return curate.set_position(snapshot, document, draft, position)

        save(corpus, build)


def position(corpus: Corpus, snapshot: curate.Snapshot) -> None:
    themes = {theme.id: theme.label for theme in corpus.themes}
    documents = {document.id: document.perspective for document in corpus.documents}
    left, right = st.columns(2)
    theme_id = widgets.choice("Theme", themes, THEME_KEY, left)
    document_id = widgets.choice("Document", documents, DOCUMENT_KEY, right)
    forms_shown(POSITION, (theme_id, document_id))
    theme, document = corpus.theme(theme_id), corpus.document(document_id)
    index = derived.suggestion_index(corpus)
    items = _quote_items(corpus, index, theme_id, document_id)
    form, text = st.columns(2)
    with form:
        _form(corpus, snapshot, theme, document, items)
    with text:
        ranked = index.suggest(corpus, theme_id, document_id)[:SUGGESTIONS_SHOWN]
        curate_text.select(
            document,
            index.sentences[document_id],
            [item.span for item in items],
            [(s.sentence.start, s.sentence.end) for s in ranked if not s.quoted],
            lambda within, span, words: items.append(_item(within, span, words)),
        )
    curate_text.notes(corpus, snapshot, theme_id, document_id)
    st.divider()
    _sentences(corpus, index, theme, document, items)
