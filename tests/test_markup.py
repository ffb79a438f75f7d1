import pytest

from perspectives.markup import blockquote, escape_markdown

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


def test_blockquote_escapes_each_line():
    assert blockquote("a <b>\n\n# c") == "> a \\<b\\>\n>\n> \\# c"
