"""The curation trial: a new user builds a corpus in Chromium from `init` to a validated corpus,
with no file edited by hand. Four real texts (one a web page), the starter's examples removed and
the corpus's own details set, four themes (one that two of the authors leave absent, one that
only the other two address), positions with quotes picked from the text (by sentence, or dragged
over with the mouse), a deliberate duplicate theme id and a deliberate typo in a quote (both
refused, then fixed), comparisons with the badge the page proposes, and events the Timeline
draws.

Timings (the whole trial, and each save from the click to its "Saved:" message) are printed in
one line (`pytest -s`) and written as JSON to $PERSPECTIVES_TRIAL_TIMINGS when it is set.
"""

from __future__ import annotations

import json
import os
import re
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, expect

from perspectives import capture, load, store, validate
from perspectives.metadata import METADATA_KEYS
from perspectives.ui import curate_metadata, curate_positions, curate_text, curate_themes, links
from perspectives.ui.curate_timeline import EVENT

from ..conftest import ROOT
from .conftest import (
    FIXTURES,
    INNER_ROW,
    add_selected,
    choose,
    digests,
    fill,
    form_label,
    keyed,
    select_with_the_mouse,
    serve,
    task,
    type_into,
    wait_drawn,
    wait_idle,
)

TRIAL = FIXTURES / "trial"
#: A save validates the whole corpus with the change applied: on a busy machine, seconds.
SAVE_TIMEOUT_MS = 90_000
TIMINGS_ENV = "PERSPECTIVES_TRIAL_TIMINGS"

SINGH, ASMOLOV, UDHR_EN, UDHR_RU = "singh-2018", "asmolov-2019", "udhr-en", "udhr-ru"
ASMOLOV_TITLE = "What Xi Jinping’s Visit to Pyongyang Means for Stability in the Korean Peninsula"
ASMOLOV_URL = (
    "https://valdaiclub.com/a/highlights/what-xi-jinping-s-visit-to-pyongyang-means-for-sta/"
)
#: The documents.csv columns typed on the Add a document form, file by file (the web page's own
#: title, author, site and address come prefilled; its day of publication is not known).
DOCUMENTS = {
    "singh-2018.txt": {
        "id": SINGH,
        "author": "Gunjan Singh",
        "role": "Research Associate",
        "affiliation": "Institute of Chinese Studies, New Delhi",
        "country": "India",
        "title": "China-North Korea Relations under Xi Jinping",
        "outlet": "ICS blog",
        "published": "2018-10-01",
        "url": "https://icsin.org/blogs/2018/10/01/china-north-korea-relations-under-xi-jinping/",
    },
    "asmolov-2019.html": {
        "id": ASMOLOV,
        "role": "Leading Research Fellow, Korean Studies Center",
        "affiliation": "Institute of Far Eastern Studies, Russian Academy of Sciences",
        "country": "Russia",
        "published": "2019-06",
    },
    "udhr-en.txt": {
        "id": UDHR_EN,
        "country": "United Nations",
        "title": "Universal Declaration of Human Rights",
        "outlet": "United Nations General Assembly",
        "published": "1948-12-10",
        "url": "https://www.un.org/en/about-us/universal-declaration-of-human-rights",
        "label": "UDHR, English",
    },
    "udhr-ru.txt": {
        "id": UDHR_RU,
        "country": "United Nations",
        "title": "Всеобщая декларация прав человека",
        "outlet": "Генеральная Ассамблея ООН",
        "published": "1948-12-10",
        "url": "https://www.un.org/ru/documents/decl_conv/declarations/declhr.shtml",
        "label": "UDHR, Russian",
    },
}
PERSPECTIVES = {
    SINGH: "Gunjan Singh (India)",
    ASMOLOV: "Konstantin Asmolov (Russia)",
    UDHR_EN: "UDHR, English",
    UDHR_RU: "UDHR, Russian",
}
#: Passages that are not the author's, marked by paragraph: (document, first, last, kind).
MARKED = [
    (ASMOLOV, 2, 2, "repeated lede"),  # the lede, repeated by the body
    (ASMOLOV, 11, 13, "link to another article"),  # the box that links to Toloraya's article
]
THEMES = {
    "sanctions": (
        "Sanctions on North Korea",
        "The United Nations sanctions on the DPRK: keeping, enforcing or relaxing them.",
        "Should the sanctions on North Korea be kept, or relaxed as it talks?",
    ),
    "south-korea": (
        "China and South Korea",
        "Where Seoul stands as China and North Korea draw closer.",
        "How does China's tie with South Korea weigh on its tie with the North?",
    ),
    "double-freeze": (
        "The “double freeze”",
        "North Korea stops nuclear and missile tests while the US and South Korea stop "
        "large exercises.",
        "Is the freeze for freeze the way to calm on the peninsula?",
    ),
    "equal-rights": (
        "Equal rights",
        "Every person equal in dignity and rights, without distinction of any kind.",
        "Are all human beings equal in dignity and rights?",
    ),
}
#: The corpus's own details, set once the starter's examples are gone.
DETAILS = {
    "title": "China and North Korea, read from New Delhi and Moscow, beside the UDHR",
    "version": "1.0.0",
    "description": "Two analyses of China–North Korea relations and the Declaration's Article 1.",
    "curators": "A. Curator",
}
METADATA = {key.name: key for key in METADATA_KEYS}
DUPLICATE = "double-freeze"  # typed first as the id of the equal-rights theme, and refused


