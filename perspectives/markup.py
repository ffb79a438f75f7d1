"""Make untrusted text safe to show through Markdown.

Streamlit renders Markdown (and its own extensions: colours, emoji, icons, LaTeX), so text from a
corpus or a URL is escaped before it is placed in a Markdown string: every character that could
start markup is backslash-escaped and shows as itself. HTML that the app builds itself gets
every piece of untrusted text through `escape_html` before any tag of ours is put around it.
"""

from __future__ import annotations

import html
import re

# Every ASCII punctuation character may be backslash-escaped in CommonMark; these can start markup
# in Markdown, GitHub-flavoured Markdown or Streamlit's extensions (":red[…]", "$…$"). The slash
# too: Streamlit finds ":material/…:" icons in the source text before its escapes are read.
_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:&=\"'^/])")


def escape_markdown(text: str) -> str:
    """Text that renders literally inside a Markdown paragraph, on one line per source line."""
    return _SPECIAL.sub(r"\\\1", text)


def shorten(text: str, limit: int = 60) -> str:
    """Untrusted text cut to `limit` characters, so a notice quoting it stays one short line."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


# Characters that start Markdown or Streamlit markup (links, emphasis, code, math, emoji and
# colour directives): as character references they display as themselves, wherever they land.
_MARKDOWN_AS_REFERENCES = str.maketrans({char: f"&#{ord(char)};" for char in "\\`*_[]()$:~|"})


def escape_html(text: str) -> str:
    """Untrusted text for HTML that the app builds: tags and Markdown both show literally."""
    return html.escape(text, quote=True).translate(_MARKDOWN_AS_REFERENCES)
