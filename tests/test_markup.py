import html

import pytest

from perspectives.markup import escape_html, escape_markdown

HOSTILE = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "[click](javascript:alert(1))",
    ":red[coloured] :material/home: $x^2$",
    "**bold** _em_ `code` # heading",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_every_markup_character_is_escaped(text):
    escaped = escape_markdown(text)
    for char in "<>[]()*_`#$:":
        assert char not in escaped.replace("\\" + char, "")


def test_icon_syntax_does_not_survive_escaping():
    # Streamlit finds ":material/…:" in the raw source, before backslash escapes are read.
    assert ":material/" not in escape_markdown(":material/home:")


@pytest.mark.parametrize("text", HOSTILE)
def test_html_escaping_leaves_no_markup_and_shows_the_same_text(text):
    escaped = escape_html(text)
    for char in "<>\"'[]()*_`$:":
        assert char not in escaped
    assert html.unescape(escaped) == text
