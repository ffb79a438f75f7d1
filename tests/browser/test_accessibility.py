"""Every page passes axe-core's WCAG 2.1 A and AA rules with no serious or critical violation."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from bench.synth import generate
from perspectives.ui import links
from perspectives.ui.pages import PAGES

from .conftest import PAGE_TIMEOUT_MS, serve, wait_drawn

WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING = ("serious", "critical")


def blocking_violations(page: Page) -> list[str]:
    """One line per element that breaks a rule of impact serious or critical."""
    result = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_21_AA}})
    return [
        f"{violation['id']} ({violation['impact']}): {node['html'][:300]} {node['failureSummary']}"
        for violation in result.response["violations"]
        if violation["impact"] in BLOCKING
        for node in violation["nodes"]
    ]


@pytest.fixture(scope="module")
def six_perspectives_url(browser_type_launch_args, tmp_path_factory) -> Iterator[str]:
    """The dashboard on a slice of the synthetic benchmark corpus: six perspectives."""
    root = tmp_path_factory.mktemp("six") / "corpus"
    generate(root, documents=6, themes=4, positions=24, quotes=48, text_bytes=40_000)
    with serve(root) as url:
        yield url


@pytest.mark.parametrize("corpus", ["embedded", "six perspectives"])
@pytest.mark.parametrize("spec", PAGES, ids=[spec.url_path for spec in PAGES])
def test_no_serious_accessibility_violation(page: Page, request, spec, corpus):
    url = request.getfixturevalue("app_url" if corpus == "embedded" else "six_perspectives_url")
    path = "" if spec.url_path == links.DEFAULT else spec.url_path
    page.goto(f"{url}/{path}")
    heading = page.get_by_role("heading", name=spec.heading, level=1)
    expect(heading).to_be_visible(timeout=PAGE_TIMEOUT_MS)
    wait_drawn(page)
    assert blocking_violations(page) == []
