"""Curate, the theme task: a theme, its scale and its comparison, added or edited."""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from pathlib import Path

import streamlit as st

from perspectives import curate
from perspectives.corpus import Problem
from perspectives.corpus.rules import fitting_agreement
from perspectives.markup import escape_markdown
from perspectives.model import Corpus, Theme, format_point, spread_of
from perspectives.schema import AGREEMENT, COMPARISONS, SCALE_POINTS
from perspectives.ui import widgets
from perspectives.ui.curate_state import (
    FORM,
    NEW_THEME,
    SAVE_THEME_KEY,
    THEME_EDIT_KEY,
    THEMES,
    forms_shown,
    save,
    save_in,
)

ADD_THEME_KEY = "curate_add_theme"
NEW_THEME_FORM = f"{FORM}new-theme|"  # + id, label, description or question


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


def _proposed_agreement(corpus: Corpus, theme_id: str) -> str:
    """The badge the form starts with: the one the theme's positions require (the saved one,
    in a corpus that loaded); a new theme has none, so it starts with one that is not
    'one-sided' and not a claim of agreement, said in a caption."""
    comparison = corpus.comparison(theme_id) if theme_id else None
    saved = comparison.agreement if comparison else ""
    coverages = [p.coverage for p in corpus.positions if p.theme_id == theme_id]
    proposed = fitting_agreement(saved, coverages)
    if not saved:
        st.caption(
            f"A new theme starts as {proposed!r}: change it once its positions are in. Saving a "
            "position sets 'one-sided' when some documents address the theme and some do not."
        )
    return proposed


def theme_key(theme_id: str, part: str) -> str:
    """The key of a field of the form of this theme ("" for a new one): "id", "label",
    "description", "question", "scale<point>", "agreement" or "synthesis"."""
    return f"{FORM}theme|{theme_id or '+'}|{part}"


def themes(corpus: Corpus, snapshot: curate.Snapshot) -> None:
    labels = {NEW_THEME: "New theme…"} | {theme.id: theme.label for theme in corpus.themes}
    theme_id = widgets.choice("Theme", labels, THEME_EDIT_KEY, index=1)
    forms_shown(THEMES, (theme_id,))
    theme = corpus.theme(theme_id) if theme_id else None
    comparison = corpus.comparison(theme_id) if theme_id else None
    key = theme_key(theme_id, "")
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
        index=AGREEMENT.index(_proposed_agreement(corpus, theme_id)),
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
        save(corpus, lambda: curate.set_theme(snapshot, draft, new=theme is None), **then)


def add_theme_to(root: Path, known: Sequence[Problem], snapshot: curate.Snapshot) -> None:
    """A new theme and its comparison in one save, while the corpus has errors (a new corpus
    has no theme yet): its scale and synthesis wait for the Themes task once it loads."""
    boxes = st.columns(2)
    cells = {
        name: boxes[number % 2].text_input(name.capitalize(), key=NEW_THEME_FORM + name)
        for number, name in enumerate(("id", "label", "description", "question"))
    }
    agreement = fitting_agreement("", [])
    st.caption(f"Its comparison starts as {agreement!r}: change it once its positions are in.")
    if st.button("Add theme", type="primary", key=ADD_THEME_KEY):
        draft = curate.ThemeDraft(
            cells["id"].strip(),
            cells["label"],
            cells["description"],
            cells["question"],
            agreement,
            "",
        )
        save_in(root, known, partial(curate.set_theme, snapshot, draft, new=True))
