"""The dashboard's pages, declared once: what each is called, its heading, its address, and the
function that draws it from the corpus. The Curate page, the only one that writes, is served
only in curation mode."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import streamlit as st
from streamlit.navigation.page import StreamlitPage

from perspectives.model import Corpus, Problem
from perspectives.ui import (
    adjudicate_page,
    blind_page,
    compare_page,
    coverage_page,
    curate_page,
    links,
    overview_page,
    readability_page,
    source_page,
    timeline_page,
)


@dataclass(frozen=True)
class PageSpec:
    render: Callable[[Corpus], None]
    title: str  # in the navigation
    heading: str  # at the top of the page
    url_path: str
    # What the page draws for a corpus with errors; None: app.py shows the error panel.
    repair: Callable[[tuple[Problem, ...]], None] | None = None

    def page(self, corpus: Corpus | None, problems: tuple[Problem, ...] = ()) -> StreamlitPage:
        """The Streamlit page that draws this one from `corpus`, or from the problems that
        stop it loading."""

        def draw() -> None:
            if corpus is not None:
                self.render(corpus)
            elif self.repair is not None:
                self.repair(problems)

        return st.Page(
            draw,
            title=self.title,
            url_path=self.url_path,
            default=self.url_path == links.DEFAULT,
        )


PAGES = (
    PageSpec(compare_page.render, "Compare", "Compare perspectives", links.COMPARE),
    PageSpec(overview_page.render, "Overview", "Overview", links.OVERVIEW),
    PageSpec(source_page.render, "Source reader", "Source reader", links.SOURCE),
    PageSpec(timeline_page.render, "Timeline", "Timeline", links.TIMELINE),
    PageSpec(readability_page.render, "Readability", "Readability", links.READABILITY),
    PageSpec(coverage_page.render, "Theme coverage", "Theme coverage", links.COVERAGE),
)
#: Writes to the corpus folder: served only in curation mode.
CURATE = PageSpec(curate_page.render, "Curate", "Curate", links.CURATE, curate_page.repair)
#: A blind reading of the table, and adjudication of the readings: they write too.
READ_BLIND = PageSpec(blind_page.render, "Read blind", "Read blind", links.READ_BLIND)
ADJUDICATE = PageSpec(adjudicate_page.render, "Adjudicate", "Adjudicate", links.ADJUDICATE)


def served(curating: bool) -> tuple[PageSpec, ...]:
    """The pages a server offers: the reading pages, and in curation mode Curate, Read blind
    and Adjudicate."""
    return (*PAGES, CURATE, READ_BLIND, ADJUDICATE) if curating else PAGES


def spec(url_path: str) -> PageSpec:
    """The page served at `url_path` ("" is the default page)."""
    return next(p for p in served(True) if p.url_path == (url_path or links.DEFAULT))
