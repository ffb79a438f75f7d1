"""A corpus built from `init --empty` on the Curate page alone, no file edited by hand: two texts
pasted, a theme, a position with a quote selected in the text and one author absent, an event and
a lexicon term; it validates, and Timeline and Theme coverage draw it."""

from __future__ import annotations

import datetime as dt
import time

from streamlit.testing.v1 import AppTest

from perspectives import load, starter, validate
from perspectives.ui import curate_page, curate_text, curate_themes, curate_timeline, links

from . import test_app_curate
from .conftest import open_page
from .test_app_curate import messages

local_server = test_app_curate.local_server  # the Curate page's fixture: served on this computer
FORM = curate_page.FORM
THEME = "night-trains"
TEXTS = {
    "weber-2023": (
        "Night trains are a niche. They fill up in summer and run half empty in winter. "
        "The real obstacle is at the border, where timetables do not meet.\n\n"
        "Sleeper cars cost more to run than seats, and subsidies only hide that cost.\n"
    ),
    "durand-2023": (
        "High-speed lines have made the day train faster than the plane between most capitals. "
        "Stations in city centres win the business traveller.\n"
    ),
}
METADATA = {
    "weber-2023": {"author": "Jonas Weber", "country": "Germany", "title": "Night trains"},
    "durand-2023": {"author": "Claire Durand", "country": "France", "title": "Fast trains"},
}


def add_document(at: AppTest, document_id: str) -> AppTest:
    at.text_area(key=f"{FORM}paste").input(TEXTS[document_id]).run()
    cells = {"id": document_id, "outlet": "Example Review", "published": "2023-05"}
    for column, value in (cells | METADATA[document_id]).items():
        at.text_input(key=f"{FORM}doc|{column}").input(value)
    at.run()
    at.button(key=curate_page.ADD_DOCUMENT_KEY).click().run()
    assert f"Saved: add document {document_id}" in messages(at)
    return at


def save_position(at: AppTest, document_id: str, coverage: str, words: str = "") -> AppTest:
    at.radio(key=curate_page.TASK_KEY).set_value(curate_page.POSITION).run()
    at.selectbox(key=curate_page.DOCUMENT_KEY).set_value(document_id).run()
    key = f"{FORM}pos|{THEME}|{document_id}|"
    at.selectbox(key=key + "coverage").set_value(coverage)
    at.text_input(key=key + "stance").input("The border" if words else "Not addressed")
    at.text_area(key=key + "sum").input(f"{document_id} on night trains.")
    at.text_area(key=key + "why").input("In the author's words." if words else "No word on it.")
    if words:  # a passage across two sentences, trimmed to the words typed
        at.selectbox(key=curate_text.pick_key(document_id, "first")).set_value(1)
        at.selectbox(key=curate_text.pick_key(document_id, "last")).set_value(2)
        at.text_input(key=curate_text.pick_key(document_id, "words")).input(words)
        at.button(key=curate_text.ADD_QUOTE_KEY).click().run()
    at.button(key=curate_page.SAVE_POSITION_KEY).click().run()
    assert f"Saved: position {THEME} × {document_id}" in messages(at)
    return at


def test_a_corpus_is_built_from_an_empty_one_on_the_curate_page_alone(
    tmp_path, monkeypatch, local_server
):
    began = time.perf_counter()
    root = tmp_path / "new"
    starter.write_starter(root, dt.date(2024, 6, 1), empty=True)
    monkeypatch.setenv("PERSPECTIVES_DATA", str(root))
    monkeypatch.setenv("PERSPECTIVES_CURATE", "1")
    at = open_page(links.CURATE).run()
    assert "The corpus has 2 error(s)" in messages(at)
    add_document(at, "weber-2023")
    theme = {"id": THEME, "label": "Night trains", "description": "Sleepers.", "question": "?"}
    for name, value in theme.items():
        at.text_input(key=curate_themes.NEW_THEME_FORM + name).input(value)
    at.button(key=curate_themes.ADD_THEME_KEY).click().run()
    assert f"Saved: add theme {THEME}" in messages(at)
    assert at.radio(key=curate_page.TASK_KEY)  # the corpus loads: every task is offered
    at.radio(key=curate_page.TASK_KEY).set_value(curate_page.ADD).run()
    add_document(at, "durand-2023")
    quoted = "in winter. The real obstacle is at the border"
    save_position(at, "weber-2023", "explicit", quoted)
    # the synthesis, due once every text has a position
    at.radio(key=curate_page.TASK_KEY).set_value(curate_page.THEMES).run()
    at.text_area(key=f"{FORM}theme|{THEME}|synthesis").input("Only Weber writes of night trains.")
    at.button(key=curate_page.SAVE_THEME_KEY).click().run()
    assert f"Saved: edit theme {THEME}" in messages(at)
    save_position(at, "durand-2023", "absent")
    at.radio(key=curate_page.TASK_KEY).set_value(curate_page.EVENTS_TASK).run()
    event = {"id": "timetable-2022", "date": "2022-12-11", "label": "Timetable change"}
    for column, value in event.items():
        at.text_input(key=curate_timeline.EVENT + column).input(value)
    at.multiselect(key=curate_timeline.EVENT + "theme_ids").set_value([THEME])
    quotes = at.multiselect(key=curate_timeline.EVENT + "quotes")
    quotes.set_value(quotes.options[:1])
    at.button(key=curate_timeline.ADD_EVENT_KEY).click().run()
    assert "Saved: add event timetable-2022, referred to by 1 quote(s)" in messages(at)
    picked = at.multiselect(key=curate_timeline.lexicon_key(THEME, "picked"))
    term = picked.options[0]
    picked.set_value([term])
    at.button(key=curate_timeline.ADD_TERMS_KEY).click().run()
    assert f"Saved: lexicon of {THEME}: {term}" in messages(at)
    assert not at.exception
    elapsed = time.perf_counter() - began

    assert not [p for p in validate(root) if p.severity == "error"]
    corpus = load(root)
    assert [d.id for d in corpus.documents] == ["weber-2023", "durand-2023"]
    assert [(p.document_id, p.coverage) for p in corpus.positions] == [
        ("weber-2023", "explicit"),
        ("durand-2023", "absent"),
    ]
    assert [q.text for q in corpus.positions[0].quotes] == [quoted]
    assert corpus.comparison(THEME).agreement == "one-sided"
    assert [e.id for e in corpus.events] == ["timetable-2022"]
    assert [(t.theme_id, t.term) for t in corpus.lexicon] == [(THEME, term)]
    for page in (links.TIMELINE, links.COVERAGE):
        shown = open_page(page).run()
        assert not shown.exception and not shown.error, page
    print(f"\nbuilt on the Curate page in {elapsed:.1f} s")
