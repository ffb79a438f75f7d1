"""Every address the dashboard builds points at a page it declares, with the query parameters
that page declares; and every page keeps in its address exactly the parameters it declares."""

from __future__ import annotations

import pytest

from perspectives.ui import links, pages, widgets
from perspectives.ui.pages import PAGES

from .conftest import open_page


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


def test_every_page_declares_its_query_parameters():
    assert set(links.QUERY) == {spec.url_path for spec in pages.served(True)}


def test_a_link_with_a_parameter_its_page_does_not_take_is_refused():
    with pytest.raises(ValueError, match="overview page takes no page parameter"):
        links.page_url(links.OVERVIEW, page="2")


@pytest.mark.parametrize("url_path", [spec.url_path for spec in PAGES])
def test_each_page_keeps_in_its_address_the_parameters_it_declares(url_path, monkeypatch):
    monkeypatch.delenv("PERSPECTIVES_DATA", raising=False)
    bound = []
    url_bound = widgets.url_bound

    def recorded(parameter, *args, **kwargs):
        bound.append(parameter)
        return url_bound(parameter, *args, **kwargs)

    monkeypatch.setattr(widgets, "url_bound", recorded)
    at = open_page(url_path).run()
    assert not at.exception
    assert sorted(bound) == sorted(links.QUERY[url_path])
