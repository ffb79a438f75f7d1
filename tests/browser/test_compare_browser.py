"""The Compare page in a real browser: rendering, filters, links, downloads, hostile text."""

from __future__ import annotations

import pytest
from playwright.sync_api import ConsoleMessage, Dialog, Page, expect

from perspectives import compare, export, load
from perspectives.paths import EMBEDDED_CORPUS

from .conftest import open_app, wait_idle

CORPUS = load(EMBEDDED_CORPUS)
LABELS = [theme.label for theme in CORPUS.themes]
PAGES = [
    LABELS[start : start + compare.THEMES_PER_PAGE]
    for start in range(0, len(LABELS), compare.THEMES_PER_PAGE)
]


def theme_headings(page: Page):
    return page.get_by_role("heading", level=2)


def one_line(text: str) -> str:
    return " ".join(text.split())


def test_every_default_theme_renders_with_its_quotes(page: Page, app_url: str):
    shown = []
    for number, labels in enumerate(PAGES, start=1):
        open_app(page, app_url + f"/?page={number}")
        expect(theme_headings(page)).to_have_text(labels)
        shown += [one_line(text) for text in page.locator("blockquote").all_inner_texts()]
    expected = [
        one_line(quote.text)
        for item in compare.compare(CORPUS, compare.select(CORPUS))
        for _, position in item.columns
        for quote in position.quotes
    ]
    assert len(shown) == len(expected) == CORPUS.quote_count
    for block, quote in zip(shown, expected, strict=True):
        assert block.startswith(quote)


def test_choosing_themes_in_the_sidebar_changes_the_view_and_the_link(page: Page, app_url: str):
    open_app(page, app_url + "/?theme=sanctions")
    expect(theme_headings(page)).to_have_text(["Sanctions"])
    themes = page.get_by_role("combobox", name="Themes")
    themes.click()
    page.get_by_role("option", name="The “double freeze”").click()
    page.keyboard.press("Escape")
    expect(theme_headings(page)).to_have_text(["Sanctions", "The “double freeze”"])
    wait_idle(page)
    assert page.url.endswith("?theme=sanctions&theme=double-freeze")


def test_a_theme_link_opens_that_view(page: Page, app_url: str):
    open_app(page, app_url + "/?theme=double-freeze&doc=asmolov-2019")
    expect(theme_headings(page)).to_have_text(["The “double freeze”"])
    expect(page.get_by_text("Showing 1 of")).to_contain_text("1 of 2 perspectives")
    expect(page.get_by_role("alert")).to_have_count(0)


def test_a_bad_theme_link_shows_the_notice_and_everything(page: Page, app_url: str):
    open_app(page, app_url + "/?theme=no-such-theme")
    expect(page.get_by_role("alert")).to_contain_text(
        "Ignored unknown theme(s) in the link: no-such-theme"
    )
    expect(theme_headings(page)).to_have_text(PAGES[0])


@pytest.mark.parametrize("format", list(export.FORMATS))
def test_a_download_button_delivers_the_current_view(page: Page, app_url: str, format, tmp_path):
    themes = ["sanctions", "double-freeze"]
    open_app(page, app_url + "/?" + "&".join(f"theme={theme}" for theme in themes))
    label, extension, _ = export.FORMATS[format]
    with page.expect_download() as download_info:
        page.locator(f".st-key-download_{format}").get_by_role("button", name=label).click()
    download = download_info.value
    selection = compare.select(CORPUS, themes)
    assert download.suggested_filename == f"perspectives-sanctions-double-freeze.{extension}"
    assert download.suggested_filename == export.filename(CORPUS, selection, format)
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    assert saved.read_bytes() == export.selection_file(CORPUS, selection, format)


HOSTILE_SNIPPETS = [
    "<script>alert(1)</script> is how it starts.",
    "<img src=x onerror=alert(1)> appears here.",
    "[x](javascript:alert(1)) to click.",
    "<img src=x onerror=alert(1)> theme",
    "Links [x](javascript:alert(1))",
    "Synthesis :red[colour] $x^2$",
]


def test_hostile_corpus_text_is_shown_literally_and_runs_nothing(page: Page, hostile_app_url):
    dialogs: list[str] = []
    errors: list[str] = []

    def on_dialog(dialog: Dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error":
            errors.append(message.text)

    page.on("dialog", on_dialog)
    page.on("console", on_console)
    page.on("pageerror", lambda error: errors.append(str(error)))
    open_app(page, hostile_app_url)
    for snippet in HOSTILE_SNIPPETS:
        expect(page.get_by_text(snippet).locator("visible=true").first).to_be_visible()
    page.get_by_text("hover</b> for good measure").locator("visible=true").first.hover()
    assert page.locator("img[src=x], [onerror], [onmouseover]").count() == 0
    assert page.locator("a[href^='javascript:' i]").count() == 0
    assert page.locator("main script").count() == 0
    assert dialogs == []
    assert errors == []
