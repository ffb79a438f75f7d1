"""Two to twelve perspectives fit the page: no horizontal scrolling at 1440 px, every heatmap
label drawn, no perspective alone on a row; Compare and Overview fit a phone."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from bench.synth import generate
from perspectives import load
from perspectives.ui import links
from perspectives.ui.pages import PAGES

from .conftest import PAGE_TIMEOUT_MS, serve, wait_drawn

DESKTOP = {"width": 1440, "height": 1000}
PHONE = {"width": 390, "height": 844}


def with_scales(root: Path) -> Path:
    """Give a synthetic corpus stance scales and a point for every position it addresses."""
    themes = [row["id"] for row in csv.DictReader((root / "themes.csv").open(encoding="utf-8"))]
    with (root / "scales.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["theme_id", "value", "label"])
        for theme in themes:
            writer.writerows([theme, value, f"Point {value} of {theme}"] for value in range(-2, 3))
    path = root / "positions.csv"
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    for number, row in enumerate(rows):
        addressed = row["coverage"] != "absent"
        row["scale_value"] = str(number % 5 - 2) if addressed else ""
        row["confidence"] = ("low", "medium", "high")[number % 3] if addressed else ""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return root


@pytest.fixture(scope="module", params=[2, 6, 12], ids=lambda n: f"{n}-perspectives")
def served(request, browser_type_launch_args, tmp_path_factory) -> Iterator[tuple[str, Path]]:
    count = request.param
    root = tmp_path_factory.mktemp(f"layout-{count}") / "corpus"
    generate(root, documents=count, themes=4, positions=4 * count, quotes=8 * count,
             text_bytes=5_000 * count)  # fmt: skip
    with serve(with_scales(root)) as url:
        yield url, root


def open_page(page: Page, url: str, url_path: str, query: str = "") -> None:
    spec = next(spec for spec in PAGES if spec.url_path == url_path)
    page.goto(f"{url}/{links.page_url(url_path).removeprefix('./')}{query}")
    heading = page.get_by_role("heading", name=spec.heading, level=1)
    expect(heading).to_be_visible(timeout=PAGE_TIMEOUT_MS)
    wait_drawn(page)


def overflow(page: Page) -> int:
    """Pixels the page is wider than the window (0 when nothing scrolls sideways)."""
    return page.evaluate(
        "Math.max(...[document.scrollingElement, ...document.querySelectorAll("
        "'[data-testid=stMain], [data-testid=stMainBlockContainer]')]"
        ".map(e => e.scrollWidth - e.clientWidth))"
    )


@pytest.mark.parametrize("url_path", [spec.url_path for spec in PAGES])
def test_no_page_scrolls_sideways_at_1440_px(page: Page, served, url_path):
    url, root = served
    page.set_viewport_size(DESKTOP)
    everyone = "&".join(f"doc={d.id}" for d in load(root).documents)
    open_page(page, url, url_path, f"?{everyone}" if url_path == links.COMPARE else "")
    assert overflow(page) <= 0


@pytest.mark.parametrize("url_path", [links.COMPARE, links.OVERVIEW])
def test_compare_and_overview_fit_a_phone(page: Page, served, url_path):
    url, _ = served
    page.set_viewport_size(PHONE)
    open_page(page, url, url_path)
    assert overflow(page) <= 0


def test_every_perspective_is_named_on_the_alignment_heatmap(page: Page, served):
    url, root = served
    page.set_viewport_size(DESKTOP)
    open_page(page, url, links.OVERVIEW)
    heatmap = page.locator("[data-testid=stVegaLiteChart]").last
    labels = heatmap.locator("svg .role-axis-label text").all_text_contents()
    for document in load(root).documents:
        assert labels.count(document.perspective) == 2, document.perspective  # both axes


def test_no_perspective_sits_alone_on_a_row(page: Page, served):
    url, root = served
    corpus = load(root)
    page.set_viewport_size(DESKTOP)
    everyone = "&".join(f"doc={d.id}" for d in corpus.documents)
    open_page(page, url, links.COMPARE, f"?theme={corpus.themes[0].id}&{everyone}")
    # The rows of perspectives: the horizontal blocks whose columns hold the bylines.
    rows = page.locator("[data-testid=stHorizontalBlock]").filter(has_text="Institute ")
    sizes = [row.locator(":scope > [data-testid=stColumn]").count() for row in rows.all()]
    assert sum(sizes) == len(corpus.documents)
    assert len(corpus.documents) < 2 or min(sizes) >= 2
