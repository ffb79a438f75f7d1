"""Curating in a real browser, from `init` to a validated corpus: add a text, mark its header,
curate a position from picked sentences or from spans selected with the mouse, undo, and never
overwrite an edit made meanwhile."""

from __future__ import annotations

import csv
import datetime as dt
import difflib
import io
from collections.abc import Iterator
from functools import partial
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from perspectives import load, starter, store, validate
from perspectives.ui import curate_positions, curate_text, links

from ..conftest import set_cell
from .conftest import (
    INNER_ROW,
    add_selected,
    choose,
    click,
    digests,
    fill,
    form_label,
    keyed,
    select_with_the_mouse,
    serve,
    task,
    type_into,
    wait_idle,
    wait_redrawn,
)
from .test_accessibility import blocking_violations

HOSTILE = "<img src=x onerror=\"document.title='pwned'\"> **not bold** :red[not red] $x$"
TEXT = (
    "Night trains are back\n\n"
    "By Jo Writer, rail correspondent\n\n"
    "The border is the problem. Night trains are back in fashion, and the sleeper cars are "
    "full.\n\n"
    "Crews change at the border, and timetables never meet. The border is the problem. "
    "Lanes for bikes are another story.\n\n"
    f"{HOSTILE} Readers wrote in.\n"
)
METADATA = {
    "id": "writer-2024",
    "author": "Jo Writer",
    "role": "Correspondent",
    "affiliation": "Daily Example",
    "country": "Chile",
    "title": "Night trains are back",
    "outlet": "Daily Example",
    "published": "2024-02",
    "citation": "Writer, Jo. Night trains are back. Daily Example, 2024.",
}
pytestmark = pytest.mark.usefixtures("patient_expectations")


@pytest.fixture
def started(tmp_path) -> Path:
    root = tmp_path / "corpus"
    starter.write_starter(root, dt.date(2024, 6, 1))
    return root


@pytest.fixture
def curate_url(browser_type_launch_args, started) -> Iterator[str]:
    with serve(started, curate=True) as url:
        yield url


def added_rows(before: bytes, after: bytes) -> list[list[str]]:
    """The rows `after` adds to `before`; fails if any row of `before` changed."""
    diff = list(difflib.ndiff(before.decode().splitlines(), after.decode().splitlines()))
    assert not [line for line in diff if line.startswith("- ")], "an existing row changed"
    lines = [line[2:] for line in diff if line.startswith("+ ")]
    return list(csv.reader(io.StringIO("\n".join(lines))))


def saved(page: Page, what: str) -> None:
    expect(page.get_by_text(f"Saved: {what}", exact=False)).to_be_visible()


