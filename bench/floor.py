"""The framework's floor for a page: a static script that writes the same elements.

Given an AppTest that has run a page, `floor_script` returns the source of a script that writes
the same kinds of elements, with the same text, in the same layout, and does nothing else: no
loading, no computing. Timing a rerun of it beside the real page says how much of a rerun is
ours and how much is Streamlit's own cost for that output.
"""

from __future__ import annotations

from itertools import count

from streamlit.testing.v1 import AppTest
from streamlit.testing.v1 import element_tree as et

_TEXT_ELEMENTS = {
    et.Title: "title",
    et.Header: "header",
    et.Subheader: "subheader",
    et.Caption: "caption",
    et.Markdown: "markdown",
    et.Warning: "warning",
    et.Info: "info",
    et.Error: "error",
    et.Success: "success",
    et.Code: "code",
}


class _Writer:
    def __init__(self, download_sizes: dict[str, int]) -> None:
        self.download_sizes = download_sizes
        self.lines: list[str] = []
        self.names = count()

    def line(self, text: str) -> None:
        self.lines.append(text)  # containers are named variables, so nothing is indented

    def node(self, node, parent: str) -> None:
        if isinstance(node, et.Divider):
            self.line(f"{parent}.divider()")
        elif type(node) in _TEXT_ELEMENTS:
            self.line(f"{parent}.{_TEXT_ELEMENTS[type(node)]}({node.value!r})")
        elif isinstance(node, et.Multiselect):
            self.line(
                f"{parent}.multiselect({node.label!r}, {list(node.options)!r}, "
                f"default={list(node.options[i] for i in node.indices)!r}, key={node.key!r})",
            )
        elif isinstance(node, et.Selectbox | et.Radio):
            kind = "selectbox" if isinstance(node, et.Selectbox) else "radio"
            self.line(f"{parent}.{kind}({node.label!r}, {list(node.options)!r}, key={node.key!r})")
        elif isinstance(node, et.Toggle | et.Checkbox):
            kind = "toggle" if isinstance(node, et.Toggle) else "checkbox"
            self.line(f"{parent}.{kind}({node.label!r}, value={node.value!r}, key={node.key!r})")
        elif isinstance(node, et.Button):
            self.line(f"{parent}.button({node.label!r}, key={node.key!r})")
        elif isinstance(node, et.DownloadButton):
            # A file built on demand costs a rerun only its registration, as in the app.
            size = self.download_sizes.get(node.key, 0)
            data = "lambda: b''" if node.proto.deferred_file_id else f"b'x' * {size}"
            self.line(
                f"{parent}.download_button({node.proto.label!r}, data={data}, "
                f"icon={node.proto.icon!r}, key={node.key!r})"
            )
        elif isinstance(node, et.ButtonGroup):
            chosen = [node.options[index] for index in node.proto.default]
            self.line(
                f"{parent}.segmented_control({node.label!r}, {node.options!r}, "
                f"default={(chosen or [None])[0]!r}, key={node.key!r})"
            )
        elif isinstance(node, et.Dataframe):
            self.line(f"{parent}.dataframe(pd.DataFrame({node.value.to_dict('list')!r}))")
        elif isinstance(node, et.Expander):
            name = f"box{next(self.names)}"
            self.line(f"{name} = {parent}.expander({node.label!r})")
            self.children(node, name)
        elif isinstance(node, et.Block) and node.type == "flex_container":
            self.block(node, parent)
        elif isinstance(node, et.Block):
            name = f"node{next(self.names)}"
            self.line(f"{name} = {parent}.container()")
            self.children(node, name)
        else:
            raise NotImplementedError(f"no floor for a {type(node).__name__} ({node.type})")

    def block(self, node: et.Block, parent: str) -> None:
        children = list(node.children.values())
        name = f"box{next(self.names)}"
        if children and all(isinstance(child, et.Column) for child in children):
            self.line(f"{name} = {parent}.columns({len(children)})")
            for index, column in enumerate(children):
                self.children(column, f"{name}[{index}]")
            return
        border = node.proto.flex_container.border
        self.line(f"{name} = {parent}.container(border={border!r})")
        self.children(node, name)

    def children(self, node, parent: str) -> None:
        for child in node.children.values():
            self.node(child, parent)


def floor_script(at: AppTest, download_sizes: dict[str, int] | None = None) -> str:
    """Source of a script that writes what `at` showed, with no work behind it.

    The output includes the app's navigation (the same pages, by title and path; the one shown
    writes the recorded elements, the others nothing). A download button's file is not in the
    element tree: `download_sizes` (bytes, by widget key) gives the floor a file of that size."""
    writer = _Writer(download_sizes or {})
    writer.children(at.main, "st")
    writer.children(at.sidebar, "st.sidebar")
    body = [f"    {line}" for line in writer.lines] or ["    pass"]
    # AppTest keeps the pages that st.navigation registered; the default one has no path.
    pages = [info for info in at._registered_pages.values() if "url_pathname" in info]
    source = [
        "import pandas as pd",
        "import streamlit as st",
        "",
        'st.set_page_config(layout="wide")',
        "",
        "",
        "def shown():",
        *body,
        "",
    ]
    entries = []
    for number, info in enumerate(pages):
        path = info["url_pathname"]
        if not path:
            entries.append(f"st.Page(shown, title={info['page_name']!r}, default=True)")
            continue
        source += ["", f"def other{number}():", "    pass", ""]
        entries.append(f"st.Page(other{number}, title={info['page_name']!r}, url_path={path!r})")
    if entries:
        source += ["", "st.navigation([" + ", ".join(entries) + "]).run()"]
    else:
        source += ["", "shown()"]
    return "\n".join(source) + "\n"
