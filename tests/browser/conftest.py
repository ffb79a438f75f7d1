"""Real-browser tests: Debian's Chromium driven by Playwright, against `streamlit run app.py`.

Playwright's own browser builds cannot be downloaded here, so the launch is pointed at the
system's Chromium. Each test that fails leaves a full-page screenshot in test-artifacts/.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from bench import app_server
from bench.app_server import CHROMIUM
from perspectives.schema import DOCUMENTS
from perspectives.ui import curate_page, curate_text

from ..conftest import ROOT, in_ci

INSTALL_HINT = (
    f"Chromium not found at {CHROMIUM}. Install it with `sudo apt-get install chromium` "
    "(Debian; `make test` run as root installs it), or set PERSPECTIVES_CHROMIUM to a Chromium "
    "or Chrome binary."
)
ARTIFACTS = ROOT / "test-artifacts"
FIXTURES = ROOT / "tests" / "fixtures"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    """Launch the system Chromium; without it, fail in CI and say how to install it elsewhere."""
    if not CHROMIUM.is_file():
        if in_ci():
            pytest.fail(INSTALL_HINT, pytrace=False)
        pytest.skip(INSTALL_HINT)
    return {**browser_type_launch_args, **app_server.launch_options()}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict) -> dict:
    # Streamlit scrolls inside its own container: a tall viewport shows (and screenshots) more.
    return {**browser_context_args, "viewport": {"width": 1400, "height": 2400}}


@contextmanager
def serve(data: Path | None, curate: bool = False) -> Iterator[str]:
    """The app served on `data` (else the embedded corpus), in curation mode when asked; a
    server that never answers fails the test with its output."""
    try:
        with app_server.serve(data, curate) as (url, _):
            yield url
    except app_server.AppNotHealthy as error:
        pytest.fail(str(error), pytrace=False)


@pytest.fixture(scope="session")
def app_url(browser_type_launch_args) -> Iterator[str]:
    """The dashboard on the embedded corpus (after the browser check: no server for nothing)."""
    with serve(None) as url:
        yield url


@pytest.fixture(scope="session")
def hostile_app_url(browser_type_launch_args) -> Iterator[str]:
    """The dashboard on a corpus whose every field carries markup and script."""
    with serve(FIXTURES / "hostile-browser") as url:
        yield url


#: How long a page may take to draw: ten themes of the embedded corpus on a busy shared machine
#: take longer than Playwright's default of five seconds.
PAGE_TIMEOUT_MS = 20_000


def open_app(page: Page, url: str) -> None:
    """Navigate and wait until the script has run and the sidebar widgets are drawn."""
    page.goto(url)
    heading = page.get_by_role("heading", name="Compare perspectives", level=1)
    expect(heading).to_be_visible(timeout=PAGE_TIMEOUT_MS)
    expect(page.get_by_role("combobox", name="Themes")).to_be_visible(timeout=PAGE_TIMEOUT_MS)
    wait_drawn(page)


def wait_drawn(page: Page) -> None:
    """Wait for a page's first run to be drawn whole: the frame's footer comes last."""
    footer = page.get_by_text("About this corpus: how to cite it")
    expect(footer).to_be_visible(timeout=PAGE_TIMEOUT_MS)
    wait_idle(page)


def wait_idle(page: Page) -> None:
    """Wait until the script has run, no element of an earlier run is still drawn faded, and no
    widget or chart is still a skeleton waiting for its code."""
    expect(page.locator('[data-testid="stStatusWidget"]')).to_have_count(0, timeout=PAGE_TIMEOUT_MS)
    expect(page.locator('[data-stale="true"]')).to_have_count(0, timeout=PAGE_TIMEOUT_MS)
    expect(page.locator('[data-testid="stSkeleton"]')).to_have_count(0, timeout=PAGE_TIMEOUT_MS)


#: How long a curation step may take: each save validates and writes, then the page runs again.
CURATE_TIMEOUT_MS = 30_000


@pytest.fixture
def patient_expectations() -> Iterator[None]:
    """Expectations that wait as long as a save may take, for the test that asks for them."""
    expect.set_options(timeout=CURATE_TIMEOUT_MS)
    yield
    expect.set_options(timeout=5_000)


#: A row of columns with no row of columns inside it: one line of a list with its button, not
#: the form and the document's text beside it.
INNER_ROW = '[data-testid="stHorizontalBlock"]:not(:has([data-testid="stHorizontalBlock"]))'


def keyed(page: Page, key: str) -> Locator:
    """The element of the widget with this key: Streamlit names it by the key, each character
    that is not a letter, a digit, `_` or `-` written as `-`."""
    return page.locator(".st-key-" + re.sub(r"[^a-zA-Z0-9_-]", "-", key.strip()))


def type_into(page: Page, key: str, value: str) -> None:
    """Type into the field with this key, as a user does: the value, then Tab."""
    field = keyed(page, key).locator("input, textarea")
    field.fill(value)
    field.press("Tab")
    wait_idle(page)


def wait_redrawn(page: Page) -> None:
    """After an undo or edits discarded on the Curate page: the run without forms is over and
    the forms are drawn again from the files (see curate_state.forms_drawn)."""
    wait_idle(page)
    expect(page.get_by_text("Showing the files' values")).to_have_count(0)
    wait_idle(page)


def digests(root: Path) -> dict[str, str]:
    """Every file of a corpus folder by its content, but the hidden ones (the undo journal)."""
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file() and not p.relative_to(root).parts[0].startswith(".")
    }


def task(page: Page, name: str) -> None:
    """Choose a task on the Curate page and wait for its forms: until the page has run again,
    the last task's forms are still there, and a chooser of theirs can share a label with one of
    the new task's."""
    page.get_by_text(name, exact=True).click()
    expect(keyed(page, curate_page.task_key(name))).to_be_visible(timeout=CURATE_TIMEOUT_MS)
    wait_idle(page)