@dataclass(frozen=True)
class Quote:
    """A quote as picked beside the form: its first and last sentence, by their opening words,
    and the words to keep of them ("": the sentences whole); or, `selected`, dragged over with
    the mouse in the text from the words `first` to the words `last`, which end it."""

    first: str
    words: str = ""
    last: str = ""
    selected: bool = False


@dataclass(frozen=True)
class Position:
    theme: str
    document: str
    stance: str
    summary: str
    rationale: str
    quotes: tuple[Quote, ...] = ()
    synthesis: str = ""  # given with the last position its theme waits for


def absent(theme: str, document: str, what: str, synthesis: str = "") -> Position:
    return Position(
        theme,
        document,
        "Not addressed",
        f"The text does not discuss {what}.",
        f"No passage of it is about {what}.",
        synthesis=synthesis,
    )


TYPO = ("first", "frist")  # typed into Singh's first quote: the save names the word
POSITIONS = [
    Position(
        "sanctions",
        SINGH,
        "China now follows the UN sanctions",
        "Singh notes that Xi is the first Chinese leader to enforce the UN sanctions, though "
        "Kim urges him to end them.",
        "She states the change of policy in so many words.",
        (Quote("Xi was the first Chinese leader"),),
    ),
    Position(
        "sanctions",
        ASMOLOV,
        "Relax them a little, in return for restraint",
        "Asmolov reports the Russian-Chinese-North Korean view that restraint be rewarded with "
        "some relief, against a United States that keeps sanctions as its lever.",
        "He sets out the tripartite position and the American resistance to it.",
        (
            Quote(
                "They decided that the problem",
                "should be rewarded with at least a minor relaxation of sanctions",
            ),
            Quote("However, they are facing a persistent"),
        ),
    ),
    absent("sanctions", UDHR_EN, "sanctions"),
    absent(
        "sanctions",
        UDHR_RU,
        "sanctions",
        "Singh sees China enforcing the UN sanctions; Asmolov reports a call to relax them in "
        "return for restraint. The Declaration does not address them.",
    ),
    Position(
        "south-korea",
        SINGH,
        "Closeness to Seoul constrains Beijing",
        "Singh sees China's growing economic ties with South Korea making it harder for Xi to "
        "overlook the North's actions.",
        "She names South Korea as a weight on China's choices.",
        (
            Quote("On the other hand, the growing economic"),
            Quote(
                "China, Japan and South Korea concluded",
                "China, Japan and South Korea concluded a tri-lateral meeting in May 2018",
            ),
        ),
    ),
    Position(
        "south-korea",
        ASMOLOV,
        "The North, not the South, will side with China",
        "Asmolov reads Xi's reported cancelled visit to Seoul as typical, and expects the North "
        "rather than the South to support China.",
        "He discusses China's attitude to South Korea at length.",
        (
            Quote("In this regard, China’s attitude", last="According to some sources"),
            Quote(
                "That means that despite the left",
                "it is the North, not the South, that will support China",
            ),
        ),
    ),
    absent("south-korea", UDHR_EN, "South Korea"),
    absent(
        "south-korea",
        UDHR_RU,
        "South Korea",
        "Singh sees ties with Seoul constraining Beijing; Asmolov expects the North, not the "
        "South, to side with China. The Declaration does not address Korea.",
    ),
    Position(
        "double-freeze",
        ASMOLOV,
        "The freeze holds, and should be extended",
        "Asmolov says the peninsula now matches the Russian-Chinese “double freeze” plan and "
        "hopes the visit extends it.",
        "He names the plan and hopes for its extension.",
        (
            Quote(
                "In addition, although it is not spoken",
                "the current state of affairs on the peninsula corresponds to the "
                "Russian-Chinese “double freeze” plan",
            ),
            Quote(
                "Therefore, the author believes",
                "will serve to maximize the extension of the “double-freeze” regime",
            ),
        ),
    ),
    absent("double-freeze", SINGH, "the “double freeze”"),
    absent("double-freeze", UDHR_EN, "the “double freeze”"),
    absent(
        "double-freeze",
        UDHR_RU,
        "the “double freeze”",
        "Only Asmolov writes of the “double freeze”, which he wants extended.",
    ),
    Position(
        "equal-rights",
        UDHR_EN,
        "All are born free and equal",
        "Article 1 declares all human beings equal in dignity and rights; Article 2 allows no "
        "distinction of any kind.",
        "The articles say it in so many words.",
        (
            Quote("All human beings are born free"),
            Quote(
                "Everyone is entitled to all",
                "Everyone is entitled to all the rights and freedoms set forth in this Declaration",
            ),
        ),
    ),
    Position(
        "equal-rights",
        UDHR_RU,
        "Все люди рождаются свободными и равными",
        "The Russian text of Article 1 declares all people equal in dignity and rights.",
        "Article 1 says it in so many words.",
        (Quote("Все люди", last="достоинстве и правах", selected=True),),
    ),
    absent("equal-rights", SINGH, "equal rights"),
    absent(
        "equal-rights",
        ASMOLOV,
        "equal rights",
        "Both texts of the Declaration state equal dignity and rights; the two analysts of "
        "Korea do not address them.",
    ),
]
#: Events: id, date, label, date source, themes (labels), and quotes that refer to them (the
#: perspective and the quote's opening words, as the list offers them).
EVENTS = [
    (
        "udhr-adopted",
        "1948-12-10",
        "The UN General Assembly adopts the Universal Declaration of Human Rights",
        "United Nations General Assembly resolution 217 A (III), 10 December 1948",
        ["Equal rights"],
        [(UDHR_EN, "All human beings are born"), (UDHR_RU, "Все люди рождаются")],
    ),
    (
        "trilateral-summit-2018",
        "2018-05",
        "China, Japan and South Korea meet",
        "Singh's text: a tri-lateral meeting “in May 2018”",
        ["China and South Korea"],
        [(SINGH, "China, Japan and South Korea")],
    ),
    (
        "xi-visits-pyongyang",
        "2019-06-20",
        "Xi Jinping visits Pyongyang",
        "The state visit's public record: Pyongyang, 20–21 June 2019",
        ["China and South Korea", "The “double freeze”"],
        [(ASMOLOV, "In this regard, China’s attitude")],
    ),
]


