"""The source reader, and "show in context" under each quote of Compare, through AppTest."""

from __future__ import annotations

import html
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from streamlit.testing.v1 import AppTest

from perspectives import load, palette
from perspectives.markup import escape_html, escape_markdown
from perspectives.paths import EMBEDDED_CORPUS
from perspectives.ui import links, source_page

from .conftest import open_page

CORPUS = load(EMBEDDED_CORPUS)
COLOURS = palette.theme_colours([theme.id for theme in CORPUS.themes])


@pytest.fixture
def reader_app(monkeypatch) -> AppTest:
    monkeypatch.delenv("PERSPECTIVES_DATA", raising=False)
    return open_page(links.SOURCE)


def documents_html(at: AppTest) -> list[str]:
    return [m.value for m in at.markdown if m.proto.allow_html and "perspectives-source" in m.value]


def legend(at: AppTest) -> str:
    (found,) = [m.value for m in at.markdown if "perspectives-legend" in m.value]
    return found


def mark_colours(page: str) -> set[str]:
    return set(re.findall(r'<mark dir="auto" style="background:(#[0-9A-F]{6});', page))


def anchors(page: str) -> list[str]:
    return re.findall(r'data-anchor="([^"]+)"', page)


def test_default_view_reads_the_first_document_with_every_theme(reader_app):
    reader_app.run()
    assert not reader_app.exception and not reader_app.warning
    singh = CORPUS.document("singh-2018")
    assert [s.value for s in reader_app.subheader] == [escape_markdown(singh.title)]
    assert reader_app.query_params[links.DOC] == "singh-2018"
    assert links.THEME not in reader_app.query_params
    text = "\n".join(m.value for m in reader_app.markdown)
    assert "**Gunjan Singh** · India" in text
    captions = "\n".join(c.value for c in reader_app.caption)
    assert escape_markdown(singh.citation) in captions and "Research Associate" in captions
    assert "words by the author" in captions and "comment form" in captions
    for theme in CORPUS.themes:
        assert escape_html(theme.label) in legend(reader_app)
    (page,) = documents_html(reader_app)
    quotes = [q for p in CORPUS.positions if p.document_id == "singh-2018" for q in p.quotes]
    assert len(anchors(page)) == len(quotes)
    assert ">comment form</small>" in page and ">headline</small>" in page


def test_a_deep_link_highlights_one_theme_in_one_document(reader_app):
    reader_app.query_params[links.DOC] = "asmolov-2019"
    reader_app.query_params[links.THEME] = "sanctions"
    reader_app.run()
    (page,) = documents_html(reader_app)
    assert mark_colours(page) == {COLOURS["sanctions"]}
    quotes = CORPUS.find_position("sanctions", "asmolov-2019").quotes
    assert anchors(page) == [f"q-asmolov-2019-sanctions-{n}" for n in range(1, len(quotes) + 1)]
    assert "Sanctions" in legend(reader_app) and "South Korea" not in legend(reader_app)
    jump = [c.value for c in reader_app.caption if c.value.startswith("Jump to evidence")]
    jumps = " ".join(f"[{n}](#q-asmolov-2019-sanctions-{n})" for n in range(1, len(quotes) + 1))
    assert jump == [f"Jump to evidence: Sanctions {jumps}"]
    assert reader_app.query_params[links.THEME] == "sanctions"


def test_several_documents_side_by_side(reader_app):
    reader_app.query_params[links.DOC] = ["asmolov-2019", "singh-2018"]
    reader_app.run()
    assert len(reader_app.columns) == 2
    assert [s.value for s in reader_app.subheader] == [  # in the link's order
        escape_markdown(CORPUS.document(d).title) for d in ("asmolov-2019", "singh-2018")
    ]
    assert reader_app.query_params[links.DOC] == ["asmolov-2019", "singh-2018"]
    for column in reader_app.columns:
        (page,) = [m.value for m in column.markdown if "perspectives-source" in m.value]
        assert mark_colours(page)


def test_unknown_values_are_ignored_with_a_notice(reader_app):
    reader_app.query_params[links.DOC] = ["nope", "asmolov-2019"]
    reader_app.query_params[links.THEME] = ["<script>alert(1)</script>", "sanctions"]
    reader_app.run()
    assert not reader_app.exception
    notices = [w.value for w in reader_app.warning]
    assert escape_markdown("Ignored unknown document(s) in the link: nope") in notices
    assert any("\\<script\\>" in n for n in notices)
    (page,) = documents_html(reader_app)
    assert mark_colours(page) == {COLOURS["sanctions"]}


def test_the_theme_toggle_changes_highlights_and_the_url(reader_app):
    reader_app.run()
    reader_app.multiselect(key=source_page.THEMES_KEY).set_value([]).run()
    (page,) = documents_html(reader_app)
    assert "<mark" not in page
    assert any("No theme highlighted" in c.value for c in reader_app.caption)
    reader_app.multiselect(key=source_page.THEMES_KEY).set_value(["south-korea"]).run()
    (page,) = documents_html(reader_app)
    assert mark_colours(page) == {COLOURS["south-korea"]}
    assert reader_app.query_params[links.THEME] == "south-korea"


def test_no_document_selected_shows_an_empty_state(reader_app):
    reader_app.run()
    reader_app.multiselect(key=source_page.DOCUMENTS_KEY).set_value([]).run()
    assert "Nothing selected" in reader_app.info[0].value
    assert documents_html(reader_app) == []


def test_every_quote_in_compare_can_be_shown_in_context(app):
    app.query_params[links.THEME] = "sanctions"
    app.run()
    quotes = [q for d in CORPUS.documents for q in CORPUS.find_position("sanctions", d.id).quotes]
    expanders = [e for e in app.expander if e.label == "Show in context"]
    assert len(expanders) == len(quotes)
    for expander, quote in zip(expanders, quotes, strict=True):
        paragraph, link = (m.value for m in expander.markdown)
        (marked,) = re.findall(r"<mark[^>]*>(.*?)</mark>", paragraph)
        assert html.unescape(marked) == quote.anchor.exact
        assert len(html.unescape(re.sub(r"<[^>]+>", "", paragraph))) > len(quote.anchor.exact)
        assert link.startswith("[Open in the source reader](source?doc=")


def test_the_context_link_opens_the_reader_at_the_quote(app, reader_app):
    app.query_params[links.THEME] = "south-korea"
    app.query_params[links.DOC] = "asmolov-2019"
    app.run()
    second = [e for e in app.expander if e.label == "Show in context"][1]
    target = re.search(r"\]\((.+)\)$", second.markdown[1].value).group(1)
    address = urlsplit(target)
    assert address.path == links.SOURCE
    assert address.fragment == "q-asmolov-2019-south-korea-2"
    for name, values in parse_qs(address.query).items():
        reader_app.query_params[name] = values
    reader_app.run()
    (page,) = documents_html(reader_app)
    assert address.fragment in anchors(page)
    quote = CORPUS.find_position("south-korea", "asmolov-2019").quotes[1]
    assert escape_html(quote.anchor.exact) in page
    assert mark_colours(page) == {COLOURS["south-korea"]}
