"""Every address in the dashboard: the pages' URL paths, the query parameters each page reads
and writes, and the links between them.

The core names things by id (document, theme, quote anchor); only this module turns ids into
addresses, so a page's path and a parameter's name are written once, and a link can never point
at a page that moved or give a page a parameter it does not read.
"""

from __future__ import annotations

from urllib.parse import urlencode

COMPARE = "compare"
OVERVIEW = "overview"
SOURCE = "source"
TIMELINE = "timeline"
READABILITY = "readability"
COVERAGE = "coverage"
CURATE = "curate"
READ_BLIND = "read-blind"
ADJUDICATE = "adjudicate"

#: The page a bare address opens. Streamlit serves the default page at the root only: a link
#: to its own path finds no page, so links to it start from "./".
DEFAULT = COMPARE

# The query parameters, each kept in step with a widget (widgets.url_bound).
THEME = "theme"  # themes shown, highlighted or filtered by
DOC = "doc"  # documents (perspectives) shown
PAGE = "page"  # Compare's page of themes
LAYOUT = "layout"  # Compare's layout
REF = "ref"  # Compare's reference perspective

#: The query parameters each page takes.
QUERY: dict[str, tuple[str, ...]] = {
    COMPARE: (THEME, DOC, LAYOUT, REF, PAGE),
    OVERVIEW: (THEME, DOC),
    SOURCE: (DOC, THEME),
    TIMELINE: (THEME, DOC),
    READABILITY: (DOC, THEME),
    COVERAGE: (THEME, DOC),
    CURATE: (),
    READ_BLIND: (),
    ADJUDICATE: (),
}


def page_url(url_path: str, **query: str) -> str:
    """Relative address of a page with its query; ids are URL-safe, other values are encoded.
    A parameter the page does not take is a mistake in the dashboard: a ValueError."""
    unknown = set(query) - set(QUERY[url_path])
    if unknown:
        raise ValueError(f"the {url_path} page takes no {', '.join(sorted(unknown))} parameter")
    base = "./" if url_path == DEFAULT else url_path
    return base + (f"?{urlencode(query)}" if query else "")


def compare_url(theme_id: str) -> str:
    """Compare, open at one theme."""
    return page_url(COMPARE, **{THEME: theme_id})


def source_url(document_id: str, theme_id: str, anchor_id: str = "") -> str:
    """The source reader at one document with a theme's evidence marked, scrolled to the quote
    whose HTML id is `anchor_id` when one is given."""
    return page_url(SOURCE, **{DOC: document_id, THEME: theme_id}) + (
        f"#{anchor_id}" if anchor_id else ""
    )
