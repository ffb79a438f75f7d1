"""Every address in the dashboard: the pages' URL paths and the links between them.

The core names things by id (document, theme, quote anchor); only this module turns ids into
addresses, so a page's path is written once and a link can never point at a page that moved.
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

#: The page a bare address opens. Streamlit serves the default page at the root only: a link
#: to its own path finds no page, so links to it start from "./".
DEFAULT = COMPARE


def page_url(url_path: str, **query: str) -> str:
    """Relative address of a page with its query; ids are URL-safe, other values are encoded."""
    base = "./" if url_path == DEFAULT else url_path
    return base + (f"?{urlencode(query)}" if query else "")


def compare_url(theme_id: str) -> str:
    """Compare, open at one theme."""
    return page_url(COMPARE, theme=theme_id)


def source_url(document_id: str, theme_id: str, anchor_id: str = "") -> str:
    """The source reader at one document with a theme's evidence marked, scrolled to the quote
    whose HTML id is `anchor_id` when one is given."""
    return page_url(SOURCE, doc=document_id, theme=theme_id) + (
        f"#{anchor_id}" if anchor_id else ""
    )
