"""Compare and the source reader in Chromium on the corpus of tests/fixtures/languages: the
Arabic quote and text laid out right to left beside English and Chinese, each translation in
English under its quote, and no serious accessibility violation."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from perspectives.ui import links, source_page

from .conftest import FIXTURES, PAGE_TIMEOUT_MS, serve, wait_drawn, wait_idle
from .test_accessibility import blocking_violations

COMPARE = links.page_url(links.COMPARE, **{links.THEME: "equality"}).removeprefix("./")
SOURCE = links.page_url(links.SOURCE, **{links.DOC: "udhr-ar"}).removeprefix("./")


@pytest.fixture(scope="module")
def languages_url(browser_type_launch_args) -> Iterator[str]:
    with serve(FIXTURES / "languages") as url:
        yield url


def styles(page: Page, selector: str, *properties: str) -> list[list[str]]:
    """Each property's computed value, for every element the selector finds."""
    return page.eval_on_selector_all(
        selector,
        "(found, names) => found.map(e => names.map(n => getComputedStyle(e)[n]))",
        list(properties),
    )


def open_view(page: Page, url: str, path: str, heading: str) -> None:
    page.goto(f"{url}/{path}")
    expect(page.get_by_role("heading", name=heading, level=1)).to_be_visible(
        timeout=PAGE_TIMEOUT_MS
    )
    wait_drawn(page)


def test_on_compare_the_arabic_quote_runs_right_to_left_and_its_translation_left_to_right(
    page: Page, languages_url
):
    open_view(page, languages_url, COMPARE, "Compare perspectives")
    assert styles(page, 'blockquote[lang="ar"]', "direction", "textAlign") == [["rtl", "start"]]
    assert styles(page, 'blockquote[lang="zh-Hans"]', "direction") == [["ltr"]]
    # under the Chinese and the Arabic quote, and again in each one's "Show in context"
    translations = page.locator(".perspectives-translation")
    expect(translations).to_have_count(4)
    assert styles(page, ".perspectives-translation", "direction") == [["ltr"]] * 4
    expect(translations.nth(2)).to_contain_text("Translation by United Nations")
    # the quote's rule is on its right, where an Arabic line starts
    ((right, left),) = styles(page, 'blockquote[lang="ar"]', "borderRightWidth", "borderLeftWidth")
    assert (right, left) == ("2px", "0px")
    assert blocking_violations(page) == []


def test_the_source_reader_sets_the_arabic_text_beside_its_translation(page: Page, languages_url):
    open_view(page, languages_url, SOURCE, "Source reader")
    page.get_by_text(source_page.BESIDE_LABEL).click()
    wait_idle(page)
    grid = page.locator(".perspectives-parallel")
    expect(grid).to_be_visible(timeout=PAGE_TIMEOUT_MS)
    arabic = grid.locator('p[lang="ar"]')
    english = grid.locator('p[lang="en"]')
    expect(arabic).to_have_count(6)
    expect(english).to_have_count(6)
    assert set(map(tuple, styles(page, '.perspectives-parallel p[lang="ar"]', "direction"))) == {
        ("rtl",)
    }
    # paragraph i beside paragraph i: each pair starts level, the Arabic one on the left
    for index in range(6):
        left, right = arabic.nth(index).bounding_box(), english.nth(index).bounding_box()
        assert left is not None and right is not None
        assert left["y"] == pytest.approx(right["y"], abs=1) and left["x"] < right["x"]
    assert blocking_violations(page) == []
