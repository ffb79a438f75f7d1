"""The framework's floor for a page: a static script that writes the same output.

`Floor` records what a page showed under AppTest, once per state of the widget a reader changes,
and writes the source of a script that shows the same: the same elements with the same text,
tables and charts, the same widgets holding the same values, the same layout, address and
navigation, and does nothing else: no loading, no computing. Timing a rerun of it beside the real
page says how much of a rerun is ours and how much is Streamlit's own cost for that output.

The floor shows the view recorded for the value its widget holds, so a filter change reruns it
to the same output as the page. The views go to a module beside the script, and their tables
and chart data to a pickle; both are loaded once, on the first run, as the app's own modules and
corpus are: a rerun pays only Streamlit's cost of sending them. What AppTest does not keep
(elements' widths and heights) is left at Streamlit's defaults.
"""

from __future__ import annotations

import hashlib
import json
import pickle
import re
from collections.abc import Iterator
from itertools import count
from pathlib import Path
from typing import Any

from streamlit.dataframe_util import convert_arrow_bytes_to_pandas_df
from streamlit.proto.Markdown_pb2 import Markdown
from streamlit.proto.NumberInput_pb2 import NumberInput
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1 import element_tree as et
from streamlit.util import calc_hash

_HEADINGS = {"h1": "title", "h2": "header", "h3": "subheader"}
_MARKDOWN = {Markdown.NATIVE: "markdown", Markdown.CAPTION: "caption", Markdown.LATEX: "latex"}
_ALERTS = {et.Error: "error", et.Warning: "warning", et.Info: "info", et.Success: "success"}
_DATA = (et.Dataframe, et.Table)
#: A widget's id, its state and a deferred file's id: not what a reader sees.
_WIDGET_STATE = (
    "id",
    "default",
    "value",
    "set_value",
    "raw_value",
    "raw_values",
    "deferred_file_id",
)
_BADGE = re.compile(r":(?P<colour>[a-z]+)-badge\[(?P<label>.*)\]", re.DOTALL)


def open_page(script: str, url_path: str, timeout: float = 300) -> AppTest:
    """An AppTest of `script` (its source) at the page served at `url_path`, not yet run."""
    return at_page(AppTest.from_string(script, default_timeout=timeout), url_path)


def at_page(at: AppTest, url_path: str) -> AppTest:
    """`at`, set to open the page served at `url_path` when it runs.

    AppTest switches only to pages given as files, and ours are functions; a browser names the
    page it wants by the hash of its URL path, and so does this, through AppTest's private
    `_page_hash`: the one use of it (tests/test_streamlit_private.py checks that it works)."""
    at._page_hash = calc_hash(url_path)
    return at


def shown_value(node: et.Widget) -> Any:
    """What a widget holds, as the floor's copy of it (its options as shown) holds it."""
    if isinstance(node, et.Multiselect):
        return list(node.values)
    if isinstance(node, et.Selectbox):
        return None if node.index is None else node.options[node.index]
    if isinstance(node, et.ButtonGroup):
        chosen = [node.proto.options[index].content for index in node.indices]
        return chosen[0] if chosen else None
    if isinstance(node, et.SelectSlider):
        value = node.value
        if isinstance(value, tuple | list):
            return tuple(node.format_func(v) for v in value)
        return node.format_func(value)
    return node.value


def _frame_digest(frame) -> str:
    return hashlib.sha256(frame.to_csv().encode()).hexdigest()


def chart_parts(proto) -> tuple[dict, dict]:
    """A chart's spec and its data sets (name → table)."""
    datasets = {
        dataset.name: convert_arrow_bytes_to_pandas_df(dataset.data.data)
        for dataset in proto.datasets
    }
    if proto.HasField("data"):
        datasets[""] = convert_arrow_bytes_to_pandas_df(proto.data.data)
    return json.loads(proto.spec), datasets


def _nodes(at: AppTest) -> Iterator[tuple[str, Any]]:
    """Every node of every root (main, sidebar, event, bottom), depth first, with its root."""
    for root in at._tree.children.values():

        def walk(node) -> Iterator[Any]:
            for child in node.children.values():
                yield child
                if isinstance(child, et.Block):
                    yield from walk(child)

        for node in walk(root):
            yield root.type, node


