"""Read blind: a reader codes every theme in every text, seeing only the texts, the themes and
the scales, and saves their reading as a blind one.

Served only in curation mode. The page is drawn from `blind.view` alone, so no position, table
quote, comparison, synthesis, rationale or other reading reaches the browser; a reader's own
rows, and nobody else's, fill the forms when they come back with the same id and name. It shows
no undo and no last save (a curator's last save could name a position), and only the outcome of
its own saves.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import cast

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from perspectives import blind, store
from perspectives.anchor import Anchor, make_anchor, squeeze
from perspectives.markup import escape_markdown
from perspectives.model import Corpus, Reading, Theme, format_point
from perspectives.schema import CONFIDENCE, COVERAGE, METADATA_FILE, Confidence, Coverage
from perspectives.ui import curate_page, curate_state
from perspectives.ui.curate_state import FORM, OUTCOME_KEY

READER_KEY, NAME_KEY = "blind_reader", "blind_name"
SAVE_KEY = "blind_save"
OWN_OUTCOME_KEY = "blind_outcome"  # set when the outcome on record is this page's own
FIELDS = ("coverage", "point", "confidence", "note", "evidence")
NOT_READ = ""
ID_HELP = "Lowercase letters, digits and single hyphens, e.g. reader-b."


def cell_key(reader_id: str, theme_id: str, document_id: str, field: str) -> str:
    """The widget holding one field of one theme × text cell of a reader's reading."""
    return f"{FORM}blind|{reader_id}|{theme_id}|{document_id}|{field}"


def _outcome() -> None:
    """The outcome of this page's last save; any other page's is dropped unseen, since it may
    name a position."""
    if st.session_state.pop(OWN_OUTCOME_KEY, False):
        curate_state.show_outcome()
    st.session_state.pop(OUTCOME_KEY, None)


def render(corpus: Corpus) -> None:
    if not curate_page.curating_here():
        return
    _outcome()
    view = blind.view(corpus)
    st.caption(
        "Code each theme in each text from the text itself: this page shows the texts, the "
        "themes and their scales, and nothing of the table or of any other reading. Your reading "
        "is saved as a blind one; save as often as you like and come back to it."
    )
    who, name = st.columns(2)
    reader_id = who.text_input("Reader id", key=READER_KEY, help=ID_HELP).strip()
    if not reader_id:
        st.info("Give your reader id to begin: it names your file, `readings/<reader-id>.csv`.")
        return
    name_given = name.text_input("Name", key=NAME_KEY)
    if not name_given.strip():
        st.info("Give your name too: it is recorded with your reading.")
        return
    own_rows = blind.own_reading(corpus, reader_id, name_given)
    if own_rows is None:
        st.warning(
            f"The reader id {escape_markdown(reader_id)} is taken by a reading made under another "
            "name or not blind: give the name it was declared with to go on with it, or choose "
            "another id."
        )
        return
    own = {(r.theme_id, r.document_id): r for r in own_rows}
    readings: list[Reading] = []
    tabs = st.tabs([escape_markdown(t.title or t.id) for t in view.texts])
    for tab, text in zip(tabs, view.texts, strict=True):
        with tab:
            st.markdown(f"**{escape_markdown(text.by)}**, {escape_markdown(text.title)}")
            # An expander, not a scrolling box: a box that scrolls is out of keyboard reach.
            with st.expander("The text", expanded=True):
                st.markdown("\n\n".join(escape_markdown(p) for p in text.text.split("\n\n")))
            for theme in view.themes:
                reading = _cell(reader_id, theme, text, own.get((theme.id, text.id)))
                if reading is not None:
                    readings.append(reading)
    st.caption(f"{len(readings)} of {len(view.texts) * len(view.themes)} theme × text cells coded.")
    if st.button("Save my reading", key=SAVE_KEY, type="primary"):
        draft = blind.BlindReading(reader_id, name_given, view.scales_digest, tuple(readings))
        _save(corpus, draft)


def _cell(reader_id: str, theme: Theme, text: blind.Text, own: Reading | None) -> Reading | None:
    """One theme in one text: the reader's coverage, point, confidence, note and evidence,
    prefilled from their own reading; None while they have not given a coverage."""

    def key(field: str) -> str:
        return cell_key(reader_id, theme.id, text.id, field)

    st.markdown(f"##### {escape_markdown(theme.label)}")
    st.markdown(escape_markdown(theme.description))
    if theme.question:
        st.markdown(f"*{escape_markdown(theme.question)}*")
    columns = st.columns([2, 3, 2]) if theme.scale else st.columns([2, 5])
    coverages: tuple[str, ...] = (NOT_READ, *COVERAGE)
    coverage = columns[0].selectbox(
        "Coverage",
        coverages,
        index=coverages.index(own.coverage) if own else 0,
        format_func=lambda value: value or "not read yet",
        key=key("coverage"),
    )
    point: int | None = None
    confidence = ""
    if theme.scale:
        point, confidence = _point(theme, own, columns[1], columns[2], key)
    note = st.text_input("Note", value=own.note if own else "", key=key("note"))
    evidence = _evidence(text, own, key("evidence"))
    if coverage not in COVERAGE:
        return None
    return Reading(
        reader_id,
        theme.id,
        text.id,
        cast(Coverage, coverage),
        point,
        cast(Confidence, confidence),
        note,
        evidence,
    )


def _evidence(text: blind.Text, own: Reading | None, key: str) -> tuple[Anchor, ...]:
    """The sentences of the text the reader chooses as evidence, every sentence offered alike
    (none marked as the table's quote), with the passages of their own reading that are not
    whole sentences offered too, so that saving again keeps them."""
    offered = {sentence.plain(): (sentence.start, sentence.end) for sentence in text.sentences}
    kept = {squeeze(found.exact): (found.start, found.end) for found in own.evidence} if own else {}
    spans = offered | kept
    chosen = st.multiselect(
        "Evidence (optional)",
        list(spans),
        default=list(kept),
        key=key,
        placeholder="Choose the sentences you read it from",
    )
    return tuple(make_anchor(text.text, *spans[passage]) for passage in chosen)


def _point(
    theme: Theme,
    own: Reading | None,
    left: DeltaGenerator,
    right: DeltaGenerator,
    key: Callable[[str], str],
) -> tuple[int | None, str]:
    """The point on the theme's scale and the confidence in it (none until given)."""
    points: list[int | None] = [None, *(p.value for p in theme.scale)]
    labels = {p.value: f"{format_point(p.value)}: {p.label}" for p in theme.scale}
    point = left.selectbox(
        "Point on the scale",
        points,
        index=points.index(own.scale_value) if own and own.scale_value in points else 0,
        format_func=lambda value: "none" if value is None else labels[value],
        key=key("point"),
    )
    confidences = ("", *CONFIDENCE)
    confidence = right.selectbox(
        "Confidence",
        confidences,
        index=confidences.index(own.confidence) if own else 0,
        format_func=lambda value: value or "none",
        key=key("confidence"),
    )
    return point, confidence


def _save(corpus: Corpus, draft: blind.BlindReading) -> None:
    root = Path(corpus.root)
    snapshot = curate_state.snapshot_of(root)
    st.session_state[OWN_OUTCOME_KEY] = True
    curate_state.save(
        corpus,
        lambda: blind.reading_change(
            snapshot, store.read_file(root, METADATA_FILE), draft, dt.date.today()
        ),
    )