def test_from_init_to_a_curated_position_with_undo_and_no_lost_edit(
    page: Page, curate_url: str, started: Path, tmp_path: Path
):
    initial = {name: (started / name).read_bytes() for name in digests(started)}
    page.goto(f"{curate_url}/{links.CURATE}")
    expect(page.get_by_role("heading", name="Curate", level=1)).to_be_visible()
    expect(page.get_by_text(f"every save writes to {started.resolve()}")).to_be_visible()
    wait_idle(page)

    # 1. Add a document from a text file.
    task(page, "Add a document")
    source = tmp_path / "writer.txt"
    source.write_bytes(TEXT.encode("utf-8"))
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(source)
    wait_idle(page)
    for column, value in METADATA.items():
        fill(page, form_label(column), value)
    click(page, "Add document")
    saved(page, "add document writer-2024")
    assert (started / "texts" / "writer-2024.txt").read_bytes() == TEXT.encode("utf-8")

    # 2. Mark its header (headline and byline, paragraphs 1–2) as not the author's.
    expect(page.get_by_role("combobox", name="Document")).to_have_value("Jo Writer (Chile)")
    fill(page, "To paragraph", "2")
    click(page, "Mark as not the author's")
    saved(page, "mark paragraphs 1–2 of writer-2024 as headline")

    # 3. A position with two quotes picked from the sentences; the second is repeated.
    task(page, "Position")
    choose(page, "Document", "Jo Writer (Chile)")
    field = partial(curate_positions.field_key, "protected-lanes", "writer-2024")
    expect(keyed(page, field("stance"))).to_be_visible()  # by its key: this pair's form
    expect(page.get_by_text("Not curated yet")).to_be_visible()
    expect(page.get_by_label("Search the sentences", exact=True)).to_have_count(1)
    type_into(page, field("stance"), "Trains, not lanes")
    type_into(page, field("sum"), "Writer is about trains; lanes come up in passing.")
    type_into(page, field("why"), "One sentence sets lanes aside.")
    fill(page, "Search the sentences", "border problem")
    rows = page.locator(INNER_ROW).filter(has_text="The border is the problem.")
    expect(rows).to_have_count(2)
    rows.nth(1).get_by_role("button", name="Add").click()  # the second occurrence
    expect(page.get_by_label("Quote 1", exact=True)).to_have_value("The border is the problem.")
    wait_idle(page)
    fill(page, "Search the sentences", "lanes")
    page.locator(INNER_ROW).filter(has_text="Lanes for bikes are another story.").get_by_role(
        "button", name="Add"
    ).click()
    wait_idle(page)
    expect(page.get_by_label("Quote 2", exact=True)).to_have_value(
        "Lanes for bikes are another story."
    )
    click(page, "Save position")
    saved(page, "position protected-lanes × writer-2024")

    # The corpus validates, and only the expected rows changed.
    assert not [p for p in validate(started) if p.severity == "error"]
    after = {name: (started / name).read_bytes() for name in digests(started)}
    assert set(after) - set(initial) == {"texts/writer-2024.txt"}
    changed = {name for name in initial if after[name] != initial[name]}
    assert changed == {"documents.csv", "excluded_spans.csv", "positions.csv", "quotes.csv"}
    (document,) = added_rows(initial["documents.csv"], after["documents.csv"])
    assert document[:3] == ["writer-2024", "Jo Writer", "Correspondent"]
    (span,) = added_rows(initial["excluded_spans.csv"], after["excluded_spans.csv"])
    assert span[:2] == ["writer-2024", "headline"]
    (position,) = added_rows(initial["positions.csv"], after["positions.csv"])
    assert position[:4] == ["protected-lanes", "writer-2024", "explicit", "Trains, not lanes"]
    quotes = added_rows(initial["quotes.csv"], after["quotes.csv"])
    assert [quote[:5] for quote in quotes] == [
        ["protected-lanes", "writer-2024", "The border is the problem.", "meet.", ""],
        ["protected-lanes", "writer-2024", "Lanes for bikes are another story.", "", ""],
    ]
    assert all(set(quote[5:]) <= {""} for quote in quotes)  # no translation or note
    curated = load(started).find_position("protected-lanes", "writer-2024").quotes
    assert curated[0].anchor.start == TEXT.rindex("The border is the problem.")

    # 4. Undo restores the bytes as they were before the last save.
    click(page, "Undo last save")
    expect(page.get_by_text("Undone: position protected-lanes × writer-2024")).to_be_visible()
    wait_redrawn(page)
    expect(keyed(page, field("stance")).locator("input")).to_have_value("")  # from the files
    expect(page.get_by_role("combobox", name="Document")).to_have_value("Jo Writer (Chile)")
    for name in ("positions.csv", "quotes.csv"):
        assert (started / name).read_bytes() == initial[name]
    assert (started / "documents.csv").read_bytes() == after["documents.csv"]

    # 5. A file edited on disk meanwhile is detected and not overwritten.
    type_into(page, field("stance"), "Mine")
    set_cell(started, "positions.csv", 2, "stance", "Edited in a spreadsheet")
    edited = (started / "positions.csv").read_bytes()
    click(page, "Save position")
    expect(
        page.get_by_text("positions.csv changed on disk since this save was prepared")
    ).to_be_visible()
    assert (started / "positions.csv").read_bytes() == edited
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)


def test_hostile_markup_in_an_uploaded_text_stays_text(
    page: Page, curate_url: str, started: Path, tmp_path: Path
):
    page.goto(f"{curate_url}/{links.CURATE}")
    expect(page.get_by_role("heading", name="Curate", level=1)).to_be_visible()
    wait_idle(page)
    task(page, "Add a document")
    source = tmp_path / "writer.txt"
    source.write_bytes(TEXT.encode("utf-8"))
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(source)
    wait_idle(page)
    for column, value in METADATA.items():
        fill(page, form_label(column), value)
    click(page, "Add document")
    saved(page, "add document writer-2024")
    task(page, "Position")
    choose(page, "Document", "Jo Writer (Chile)")
    expect(page.get_by_text("Not curated yet")).to_be_visible()
    expect(page.get_by_label("Search the sentences", exact=True)).to_have_count(1)
    fill(page, "Search the sentences", "Readers wrote")
    # Shown as text in the sentence list and in the document beside the form.
    expect(page.get_by_text(HOSTILE, exact=False).first).to_be_visible()
    expect(page.locator('[data-testid="stMain"] img[src="x"]')).to_have_count(0)
    assert page.title() != "pwned"
    row = page.locator(INNER_ROW).filter(has_text="Readers wrote in.")
    expect(row.locator("strong")).to_have_count(0)
    expect(row.locator(".katex")).to_have_count(0)


#: A paragraph added to the starter's example text: before the words selected in it, characters
#: that take two UTF-16 units each (an emoji, a CJK Extension B character), so that an offset
#: counted as the browser counts would land two characters off.
ASTRAL = "Riders 🚲 and 𠀋 fans agree that kerbs are cheap. Paint is not enough."


