"""The Curate page's events-and-lexicon task: an event with its quotes, and lexicon terms picked
from the suggestions or typed, each one checked save."""

from __future__ import annotations

from functools import partial

from perspectives import load, validate
from perspectives.ui import curate_page, curate_timeline

from . import test_app_curate
from .test_app_curate import captions, messages

# The Curate page's fixtures: the starter corpus, served on this computer in curation mode.
started, local_server, curate_app = (
    test_app_curate.started,
    test_app_curate.local_server,
    test_app_curate.curate_app,
)
EVENT = curate_timeline.EVENT


def told_to_show(widget) -> bool:
    """Whether the page tells the browser to show the widget's value in place of what it kept:
    a browser keeps what a widget still on the page showed, which AppTest does not mimic."""
    return widget.proto.set_value


def events_task(at):
    return at.radio(key=curate_page.TASK_KEY).set_value(curate_page.EVENTS_TASK).run()


def test_an_event_with_its_date_source_themes_and_quotes_is_added(curate_app, started):
    at = events_task(curate_app)
    for column, value in {
        "id": "kerb-plan",
        "date": "2024-03",
        "label": "Kerb plan announced",
        "date_source": "City council minutes, March 2024",
    }.items():
        at.text_input(key=EVENT + column).input(value)
    at.multiselect(key=EVENT + "theme_ids").set_value(["protected-lanes"])
    quotes = at.multiselect(key=EVENT + "quotes")
    assert "“Painted lines do not protect anyone.”" in quotes.options[0]
    quotes.set_value([quotes.options[0], quotes.options[1]])
    at.button(key=curate_timeline.ADD_EVENT_KEY).click().run()
    assert not at.exception
    assert "Saved: add event kerb-plan, referred to by 2 quote(s)" in messages(at)
    (event,) = load(started).events
    assert event.theme_ids == ("protected-lanes",) and event.date.isoformat() == "2024-03"
    assert event.quotes[0].text == "Painted lines do not protect anyone."
    assert not [p for p in validate(started) if p.severity == "error"]


def test_an_event_with_a_wrong_date_is_refused_with_the_validators_message(curate_app, started):
    at = events_task(curate_app)
    at.text_input(key=EVENT + "id").input("kerb-plan")
    at.text_input(key=EVENT + "date").input("March 2024")
    at.text_input(key=EVENT + "label").input("Kerb plan")
    at.text_input(key=EVENT + "date_source").input("Minutes")
    at.button(key=curate_timeline.ADD_EVENT_KEY).click().run()
    assert "Not saved, refused: the change gives the corpus 1 error(s)" in messages(at)
    (problems,) = at.dataframe
    assert list(problems.value.iloc[0][["file", "column"]]) == ["events.csv", "date"]
    assert not (started / "events.csv").exists()


def test_lexicon_terms_are_picked_from_the_suggestions_or_typed(curate_app, started):
    at = events_task(curate_app)
    at.selectbox(key=curate_timeline.LEXICON_THEME_KEY).set_value("e-bike-subsidies").run()
    picked = at.multiselect(key=curate_timeline.lexicon_key("e-bike-subsidies", "picked"))
    assert picked.options[:2] == ["subsidy", "modest"]
    picked.set_value(["electric"])
    at.text_input(key=curate_timeline.lexicon_key("e-bike-subsidies", "typed")).input(
        "purchase subsidy, e-bike"
    )
    at.button(key=curate_timeline.ADD_TERMS_KEY).click().run()
    assert not at.exception
    assert "Saved: lexicon of e-bike-subsidies: electric, purchase subsidy, e-bike" in messages(at)
    terms = [t.term for t in load(started).lexicon if t.theme_id == "e-bike-subsidies"]
    assert terms == ["electric", "purchase subsidy", "e-bike"]
    assert at.selectbox(key=curate_timeline.LEXICON_THEME_KEY).value == "e-bike-subsidies"
    assert "Its terms now: electric, purchase subsidy, e-bike." in captions(at)


