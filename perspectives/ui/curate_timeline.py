"""Curate, the events-and-lexicon task: an event with its date, where the date comes from and
the quotes that refer to it; lexicon terms for a theme, suggested from its quotes. What the
Timeline and Theme coverage pages need, made without editing a file."""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial

import streamlit as st

from perspectives import curate, curate_events
from perspectives.markup import escape_markdown
from perspectives.model import Corpus
from perspectives.ui import widgets
from perspectives.ui.curate_state import EVENTS_TASK, FORM, forms_shown, save

ADD_EVENT_KEY, ADD_TERMS_KEY = "curate_add_event", "curate_add_terms"
EVENT = f"{FORM}event|"  # the event form's widgets: EVENT + a column of events.csv, or "quotes"
LEXICON_THEME_KEY = f"{FORM}lexicon|theme"


def _afresh(texts: Iterable[str], lists: Iterable[str]) -> dict[str, object]:
    """A form's text boxes and multiselects as the next item starts them: empty. Set after a
    save, explicitly: the browser keeps what a widget still on the page showed, so dropping the
    unsaved edits alone would offer the last item's values again, and a hurried save would
    write them into the next one."""
    return {key: "" for key in texts} | {key: [] for key in lists}


_EMPTY_EVENT = _afresh(
    (EVENT + name for name in ("id", "date", "label", "description", "date_source")),
    (EVENT + "theme_ids", EVENT + "quotes"),
)


def lexicon_key(theme_id: str, part: str) -> str:
    """The key of a lexicon widget of a theme: "picked" (suggestions), "typed" or "language"."""
    return f"{FORM}lexicon|{theme_id}|{part}"


def _event(corpus: Corpus, snapshot: curate.Snapshot) -> None:
    st.markdown("**Add an event**: the Timeline shows it, and Compare lists it between the texts")
    left, middle, right = st.columns([2, 1, 3])
    event_id = left.text_input("id", key=EVENT + "id", help="Lowercase letters, digits, hyphens.")
    date = middle.text_input("Date", key=EVENT + "date", placeholder="2024, 2024-06 or 2024-06-12")
    label = right.text_input("Label", key=EVENT + "label")
    description = st.text_input("Description", key=EVENT + "description")
    date_source = st.text_input(
        "Date source",
        key=EVENT + "date_source",
        help="Where the date comes from (a public record), when no text gives it: required for "
        "an event that no quote refers to.",
    )
    themes = st.multiselect(
        "Themes it bears on",
        list(widgets.theme_choices(corpus)),
        format_func=widgets.theme_choices(corpus).__getitem__,
        key=EVENT + "theme_ids",
    )
    choices = curate_events.quote_choices(corpus)
    quotes = [quote for quote, _ in choices]
    picked = st.multiselect(
        "Quotes that refer to it",
        list(range(len(choices))),
        format_func=lambda i: choices[i][1],  # as short as quote_choices says why
        key=EVENT + "quotes",
    )
    if st.button("Add event", type="primary", key=ADD_EVENT_KEY):
        draft = curate_events.EventDraft(
            event_id.strip(),
            date,
            label,
            description,
            tuple(themes),
            date_source,
            tuple((quotes[i].document_id, quotes[i].text) for i in picked),
        )
        save(corpus, partial(curate_events.add_event, snapshot, draft), **_EMPTY_EVENT)


@widgets.kept_view
def _suggested(corpus: Corpus, theme_id: str) -> list[str]:
    """The terms offered for a theme, counted once per version of the corpus."""
    return curate_events.suggested_terms(corpus, theme_id)


@widgets.kept_view
def _quoted_language(corpus: Corpus, theme_id: str) -> str:
    """The language the theme's quoted texts share, guessed once per version of the corpus."""
    return curate_events.quoted_language(corpus, theme_id)


def _lexicon(corpus: Corpus, snapshot: curate.Snapshot) -> None:
    st.markdown("**Lexicon terms**: the words that tag a sentence with the theme on Theme coverage")
    theme_id = widgets.choice("Theme", widgets.theme_choices(corpus), LEXICON_THEME_KEY)
    known = [term.term for term in corpus.lexicon if term.theme_id == theme_id]
    st.caption(escape_markdown(f"Its terms now: {', '.join(known)}." if known else "No term yet."))
    suggested = _suggested(corpus, theme_id)
    picked = st.multiselect(
        "Suggested from the theme's quotes",
        suggested,
        key=lexicon_key(theme_id, "picked"),
        help="The words that most set the theme's quotes apart from the authors' texts.",
        placeholder="Choose terms" if suggested else "No quote of the theme to suggest from",
    )
    typed = st.text_input("Other terms, separated by commas", key=lexicon_key(theme_id, "typed"))
    quoted_language = _quoted_language(corpus, theme_id)
    language = st.text_input(
        "Language",
        quoted_language,
        key=lexicon_key(theme_id, "language"),
        help="A BCP 47 tag (en, ru, zh-Hans, ar): the terms are looked for only in texts in that "
        "language, and only English ones take English endings. Filled in with the language of "
        "the texts the theme's quotes come from, when they share one. Empty: every text.",
    )
    if st.button("Add terms", key=ADD_TERMS_KEY):
        terms = [*picked, *typed.split(",")]
        build = partial(curate_events.add_terms, snapshot, theme_id, terms, language)
        afresh = _afresh([lexicon_key(theme_id, "typed")], [lexicon_key(theme_id, "picked")])
        kept = {lexicon_key(theme_id, "language"): quoted_language, LEXICON_THEME_KEY: theme_id}
        save(corpus, build, **afresh, **kept)


def events(corpus: Corpus, snapshot: curate.Snapshot) -> None:
    forms_shown(EVENTS_TASK, ())
    _event(corpus, snapshot)
    st.divider()
    _lexicon(corpus, snapshot)
