"""Make untrusted text safe to show through Markdown.

Streamlit renders Markdown (and its own extensions: colours, emoji, icons, LaTeX), so text from a
corpus or a URL is escaped before it is placed in a Markdown string: every character that could
start markup is backslash-escaped and shows as itself.
"""

from __future__ import annotations

import re

# Every ASCII punctuation character may be backslash-escaped in CommonMark; these can start markup
# in Markdown, GitHub-flavoured Markdown or Streamlit's extensions (":red[…]", "$…$").
_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:&=\"'^])")


def escape_markdown(text: str) -> str:
    """Text that renders literally inside a Markdown paragraph, on one line per source line."""
    return _SPECIAL.sub(r"\\\1", text)


def blockquote(text: str) -> str:
    """A Markdown block quote of untrusted text, each line escaped and prefixed."""
    lines = [escape_markdown(line.strip()) for line in text.strip().splitlines() if line.strip()]
    return "\n>\n".join(f"> {line}" for line in lines)