#: Where the first character of the words `first` and the last of `last` are drawn in the text
#: beside the form (each within one run of it), once the first is scrolled into view.
@pytest.fixture
def astral_url(browser_type_launch_args, started) -> Iterator[str]:
    text = started / "texts" / "example-2024.txt"
    text.write_text(f"{text.read_text(encoding='utf-8').rstrip()}\n\n{ASTRAL}\n", encoding="utf-8")
    with serve(started, curate=True) as url:
        yield url


def test_spans_selected_with_the_mouse_are_saved_as_the_exact_quotes(
    page: Page, astral_url: str, started: Path
):
    before = (started / "quotes.csv").read_bytes()
    page.goto(f"{astral_url}/{links.CURATE}")
    expect(page.get_by_role("heading", name="Curate", level=1)).to_be_visible()
    wait_idle(page)
    expect(page.locator(".perspectives-select [data-start]").first).to_be_visible()

    # Across two sentences, the selection drawn and the page accessible as it is.
    select_with_the_mouse(page, "a child", "build lanes")
    expect(
        page.get_by_text("Selected: “a child ride there. The city should build lanes”")
    ).to_be_visible()
    wait_idle(page)
    assert blocking_violations(page) == []
    add_selected(page, "a child ride there. The city should build lanes")
    expect(page.get_by_label("Quote 3", exact=True)).to_have_value(
        "a child ride there. The city should build lanes"
    )

    # After an emoji and a CJK Extension B character in the same run of text.
    select_with_the_mouse(page, "kerbs are", "Paint is")
    add_selected(page, "kerbs are cheap. Paint is")
    expect(page.get_by_label("Quote 4", exact=True)).to_have_value("kerbs are cheap. Paint is")

    # The byline is not the author's text: refused, and nothing offered to add.
    select_with_the_mouse(page, "By Ana", "columnist")
    expect(
        page.get_by_text("Not added: the selection takes in text that is not the author's (byline)")
    ).to_be_visible()
    expect(page.locator(f".st-key-{curate_text.ADD_SELECTION_KEY}")).to_have_count(0)

    click(page, "Save position")
    saved(page, "position protected-lanes × example-2024")
    quotes = added_rows(before, (started / "quotes.csv").read_bytes())
    assert [quote[:3] for quote in quotes] == [
        ["protected-lanes", "example-2024", "a child ride there. The city should build lanes"],
        ["protected-lanes", "example-2024", "kerbs are cheap. Paint is"],
    ]
    text = (started / "texts" / "example-2024.txt").read_text(encoding="utf-8")
    curated = load(started).find_position("protected-lanes", "example-2024").quotes
    assert [(q.anchor.start, q.anchor.end) for q in curated[-2:]] == [
        (text.index("a child"), text.index("build lanes") + len("build lanes")),
        (text.index("kerbs are"), text.index("Paint is") + len("Paint is")),
    ]
    assert not [p for p in validate(started) if p.severity == "error"]


def test_a_server_without_curation_mode_has_no_curate_page(page: Page, app_url: str):
    page.goto(f"{app_url}/{links.CURATE}")
    wait_idle(page)
    expect(page.get_by_role("heading", level=1)).to_have_count(1)
    expect(page.get_by_role("heading", name="Curate", level=1)).to_have_count(0)
    expect(page.get_by_role("link", name="Compare")).to_be_visible()
    expect(page.get_by_role("link", name="Curate")).to_have_count(0)
    expect(page.get_by_role("button", name="Undo last save")).to_have_count(0)
    assert store.JOURNAL_DIR not in {p.name for p in Path("data").iterdir()}


def test_discarded_edits_and_an_undone_save_leave_the_forms_showing_the_files(
    page: Page, curate_url: str, started: Path
):
    """The browser keeps what a field shows while it stays on the page: dropping the edits on
    the server alone would leave them on screen, for the next save to write."""
    page.goto(f"{curate_url}/{links.CURATE}")
    wait_idle(page)
    key = curate_positions.field_key("protected-lanes", "example-2024", "stance")
    stance = keyed(page, key).locator("input")
    before = stance.input_value()
    stance.fill("Typed, not saved")
    stance.press("Tab")
    wait_idle(page)
    set_cell(started, "positions.csv", 2, "stance", "Changed on disk")
    page.get_by_role("button", name="Reload corpus").click()
    expect(page.get_by_text("The forms still show what you left in them")).to_be_visible()
    wait_idle(page)
    expect(stance).to_have_value("Typed, not saved")  # kept, as the page says
    click(page, "Discard unsaved edits")
    wait_redrawn(page)
    expect(stance).to_have_value("Changed on disk")
    stance.fill("Saved, then undone")
    stance.press("Tab")
    wait_idle(page)
    click(page, "Save position")
    saved(page, "position protected-lanes × example-2024")
    click(page, "Undo last save")
    expect(page.get_by_text("Undone: ")).to_be_visible()
    wait_redrawn(page)
    expect(stance).to_have_value("Changed on disk")
    assert before != "Changed on disk"
