"""Every address the dashboard builds points at a page it declares."""

from __future__ import annotations

import pytest

from perspectives.ui import links
from perspectives.ui.pages import PAGES


@pytest.mark.parametrize(
    ("address", "expected"),
    [
        # Compare is the default page: Streamlit serves it at the root only.
        (links.compare_url("sanctions"), "./?theme=sanctions"),
        (links.source_url("singh-2018", "sanctions"), "source?doc=singh-2018&theme=sanctions"),
        (
            links.source_url("singh-2018", "sanctions", "q-singh-2018-sanctions-2"),
            "source?doc=singh-2018&theme=sanctions#q-singh-2018-sanctions-2",
        ),
        (links.page_url(links.COVERAGE), "coverage"),
        (links.page_url(links.SOURCE, doc="a b&c"), "source?doc=a+b%26c"),
    ],
)
def test_links(address, expected):
    assert address == expected


def test_every_declared_path_is_a_page_and_compare_is_the_default():
    declared = {links.COMPARE, links.OVERVIEW, links.SOURCE, links.TIMELINE}
    declared |= {links.READABILITY, links.COVERAGE}
    assert {spec.url_path for spec in PAGES} == declared
    assert links.DEFAULT == links.COMPARE
