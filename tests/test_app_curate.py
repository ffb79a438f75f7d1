"""The Curate page through AppTest: only in curation mode, and every save checked and undoable."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import subprocess
from pathlib import Path

import pytest
from streamlit import config
from streamlit.testing.v1 import AppTest

from perspectives import curate, load, starter, store, validate
from perspectives.corpus.readings import scales_digest
from perspectives.ui import curate_items, curate_page, curate_state, frame, links, pages

from .conftest import ROOT, delete_rows, open_page, set_cell
from .test_readings import declaration, declare, positions_as_reading, write_reading

FORM = curate_page.FORM


@pytest.fixture
def started(tmp_path) -> Path:
    root = tmp_path / "corpus"
    starter.write_starter(root, dt.date(2024, 6, 1))
    return root


@pytest.fixture
def local_server():
    """As `make run` serves it: an explicit address, this computer only."""
    config.set_option("server.address", "127.0.0.1")
    yield
    config.set_option("server.address", None)


@pytest.fixture
def curate_app(started, monkeypatch, local_server) -> AppTest:
    monkeypatch.setenv("PERSPECTIVES_DATA", str(started))
    monkeypatch.setenv("PERSPECTIVES_CURATE", "1")
    return open_page(links.CURATE).run()


def digests(root: Path) -> dict[str, str]:
    """Every file by its content, but the (empty) file a save locks the folder with."""
    return {
        name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file() and (name := str(p.relative_to(root))) != f"{store.JOURNAL_DIR}/.lock"
    }


def plain(text: str) -> str:
    """Markdown as a reader sees it: the escapes that keep corpus text literal taken out."""
    return re.sub(r"\\(.)", r"\1", text)


def messages(at: AppTest) -> str:
    kinds = ("success", "error", "warning")
    return plain("\n".join(e.value for kind in kinds for e in at.get(kind)))


def captions(at: AppTest) -> str:
    return plain("\n".join(c.value for c in at.caption))


def position_key(field: str, theme="protected-lanes", document="example-2024") -> str:
    return f"{FORM}pos|{theme}|{document}|{field}"


def test_without_curation_mode_there_is_no_curate_page(monkeypatch, started):
    monkeypatch.setenv("PERSPECTIVES_DATA", str(started))
    monkeypatch.delenv("PERSPECTIVES_CURATE", raising=False)
    assert links.CURATE not in [spec.url_path for spec in pages.served(False)]
    at = open_page(links.CURATE).run()
    assert not at.exception
    assert [title.value for title in at.title] != ["Curate"]
    assert not [b for b in at.button if b.label in ("Save position", "Undo last save")]


def test_curation_mode_adds_the_page_and_names_the_folder_it_writes_to(curate_app, started):
    assert not curate_app.exception
    assert [title.value for title in curate_app.title] == ["Curate"]
    assert f"every save writes to {started.resolve()}" in captions(curate_app)
    assert curate_app.radio(key=curate_page.TASK_KEY).options == list(curate_page.TASKS)


def test_a_server_open_to_every_interface_does_not_curate(started, monkeypatch):
    monkeypatch.setenv("PERSPECTIVES_DATA", str(started))
    monkeypatch.setenv("PERSPECTIVES_CURATE", "1")
    at = open_page(links.CURATE).run()
    (error,) = at.error
    assert "Curation is off" in error.value
    assert not [b for b in at.button if b.label == "Save position"]


def test_picking_a_sentence_and_saving_writes_the_position(curate_app, started):
    at = curate_app
    before = (started / "positions.csv").read_bytes()
    at.text_input(key=position_key("stance")).input("Build them, and soon").run()
    adds = [b for b in at.button if b.label == "Add"]
    adds[-1].click().run()  # the weakest suggestion: not yet evidence
    assert len([t for t in at.text_input if t.label.startswith("Quote ")]) == 3
    at.button(key=curate_page.SAVE_POSITION_KEY).click().run()
    assert not at.exception
    assert "Saved: position protected-lanes × example-2024" in messages(at)
    position = load(started).find_position("protected-lanes", "example-2024")
    assert position.stance == "Build them, and soon" and len(position.quotes) == 3
    assert (started / "positions.csv").read_bytes() != before
    assert not [p for p in validate(started) if p.severity == "error"]


def test_after_a_save_the_page_shows_the_corpus_the_save_checked_without_loading_it(
    curate_app, started, monkeypatch
):
    loaded = []
    monkeypatch.setattr(frame, "load", lambda root: loaded.append(root) or load(root))
    at = curate_app
    at.text_input(key=position_key("stance")).input("Build them, and soon").run()
    at.button(key=curate_page.SAVE_POSITION_KEY).click().run()
    assert "Saved: position protected-lanes × example-2024" in messages(at)
    assert at.text_input(key=position_key("stance")).value == "Build them, and soon"
    assert loaded == []
    frame.clear_caches()
    at.run()
    assert loaded == [str(started)], "Reload corpus reads the files again"


def test_a_trimmed_quote_is_saved_as_trimmed(curate_app, started):
    at = curate_app
    (first, *_) = [t for t in at.text_input if t.label == "Quote 1"]
    first.input("Painted lines do not protect").run()
    at.button(key=curate_page.SAVE_POSITION_KEY).click().run()
    quotes = load(started).find_position("protected-lanes", "example-2024").quotes
    assert quotes[0].text == "Painted lines do not protect"


def test_a_quote_trimmed_to_words_outside_its_sentence_is_refused(curate_app, started):
    at = curate_app
    before = digests(started)
    next(t for t in at.text_input if t.label == "Quote 1").input("Protected lanes cost").run()
    at.button(key=curate_page.SAVE_POSITION_KEY).click().run()
    assert "quote 1: the quote must be words of the sentence" in messages(at)
    assert digests(started) == before


def test_an_invalid_position_is_refused_with_the_validators_message(curate_app, started):
    at = curate_app
    before = digests(started)
    at.selectbox(key=position_key("coverage")).set_value("absent").run()
    at.button(key=curate_page.SAVE_POSITION_KEY).click().run()
    assert "Not saved, refused: the change gives the corpus" in messages(at)
    (problems,) = at.dataframe
    assert "the position is 'absent' but has a quote" in list(problems.value["problem"])
    assert digests(started) == before


def redrawn(at: AppTest) -> AppTest:
    """The run after edits were dropped under forms still on screen draws no form (a browser
    would keep showing the dropped edits: see curate_state.forms_drawn); the next draws them."""
    assert not at.text_input, "no form in the run that lets the browser forget them"
    assert "Showing the files' values" in captions(at)
    return at.run()


def test_a_file_edited_on_disk_meanwhile_is_not_overwritten(curate_app, started):
    at = curate_app
    at.text_input(key=position_key("stance")).input("Mine").run()
    set_cell(started, "positions.csv", 2, "stance", "Theirs")
    edited = (started / "positions.csv").read_bytes()
    at.button(key=curate_page.SAVE_POSITION_KEY).click().run()
    assert "positions.csv changed on disk since this save was prepared" in messages(at)
    assert (started / "positions.csv").read_bytes() == edited
    assert [b.label for b in at.button if "Reload" in b.label] == ["Reload corpus"]  # one control
    at.button(key=frame.RELOAD_KEY).click().run()
    assert at.text_input(key=position_key("stance")).value == "Mine", "kept, not dropped"
    assert "The forms still show what you left in them" in messages(at) + "".join(
        i.value for i in at.info
    )
    redrawn(at.button(key=curate_state.DISCARD_KEY).click().run())
    assert at.text_input(key=position_key("stance")).value == "Theirs"
    assert not at.info
    at.text_input(key=position_key("stance")).input("Mine, after all").run()
    at.button(key=curate_page.SAVE_POSITION_KEY).click().run()
    saved = load(started).find_position("protected-lanes", "example-2024")
    assert saved is not None and saved.stance == "Mine, after all"


def test_undo_restores_the_bytes_before_the_last_save(curate_app, started):
    at = curate_app
    before = digests(started)
    at.text_input(key=position_key("stance")).input("Changed").run()
    at.button(key=curate_page.SAVE_POSITION_KEY).click().run()
    assert digests(started) != before
    redrawn(at.button(key="curate_undo").click().run())
    assert "Undone: position protected-lanes × example-2024" in messages(at)
    assert {k: v for k, v in digests(started).items() if not k.startswith(".")} == before
    assert (
        at.text_input(key=position_key("stance")).value == "Build them now, starting near schools"
    )
    assert at.button(key="curate_undo").disabled


PASTED = (
    "Night trains are back\n\nBy Jo Writer, rail correspondent\n\n"
    "Night trains are back in fashion. The border is the problem.\n"
)
DOCUMENT = {
    "id": "writer-2024",
    "author": "Jo Writer",
    "role": "Correspondent",
    "affiliation": "Daily Example",
    "country": "Chile",
    "title": "Night trains are back",
    "outlet": "Daily Example",
    "published": "2024-02",
    "citation": "Writer, Jo. Night trains are back. 2024.",
}


def test_a_pasted_text_is_added_then_its_header_marked(curate_app, started):
    at = curate_app
    at.radio(key=curate_page.TASK_KEY).set_value(curate_page.ADD).run()
    at.text_area(key=f"{FORM}paste").input(PASTED).run()
    for column, value in DOCUMENT.items():
        at.text_input(key=f"{FORM}doc|{column}").input(value)
    at.run()
    assert "2 passage(s) look like text that is not the author's" in captions(at)
    at.button(key=curate_page.ADD_DOCUMENT_KEY).click().run()
    assert not at.exception
    assert "Saved: add document writer-2024" in messages(at)
    assert (started / "texts" / "writer-2024.txt").read_text(encoding="utf-8") == PASTED
    assert at.radio(key=curate_page.TASK_KEY).value == curate_page.EXCLUDE
    assert at.selectbox(key=curate_page.SPAN_DOCUMENT_KEY).value == "writer-2024"
    marks = [b for b in at.button if b.label == "Mark"]
    assert len(marks) == 2  # the headline and the byline
    marks[0].click().run()
    marks = [b for b in at.button if b.label == "Mark"]
    marks[0].click().run()
    document = load(started).document("writer-2024")
    assert [span.kind for span in document.excluded] == ["headline", "byline"]
    assert document.body.startswith("Night trains are back in fashion.")


def test_unmarking_the_second_of_two_repeated_headlines_keeps_the_first(curate_app, started):
    at = curate_app
    at.radio(key=curate_page.TASK_KEY).set_value(curate_page.ADD).run()
    headline, byline, body = PASTED.split("\n\n")
    repeated = "\n\n".join((headline, byline, headline, body))
    at.text_area(key=f"{FORM}paste").input(repeated).run()
    for column, value in DOCUMENT.items():
        at.text_input(key=f"{FORM}doc|{column}").input(value)
    at.run()
    at.button(key=curate_page.ADD_DOCUMENT_KEY).click().run()
    while marks := [b for b in at.button if b.label == "Mark" and "headline" in b.key]:
        marks[0].click().run()
    assert [s.kind for s in load(started).document("writer-2024").excluded] == ["headline"] * 2
    [b for b in at.button if b.label == "Unmark"][1].click().run()
    assert "Saved: unmark the span of writer-2024" in messages(at)
    (kept,) = load(started).document("writer-2024").excluded
    assert kept.start == 0


def test_a_theme_whose_agreement_contradicts_its_points_saves_with_the_warning(
    corpus_copy, monkeypatch, local_server
):
    monkeypatch.setenv("PERSPECTIVES_DATA", str(corpus_copy))
    monkeypatch.setenv("PERSPECTIVES_CURATE", "1")
    at = open_page(links.CURATE).run()
    at.radio(key=curate_page.TASK_KEY).set_value(curate_page.THEMES).run()
    at.selectbox(key=curate_page.THEME_EDIT_KEY).set_value("high-level-visits").run()
    assert "(3 apart)" in captions(at)
    at.selectbox(key=f"{FORM}theme|high-level-visits|agreement").set_value("agree").run()
    at.button(key=curate_page.SAVE_THEME_KEY).click().run()
    assert "Saved: edit theme high-level-visits (comparisons.csv)" in messages(at)
    (warnings,) = at.dataframe
    assert any("'agree', but the scale points are 3 apart" in m for m in warnings.value["problem"])
    assert any("'agree', but the scale points" in plain(w.value) for w in at.warning)


def test_the_undo_journal_is_not_part_of_the_files_stamp(started):
    stamp = frame.files_stamp(started)
    journal = started / store.JOURNAL_DIR / "000001"
    journal.mkdir(parents=True)
    (journal / "manifest.json").write_text("{}", encoding="utf-8")
    assert frame.files_stamp(started) == stamp
    (started / "texts" / "example-2024.txt").write_text("x", encoding="utf-8")
    assert frame.files_stamp(started) != stamp


@pytest.mark.parametrize(
    ("argv", "env", "expected"),
    [
        (["app.py"], "", False),
        (["app.py", "--curate"], "", True),
        (["app.py", "--data", "x"], "1", True),
        (["app.py"], "true", True),
        (["app.py"], "0", False),
    ],
)
def test_curation_mode_comes_from_the_flag_or_the_environment(monkeypatch, argv, env, expected):
    monkeypatch.setattr("sys.argv", argv)
    monkeypatch.setenv("PERSPECTIVES_CURATE", env)
    assert frame.curating() is expected


@pytest.mark.parametrize(
    ("variables", "address", "app_options"),
    [
        ([], "127.0.0.1", ""),
        (["CURATE=1"], "127.0.0.1", "-- --curate"),
        (["CURATE=1", "DATA=my-corpus"], "127.0.0.1", "-- --data my-corpus --curate"),
        (["CURATE=0", "ADDRESS=0.0.0.0"], "0.0.0.0", ""),
    ],
)
def test_make_run_serves_on_this_computer_unless_told_otherwise(variables, address, app_options):
    command = subprocess.run(
        ["make", "-n", "--no-print-directory", "run", *variables],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    served = " ".join(command.replace("\\\n", " ").split("streamlit run app.py", 1)[1].split())
    assert f"--server.address {address} " in served
    assert served.endswith(
        "--browser.gatherUsageStats false" + (f" {app_options}" * bool(app_options))
    )


def test_the_metadata_is_checked_as_it_is_typed(curate_app, started):
    at = curate_app
    at.radio(key=curate_page.TASK_KEY).set_value(curate_page.ADD).run()
    at.text_area(key=f"{FORM}paste").input(PASTED).run()
    assert "Give the document an id to add it." in captions(at)
    for column, value in {**DOCUMENTS_ROW_WITH_BAD_DATE}.items():
        at.text_input(key=f"{FORM}doc|{column}").input(value)
    at.run()
    assert "documents.csv:4:published: invalid date: 'Feb 2024'" in messages(at)
    assert at.button(key=curate_page.ADD_DOCUMENT_KEY).disabled
    at.text_input(key=f"{FORM}doc|published").input("2024-02").run()
    assert not at.error
    at.text_input(key=f"{FORM}doc|id").input("example-2024").run()
    assert "document 'example-2024' already exists in documents.csv" in messages(at)
    assert at.button(key=curate_page.ADD_DOCUMENT_KEY).disabled


DOCUMENTS_ROW_WITH_BAD_DATE = {**DOCUMENT, "published": "Feb 2024"}


def test_the_sentence_list_grows_on_request_and_narrows_to_a_search(curate_app):
    at = curate_app
    voorbeeld = "voorbeeld-2024"
    at.selectbox(key=curate_page.DOCUMENT_KEY).set_value(voorbeeld).run()
    assert len([b for b in at.button if b.label == "Add"]) == 4  # all its body sentences
    at.number_input(key=f"{FORM}shown|protected-lanes|{voorbeeld}").set_value(2).run()
    assert len([b for b in at.button if b.label == "Add"]) == 2
    assert "2 of 4 sentences, the best suggestions" in captions(at)
    at.text_input(key=f"{FORM}search|protected-lanes|{voorbeeld}").input("SUBSIDY").run()
    assert "2 of 2 sentences holding these words" in captions(at)
    assert all("ubsid" in m.value for m in at.markdown if m.value.startswith(("A modest", "Still")))


# -- no dead end ---------------------------------------------------------------------------------


def test_a_position_save_sets_the_badge_its_theme_now_requires_and_says_so(curate_app, started):
    at = curate_app
    for item in [b for b in at.button if b.label == "Remove"]:
        at.button(key=item.key).click().run()
    at.selectbox(key=position_key("coverage")).set_value("absent").run()
    at.button(key=curate_page.SAVE_POSITION_KEY).click().run()
    assert not at.exception
    assert (
        "the comparison of protected-lanes set to 'one-sided', as its positions require"
        in messages(at)
    )
    assert load(started).comparison("protected-lanes").agreement == "one-sided"


def test_the_last_position_a_theme_waits_for_is_saved_with_its_synthesis(
    started, monkeypatch, local_server
):
    set_cell(started, "comparisons.csv", 2, "synthesis", "")
    delete_rows(started, "positions.csv", [2])
    delete_rows(started, "quotes.csv", [2, 3])
    monkeypatch.setenv("PERSPECTIVES_DATA", str(started))
    monkeypatch.setenv("PERSPECTIVES_CURATE", "1")
    at = open_page(links.CURATE).run()
    at.selectbox(key=position_key("coverage")).set_value("absent").run()
    for field, value in (("stance", "Not addressed"), ("sum", "No lanes."), ("why", "None.")):
        widget = at.text_input if field == "stance" else at.text_area
        widget(key=position_key(field)).input(value).run()
    at.button(key=curate_page.SAVE_POSITION_KEY).click().run()
    assert "Not saved" in messages(at)  # without it, the save would add an error:
    assert any("empty synthesis" in table.value.to_string() for table in at.dataframe)
    at.text_area(key=position_key("synthesis")).input("Voorbeeld alone on lanes.").run()
    at.button(key=curate_page.SAVE_POSITION_KEY).click().run()
    assert not at.exception
    assert "the synthesis of protected-lanes written" in messages(at)
    assert load(started).comparison("protected-lanes").synthesis == "Voorbeeld alone on lanes."
    assert not [p for p in validate(started) if p.severity == "error"]


def test_a_new_theme_starts_with_a_badge_the_rule_allows(curate_app):
    at = curate_app
    at.radio(key=curate_page.TASK_KEY).set_value(curate_page.THEMES).run()
    at.selectbox(key=curate_page.THEME_EDIT_KEY).set_value("").run()
    new = at.selectbox(key=f"{FORM}theme|+|agreement")
    assert new.value == "partly"
    assert "A new theme starts as 'partly'" in captions(at)
    at.selectbox(key=curate_page.THEME_EDIT_KEY).set_value("e-bike-subsidies").run()
    assert at.selectbox(key=f"{FORM}theme|e-bike-subsidies|agreement").value == "one-sided"


def test_with_errors_curate_lists_them_and_fixes_each_row_there(started, monkeypatch, local_server):
    set_cell(started, "positions.csv", 2, "coverage", "sometimes")
    set_cell(started, "themes.csv", 2, "label", "")
    monkeypatch.setenv("PERSPECTIVES_DATA", str(started))
    monkeypatch.setenv("PERSPECTIVES_CURATE", "1")
    compare = open_page(links.COMPARE).run()
    assert "(or fix them on the Curate page)" in compare.error[0].value  # the panel elsewhere
    at = open_page(links.CURATE).run()
    assert not at.exception
    assert "The corpus has 2 error(s)" in messages(at)
    repair = f"{FORM}repair|"
    at.text_input(key=f"{repair}positions.csv|2|coverage").input("explicit").run()
    at.button(key=f"{repair}positions.csv|2|save").click().run()
    assert "Saved: edit row 2 of positions.csv" in messages(at)
    assert "The corpus has 1 error(s)" in messages(at)
    at.text_input(key=f"{repair}themes.csv|2|label").input("Protected lanes").run()
    at.button(key=f"{repair}themes.csv|2|save").click().run()
    assert not at.exception
    assert at.radio(key=curate_page.TASK_KEY).value == curate_page.POSITION
    assert load(started).theme("protected-lanes").label == "Protected lanes"


def test_with_errors_an_offending_row_can_be_deleted(started, monkeypatch, local_server):
    with (started / "quotes.csv").open("a", encoding="utf-8") as table:
        table.write("protected-lanes,example-2024,Words the author never wrote,,\n")
    monkeypatch.setenv("PERSPECTIVES_DATA", str(started))
    monkeypatch.setenv("PERSPECTIVES_CURATE", "1")
    at = open_page(links.CURATE).run()
    at.button(key=f"{FORM}repair|quotes.csv|8|delete").click().run()
    assert "Saved: delete row 8 of quotes.csv" in messages(at)
    assert not [p for p in validate(started) if p.severity == "error"]


# -- delete and rename -------------------------------------------------------------------------


def items_task(at: AppTest, kind: str) -> AppTest:
    at.radio(key=curate_page.TASK_KEY).set_value(curate_page.ITEMS).run()
    return at.radio(key=curate_state.ITEM_KIND_KEY).set_value(kind).run()


def test_a_theme_renamed_on_the_page_is_renamed_everywhere_and_undone(curate_app, started):
    at = items_task(curate_app, "themes.csv")
    at.selectbox(key=f"{FORM}items|themes.csv").set_value("e-bike-subsidies").run()
    at.text_input(key=f"{FORM}items|themes.csv|new").input("subsidies").run()
    at.button(key=f"{FORM}items|rename").click().run()
    assert not at.exception
    assert "Saved: rename theme e-bike-subsidies to subsidies" in messages(at)
    corpus = load(started)
    assert corpus.comparison("subsidies") and corpus.find_position("subsidies", "voorbeeld-2024")
    assert at.selectbox(key=f"{FORM}items|themes.csv").value == "subsidies"
    at.button(key="curate_undo").click().run()
    assert load(started).comparison("e-bike-subsidies")


def test_a_rename_to_an_id_in_use_is_refused_on_the_page(curate_app, started):
    before = digests(started)
    at = items_task(curate_app, "documents.csv")
    at.text_input(key=f"{FORM}items|documents.csv|new").input("voorbeeld-2024").run()
    at.button(key=f"{FORM}items|rename").click().run()
    assert "document 'voorbeeld-2024' already exists in documents.csv" in messages(at)
    assert digests(started) == before


def test_a_document_deleted_on_the_page_takes_its_rows_and_text(curate_app, started):
    at = items_task(curate_app, "documents.csv")
    at.selectbox(key=f"{FORM}items|documents.csv").set_value("example-2024").run()
    at.button(key=f"{FORM}items|delete").click().run()
    assert not at.exception
    assert "Saved: delete document example-2024, with its text" in messages(at)
    assert "the comparison of e-bike-subsidies set to 'partly'" in messages(at)
    assert not (started / "texts" / "example-2024.txt").exists()
    assert [d.id for d in load(started).documents] == ["voorbeeld-2024"]
    at.radio(key=curate_page.TASK_KEY).set_value(curate_page.POSITION).run()
    assert not at.exception
    assert at.selectbox(key=curate_page.DOCUMENT_KEY).value == "voorbeeld-2024"


def test_a_quote_deleted_on_the_page(curate_app, started):
    at = items_task(curate_app, "quotes.csv")
    at.selectbox(key=f"{FORM}items|quotes").set_value("voorbeeld-2024").run()
    at.button(key=f"{FORM}items|quote|5").click().run()
    assert "Saved: delete the quote “a network of lanes takes decades to build”" in messages(at)


def test_the_starters_examples_are_explained_and_removed_once_there_is_a_corpus_of_ones_own(
    curate_app, started
):
    at = curate_app
    at.radio(key=curate_page.TASK_KEY).set_value(curate_page.ITEMS).run()
    assert "came with init: they keep a new corpus valid" in captions(at)
    at.button(key=curate_items.REMOVE_EXAMPLES_KEY).click().run()
    assert "add a document of your own first" in messages(at)
    store.save(started, curate.add_document(curate.read(started), DOCUMENT, PASTED.encode()))
    theme = curate.ThemeDraft("night-trains", "Night trains", "Trains", "Run?", "partly", "")
    store.save(started, curate.set_theme(curate.read(started), theme))
    at.button(key=frame.RELOAD_KEY).click().run()
    at.radio(key=curate_page.TASK_KEY).set_value(curate_page.ITEMS).run()
    at.button(key=curate_items.REMOVE_EXAMPLES_KEY).click().run()
    assert not at.exception
    assert "Saved: remove the starter's examples" in messages(at)
    corpus = load(started)
    assert [d.id for d in corpus.documents] == ["writer-2024"]
    assert [t.id for t in corpus.themes] == ["night-trains"]


def test_an_empty_corpus_is_built_on_the_page(tmp_path, monkeypatch, local_server):
    root = tmp_path / "new"
    starter.write_starter(root, dt.date(2024, 6, 1), empty=True)
    monkeypatch.setenv("PERSPECTIVES_DATA", str(root))
    monkeypatch.setenv("PERSPECTIVES_CURATE", "1")
    at = open_page(links.CURATE).run()
    assert "The corpus has 2 error(s)" in messages(at)
    at.text_area(key=f"{FORM}paste").input(PASTED).run()
    for column, value in DOCUMENT.items():
        at.text_input(key=f"{FORM}doc|{column}").input(value)
    at.run()
    at.button(key=curate_page.ADD_DOCUMENT_KEY).click().run()
    assert "Saved: add document writer-2024" in messages(at)
    new = f"{FORM}repair|themes.csv|new"
    theme = {
        "id": "night-trains",
        "label": "Night trains",
        "description": "Trains",
        "question": "?",
    }
    for column, value in theme.items():
        at.text_input(key=f"{new}|{column}").input(value)
    at.button(key=f"{new}|add").click().run()
    assert "Saved: add a row to themes.csv" in messages(at)
    new = f"{FORM}repair|comparisons.csv|new"
    for column, value in {"theme_id": "night-trains", "agreement": "partly"}.items():
        at.text_input(key=f"{new}|{column}").input(value)
    at.button(key=f"{new}|add").click().run()
    assert not at.exception
    assert at.radio(key=curate_page.TASK_KEY).value == curate_page.EXCLUDE  # the corpus loads
    assert [t.id for t in load(root).themes] == ["night-trains"]


def test_a_new_theme_with_an_id_in_use_is_refused_and_the_theme_kept(curate_app, started):
    before = digests(started)
    at = curate_app
    at.radio(key=curate_page.TASK_KEY).set_value(curate_page.THEMES).run()
    at.selectbox(key=curate_page.THEME_EDIT_KEY).set_value("").run()
    at.text_input(key=f"{FORM}theme|+|id").input("protected-lanes").run()
    at.text_input(key=f"{FORM}theme|+|label").input("Overwritten").run()
    at.button(key=curate_page.SAVE_THEME_KEY).click().run()
    assert "Not saved: theme 'protected-lanes' already exists in themes.csv" in messages(at)
    assert digests(started) == before


def test_a_typo_in_a_trimmed_quote_is_named_as_validate_names_it(curate_app, started):
    at = curate_app
    next(t for t in at.text_input if t.label == "Quote 1").input(
        "Painted lines do not protcet"
    ).run()
    at.button(key=curate_page.SAVE_POSITION_KEY).click().run()
    assert "the quote has 'protcet' where the text has 'protect'" in messages(at)


def test_reload_corpus_keeps_the_edits_not_yet_saved(curate_app, started):
    at = curate_app
    at.text_input(key=position_key("stance")).input("Not saved yet").run()
    at.button(key=frame.RELOAD_KEY).click().run()
    assert at.text_input(key=position_key("stance")).value == "Not saved yet"
    assert not at.info, "no file changed: nothing to warn of"
    at.button(key=curate_page.SAVE_POSITION_KEY).click().run()
    assert load(started).find_position("protected-lanes", "example-2024").stance == "Not saved yet"


def test_readers_are_offered_only_where_the_corpus_declares_them(curate_app):
    curate_app.radio(key=curate_page.TASK_KEY).set_value(curate_page.ITEMS).run()
    assert "readers" not in curate_app.radio(key=curate_state.ITEM_KIND_KEY).options


def test_a_reader_renamed_and_deleted_on_the_page_and_undone(started, monkeypatch, local_server):
    digest = scales_digest(load(started).themes)
    for reader_id in ("reader-a", "reader-b"):
        declare(started, reader_id, declaration(reader_id, digest=digest))
        write_reading(started, reader_id, positions_as_reading(started))
    before = digests(started)
    monkeypatch.setenv("PERSPECTIVES_DATA", str(started))
    monkeypatch.setenv("PERSPECTIVES_CURATE", "1")
    at = items_task(open_page(links.CURATE).run(), "readers")
    at.selectbox(key=f"{FORM}items|readers").set_value("reader-a").run()
    at.text_input(key=f"{FORM}items|readers|new").input("reader-c").run()
    at.button(key=f"{FORM}items|rename").click().run()
    assert not at.exception
    assert "Saved: rename reader reader-a to reader-c, with their reading" in messages(at)
    assert sorted(r.id for r in load(started).readers) == ["reader-b", "reader-c"]
    assert at.selectbox(key=f"{FORM}items|readers").value == "reader-c"
    at.button(key=f"{FORM}items|delete").click().run()
    assert "Saved: delete reader reader-c, with their reading readings/reader-c.csv" in messages(at)
    assert [r.id for r in load(started).readers] == ["reader-b"]
    at.button(key="curate_undo").click().run()
    at.button(key="curate_undo").click().run()
    assert not at.exception
    assert {k: v for k, v in digests(started).items() if not k.startswith(".")} == before