#: How long the page may take to start running again after a widget changed.
SETTLE_MS = 600


def settle(page: Page) -> None:
    """Let a run that the last widget change asked for begin, then end. A press of a button made
    while the page is about to run again can be lost with that run: the save never happens."""
    page.wait_for_timeout(SETTLE_MS)
    wait_idle(page)


@dataclass
class Clock:
    """Each save timed from the click to its "Saved:" message; each refusal to its message."""

    started: float = field(default_factory=time.perf_counter)
    saves: list[tuple[str, float]] = field(default_factory=list)
    refusals: list[tuple[str, float]] = field(default_factory=list)

    def save(self, page: Page, button: Locator, what: str) -> None:
        settle(page)
        began = time.perf_counter()
        button.click()
        expect(page.get_by_text(f"Saved: {what}", exact=False)).to_be_visible(
            timeout=SAVE_TIMEOUT_MS
        )
        self.saves.append((what, time.perf_counter() - began))
        wait_idle(page)

    def refused(self, page: Page, button: Locator, *words: str) -> None:
        settle(page)
        began = time.perf_counter()
        button.click()
        alert = page.locator('[data-testid="stAlert"]').filter(has_text="Not saved")
        expect(alert).to_be_visible(timeout=SAVE_TIMEOUT_MS)
        for word in words:
            expect(alert).to_contain_text(word)
        self.refusals.append((alert.inner_text(), time.perf_counter() - began))
        wait_idle(page)

    def report(self) -> dict:
        seconds = [s for _, s in self.saves]
        return {
            "wall_s": round(time.perf_counter() - self.started, 1),
            "save_count": len(self.saves),
            "refusal_count": len(self.refusals),
            "save_s": {
                "median": round(statistics.median(seconds), 2),
                "max": round(max(seconds), 2),
                "total": round(sum(seconds), 1),
            },
            "saves": [{"what": what, "s": round(s, 2)} for what, s in self.saves],
            "refusals": [{"message": what, "s": round(s, 2)} for what, s in self.refusals],
        }


