"""Hostile and mistaken input in a real browser: a link out of the corpus folder is refused and
its target never shown, a page number that is not a number is ignored, and long names do not
make a page wider than the window."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from perspectives import compare, load
from perspectives.paths import EMBEDDED_CORPUS
from perspectives.ui.pages import PAGES

from ..conftest import set_cell
from .conftest import PAGE_TIMEOUT_MS, serve, wait_idle
from .test_frame_browser import page_address

SECRET = Path("/etc/passwd")  # a file outside the corpus folder that a reader must not see
CORPUS = load(EMBEDDED_CORPUS)
LABELS = [theme.label for theme in CORPUS.themes]
FIRST_PAGE, LAST_PAGE = LABELS[: compare.THEMES_PER_PAGE], LABELS[compare.THEMES_PER_PAGE :]
LONG_AUTHOR = "Konstantin Vladimirovich Asmolov-Rimsky of the Institute for Far Eastern Studies"
LONG_LABEL = "Sanctions_and_whether_to_relax_them_in_return_for_verifiable_steps_" * 2


def copy_of_embedded(tmp_path_factory: pytest.TempPathFactory, name: str) -> Path:
    root = tmp_path_factory.mktemp(name) / "corpus"
    shutil.copytree(EMBEDDED_CORPUS, root)
    return root


@pytest.fixture(scope="module")
def leaking_app_url(browser_type_launch_args, tmp_path_factory) -> Iterator[str]:
    """A corpus whose first text is a link to a file outside its folder."""
    root = copy_of_embedded(tmp_path_factory, "leak")
    os.symlink(SECRET, root / "texts" / "leak.txt")
    set_cell(root, "documents.csv", 2, "text_file", "texts/leak.txt")
    with serve(root) as url:
        yield url


@pytest.fixture(scope="module")
def long_names_app_url(browser_type_launch_args, tmp_path_factory) -> Iterator[str]:
    """An 80-character author name and a long theme label without a space to break it at."""
    root = copy_of_embedded(tmp_path_factory, "long")
    assert len(LONG_AUTHOR) == 80
    set_cell(root, "documents.csv", 3, "author", LONG_AUTHOR)
    set_cell(root, "themes.csv", 2, "label", LONG_LABEL)
    with serve(root) as url:
        yield url


@pytest.mark.parametrize("url_path", ["source?doc=singh-2018", ""])
def test_a_link_out_of_the_corpus_folder_is_refused_and_never_shown(
    page: Page, leaking_app_url: str, url_path: str
):
    assert SECRET.read_text().splitlines()[0], "the test needs a file with something in it"
    page.goto(f"{leaking_app_url}/{url_path}")
    expect(page.get_by_text("has 1 problem(s) and cannot be shown")).to_be_visible(
        timeout=PAGE_TIMEOUT_MS
    )
    wait_idle(page)
    panel = page.locator('[data-testid="stTable"]')
    expect(panel).to_contain_text("texts/leak.txt leads outside the corpus folder")
    assert SECRET.read_text().splitlines()[0] not in page.locator("body").inner_text()
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)


@pytest.mark.parametrize(
    ("value", "shown", "notice"),
    [("²", FIRST_PAGE, True), ("9" * 5000, LAST_PAGE, False), ("2", LAST_PAGE, False)],
    ids=["superscript two", "5,000 digits", "two"],
)
def test_a_page_number_in_the_link_is_ignored_or_clamped(
    page: Page, app_url: str, value: str, shown: list[str], notice: bool
):
    page.goto(f"{app_url}/?page={value}")
    headings = page.get_by_role("heading", level=2)
    expect(headings).to_have_text(shown, timeout=PAGE_TIMEOUT_MS)
    wait_idle(page)
    alerts = page.get_by_role("alert").filter(has_text="Ignored the page number in the link")
    expect(alerts).to_have_count(1 if notice else 0)
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)


# The widths the page and its main area take, and anything drawn past the window's right edge.
_WIDTHS = """() => {
  const main = document.querySelector('[data-testid="stMain"]');
  const past = [...main.querySelectorAll('*')]
    .filter(element => element.getBoundingClientRect().right > window.innerWidth + 1)
    .map(element => element.tagName.toLowerCase());
  return {page: document.scrollingElement.scrollWidth, window: window.innerWidth,
          main: main.scrollWidth, mainVisible: main.clientWidth, past: past.slice(0, 5)};
}"""


@pytest.mark.parametrize("spec", PAGES, ids=[spec.url_path for spec in PAGES])
def test_long_names_do_not_make_a_page_wider_than_the_window(
    page: Page, long_names_app_url: str, spec
):
    page.set_viewport_size({"width": 1440, "height": 1600})
    address = page_address(long_names_app_url, spec.url_path)
    page.goto(address + ("?doc=singh-2018&doc=asmolov-2019" if spec.url_path == "source" else ""))
    expect(page.get_by_role("heading", name=spec.heading, level=1)).to_be_visible(
        timeout=PAGE_TIMEOUT_MS
    )
    # A page's first run computes what later runs take from the cache (Readability rates every
    # text): longer than wait_idle waits on a busy machine.
    running = page.locator('[data-testid="stStatusWidget"]')
    expect(running).to_have_count(0, timeout=PAGE_TIMEOUT_MS)
    wait_idle(page)
    expect(page.get_by_text(LONG_AUTHOR).first).to_be_attached()
    charts = page.locator(".vega-embed svg")
    for number in range(charts.count()):
        expect(charts.nth(number)).to_be_attached()
    page.wait_for_timeout(500)  # charts lay themselves out once drawn
    widths = page.evaluate(_WIDTHS)
    assert widths["page"] <= widths["window"] == 1440, widths
    assert widths["main"] <= widths["mainVisible"], widths
    assert widths["past"] == [], widths
