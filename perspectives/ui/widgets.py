"""What more than one page uses: the one way to keep a page's view (`kept_view`, and
`kept_chart` over it), widgets kept in the URL (`url_bound`, and the id filters over it), a
perspective's byline, a quote's citation and context, the theme legend, and the events between
the texts."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import partial, wraps
from itertools import count
from typing import Any, Generic, ParamSpec, TypeVar, cast, overload

import pandas as pd
import streamlit as st
from streamlit.delta_generator import DeltaGenerator
from streamlit.elements import vega_charts

from perspectives import compare, palette, reader, timeline
from perspectives.language import isolate
from perspectives.markup import escape_markdown
from perspectives.memo import PerObject
from perspectives.model import Corpus, Document
from perspectives.ui import charts, links

Arguments = ParamSpec("Arguments")
Result = TypeVar("Result")

#: Views each function of a page keeps (a chart, a table), one for each set of filters asked
#: for lately. On a 200-document corpus the largest is a few megabytes.
KEPT_VIEWS = 16

_SERIALS = count()


@PerObject
def version(corpus: Corpus) -> int:
    """The serial number of a loaded corpus object, never given twice. Each version of the files
    is loaded once, into one object every session shares (frame.cached_load), so it changes with
    the files; unlike the files' stamps, it costs nothing to make or to hash on every rerun."""
    return next(_SERIALS)


#: How a kept view's arguments are told apart, beyond Streamlit's hashing of plain values: a
#: corpus by its version; a document by its content (Python's hash of a frozen dataclass, which
#: reuses the hash its text keeps once computed).
_HASHED: dict[Any, Callable[[Any], Any]] = {Corpus: version, Document: hash}


@overload
def kept_view(build: Callable[Arguments, Result], /) -> Callable[Arguments, Result]: ...


@overload
def kept_view(
    *, max_entries: int = KEPT_VIEWS, spinner: str = ""
) -> Callable[[Callable[Arguments, Result]], Callable[Arguments, Result]]: ...


def kept_view(
    build: Callable[..., Any] | None = None,
    /,
    *,
    max_entries: int = KEPT_VIEWS,
    spinner: str = "",
) -> Any:
    """Decorates a function that builds what a page shows from the corpus and its filters: the
    result is kept for every session, once per version of the corpus and set of the other
    arguments, the `max_entries` most recently asked for; Reload corpus lets go of them all. The
    corpus is an ordinary argument, told apart by `version`. A `spinner` says what is being
    built while a long build runs (none by default: most views take only a moment)."""

    def decorate(function: Callable[..., Any]) -> Callable[..., Any]:
        return cast(
            Callable[..., Any],
            st.cache_resource(
                show_spinner=spinner or False, max_entries=max_entries, hash_funcs=_HASHED
            )(function),
        )

    return decorate if build is None else decorate(build)


@dataclass(frozen=True)
class Chart:
    """A chart, and the same content as a table when the page does not already show it."""

    figure: charts.Figure
    table: pd.DataFrame | None = None


@dataclass(frozen=True)
class KeptChart:
    """A chart as st.altair_chart sends it: the Vega-Lite specification, its data already in
    Arrow form; and its table, made ready for `ready_table`."""

    spec: dict[str, Any]
    table: pd.DataFrame | None


def kept_chart(build: Callable[Arguments, Chart]) -> Callable[Arguments, KeptChart]:
    """Decorates a function that builds a chart from the corpus and a page's filters: the chart
    is built and turned into Vega-Lite once per set of arguments and kept (`kept_view`), so
    that a rerun pays only for sending it."""

    @wraps(build)
    def specified(*args: Arguments.args, **kwargs: Arguments.kwargs) -> KeptChart:
        chart = build(*args, **kwargs)
        table = None if chart.table is None else ready(chart.table)
        return KeptChart(vega_lite_spec(chart.figure), table)

    return kept_view(specified)


def vega_lite_spec(figure: charts.Figure) -> dict[str, Any]:
    """What st.altair_chart runs on every call, by the private Streamlit function it calls: the
    one use of it here, which tests/test_streamlit_private.py checks against st.altair_chart."""
    return vega_charts._convert_altair_to_vega_lite_spec(figure)


def chart(kept: KeptChart, description: str) -> None:
    """A kept chart with its text alternative: a one-line `description` for screen readers, and
    its table, if any, a click away."""
    # Every session shares the kept specification: Streamlit gets its own copy of the top
    # level, which is where it edits one (it takes the datasets out).
    st.vega_lite_chart(dict(kept.spec), width="stretch", alt=description)
    if kept.table is not None:
        with st.expander("The chart as a table"):
            ready_table(kept.table)


