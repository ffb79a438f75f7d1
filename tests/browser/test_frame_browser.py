"""The frame around every page, as a reader's browser shows it."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from perspectives.paths import EMBEDDED_CORPUS
from perspectives.ui import links
from perspectives.ui.pages import PAGES

from ..conftest import set_cell
from .conftest import PAGE_TIMEOUT_MS, serve, wait_drawn, wait_idle


def page_address(app_url: str, url_path: str) -> str:
    return f"{app_url}/{'' if url_path == links.DEFAULT else url_path}"


@pytest.mark.parametrize("spec", PAGES, ids=[spec.url_path for spec in PAGES])
def test_each_page_has_its_heading_one_reload_control_and_one_footer(
    page: Page, app_url: str, spec
):
    page.goto(page_address(app_url, spec.url_path))
    heading = page.get_by_role("heading", name=spec.heading, level=1)
    expect(heading).to_be_visible(timeout=PAGE_TIMEOUT_MS)
    wait_drawn(page)
    expect(page.get_by_role("heading", level=1)).to_have_count(1)
    expect(page.get_by_role("button", name="Reload corpus")).to_have_count(1)
    expect(page.get_by_text("About this corpus: how to cite it")).to_have_count(1)
    expect(page.get_by_text("Corpus: ", exact=False).filter(has_text="· version")).to_have_count(1)
    # A dashboard for readers: no Deploy button, no developer menu.
    expect(page.locator('[data-testid="stAppDeployButton"]')).to_have_count(0)
    expect(page.get_by_role("button", name="Deploy")).to_have_count(0)


@pytest.fixture(scope="module")
def broken_app_url(browser_type_launch_args, tmp_path_factory) -> Iterator[str]:
    root: Path = tmp_path_factory.mktemp("broken") / "corpus"
    shutil.copytree(EMBEDDED_CORPUS, root)
    set_cell(root, "positions.csv", 2, "coverage", "sometimes")
    with serve(root) as url:
        yield url


def test_a_broken_corpus_shows_the_error_panel_and_no_traceback(page: Page, broken_app_url):
    page.goto(page_address(broken_app_url, links.OVERVIEW))
    expect(page.get_by_role("heading", name="Overview", level=1)).to_be_visible(
        timeout=PAGE_TIMEOUT_MS
    )
    wait_idle(page)
    expect(page.get_by_text("has 1 problem(s) and cannot be shown")).to_be_visible()
    expect(page.get_by_role("button", name="Reload corpus")).to_have_count(1)
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)
    expect(page.get_by_text("About this corpus: how to cite it")).to_have_count(0)