def test_lexicon_terms_take_the_quoted_texts_language_or_the_one_the_curator_gives(
    curate_app, started
):
    at = events_task(curate_app)
    at.selectbox(key=curate_timeline.LEXICON_THEME_KEY).set_value("e-bike-subsidies").run()
    language = at.text_input(key=curate_timeline.lexicon_key("e-bike-subsidies", "language"))
    assert language.value == "en", "the language of the texts the theme's quotes come from"
    at.text_input(key=curate_timeline.lexicon_key("e-bike-subsidies", "typed")).input("subsídio")
    language.input("pt-PT")
    at.button(key=curate_timeline.ADD_TERMS_KEY).click().run()
    assert not at.exception
    assert "Saved: lexicon of e-bike-subsidies: subsídio (language pt-PT)" in messages(at)
    terms = [
        (t.term, t.language) for t in load(started).lexicon if t.theme_id == "e-bike-subsidies"
    ]
    assert terms == [("subsídio", "pt-PT")]


def test_a_terms_bad_language_tag_is_refused_with_the_validators_message(curate_app, started):
    at = events_task(curate_app)
    at.selectbox(key=curate_timeline.LEXICON_THEME_KEY).set_value("e-bike-subsidies").run()
    at.text_input(key=curate_timeline.lexicon_key("e-bike-subsidies", "typed")).input("subsidy")
    at.text_input(key=curate_timeline.lexicon_key("e-bike-subsidies", "language")).input("pt_PT")
    at.button(key=curate_timeline.ADD_TERMS_KEY).click().run()
    assert "Not saved, refused: the change gives the corpus 1 error(s)" in messages(at)
    (problems,) = at.dataframe
    assert list(problems.value.iloc[0][["file", "column"]]) == ["lexicon.csv", "language"]
    assert problems.value.iloc[0]["problem"] == "not a language tag: 'pt_PT'"
    assert not [t for t in load(started).lexicon if t.theme_id == "e-bike-subsidies"]


def test_after_an_event_is_added_its_form_starts_empty_for_the_next(curate_app, started):
    at = events_task(curate_app)
    for column, value in {"id": "kerb-plan", "date": "2024-03", "label": "Kerb plan"}.items():
        at.text_input(key=EVENT + column).input(value)
    at.multiselect(key=EVENT + "theme_ids").set_value(["protected-lanes"])
    quotes = at.multiselect(key=EVENT + "quotes")
    quotes.set_value([quotes.options[0]])
    at.button(key=curate_timeline.ADD_EVENT_KEY).click().run()
    assert "Saved: add event kerb-plan" in messages(at)
    assert [at.text_input(key=EVENT + column).value for column in ("id", "date", "label")] == [
        "",
        "",
        "",
    ]
    assert at.multiselect(key=EVENT + "theme_ids").value == []
    assert at.multiselect(key=EVENT + "quotes").value == []
    texts = [at.text_input(key=EVENT + column) for column in ("id", "date", "label")]
    multiselects = [at.multiselect(key=EVENT + name) for name in ("theme_ids", "quotes")]
    assert all(told_to_show(widget) for widget in [*texts, *multiselects])


def test_after_terms_are_added_the_lexicon_form_starts_afresh_for_the_next(curate_app, started):
    at = events_task(curate_app)
    at.selectbox(key=curate_timeline.LEXICON_THEME_KEY).set_value("e-bike-subsidies").run()
    key = partial(curate_timeline.lexicon_key, "e-bike-subsidies")
    at.multiselect(key=key("picked")).set_value(["electric"])
    at.text_input(key=key("typed")).input("purchase subsidy")
    at.text_input(key=key("language")).input("pt-PT")
    at.button(key=curate_timeline.ADD_TERMS_KEY).click().run()
    assert "Saved: lexicon of e-bike-subsidies: electric, purchase subsidy" in messages(at)
    assert at.multiselect(key=key("picked")).value == []
    assert at.text_input(key=key("typed")).value == ""
    assert at.text_input(key=key("language")).value == "en", "the quoted texts' language again"
    widgets = [at.multiselect(key=key("picked")), at.text_input(key=key("typed"))]
    assert all(told_to_show(widget) for widget in [*widgets, at.text_input(key=key("language"))])