#: The most cells a table is shown with as a static table, which wraps its text to the page's
#: width; a larger one is a scrolling grid. Chromium takes 1.6 s to draw a static table of
#: 100 rows × 18 columns on two cores, and 0.4 s to draw the grid.
STATIC_CELLS = 400


def _static(table: pd.DataFrame) -> bool:
    return table.size <= STATIC_CELLS


def ready(table: pd.DataFrame) -> pd.DataFrame:
    """`table` ready for `ready_table`: a static one with every cell and header escaped, since
    st.table renders Markdown and each must show as itself; a grid's, which shows text as it
    is, unchanged. Pages keep tables this way, made once per set of filters."""
    if not _static(table):
        return table
    result = table.map(escape_markdown)
    result.columns = [escape_markdown(str(column)) for column in table.columns]
    return result


def ready_table(table: pd.DataFrame) -> None:
    """A table made `ready`: static up to STATIC_CELLS cells, else a scrolling grid."""
    if _static(table):
        st.table(table, hide_index=True)
    else:
        st.dataframe(table, hide_index=True, width="stretch")


def literal_table(table: pd.DataFrame) -> None:
    """A table whose every cell and header shows as itself, however many there are."""
    ready_table(ready(table))


Start = TypeVar("Start")
Chosen = TypeVar("Chosen")


@dataclass(frozen=True)
class Linked(Generic[Start]):
    """What a link asks a widget to start from, and a notice for each thing it asked for that
    cannot be shown."""

    start: Start
    notices: Sequence[str] = ()


def url_bound(
    parameter: str,
    key: str,
    linked: Callable[[list[str]], Linked[Any]],
    draw: Callable[[str], Chosen],
    written: Callable[[Chosen], Sequence[str]],
) -> Chosen:
    """A widget kept in the URL, so that a view can be shared: on a session's first run it
    starts from what the link's `parameter` asks for (`linked`, given its values), each thing
    it asked for that cannot be shown gets a visible notice, the widget is drawn under `key`
    (`draw`), and its choice is written back to the parameter (`written`; none removes it)."""
    opened = linked(st.query_params.get_all(parameter))
    for notice in opened.notices:
        st.warning(escape_markdown(notice), icon="⚠️")
    st.session_state.setdefault(key, opened.start)
    chosen = draw(key)
    values = list(written(chosen))
    if st.query_params.get_all(parameter) != values:
        if values:
            st.query_params[parameter] = values
        else:
            del st.query_params[parameter]
    return chosen


def id_multiselect(
    parameter: str,
    label: str,
    choices: dict[str, str],
    key: str,
    linked: Callable[[list[str]], Linked[tuple[str, ...]]],
    unwritten: Iterable[str] = (),
    as_chosen: bool = False,
    **options: Any,
) -> tuple[str, ...]:
    """A sidebar multiselect of ids shown by their labels, kept in the URL's `parameter`
    (`url_bound`), which is left out when the choice is `unwritten` (every one, say); returns
    the chosen ids in the order of `choices`, or (`as_chosen`) in the order they were chosen,
    a link's first."""

    def draw(key: str) -> tuple[str, ...]:
        chosen = st.sidebar.multiselect(
            label, list(choices), format_func=choices.__getitem__, key=key, **options
        )
        return tuple(chosen) if as_chosen else tuple(c for c in choices if c in chosen)

    def opened(asked: list[str]) -> Linked[list[str]]:
        found = linked(asked)
        return Linked(list(found.start), found.notices)  # a multiselect's state is a list

    return url_bound(
        parameter,
        key,
        opened,
        draw,
        lambda chosen: [] if chosen == tuple(unwritten) else chosen,
    )


def linked_themes(corpus: Corpus, asked: list[str]) -> Linked[tuple[str, ...]]:
    """The themes a link asks for (every theme when it names none it knows), with notices."""
    selection = compare.select(corpus, asked)
    return Linked(selection.theme_ids, selection.notices())


def linked_documents(selection: compare.Selection) -> Linked[tuple[str, ...]]:
    """The documents of a selection made from a link's ids (`compare.select` and its kin),
    with a notice of the ids it does not know."""
    return Linked(selection.document_ids, selection.notices())


def theme_filter(corpus: Corpus, key: str, **options: Any) -> tuple[str, ...]:
    """The sidebar's theme filter: opened from `?theme=` (an unknown id gets a notice), written
    back to it, and every theme when the link names none."""
    choices = theme_choices(corpus)
    return id_multiselect(
        links.THEME, "Themes", choices, key, partial(linked_themes, corpus), choices, **options
    )


