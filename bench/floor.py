"""The framework's floor for a page: a static script that writes the same elements.

Given an AppTest that has run a page, `floor_script` returns the source of a script that writes
the same kinds of elements, with the same text, tables and charts, in the same layout, and does
nothing else: no loading, no computing. Timing a rerun of it beside the real page says how much
of a rerun is ours and how much is Streamlit's own cost for that output.

The tables and chart data go to a pickle beside the script, which reads it on its first run and
keeps it with `st.cache_resource`, as the app keeps its corpus: a rerun pays only Streamlit's
cost of sending them.
"""

from __future__ import annotations

import json
import pickle
from itertools import count
from pathlib import Path

from streamlit.dataframe_util import convert_arrow_bytes_to_pandas_df
from streamlit.proto.ButtonGroup_pb2 import ButtonGroup
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
        self.data: list[object] = []  # tables and chart specs, read from the pickle

    def line(self, text: str) -> None:
        self.lines.append(text)  # containers are named variables, so nothing is indented

    def stored(self, value: object) -> str:
        self.data.append(value)
        return f"DATA[{len(self.data) - 1}]"

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
            size = self.download_sizes.get(node.key, 0)
            self.line(
                f"{parent}.download_button({node.proto.label!r}, data=b'x' * {size}, "
                f"icon={node.proto.icon!r}, key={node.key!r})"
            )
        elif isinstance(node, et.Dataframe):
            config = json.loads(node.proto.columns) if node.proto.columns else {}
            order = list(node.proto.column_order) or None
            self.line(
                f"{parent}.dataframe({self.stored(node.value)}, column_order={order!r}, "
                f"column_config={config!r})"
            )
        elif isinstance(node, et.Metric):
            self.line(
                f"{parent}.metric({node.label!r}, {node.proto.body!r}, help={node.proto.help!r}, "
                f"border={node.proto.show_border!r})"
            )
        elif isinstance(node, et.ButtonGroup) and node.proto.style == ButtonGroup.SEGMENTED_CONTROL:
            options = [option.content for option in node.proto.options]
            default = options[node.proto.default[0]] if node.proto.default else None
            self.line(
                f"{parent}.segmented_control({node.label!r}, {options!r}, default={default!r}, "
                f"required={node.proto.required!r}, key={node.key!r})"
            )
        elif isinstance(node, et.UnknownElement) and node.type == "vega_lite_chart":
            spec = json.loads(node.proto.spec)
            spec["datasets"] = {
                dataset.name: convert_arrow_bytes_to_pandas_df(dataset.data.data)
                for dataset in node.proto.datasets
            }
            # Streamlit takes the datasets out of the spec it is given: give it a copy.
            self.line(f"{parent}.vega_lite_chart(spec=dict({self.stored(spec)}))")
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


def floor_script(at: AppTest, data_file: Path, download_sizes: dict[str, int] | None = None) -> str:
    """Source of a script that writes what `at` showed, with no work behind it; its tables and
    chart data go to `data_file`.

    The output includes the app's navigation (the same pages, by title and path; the one shown
    writes the recorded elements, the others nothing). A download button's file is not in the
    element tree: `download_sizes` (bytes, by widget key) gives the floor a file of that size."""
    writer = _Writer(download_sizes or {})
    writer.children(at.main, "st")
    writer.children(at.sidebar, "st.sidebar")
    data_file.write_bytes(pickle.dumps(writer.data))
    body = [f"    {line}" for line in writer.lines] or ["    pass"]
    # AppTest keeps the pages that st.navigation registered; the default one has no path.
    pages = [info for info in at._registered_pages.values() if "url_pathname" in info]
    source = [
        "import pickle",
        "from pathlib import Path",
        "",
        "import streamlit as st",
        "",
        'st.set_page_config(layout="wide")',
        "",
        "",
        "@st.cache_resource",
        "def data():",
        f"    return pickle.loads(Path({str(data_file)!r}).read_bytes())",
        "",
        "",
        "DATA = data()",
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
