"""Read blind and Adjudicate through AppTest: nothing of the table or of another reading
reaches a blind reader's browser; a blind reading saved and taken up again; a decision
recorded and undone."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from google.protobuf.message import Message
from streamlit.testing.v1 import AppTest

from bench.floor import at_page
from perspectives import load
from perspectives.anchor import squeeze
from perspectives.reading_schema import reading_file
from perspectives.schema import POSITIONS
from perspectives.sentences import document_sentences
from perspectives.ui import adjudicate_page, blind_page, links, pages

from .conftest import open_page, read_rows
from .test_adjudicate import PAIR, disputed, position_row  # noqa: F401  (a fixture)
from .test_app_curate import local_server, plain  # noqa: F401  (a fixture)

NOTE = "She counts enforcement to Xi's credit."  # reader-b's note on sanctions × singh


def _strings(message: Message) -> Iterator[str]:
    """Every text a message holds, in nested messages and in bytes (Arrow tables) too."""
    for _, value in message.ListFields():
        for item in value if isinstance(value, list | tuple) or _repeated(value) else [value]:
            if isinstance(item, Message):
                yield from _strings(item)
            elif isinstance(item, bytes):
                yield item.decode("utf-8", errors="ignore")
            elif isinstance(item, str):
                yield item


def _repeated(value: object) -> bool:
    return hasattr(value, "__len__") and not isinstance(value, str | bytes | Message)


def emitted(at: AppTest) -> str:
    """Everything the page sent to the browser, every element's every text, Markdown escapes
    taken out, whitespace run together."""
    found: list[str] = []

    def walk(node: object) -> None:
        proto = getattr(node, "proto", None)
        if isinstance(proto, Message):
            found.extend(_strings(proto))
        for child in getattr(node, "children", {}).values():
            walk(child)

    walk(at._tree)
    return " ".join(re.sub(r"\\(.)", r"\1", " ".join(found)).split())


def words(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture
def curating(disputed, monkeypatch, local_server) -> Path:  # noqa: F811
    monkeypatch.setenv("PERSPECTIVES_DATA", str(disputed))
    monkeypatch.setenv("PERSPECTIVES_CURATE", "1")
    return disputed


def blind_reader(reader_id: str = "reader-x", name: str = "Reader X") -> AppTest:
    at = open_page(links.READ_BLIND).run()
    at.text_input(key=blind_page.READER_KEY).input(reader_id).run()
    at.text_input(key=blind_page.NAME_KEY).input(name).run()
    return at


def never_shown(root: Path) -> list[str]:
    """What a blind reader must not see: every position's stance, summary and rationale, every
    comparison's synthesis, and the other readers' notes."""
    corpus = load(root)
    fields = [(p.stance, p.summary, p.rationale) for p in corpus.positions]
    return [
        *(words(text) for row in fields for text in row if text),
        *(words(c.synthesis) for c in corpus.comparisons if c.synthesis),
        *(words(r.note) for r in corpus.readings if r.note),
    ]


def test_nothing_of_the_table_or_another_reading_reaches_a_blind_reader(curating):
    at = blind_reader()
    assert not at.exception
    shown = emitted(at)
    corpus = load(curating)
    # What the page is for does reach the browser: the collector sees the page.
    assert words(corpus.documents[0].text[:200]) in shown
    assert all(words(theme.description) in shown for theme in corpus.themes)
    leaked = [text for text in never_shown(curating) if text in shown]
    assert leaked == []


def test_the_collector_finds_a_reading_where_a_page_shows_it(curating):
    """The control: Adjudicate shows the readings, and the same collector finds them there."""
    at = open_page(links.ADJUDICATE).run()
    assert not at.exception
    assert NOTE in emitted(at)


def test_a_blind_reading_is_saved_and_taken_up_again(curating):
    at = blind_reader()
    cell = lambda field: blind_page.cell_key("reader-x", *PAIR, field)  # noqa: E731
    at.selectbox(key=cell("coverage")).set_value("explicit").run()
    at.button(key=blind_page.SAVE_KEY).click().run()  # a scaled theme read with no point
    assert "2 error" in at.error[0].value  # no point, no confidence: both listed
    assert not (curating / reading_file("reader-x")).exists()
    at.selectbox(key=cell("point")).set_value(2)
    at.selectbox(key=cell("confidence")).set_value("low")
    at.text_input(key=cell("note")).input("Praise for Xi's enforcement.").run()
    at.button(key=blind_page.SAVE_KEY).click().run()
    assert not at.exception
    assert [m.value for m in at.error] == []
    assert plain(at.success[0].value) == (
        "Saved: blind reading by reader-x (readings/reader-x.csv, corpus.toml)."
    )
    assert read_rows(curating / reading_file("reader-x"))[1:] == [
        [*PAIR, "explicit", "2", "low", "Praise for Xi's enforcement.", ""]
    ]
    (reader,) = [r for r in load(curating).readers if r.id == "reader-x"]
    assert (reader.name, reader.protocol) == ("Reader X", "blind")
    again = blind_reader()
    assert again.selectbox(key=cell("coverage")).value == "explicit"
    assert again.selectbox(key=cell("point")).value == 2
    # A new reader's form starts empty, however many others have read the position; another's
    # id under a name not theirs draws no form.
    other = blind_reader("reader-y", "Reader Y")
    assert other.selectbox(key=blind_page.cell_key("reader-y", *PAIR, "coverage")).value == ""
    posing = blind_reader("reader-b", "Reader X")
    assert not posing.selectbox
    assert "taken by a reading made under another name" in posing.warning[0].value


def test_evidence_is_chosen_among_the_texts_sentences_saved_and_taken_up_again(curating):
    at = blind_reader()
    cell = lambda field: blind_page.cell_key("reader-x", *PAIR, field)  # noqa: E731
    evidence = at.multiselect(key=cell("evidence"))
    # Every sentence of the author's own words is offered alike: the table's quotes are not
    # told from the rest.
    singh = load(curating).document(PAIR[1])
    assert list(evidence.options) == [s.plain() for s in document_sentences(singh)]
    first, third = evidence.options[0], evidence.options[2]
    at.selectbox(key=cell("coverage")).set_value("explicit")
    at.selectbox(key=cell("point")).set_value(1)
    at.selectbox(key=cell("confidence")).set_value("high")
    evidence.set_value([first, third]).run()
    at.button(key=blind_page.SAVE_KEY).click().run()
    assert not at.exception and [m.value for m in at.error] == []
    (saved,) = read_rows(curating / reading_file("reader-x"))[1:]
    assert saved == [*PAIR, "explicit", "1", "high", "", f"{first} | {third}"]
    (reading,) = [r for r in load(curating).readings if r.reader_id == "reader-x"]
    assert [squeeze(found.exact) for found in reading.evidence] == [first, third]
    again = blind_reader()
    assert again.multiselect(key=cell("evidence")).value == [first, third]


def test_a_decision_taken_on_the_adjudicate_page_is_saved_and_undone(curating):
    before = (curating / POSITIONS.file).read_bytes()
    at = open_page(links.ADJUDICATE).run()
    assert at.selectbox(key=adjudicate_page.POSITION_KEY).value == PAIR
    at.radio(key=adjudicate_page.DECISION_KEY).set_value("reader-b")
    at.text_input(key=adjudicate_page.REASON_KEY).input("enforcement as credit").run()
    at.button(key=adjudicate_page.SAVE_KEY).click().run()
    assert not at.exception
    row = position_row(curating)
    assert (row["scale_value"], row["confidence"]) == ("1", "high")
    assert row["rationale"].endswith("Adjudicated: took reader-b's +1 — enforcement as credit")
    at.button(key="curate_undo").click().run()
    assert (curating / POSITIONS.file).read_bytes() == before


def test_a_curators_last_save_is_not_shown_to_a_blind_reader_in_the_same_session(curating):
    """An adjudication's outcome names the value taken: the blind page drops it unseen."""
    at = open_page(links.ADJUDICATE).run()
    at.radio(key=adjudicate_page.DECISION_KEY).set_value("reader-b")
    at.text_input(key=adjudicate_page.REASON_KEY).input("enforcement as credit").run()
    at.button(key=adjudicate_page.SAVE_KEY).click().run()
    assert "took reader-b's +1" in plain(at.success[0].value)
    at_page(at, links.READ_BLIND).run()
    assert [title.value for title in at.title] == ["Read blind"]
    assert not at.success
    assert "Adjudicated" not in emitted(at)
    assert "reader-b's" not in emitted(at)


@pytest.mark.parametrize("url_path", [links.READ_BLIND, links.ADJUDICATE])
def test_only_curation_mode_serves_them(url_path, disputed, monkeypatch):  # noqa: F811
    monkeypatch.setenv("PERSPECTIVES_DATA", str(disputed))
    monkeypatch.delenv("PERSPECTIVES_CURATE", raising=False)
    assert url_path in [spec.url_path for spec in pages.served(True)]
    assert url_path not in [spec.url_path for spec in pages.served(False)]
    at = open_page(url_path).run()
    assert not at.exception
    assert [title.value for title in at.title] != [pages.spec(url_path).heading]
    saves = {blind_page.SAVE_KEY, adjudicate_page.SAVE_KEY}
    assert not [button for button in at.button if button.key in saves]