def perspective_filter(corpus: Corpus, key: str, where: str) -> tuple[str, ...]:
    """The sidebar's perspective filter of a page whose charts grow with the perspectives: opened
    from `?doc=` (an unknown id gets a notice) and written back to it, with no parameter for the
    first ones, charted by default; at most compare.MOST_CHARTED at once. `where` names what
    shows the chosen perspectives ("the charts")."""
    return id_multiselect(
        links.DOC,
        "Perspectives",
        document_choices(corpus),
        key,
        lambda asked: linked_documents(compare.charted_documents(corpus, asked)),
        compare.charted_documents(corpus).document_ids,
        max_selections=compare.MOST_CHARTED,
        help=f"The perspectives shown in {where}, up to {compare.MOST_CHARTED} at once.",
    )


def charted_caption(corpus: Corpus, document_ids: Sequence[str], where: str) -> None:
    """Says, when the perspective filter leaves some out, how many are shown in `where` and
    how to see the others."""
    if len(document_ids) < len(corpus.documents):
        st.caption(
            f"Showing {len(document_ids)} of {len(corpus.documents)} perspectives in {where}; "
            f"choose others in the sidebar, up to {compare.MOST_CHARTED} at once."
        )


Choice = TypeVar("Choice", bound=str)


def choice(
    label: str,
    choices: Mapping[Choice, str],
    key: str,
    where: DeltaGenerator | None = None,
    **options: Any,
) -> Choice:
    """A select box over `choices` (value → what the reader sees), in `where` or the page's
    main area; always returns a value."""
    select = st.selectbox if where is None else where.selectbox
    picked = select(label, list(choices), format_func=choices.__getitem__, key=key, **options)
    return picked if picked is not None else next(iter(choices))


def theme_choices(corpus: Corpus) -> dict[str, str]:
    return {theme.id: theme.label for theme in corpus.themes}


def document_choices(corpus: Corpus) -> dict[str, str]:
    return {document.id: document.perspective for document in corpus.documents}


def byline(document: Document) -> str:
    """Markdown header of a perspective: the curator's label when there is one (the name the
    perspective has in chips and legends), author, country, affiliation, date (all escaped)."""
    label = f"**{escape_markdown(document.label)}** · " if document.label else ""
    return (
        f"{label}**{escape_markdown(document.by)}** · {escape_markdown(document.country)}  \n"
        f"{escape_markdown(document.affiliation)} · {escape_markdown(document.published.display())}"
    )


def citation(document: Document, page: int | None = None) -> str:
    """Short Markdown citation under a quote, with its page in a PDF's text; the full reference
    is in the footer."""
    return (
        f"— {isolate(escape_markdown(document.by))}, *{isolate(escape_markdown(document.title))}* "
        f"\\({escape_markdown(document.published.display())}\\)"
        + (f", p\\. {page}" if page is not None else "")
    )


def show_in_context(document: Document, highlight: reader.Highlight) -> None:
    """Under a quote elsewhere: its paragraph with the quote marked, and a link to the reader."""
    quote = highlight.quote
    with st.expander("Show in context"):
        context = reader.context_html(document, highlight) + reader.translation_html(quote)
        st.markdown(context, unsafe_allow_html=True)
        address = links.source_url(quote.document_id, quote.theme_id, highlight.anchor_id)
        st.markdown(f"[Open in the source reader]({address})")


def theme_legend(corpus: Corpus, theme_ids: Sequence[str]) -> None:
    """The colour of each highlighted theme, and how text that is not the author's looks."""
    colours = palette.theme_colours([theme.id for theme in corpus.themes])
    swatches = [(corpus.theme(theme_id).label, colours[theme_id]) for theme_id in theme_ids]
    st.markdown(
        reader.legend_html(swatches, excluded_label=reader.EXCLUDED_TITLE.lower()),
        unsafe_allow_html=True,
    )


def between_texts(corpus: Corpus, document_ids: Sequence[str], theme_id: str) -> None:
    """The events on this theme between the earliest and latest of these texts."""
    window = timeline.publication_window(corpus, document_ids)
    if window is None:
        return
    events = timeline.events_between(corpus, document_ids, theme_id)
    with st.expander("Between these texts"):
        st.caption(escape_markdown(f"Curated events on this theme {window.describe()}."))
        if not events:
            st.caption("No curated event on this theme falls between these texts.")
        for event in events:
            when = escape_markdown(event.date.display())
            lines = [f"**{when}** · {escape_markdown(event.label)}"]
            if event.description:
                lines.append(escape_markdown(event.description))
            st.markdown("  \n".join(lines))
            notes = [f"Date from: {event.date_source}"] if event.date_source else []
            authors = [corpus.document(document_id).author for document_id in event.document_ids]
            if authors:
                notes.append("Referred to by " + " and ".join(authors))
            if notes:
                st.caption(escape_markdown(" · ".join(notes)))
