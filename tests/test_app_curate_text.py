"""The Curate page's text beside the position form: a span selected or picked in it becomes a
quote in one press, and notes on quotes, texts and themes are saved."""

from __future__ import annotations

import json

from perspectives import curate, load, store, text_selection, validate
from perspectives.ui import curate_page, curate_text, links

from . import test_app_curate
from .conftest import open_page
from .test_app_curate import messages

# The Curate page's fixtures: the starter corpus, served on this computer in curation mode.
started, local_server, curate_app = (
    test_app_curate.started,
    test_app_curate.local_server,
    test_app_curate.curate_app,
)

FORM = curate_page.FORM


def quotes_in_form(at) -> list[str]:
    return [t.value for t in at.text_input if t.label.startswith("Quote ")]


def text_shown(at):
    """The component that shows the text, in which a span is selected."""
    (component,) = at.get("bidi_component")
    return component


def shown_html(at) -> str:
    return json.loads(text_shown(at).proto.json)["html"]


def select(at, root, first: str, last: str) -> None:
    """Run the page as it runs once the curator has selected, in example-2024, from the words
    `first` to the words `last`: the text's component sends the span back as its state."""
    document = load(root).document("example-2024")
    start, end = document.text.index(first), document.text.index(last) + len(last)
    version = text_selection.text_version(document.text)
    span = {"document": document.id, "version": version, "start": start, "end": end}
    at.session_state[text_shown(at).key] = {"selection": span}
    at.run()


def selected(at) -> list[str]:
    return [m.value for m in at.markdown if m.value.startswith("Selected")]


def test_the_text_is_shown_beside_the_form_with_evidence_and_suggestions_marked(curate_app):
    data = json.loads(text_shown(curate_app).proto.json)
    assert data["document"] == "example-2024"
    assert '<span data-start="71">Painted lines do not protect anyone.</span>' in data["html"]
    assert 'title="Evidence: Evidence"' in data["html"]
    assert 'title="Evidence: Suggested"' in data["html"]
    assert not selected(curate_app)


def test_a_span_selected_in_the_text_is_added_as_a_quote_and_saved(curate_app, started):
    at = curate_app
    select(at, started, "a child", "build lanes")
    assert selected(at) == ["Selected\\: “a child ride there\\. The city should build lanes”"]
    at.button(key=curate_text.ADD_SELECTION_KEY).click().run()
    assert quotes_in_form(at)[-1] == "a child ride there. The city should build lanes"
    assert not selected(at)  # the text is shown afresh, nothing selected in it
    at.button(key=curate_page.SAVE_POSITION_KEY).click().run()
    assert not at.exception
    quotes = load(started).find_position("protected-lanes", "example-2024").quotes
    assert quotes[-1].text == "a child ride there. The city should build lanes"
    assert not [p for p in validate(started) if p.severity == "error"]


def test_a_selection_in_text_not_the_authors_is_refused_and_not_offered(curate_app, started):
    select(curate_app, started, "city columnist", "Painted lines")
    assert "Not added: the selection takes in text that is not the author's (byline)" in (
        messages(curate_app)
    )
    assert not selected(curate_app)
    assert curate_text.ADD_SELECTION_KEY not in [button.key for button in curate_app.button]


def test_a_span_across_sentences_is_added_as_a_quote_and_saved(curate_app, started):
    at = curate_app
    at.selectbox(key=curate_text.pick_key("example-2024", "first")).set_value(1)
    at.selectbox(key=curate_text.pick_key("example-2024", "last")).set_value(2)
    at.text_input(key=curate_text.pick_key("example-2024", "words")).input(
        "a child ride there. The city should build lanes"
    )
    at.button(key=curate_text.ADD_QUOTE_KEY).click().run()
    assert quotes_in_form(at)[-1] == "a child ride there. The city should build lanes"
    at.button(key=curate_page.SAVE_POSITION_KEY).click().run()
    assert not at.exception
    quotes = load(started).find_position("protected-lanes", "example-2024").quotes
    # overlaps the quote "The city should build lanes separated…", which stays
    assert [q.text for q in quotes][1:] == [
        "The city should build lanes separated from traffic by a kerb",
        "a child ride there. The city should build lanes",
    ]
    assert not [p for p in validate(started) if p.severity == "error"]


def test_one_word_is_a_quote_and_words_not_in_the_sentences_are_refused(curate_app):
    at = curate_app
    words = at.text_input(key=curate_text.pick_key("example-2024", "words"))
    words.input("kerb").run()
    at.button(key=curate_text.ADD_QUOTE_KEY).click().run()
    assert "Not added: the quote must be words of the sentence it was picked from" in messages(at)
    at.selectbox(key=curate_text.pick_key("example-2024", "first")).set_value(2).run()
    at.button(key=curate_text.ADD_QUOTE_KEY).click().run()
    assert quotes_in_form(at)[-1] == "kerb"


def test_notes_on_a_quote_the_text_and_the_theme_are_saved_together(curate_app, started):
    at = curate_app
    key = f"{FORM}note|protected-lanes|example-2024|"
    at.text_input(key=f"{key}quote|2").input("The opening claim")
    at.text_input(key=f"{key}example-2024|").input("A columnist, not a planner")
    at.text_input(key=f"{key}|protected-lanes").input("Kerbs or paint")
    at.button(key=curate_text.SAVE_NOTES_KEY).click().run()
    assert not at.exception
    assert "Saved: notes on quotes.csv row 2, example-2024, protected-lanes" in messages(at)
    corpus = load(started)
    assert corpus.find_position("protected-lanes", "example-2024").quotes[0].note == (
        "The opening claim"
    )
    assert [(n.document_id, n.theme_id, n.note) for n in corpus.notes] == [
        ("example-2024", "", "A columnist, not a planner"),
        ("", "protected-lanes", "Kerbs or paint"),
    ]
    assert at.text_input(key=f"{key}quote|2").value == "The opening claim"


def test_a_long_text_is_read_and_quoted_a_page_of_paragraphs_at_a_time(
    started, monkeypatch, local_server
):
    text = "\n\n".join(f"Paragraph {n} says a thing. It adds another." for n in range(1, 71))
    metadata = test_app_curate.DOCUMENT | {"id": "long-2024"}
    store.save(started, curate.add_document(curate.read(started), metadata, text.encode()))
    monkeypatch.setenv("PERSPECTIVES_DATA", str(started))
    monkeypatch.setenv("PERSPECTIVES_CURATE", "1")
    at = open_page(links.CURATE).run()
    at.selectbox(key=curate_page.DOCUMENT_KEY).set_value("long-2024").run()
    first = at.selectbox(key=curate_text.pick_key("long-2024", "first"))
    assert len(first.options) == 60 and first.options[0] == "1. Paragraph 1 says a thing."
    at.number_input(key=curate_text.pick_key("long-2024", "page")).set_value(3).run()
    html = shown_html(at)
    assert "Paragraph 61 says" in html and "Paragraph 60 says" not in html
    first = at.selectbox(key=curate_text.pick_key("long-2024", "first"))
    assert len(first.options) == 20 and first.options[0] == "121. Paragraph 61 says a thing."
    first.set_value(first.options[1]).run()
    at.button(key=curate_text.ADD_QUOTE_KEY).click().run()  # to the first sentence of the page
    assert quotes_in_form(at) == ["Paragraph 61 says a thing. It adds another."]
    last = at.selectbox(key=curate_text.pick_key("long-2024", "last"))
    last.set_value(last.options[1]).run()
    at.button(key=curate_text.ADD_QUOTE_KEY).click().run()
    assert quotes_in_form(at)[-1] == "It adds another."