def button(page: Page, name: str) -> Locator:
    return page.get_by_role("button", name=name, exact=True)


def pick(page: Page, document_id: str, part: str, opening: str) -> None:
    """Choose a sentence of this document's text by typing its opening words, as a user
    searches a long list."""
    keyed(page, curate_text.pick_key(document_id, part)).get_by_role("combobox").click()
    page.keyboard.type(opening)
    page.get_by_role("option").filter(has_text=opening).first.click()
    wait_idle(page)


@pytest.fixture
def clock() -> Clock:
    """Started before `init`: the trial's wall time is the whole of it."""
    return Clock()


@pytest.fixture
def initialised(tmp_path: Path, clock: Clock) -> Path:
    """A corpus made as the README says: `python -m perspectives init DIR`."""
    root = tmp_path / "corpus"
    subprocess.run(
        [sys.executable, "-m", "perspectives", "init", str(root)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    return root


@pytest.fixture
def trial_url(browser_type_launch_args, initialised: Path) -> Iterator[str]:
    with serve(initialised, curate=True) as url:
        yield url


def add_documents(page: Page, clock: Clock, root: Path) -> None:
    for name, typed in DOCUMENTS.items():
        task(page, "Add a document")
        page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(TRIAL / name)
        wait_idle(page)
        if name.endswith(".html"):  # the page's own metadata, prefilled
            expect(page.get_by_label("title", exact=True)).to_have_value(ASMOLOV_TITLE)
            author = page.get_by_label(form_label("author"), exact=True)
            expect(author).to_have_value("Konstantin Asmolov")
            expect(page.get_by_label("outlet", exact=True)).to_have_value("Valdai Discussion Club")
            url = page.get_by_label(form_label("url"), exact=True)
            expect(url).to_have_value(ASMOLOV_URL)
        for column, value in typed.items():
            fill(page, form_label(column), value)
        clock.save(page, button(page, "Add document"), f"add document {typed['id']}")
        stored = (root / "texts" / f"{typed['id']}.txt").read_bytes()
        captured = capture.capture(name, (TRIAL / name).read_bytes())
        assert stored == captured.data
        mark_not_the_authors(page, clock, typed["id"])
    page_text = (root / "texts" / f"{ASMOLOV}.txt").read_text(encoding="utf-8")
    for clutter in ("cookies", "Privacy policy", "Subscribe", "About the Club", "Accept"):
        assert clutter not in page_text


def mark_not_the_authors(page: Page, clock: Clock, document_id: str) -> None:
    """What the page suggests, each taken; then the passages it does not see, by paragraph."""
    expect(page.get_by_role("combobox", name="Document")).to_have_value(PERSPECTIVES[document_id])
    marks = page.locator(INNER_ROW).filter(has=button(page, "Mark"))
    while marks.count():
        words = marks.first.inner_text().splitlines()[0]
        kind = words.split(" · ")[1].split(" (")[0]
        which = words.split(" · ")[0].removeprefix("¶ ")
        noun = "paragraphs" if "–" in which else "paragraph"
        what = f"mark {noun} {which} of {document_id} as {kind}"
        clock.save(page, marks.first.get_by_role("button", name="Mark"), what)
    for document, first, last, kind in MARKED:
        if document != document_id:
            continue
        fill(page, "From paragraph", str(first))
        fill(page, "To paragraph", str(last))
        choose(page, "Kind", kind)
        clock.save(
            page,
            button(page, "Mark as not the author's"),
            f"mark paragraphs {first}–{last} of {document_id}"
            if first != last
            else f"mark paragraph {first} of {document_id}",
        )


def make_themes(page: Page, clock: Clock, root: Path) -> None:
    task(page, "Themes and comparisons")
    new = partial(curate_themes.theme_key, "")
    for theme_id, (label, description, question) in THEMES.items():
        choose(page, "Theme", "New theme…")
        expect(keyed(page, new("label")).locator("input")).to_have_value("")  # drawn anew
        type_into(page, new("label"), label)
        type_into(page, new("description"), description)
        type_into(page, new("question"), question)
        if theme_id == "equal-rights":  # the deliberate duplicate: refused, nothing written
            type_into(page, new("id"), DUPLICATE)
            before = digests(root)
            clock.refused(page, button(page, "Save theme"), f"theme '{DUPLICATE}' already exists")
            assert digests(root) == before
        type_into(page, new("id"), theme_id)
        clock.save(page, button(page, "Save theme"), f"add theme {theme_id}")


def typed_in(page: Page, position: Position) -> None:
    """The position's coverage and fields as given, each found by the key of this theme and
    document's form (not by its label, which the form of the pair shown before has too while
    the page is drawn again), and typed again where a late run of the page drew it afresh."""
    coverage = "explicit" if position.quotes else "absent"
    field = partial(curate_positions.field_key, position.theme, position.document)
    box = keyed(page, field("coverage")).get_by_role("combobox")
    if box.input_value() != coverage:
        box.click()
        page.get_by_role("option", name=coverage, exact=True).click()
        wait_idle(page)
    for part, value in (
        ("stance", position.stance),
        ("sum", position.summary),
        ("why", position.rationale),
    ):
        typed = keyed(page, field(part)).locator("input, textarea")
        if typed.input_value() != value:
            typed.fill(value)
            typed.press("Tab")
            wait_idle(page)


def curate_position(page: Page, clock: Clock, position: Position) -> None:
    choose(page, "Theme", THEMES[position.theme][0])
    choose(page, "Document", PERSPECTIVES[position.document])
    stance = curate_positions.field_key(position.theme, position.document, "stance")
    expect(keyed(page, stance)).to_be_visible()  # this pair's form is drawn
    expect(page.get_by_text("Not curated yet")).to_be_visible()
    typed_in(page, position)
    for number, quote in enumerate(position.quotes, start=1):
        if quote.selected:
            select_with_the_mouse(page, quote.first, quote.last)
            text = (TRIAL / f"{position.document}.txt").read_text(encoding="utf-8")
            words = text[text.index(quote.first) : text.index(quote.last) + len(quote.last)]
            add_selected(page, words)
            expect(page.get_by_label(f"Quote {number}", exact=True)).to_have_value(words)
            continue
        pick(page, position.document, "first", quote.first)
        pick(page, position.document, "last", quote.last or quote.first)
        type_into(page, curate_text.pick_key(position.document, "words"), quote.words)
        keyed(page, curate_text.ADD_QUOTE_KEY).get_by_role("button").click()
        wait_idle(page)
        expect(page.get_by_label(f"Quote {number}", exact=True)).to_have_value(
            quote.words or re.compile("^" + re.escape(quote.first))
        )
    synthesis = curate_positions.field_key(position.theme, position.document, "synthesis")
    expect(keyed(page, synthesis)).to_have_count(1 if position.synthesis else 0)
    if position.synthesis:
        type_into(page, synthesis, position.synthesis)
    typed_in(page, position)  # as typed: no late run of the page took them back
    what = f"position {position.theme} × {position.document}"
    if (position.theme, position.document) == ("sanctions", SINGH):
        typed = page.get_by_label("Quote 1", exact=True)
        right = typed.input_value()
        fill(page, "Quote 1", right.replace(*TYPO, 1))
        clock.refused(page, button(page, "Save position"), f"'{TYPO[1]}'", f"'{TYPO[0]}'")
        fill(page, "Quote 1", right)
    clock.save(page, button(page, "Save position"), what)


def compare_themes(page: Page, clock: Clock) -> None:
    """Each theme's comparison saved with the badge the page proposes."""
    task(page, "Themes and comparisons")
    for theme_id, (label, *_) in THEMES.items():
        choose(page, "Theme", label)
        agreement = keyed(page, curate_themes.theme_key(theme_id, "agreement"))
        expect(agreement.get_by_role("combobox")).to_have_value("one-sided")
        clock.save(page, button(page, "Save theme"), f"edit theme {theme_id}")


def add_events(page: Page, clock: Clock) -> None:
    task(page, "Events and lexicon")
    for event_id, date, label, source, themes, quotes in EVENTS:
        expect(keyed(page, EVENT + "id").locator("input")).to_have_value("")  # drawn anew
        for column, value in (("id", event_id), ("date", date), ("label", label)):
            type_into(page, EVENT + column, value)
        type_into(page, EVENT + "date_source", source)
        for theme in themes:
            page.get_by_role("combobox", name="Themes it bears on").click()
            page.get_by_role("option", name=theme, exact=True).click()
            page.keyboard.press("Escape")
            wait_idle(page)
        for document_id, opening in quotes:
            page.get_by_role("combobox", name="Quotes that refer to it").click()
            page.keyboard.type(opening)
            shown = f"{PERSPECTIVES[document_id]}: “{opening}"
            page.get_by_role("option").filter(has_text=shown).first.click()
            page.keyboard.press("Escape")
            wait_idle(page)
        page.get_by_role("combobox", name="Quotes that refer to it").blur()
        clock.save(page, button(page, "Add event"), f"add event {event_id}")


def test_a_new_user_curates_four_texts_into_a_valid_corpus(
    page: Page, trial_url: str, initialised: Path, clock: Clock, patient_expectations: None
):
    root = initialised
    started = set(digests(root))
    page.goto(f"{trial_url}/{links.CURATE}")
    expect(page.get_by_role("heading", name="Curate", level=1)).to_be_visible()
    wait_idle(page)

    add_documents(page, clock, root)
    make_themes(page, clock, root)
    task(page, "Delete or rename")
    clock.save(page, button(page, "Remove the starter's examples"), "remove the starter's examples")
    expect(page.get_by_text("set its title, description and curators under Corpus")).to_be_visible()
    task(page, "Corpus details")
    for name, value in DETAILS.items():
        type_into(page, curate_metadata.field_key(METADATA[name]), value)
    clock.save(page, button(page, "Save corpus details"), "set the corpus's")
    task(page, "Position")
    for position in POSITIONS:
        curate_position(page, clock, position)
    compare_themes(page, clock)
    add_events(page, clock)

    # A valid corpus, every file of it written by the app.
    run = subprocess.run(
        [sys.executable, "-m", "perspectives", "validate", str(root)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert not [p for p in validate(root) if p.severity == "error"]
    texts = {f"texts/{typed['id']}.txt" for typed in DOCUMENTS.values()}
    examples = {name for name in started if name.startswith("texts/")}
    assert set(digests(root)) == (started - examples) | texts | {"events.csv", "event_quotes.csv"}
    assert store.history(root)[0].description.startswith(f"add event {EVENTS[-1][0]}")
    corpus = load(root)
    assert (corpus.meta.title, corpus.meta.version) == (DETAILS["title"], DETAILS["version"])
    assert [t.id for t in corpus.themes] == list(THEMES)
    assert {d.id for d in corpus.documents} == set(PERSPECTIVES)
    labels = {theme.label: theme.id for theme in corpus.themes}
    for event, (event_id, _, _, _, themes, quotes) in zip(corpus.events, EVENTS, strict=True):
        assert event.id == event_id
        assert event.theme_ids == tuple(labels[label] for label in themes)
        assert [quote.document_id for quote in event.quotes] == [doc for doc, _ in quotes]

    # Compare shows the curated quotes, and the Timeline draws the events.
    page.goto(f"{trial_url}/{links.COMPARE}")
    wait_drawn(page)
    for position in POSITIONS[:2]:
        quoted = position.quotes[0].words or position.quotes[0].first
        expect(page.get_by_text(quoted, exact=False).filter(visible=True).first).to_be_visible()
    page.goto(f"{trial_url}/{links.TIMELINE}")
    wait_drawn(page)
    expect(page.get_by_text(f"Showing {len(EVENTS)} of {len(EVENTS)} events")).to_be_visible()
    expect(page.locator(".vega-embed svg").first).to_be_visible()
    for _, _, label, *_ in EVENTS:
        expect(page.get_by_text(label, exact=True).first).to_be_visible()
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)

    timings = clock.report()
    print(
        f"\nCuration trial: {timings['wall_s']} s in all; {timings['save_count']} saves "
        f"(median {timings['save_s']['median']} s, max {timings['save_s']['max']} s, "
        f"{timings['save_s']['total']} s together); {timings['refusal_count']} refusals"
    )
    if os.environ.get(TIMINGS_ENV):
        Path(os.environ[TIMINGS_ENV]).write_text(json.dumps(timings, indent=2) + "\n")
