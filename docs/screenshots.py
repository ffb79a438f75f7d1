"""Screenshots of every page for the README, taken from the running app in Chromium.

    python docs/screenshots.py [--data DIR] [--out docs/images]
    python docs/screenshots.py --languages [--out docs/images]

Each page at 1440 px wide, and Compare and Overview at a phone's 390 px as well. `make
screenshots` runs it on the embedded corpus, so the README shows the app as it is. With
`--languages`, Compare and the source reader on the corpus of tests/fixtures/languages: a Chinese
and an Arabic perspective beside an English one, and the Arabic text beside its translation.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from playwright.sync_api import Page, expect, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import app_server  # noqa: E402
from perspectives.ui import links  # noqa: E402
from perspectives.ui.pages import PAGES  # noqa: E402

DESKTOP = {"width": 1440, "height": 1000}
PHONE = {"width": 390, "height": 844}
ON_A_PHONE = (links.COMPARE, links.OVERVIEW)
LANGUAGES = ROOT / "tests" / "fixtures" / "languages"
#: The views of the languages corpus shown in the README: (file name, page, query).
LANGUAGE_VIEWS = (
    ("languages-compare.png", links.COMPARE, {links.THEME: "equality"}),
    ("languages-source.png", links.SOURCE, {links.DOC: "udhr-ar", links.THEME: "equality"}),
)


def settle(page: Page, heading: str) -> None:
    expect(page.get_by_role("heading", name=heading, level=1)).to_be_visible(timeout=30_000)
    # The frame draws the footer last: once it is there, the run has sent everything.
    expect(page.get_by_text("About this corpus: how to cite it")).to_be_visible(timeout=60_000)
    expect(page.locator('[data-testid="stStatusWidget"]')).to_have_count(0, timeout=30_000)
    expect(page.locator('[data-stale="true"]')).to_have_count(0, timeout=30_000)
    # Widgets and charts load their code after the run ends, showing a skeleton until then.
    expect(page.locator('[data-testid="stSkeleton"]')).to_have_count(0, timeout=60_000)
    page.wait_for_timeout(800)


def take(url: str, out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(**app_server.launch_options())
        for size, suffix, paths in (
            (DESKTOP, "", [spec.url_path for spec in PAGES]),
            (PHONE, "-phone", list(ON_A_PHONE)),
        ):
            page = browser.new_page(viewport=size)
            for url_path in paths:
                spec = next(spec for spec in PAGES if spec.url_path == url_path)
                page.goto(f"{url}/{links.page_url(url_path).removeprefix('./')}")
                settle(page, spec.heading)
                target = out / f"{url_path}{suffix}.png"
                page.screenshot(path=target, full_page=False)
                written.append(target)
            page.close()
        browser.close()
    return written


def take_languages(url: str, out: Path) -> list[Path]:
    """The views of LANGUAGE_VIEWS, the source reader with the translation shown beside."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(**app_server.launch_options())
        page = browser.new_page(viewport=DESKTOP)
        for name, url_path, query in LANGUAGE_VIEWS:
            page.goto(f"{url}/{links.page_url(url_path, **query).removeprefix('./')}")
            spec = next(spec for spec in PAGES if spec.url_path == url_path)
            settle(page, spec.heading)
            if url_path == links.SOURCE:
                page.get_by_text("Show the translation beside it").click()
                settle(page, spec.heading)
            page.screenshot(path=out / name, full_page=False)
            written.append(out / name)
        browser.close()
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, help="corpus folder (default: the embedded one)")
    parser.add_argument("--languages", action="store_true", help="the languages corpus' views")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "images")
    args = parser.parse_args()
    data, shoot = (LANGUAGES, take_languages) if args.languages else (args.data, take)
    with app_server.serve(data) as (url, _):
        for path in shoot(url, args.out):
            print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)


if __name__ == "__main__":
    main()
