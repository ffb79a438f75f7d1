"""Read blind and Adjudicate in a real browser: each draws, with a reader's form and with the
readings of a disputed position, and passes axe-core's WCAG 2.1 A and AA rules with no serious
or critical violation."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from perspectives.ui import links

from ..test_adjudicate import disputed  # noqa: F401  (a fixture)
from .conftest import PAGE_TIMEOUT_MS, serve, wait_idle
from .test_accessibility import blocking_violations


@pytest.fixture
def curating_url(browser_type_launch_args, disputed: Path) -> Iterator[str]:  # noqa: F811
    with serve(disputed, curate=True) as url:
        yield url


def opened(page: Page, url: str, path: str, heading: str) -> None:
    page.goto(f"{url}/{path}")
    expect(page.get_by_role("heading", name=heading, level=1)).to_be_visible(
        timeout=PAGE_TIMEOUT_MS
    )
    wait_idle(page)


def test_read_blind_draws_a_readers_form_without_serious_violations(page: Page, curating_url):
    opened(page, curating_url, links.READ_BLIND, "Read blind")
    for label, value in (("Reader id", "reader-x"), ("Name", "Reader X")):
        field = page.get_by_role("textbox", name=label)
        field.fill(value)
        field.press("Enter")
        wait_idle(page)
    expect(page.get_by_role("button", name="Save my reading")).to_be_visible(
        timeout=PAGE_TIMEOUT_MS
    )
    wait_idle(page)
    expect(page.get_by_role("tab")).to_have_count(2)
    assert blocking_violations(page) == []


def test_adjudicate_shows_the_readings_without_serious_violations(page: Page, curating_url):
    opened(page, curating_url, links.ADJUDICATE, "Adjudicate")
    expect(page.get_by_role("button", name="Record decision")).to_be_visible()
    expect(page.get_by_text("take reader-b's")).to_be_visible()
    assert blocking_violations(page) == []
