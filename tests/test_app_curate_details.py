"""The Curate page's corpus details task: corpus.toml's `[corpus]` table in a form, prefilled from
the corpus, saved as one checked change that Undo takes back."""

from __future__ import annotations

import pytest

from perspectives import curate, load, starter, store
from perspectives.metadata import METADATA_KEYS
from perspectives.schema import METADATA_FILE
from perspectives.ui import curate_items, curate_metadata, curate_page, frame

from . import test_app_curate
from .test_app_curate import DOCUMENT, PASTED, captions, digests, messages, plain, redrawn

# The Curate page's fixtures: the starter corpus, served on this computer in curation mode.
started, local_server, curate_app = (
    test_app_curate.started,
    test_app_curate.local_server,
    test_app_curate.curate_app,
)
FIELD = {key.name: curate_metadata.field_key(key) for key in METADATA_KEYS}
STARTER_TITLE = starter.shipped_metadata()["title"]
WHERE = f"set its title, description and curators under {curate_page.DETAILS}"


def notes(at) -> str:
    return plain("\n".join(info.value for info in at.info))


def details_task(at):
    return at.radio(key=curate_page.TASK_KEY).set_value(curate_page.DETAILS).run()


def test_the_form_has_a_field_for_each_key_prefilled_from_the_corpus(curate_app):
    at = details_task(curate_app)
    assert not at.exception
    shown = {
        name: (at.text_area if name == "curators" else at.text_input)(key=key).value
        for name, key in FIELD.items()
    }
    assert shown == {
        "title": STARTER_TITLE,
        "version": "0.1.0",
        "description": "Two short example texts, compared on two themes.",
        "curators": "Your Name",
        "license": "CC BY 4.0",
        "created": "2024-06-01",
    }
    assert "Version 0.1.0 as loaded: raise it if the tables have changed" in captions(at)


def test_details_are_saved_and_undone(curate_app, started):
    before = (started / METADATA_FILE).read_bytes()
    at = details_task(curate_app)
    at.text_input(key=FIELD["title"]).input("Night trains in Europe")
    at.text_area(key=FIELD["curators"]).input("Ann Lee, Zoë Ångström")
    at.text_input(key=FIELD["description"]).input("")
    at.text_input(key=FIELD["created"]).input("2024-07").run()
    at.button(key=curate_metadata.SAVE_DETAILS_KEY).click().run()
    assert not at.exception
    assert (
        "Saved: set the corpus's title, description, curators, created "
        "(corpus.toml, datapackage.json)" in messages(at)
    )
    meta = load(started).meta
    assert (meta.title, meta.description, meta.curators, meta.created.isoformat()) == (
        "Night trains in Europe",
        "",
        ("Ann Lee", "Zoë Ångström"),
        "2024-07",
    )
    assert at.text_input(key=FIELD["title"]).value == "Night trains in Europe"
    assert at.text_area(key=FIELD["curators"]).value == "Ann Lee\nZoë Ångström"
    redrawn(at.button(key="curate_undo").click().run())
    assert "Undone: set the corpus's title" in messages(at)
    assert (started / METADATA_FILE).read_bytes() == before
    assert at.text_input(key=FIELD["title"]).value == STARTER_TITLE


@pytest.mark.parametrize(
    ("field", "value", "problem"),
    [
        ("title", "", "missing required key"),
        ("version", " ", "missing required key"),
        ("created", "next spring", "invalid date: 'next spring' is not an ISO date"),
    ],
)
def test_details_the_validator_refuses_are_not_saved(curate_app, started, field, value, problem):
    before = digests(started)
    at = details_task(curate_app)
    at.text_input(key=FIELD[field]).input(value).run()
    at.button(key=curate_metadata.SAVE_DETAILS_KEY).click().run()
    assert not at.exception
    assert "Not saved, refused: the change gives the corpus 1 error(s)" in messages(at)
    (problems,) = at.dataframe
    assert [p for p in problems.value["problem"] if problem in p] != []
    assert digests(started) == before
    assert at.text_input(key=FIELD[field]).value == value, "the form keeps what was typed"


def test_saving_unchanged_details_writes_nothing(curate_app, started):
    before = digests(started)
    at = details_task(curate_app)
    at.button(key=curate_metadata.SAVE_DETAILS_KEY).click().run()
    assert "Not saved: nothing changed" in messages(at)
    assert digests(started) == before


def test_corpus_toml_edited_on_disk_meanwhile_is_not_overwritten(curate_app, started):
    at = details_task(curate_app)
    at.text_input(key=FIELD["title"]).input("Mine").run()
    toml = started / METADATA_FILE
    toml.write_text(toml.read_text(encoding="utf-8") + "# theirs\n", encoding="utf-8")
    edited = digests(started)
    at.button(key=curate_metadata.SAVE_DETAILS_KEY).click().run()
    assert "corpus.toml changed on disk since this save was prepared" in messages(at)
    assert digests(started) == edited


def test_once_the_examples_are_gone_the_page_says_where_the_details_are_set(curate_app, started):
    store.save(started, curate.add_document(curate.read(started), DOCUMENT, PASTED.encode("utf-8")))
    theme = curate.ThemeDraft("night-trains", "Night trains", "Trains", "Run?", "partly", "")
    store.save(started, curate.set_theme(curate.read(started), theme))
    at = curate_app
    at.button(key=frame.RELOAD_KEY).click().run()
    at.radio(key=curate_page.TASK_KEY).set_value(curate_page.ITEMS).run()
    assert WHERE not in notes(at)
    at.button(key=curate_items.REMOVE_EXAMPLES_KEY).click().run()
    assert "Saved: remove the starter's examples" in messages(at)
    assert f"The corpus is still titled “{STARTER_TITLE}”: {WHERE}." in notes(at)
    at = details_task(at)
    at.text_input(key=FIELD["title"]).input("Night trains").run()
    at.button(key=curate_metadata.SAVE_DETAILS_KEY).click().run()
    assert load(started).meta.title == "Night trains"
    at.radio(key=curate_page.TASK_KEY).set_value(curate_page.ITEMS).run()
    assert WHERE not in notes(at)
