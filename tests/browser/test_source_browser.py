"""The Source reader in a real browser: a deep link opens the page at a highlighted quote, and
"Show in context" under a quote of Compare reveals its paragraph and a link to that spot."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from playwright.sync_api import Page, expect

from perspectives import load, reader
from perspectives.paths import EMBEDDED_CORPUS
from perspectives.ui import links

from .conftest import open_app, wait_idle

CORPUS = load(EMBEDDED_CORPUS)
# The first sanctions quote of the Indian text, as the reader numbers it.
QUOTE = reader.evidence(CORPUS, "singh-2018", ["sanctions"])[0]
DEEP_LINK = "source?doc=singh-2018&theme=sanctions#q-singh-2018-sanctions-1"
# Short enough that the quote lies below the fold until the page scrolls to it.
SHORT_VIEWPORT = {"width": 1400, "height": 900}


def rgb(colour: str) -> str:
    """#RRGGBB as the browser reports a computed colour."""
    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgb({red}, {green}, {blue})"


def test_a_deep_link_opens_the_reader_at_the_highlighted_quote(page: Page, app_url: str):
    quote = QUOTE.quote
    assert links.source_url(quote.document_id, quote.theme_id, QUOTE.anchor_id) == DEEP_LINK
    page.set_viewport_size(SHORT_VIEWPORT)
    page.goto(f"{app_url}/{DEEP_LINK}")
    expect(page.get_by_role("heading", name="Source reader", level=1)).to_be_visible()
    wait_idle(page)

    source = page.locator(".perspectives-source")
    expect(source.locator(f'[data-anchor="{QUOTE.anchor_id}"]')).to_have_count(1)
    mark = source.locator("mark", has_text=QUOTE.quote.anchor.exact)
    expect(mark).to_have_text(QUOTE.quote.anchor.exact)
    expect(mark).to_have_css("background-color", rgb(QUOTE.colour))
    expect(mark).to_be_visible()
    expect(mark).to_be_in_viewport(ratio=1)  # its whole bounding box lies in the viewport
    scrolled = page.locator('[data-testid="stMain"]').evaluate("main => main.scrollTop")
    assert scrolled > 0, "the quote was in view without scrolling: the test proves nothing"

    legend = page.locator(".perspectives-legend")
    expect(legend).to_be_visible()
    swatch = legend.locator("mark")
    expect(swatch).to_have_text([QUOTE.label])  # only the theme the link names
    expect(swatch).to_have_css("background-color", rgb(QUOTE.colour))
    expect(legend).to_contain_text(reader.EXCLUDED_TITLE.lower())


def test_show_in_context_reveals_the_paragraph_and_links_to_the_reader(page: Page, app_url):
    open_app(page, app_url + "/?theme=sanctions")
    expander = page.get_by_test_id("stExpander").filter(has_text="Show in context").first
    paragraph = expander.locator(".perspectives-source")
    expect(paragraph).not_to_be_visible()

    expander.get_by_text("Show in context").click()
    expect(paragraph).to_be_visible()
    mark = paragraph.locator("mark")
    expect(mark).to_have_text(QUOTE.quote.anchor.exact)
    expect(mark).to_have_css("background-color", rgb(QUOTE.colour))
    assert len(paragraph.inner_text()) > len(QUOTE.quote.anchor.exact)

    link = expander.get_by_role("link", name="Open in the source reader")
    expect(link).to_be_visible()
    assert link.get_attribute("href") == DEEP_LINK
    target = urlsplit(link.evaluate("a => a.href"))
    assert target.path == "/source"
    assert parse_qs(target.query) == {"doc": ["singh-2018"], "theme": ["sanctions"]}
    assert target.fragment == QUOTE.anchor_id