def elements(at: AppTest) -> list[tuple]:
    """What a run showed, element by element, in order: each element's kind with its full
    content (text, options, the value a widget holds, a table's cells, a chart's spec and
    data), ids left out. Two runs with equal lists showed the same."""
    shown: list[tuple] = []
    for root, node in _nodes(at):
        if isinstance(node, et.Widget):
            fields = _without(node.proto, _WIDGET_STATE)
            shown.append((root, node.type, fields, repr(shown_value(node))))
        elif isinstance(node, _DATA):
            fields = _without(node.proto, ("arrow_data",))
            shown.append((root, node.type, fields, _frame_digest(node.value)))
        elif node.type == "vega_lite_chart":
            spec, datasets = chart_parts(node.proto)
            digests = {name: _frame_digest(frame) for name, frame in datasets.items()}
            shown.append((root, node.type, json.dumps(spec, sort_keys=True), digests))
        else:
            shown.append((root, node.type, str(node.proto)))
    return shown


def _without(proto, names: tuple[str, ...]) -> str:
    """The proto's fields as text, those named left out."""
    copy = type(proto)()
    copy.CopyFrom(proto)
    for name in names:
        if name in copy.DESCRIPTOR.fields_by_name:
            copy.ClearField(name)
    return str(copy)


class _Writer:
    """Lines of a view: one Streamlit call per element, containers as named variables (so
    nothing is indented); tables and chart data go to `data`."""

    def __init__(self, data: list[object], names: Iterator[int]) -> None:
        self.data = data
        self.names = names
        self.lines: list[str] = []

    def line(self, text: str) -> None:
        self.lines.append(text)

    def stored(self, value: object) -> str:
        self.data.append(value)
        return f"DATA[{len(self.data) - 1}]"

    def widget(self, node: et.Widget, parent: str, call: str, value: str = "") -> None:
        """A value widget: its value set once by key, as the app's widgets are, then drawn;
        or given as the argument `value` where that decides what the widget is (a slider's
        range)."""
        if value:
            call += f", {value}={shown_value(node)!r}"
        elif node.key is not None:
            self.line(f"st.session_state.setdefault({node.key!r}, {shown_value(node)!r})")
        self.line(f"{parent}.{call}, key={node.key!r})")

    def node(self, node, parent: str) -> None:
        """The lines that draw `node` under `parent`: text, then content, then controls."""
        help = getattr(node.proto, "help", "") or None
        if not (self.text(node, parent, help) or self.content(node, parent, help)):
            self.control(node, parent, help)

    def text(self, node, parent: str, help: str | None) -> bool:
        """Headings, Markdown, badges and alerts; False for any other element."""
        proto = node.proto
        if isinstance(node, et.HeadingBase):
            anchor = False if proto.hide_anchor else (proto.anchor or None)
            divider = f", divider={proto.divider or False!r}" if proto.tag != "h1" else ""
            self.line(
                f"{parent}.{_HEADINGS[proto.tag]}({proto.body!r}, anchor={anchor!r}, "
                f"help={help!r}{divider}, wrap={proto.wrap!r})"
            )
        elif isinstance(node, et.Markdown) and proto.element_type == Markdown.DIVIDER:
            self.line(f"{parent}.divider()")
        elif isinstance(node, et.Markdown) and not proto.HasField("wrap"):
            self.badge(proto, parent, help)
        elif isinstance(node, et.Markdown):
            self.line(
                f"{parent}.{_MARKDOWN[proto.element_type]}({proto.body!r}, "
                f"unsafe_allow_html={proto.allow_html!r}, help={help!r}, wrap={proto.wrap!r})"
            )
        elif type(node) in _ALERTS:
            self.line(
                f"{parent}.{_ALERTS[type(node)]}({proto.body!r}, icon={proto.icon or None!r})"
            )
        else:
            return False
        return True

    def content(self, node, parent: str, help: str | None) -> bool:
        """Code, HTML, metrics, page links, tables and charts; False for any other element."""
        proto = node.proto
        if isinstance(node, et.Code):
            self.line(
                f"{parent}.code({proto.code_text!r}, language={proto.language!r}, "
                f"line_numbers={proto.show_line_numbers!r}, wrap_lines={proto.wrap_lines!r})"
            )
        elif isinstance(node, et.Html):
            self.line(f"{parent}.html({proto.body!r})")
        elif isinstance(node, et.Metric):
            self.line(
                f"{parent}.metric({proto.label!r}, {proto.body!r}, help={help!r}, "
                f"border={proto.show_border!r})"
            )
        elif isinstance(node, et.PageLink):
            self.line(
                f"{parent}.page_link({proto.page!r}, label={proto.label!r}, "
                f"icon={proto.icon or None!r}, help={help!r})"
            )
        elif isinstance(node, et.Table):
            self.line(f"{parent}.table({self.stored(node.value)}, hide_index={proto.hide_index!r})")
        elif isinstance(node, et.Dataframe):
            config = json.loads(proto.columns) if proto.columns else None
            self.line(
                f"{parent}.dataframe({self.stored(node.value)}, "
                f"column_order={list(proto.column_order) or None!r}, column_config={config!r}, "
                f"row_height={proto.row_height or None!r})"
            )
        elif node.type == "vega_lite_chart":
            spec, datasets = chart_parts(proto)
            data = datasets.pop("", None)
            spec["datasets"] = datasets
            # Streamlit takes the data sets out of the spec it is given: give it a copy.
            self.line(
                f"{parent}.vega_lite_chart({self.stored(data)}, spec=dict({self.stored(spec)}), "
                f"theme={proto.theme or None!r}, alt={proto.alt or None!r})"
            )
        else:
            return False
        return True

    def control(self, node, parent: str, help: str | None) -> None:
        """Buttons, containers and value widgets."""
        proto = node.proto
        if isinstance(node, et.Button):
            self.line(
                f"{parent}.button({proto.label!r}, key={node.key!r}, help={help!r}, "
                f"type={proto.type!r}, icon={proto.icon or None!r})"
            )
        elif isinstance(node, et.DownloadButton):
            if not proto.deferred_file_id:
                raise NotImplementedError("no floor for a download button with its file inline")
            # A file built on demand costs a rerun only its registration, as in the app.
            self.line(
                f"{parent}.download_button({proto.label!r}, data=lambda: b'', key={node.key!r}, "
                f"help={help!r}, type={proto.type!r}, icon={proto.icon or None!r})"
            )
        elif isinstance(node, et.Expander):
            name = f"box{next(self.names)}"
            self.line(
                f"{name} = {parent}.expander({proto.label!r}, expanded={proto.expanded!r}, "
                f"icon={proto.icon or None!r})"
            )
            self.children(node, name)
        elif isinstance(node, et.Block):
            self.block(node, parent)
        else:
            self.value_widget(node, parent, help)

    def badge(self, proto, parent: str, help: str | None) -> None:
        """st.badge writes Markdown that is not wrapped: its colour and label, from the body."""
        found = _BADGE.fullmatch(proto.body)
        if found is None:
            raise NotImplementedError(f"no floor for unwrapped Markdown: {proto.body[:80]!r}")
        colour, label = found["colour"], found["label"].replace("\\[", "[").replace("\\]", "]")
        self.line(f"{parent}.badge({label!r}, color={colour!r}, help={help!r})")

    def value_widget(self, node, parent: str, help: str | None) -> None:
        proto = node.proto
        if isinstance(node, et.Multiselect):
            self.widget(
                node,
                parent,
                f"multiselect({proto.label!r}, {list(proto.options)!r}, help={help!r}, "
                f"placeholder={proto.placeholder or None!r}, "
                f"max_selections={proto.max_selections or None!r}",
            )
        elif isinstance(node, et.Selectbox):
            self.widget(node, parent, f"selectbox({proto.label!r}, {node.options!r}, help={help!r}")
        elif isinstance(node, et.ButtonGroup):
            options = [option.content for option in proto.options]
            self.widget(
                node,
                parent,
                f"segmented_control({proto.label!r}, {options!r}, "
                f"required={proto.required!r}, help={help!r}",
            )
        elif isinstance(node, et.SelectSlider):
            self.widget(
                node,
                parent,
                f"select_slider({proto.label!r}, {list(proto.options)!r}, help={help!r}",
                value="value",
            )
        elif isinstance(node, et.NumberInput):
            number = int if proto.data_type == NumberInput.INT else float
            bounds = ", ".join(
                f"{name}={number(getattr(proto, field)) if present else None!r}"
                for name, field, present in (
                    ("min_value", "min", proto.has_min),
                    ("max_value", "max", proto.has_max),
                    ("step", "step", True),
                )
            )
            self.widget(
                node,
                parent,
                f"number_input({proto.label!r}, {bounds}, format={proto.format!r}, help={help!r}",
            )
        else:
            raise NotImplementedError(f"no floor for a {type(node).__name__} ({node.type})")

    def block(self, node: et.Block, parent: str) -> None:
        children = list(node.children.values())
        name = f"box{next(self.names)}"
        if children and all(isinstance(child, et.Column) for child in children):
            weights = [column.proto.weight for column in children]
            self.line(f"{name} = {parent}.columns({weights!r})")
            for index, column in enumerate(children):
                self.children(column, f"{name}[{index}]")
            return
        border = node.proto.flex_container.border if node.type == "flex_container" else False
        self.line(f"{name} = {parent}.container(border={border!r})")
        self.children(node, name)

    def children(self, node, parent: str) -> None:
        for child in node.children.values():
            self.node(child, parent)