#: Tries at choosing an option: a run of the page that a change just before asked for may
#: start as the list opens, draw the box anew and close the list under the pointer.
CHOOSE_TRIES, CHOOSE_TRY_MS = 3, 10_000


def choose(page: Page, label: str, option: str) -> None:
    """Choose an option of a select box as a user does (opening the list again if a late run
    of the page closed it), and wait for the run the choice asks for."""
    box = page.get_by_role("combobox", name=label)
    for attempt in range(1, CHOOSE_TRIES + 1):
        box.click()
        try:
            page.get_by_role("option", name=option, exact=True).click(timeout=CHOOSE_TRY_MS)
            break
        except PlaywrightTimeoutError:
            if attempt == CHOOSE_TRIES:
                raise
            page.keyboard.press("Escape")
            wait_idle(page)
    wait_idle(page)


def fill(page: Page, label: str, value: str) -> None:
    field = page.get_by_label(label, exact=True)
    field.fill(value)
    field.press("Tab")
    wait_idle(page)


def click(page: Page, name: str) -> None:
    page.get_by_role("button", name=name, exact=True).click()
    wait_idle(page)


def form_label(column: str) -> str:
    """A documents.csv column's field on the Curate page's Add a document form."""
    (field,) = [field for field in DOCUMENTS.fields if field.name == column]
    return column if field.required else f"{column} (optional)"


_PHASE_REPORTS = pytest.StashKey[dict]()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    report = yield
    item.stash.setdefault(_PHASE_REPORTS, {})[report.when] = report
    return report


@pytest.fixture(autouse=True)
def _screenshot_on_failure(request: pytest.FixtureRequest, page: Page) -> Iterator[None]:
    yield
    report = request.node.stash.get(_PHASE_REPORTS, {}).get("call")
    if report is not None and report.failed:
        ARTIFACTS.mkdir(exist_ok=True)
        name = re.sub(r"[^A-Za-z0-9_.-]+", "-", request.node.name)
        page.screenshot(path=ARTIFACTS / f"{name}.png", full_page=True)


#: Where, on screen, the text beside the Curate page's position form has the first character of
#: some words and the last of others (each in the run of text that holds it).
CHARACTER_POINTS = """([first, last]) => {
  const runs = [...document.querySelectorAll(".perspectives-select [data-start]")];
  const point = (words, atEnd) => {
    const node = runs.find((run) => run.textContent.includes(words)).firstChild;
    const index = node.data.indexOf(words) + (atEnd ? words.length - 1 : 0);
    const range = document.createRange();
    range.setStart(node, index);
    range.setEnd(node, index + 1);
    const box = range.getClientRects()[0];
    return [atEnd ? box.right - 1 : box.left + 1, box.top + box.height / 2];
  };
  runs.find((run) => run.textContent.includes(first)).scrollIntoView({ block: "center" });
  return [point(first, false), point(last, true)];
}"""


def select_with_the_mouse(page: Page, first: str, last: str) -> None:
    """Drag the mouse in the text beside the form from the words `first` to the words `last`."""
    (x1, y1), (x2, y2) = page.evaluate(CHARACTER_POINTS, [first, last])
    page.mouse.move(x1, y1)
    page.mouse.down()
    page.mouse.move(x2, y2, steps=12)
    page.mouse.up()


def add_selected(page: Page, words: str) -> None:
    """Check that the page shows these words selected, and add them as a quote."""
    expect(page.get_by_text(f"Selected: “{words}”", exact=True)).to_be_visible()
    wait_idle(page)
    page.locator(f".st-key-{curate_text.ADD_SELECTION_KEY} button").click()
    wait_idle(page)
