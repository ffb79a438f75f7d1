"""The frame every page shares, drawn once by app.py: the reload control, loading the corpus,
the error panel for a corpus that cannot be shown, and the footer with its provenance."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import streamlit as st

from perspectives import cite, csl, memo, store
from perspectives.corpus import forget, load
from perspectives.corpus import stamp as files_stamp
from perspectives.markup import escape_markdown
from perspectives.model import Corpus, CorpusError, Problem, tally, visible
from perspectives.paths import corpus_dir, curation_mode
from perspectives.ui import widgets


@dataclass(frozen=True)
class LoadResult:
    corpus: Corpus | None
    problems: tuple[Problem, ...] = ()


def _arguments() -> argparse.Namespace:
    """The app's own options, after `--` on the `streamlit run app.py` command line."""
    return _parsed(tuple(sys.argv[1:]))


@memo.by_content(max_size=1 << 16, max_entries=4)  # asked on every rerun, of the same argv
def _parsed(argv: tuple[str, ...]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("--data")
    parser.add_argument("--curate", action="store_true")
    known, _ = parser.parse_known_args(argv)
    return known


def data_dir() -> Path:
    """The corpus: `streamlit run app.py -- --data DIR`, else $PERSPECTIVES_DATA, else data/."""
    return corpus_dir(_arguments().data)


def curating() -> bool:
    """Whether this server offers the Curate page: `-- --curate` or $PERSPECTIVES_CURATE=1."""
    return curation_mode(_arguments().curate)


# A resource, not data: the corpus is immutable, so every session can share the one object
# instead of unpickling a copy of it on every rerun.
@st.cache_resource(show_spinner=False, max_entries=8)
def cached_load(root: str, stamp: tuple) -> LoadResult:
    """The corpus in `root` once per `stamp` (see files_stamp): the one a save has just checked
    when the files are as that save left them, else loaded from them."""
    saved = store.saved_corpus(root, stamp)
    if saved is not None:
        return LoadResult(saved)
    try:
        return LoadResult(load(root))
    except CorpusError as error:
        return LoadResult(None, error.problems)


def clear_caches() -> None:
    """Forget every corpus and the work kept from loading one: files are read afresh."""
    st.cache_resource.clear()
    st.cache_data.clear()
    forget()
    memo.release()


#: The app's own style rules (no corpus text): a chart wider than a phone's screen scrolls
#: sideways inside its own box instead of widening the page; corpus text that says its direction
#: starts at its own side (Streamlit aligns every block left), and a right-to-left block quote
#: has its rule on the right.
STYLE = (
    "<style>[data-testid='stVegaLiteChart']{max-width:100%;overflow-x:auto}"
    "[dir]{text-align:start}"
    "blockquote[dir='rtl']{border-left:0;padding-left:0;padding-right:12px;"
    "border-right:2px solid color-mix(in srgb,currentColor 20%,transparent)}</style>"
)


def style() -> None:
    st.html(STYLE)


#: The Reload corpus button's widget key, and how many times this session pressed it.
RELOAD_KEY = "reload_corpus"
RELOADS_KEY = "reloads"


def reloads() -> int:
    """How many times this session asked to read the files again: a page that keeps what it
    read (Curate's tables) reads them again when this changes."""
    return int(st.session_state.get(RELOADS_KEY, 0))


def _reload() -> None:
    clear_caches()
    st.session_state[RELOADS_KEY] = reloads() + 1


def reload_control() -> None:
    """The one control that reads the corpus files again, for every page: edits the file
    stamps miss, and on the Curate page the tables a save is computed from."""
    st.sidebar.button(
        "Reload corpus",
        key=RELOAD_KEY,
        icon=":material/refresh:",
        on_click=_reload,
        help="Read the corpus files again. Edits are normally picked up on their own; use this "
        "if one does not show. On the Curate page, edits not yet saved stay in the forms.",
    )


def load_corpus() -> LoadResult:
    """The corpus, parsed once per version of its files, or the problems that stop it."""
    root = data_dir()
    return cached_load(str(root), files_stamp(root))


def heading(title: str, corpus: Corpus | None) -> None:
    """The page's title, and the corpus it shows."""
    st.title(title)
    if corpus is not None:
        st.caption(escape_markdown(corpus.meta.title))


def error_panel(problems: tuple[Problem, ...]) -> None:
    """Why the corpus cannot be shown: every problem, counted and listed as `validate` does,
    warnings marked as such, in a table that wraps long hints instead of cutting them off."""
    root = data_dir()
    st.error(
        f"The corpus in {escape_markdown(str(root))} has {tally(problems)} and "
        "cannot be shown. Fix them and press Reload corpus"
        + (" (or fix them on the Curate page)" if curating() else "")
        + "; `python -m perspectives validate` lists the same."
    )
    widgets.literal_table(problems_table(problems).map(visible))


def problems_table(problems: Sequence[Problem]) -> pd.DataFrame:
    """Problems as the validator reports them, one row each, for a table on a page."""
    return pd.DataFrame(
        [
            {
                "": "⚠️ warning" if p.severity == "warning" else "error",
                "file": p.file,
                "row": "" if p.row is None else str(p.row),
                "column": p.column or "",
                "problem": p.message,
                "how to fix": p.hint,
            }
            for p in problems
        ]
    )


#: Sources the footer lists one by one; a larger corpus's are listed in its citations only.
SOURCES_LISTED = 12


def footer(corpus: Corpus) -> None:
    """Provenance on every page: the corpus, its version, curators, date, licence and description,
    each source, and citations ready to copy."""
    meta = corpus.meta
    st.divider()
    curators = ", ".join(meta.curators) or "not stated"
    st.caption(
        f"Corpus: {escape_markdown(meta.title)} · version {escape_markdown(meta.version)} · "
        f"curated by {escape_markdown(curators)}"
        + (f" · {escape_markdown(meta.created.display())}" if meta.created else "")
        + (f" · {escape_markdown(meta.license)}" if meta.license else "")
    )
    if meta.description:
        st.caption(escape_markdown(meta.description))
    # One element for every source, and one code block for each form of their citations: a
    # page of a 200-document corpus would otherwise end in 800 elements for the browser to draw.
    # Past a dozen, the sources are listed once, in the citations below.
    # Small but not faded: a caption would fade the source's address, a link, below the
    # contrast its text needs.
    if len(corpus.documents) > SOURCES_LISTED:
        st.markdown(
            f":small[{len(corpus.documents)} sources, each cited under *About this corpus*.]"
        )
    else:
        st.markdown(
            "  \n".join(
                ":small[Source: " + escape_markdown(cite.document_text(document)) + "]"
                for document in corpus.documents
            )
        )
    with st.expander("About this corpus: how to cite it", icon=":material/format_quote:"):
        st.caption("Cite the corpus version for the curated tables, and each source you quote.")
        version, *sources = cite.citations(corpus)
        st.markdown(f"**{escape_markdown(version.label)}**")
        st.code(version.text, language=None, wrap_lines=True)
        st.code(version.bibtex, language="bibtex", wrap_lines=True)
        if sources:
            st.markdown("**The sources**" if len(sources) > 1 else "**The source**")
            st.code("\n\n".join(c.text for c in sources), language=None, wrap_lines=True)
            st.code("\n\n".join(c.bibtex for c in sources), language="bibtex", wrap_lines=True)
            st.code(csl.to_csl_json(corpus.documents), language="json", wrap_lines=True)