_ROOTS = {"main": "st", "sidebar": "st.sidebar", "event": "st", "bottom": "st._bottom"}


class Floor:
    """The floor of the page an AppTest shows, one view per state of the widget `key`.

    `record` after each run of the page to record its output; `script` returns the floor's
    source, whose data go to `folder`. With several views, the floor shows the one recorded
    when `key` held the value it holds now (the first view, before it holds any)."""

    def __init__(self, folder: Path, key: str) -> None:
        self.folder = folder
        self.key = key
        self.data: list[object] = []
        self.names = count()
        self.views: list[tuple[Any, list[str], dict[str, list[str]]]] = []
        self.pages: list[Any] = []  # AppTest's PageInfo records, read by key
        self.url_path = ""

    def record(self, at: AppTest, url_path: str) -> Any:
        """Record the view `at` shows (opened at `url_path`); returns the floor's value of
        `key` in it, which shows this view again."""
        writer = _Writer(self.data, self.names)
        for root in at._tree.children.values():
            writer.children(root, _ROOTS[root.type])
        held = None
        for _, node in _nodes(at):
            if isinstance(node, et.Widget) and node.key == self.key:
                held = shown_value(node)
        query = {name: at.query_params[name] for name in at.query_params}
        query = {name: [v] if isinstance(v, str) else list(v) for name, v in query.items()}
        self.views.append((held, writer.lines, query))
        # AppTest keeps the pages that st.navigation registered; the default has no path.
        self.pages = list(at._registered_pages.values())
        self.url_path = url_path
        return held

    def script(self) -> str:
        """The floor's source. Its views go to a module beside it, and their tables and chart
        data to a pickle that the module reads: both are loaded once, on the first run, as the
        app's own modules are (AppTest compiles the script itself on every run)."""
        module = f"floor_{hashlib.sha256(str(self.folder).encode()).hexdigest()[:16]}"
        data_file = self.folder / "floor.pickle"
        data_file.write_bytes(pickle.dumps(self.data))
        views_file = self.folder / f"{module}.py"
        views_file.write_text(self._views(data_file), encoding="utf-8")
        return (
            "\n".join(
                [
                    "import importlib.util",
                    "import sys",
                    "",
                    "import streamlit as st",
                    "",
                    'st.set_page_config(layout="wide")',
                    f"if {module!r} not in sys.modules:",
                    f"    path = {str(views_file)!r}",
                    f"    spec = importlib.util.spec_from_file_location({module!r}, path)",
                    f"    sys.modules[{module!r}] = importlib.util.module_from_spec(spec)",
                    f"    spec.loader.exec_module(sys.modules[{module!r}])",
                    f"views = sys.modules[{module!r}]",
                    self._navigation(),
                ]
            )
            + "\n"
        )

    def _views(self, data_file: Path) -> str:
        source = [
            "import pickle",
            "from pathlib import Path",
            "",
            "import streamlit as st",
            "",
            f"DATA = pickle.loads(Path({str(data_file)!r}).read_bytes())",
            "",
        ]
        views = []
        for number, (held, lines, query) in enumerate(self.views):
            source += [
                "",
                f"def view{number}():",
                f"    if {{n: st.query_params.get_all(n) for n in st.query_params}} != {query!r}:",
                f"        st.query_params.from_dict({query!r})",
                *(f"    {line}" for line in lines),
                "",
            ]
            views.append(f"{repr(held)!r}: view{number}")
        source += [
            "",
            f"VIEWS = {{{', '.join(views)}}}",
            "",
            "",
            "def shown():",
            f"    VIEWS.get(repr(st.session_state.get({self.key!r})), view0)()",
            "",
            "",
            "def nothing():",
            "    pass",
        ]
        return "\n".join(source) + "\n"

    def _navigation(self) -> str:
        """The app's navigation: the same pages by title and hash; the one shown writes the
        recorded views, the others nothing."""
        entries = []
        for number, info in enumerate(self.pages):
            path, default = info["url_pathname"], not info["url_pathname"]
            function = "nothing"
            if info["page_script_hash"] == calc_hash(self.url_path):
                path, function = self.url_path, "shown"
            if not path:  # a default page's path is known only by its hash: a stand-in
                path = f"page{number}"
            entries.append(
                f"st.Page(views.{function}, title={info['page_name']!r}, url_path={path!r}, "
                f"default={default!r})"
            )
        if not entries:
            return "views.shown()"
        return "st.navigation([" + ", ".join(entries) + "]).run()"
