"""What every page shares: the cached corpus, the error panel, the footer."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn

import pandas as pd
import streamlit as st

from perspectives import cite, coverage
from perspectives.corpus import CorpusError, Problem, load
from perspectives.markup import escape_markdown
from perspectives.model import Corpus, Document
from perspectives.paths import corpus_dir


@dataclass(frozen=True)
class LoadResult:
    corpus: Corpus | None
    problems: tuple[Problem, ...] = ()


def data_dir() -> Path:
    """The corpus: `streamlit run app.py -- --data DIR`, else $PERSPECTIVES_DATA, else data/."""
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("--data")
    known, _ = parser.parse_known_args(sys.argv[1:])
    return corpus_dir(known.data)


def files_stamp(root: Path) -> tuple[tuple[str, int, int], ...]:
    """Names, sizes and modification times of the corpus files: changes whenever a file does."""
    if not root.is_dir():
        return ()
    return tuple(
        sorted(
            (str(p.relative_to(root)), p.stat().st_size, p.stat().st_mtime_ns)
            for p in root.rglob("*")
            if p.is_file()
        )
    )


def corpus_key(corpus: Corpus) -> tuple:
    """Keys a cache of work derived from the corpus: its folder and the stamps of its files."""
    return (corpus.root, files_stamp(Path(corpus.root)))


def tagged_sentences(corpus: Corpus) -> tuple[coverage.TaggedSentence, ...]:
    """Every body sentence with its lexicon hits, tagged once per corpus version for all pages."""
    return coverage.tag(corpus)  # kept by the core for as long as the cached corpus lives


# A resource, not data: the corpus is immutable, so every session can share the one object
# instead of unpickling a copy of it on every rerun.
@st.cache_resource(show_spinner=False, max_entries=8)
def cached_load(root: str, stamp: tuple) -> LoadResult:
    """The corpus in `root`, loaded once per `stamp` (see files_stamp)."""
    try:
        return LoadResult(load(root))
    except CorpusError as error:
        return LoadResult(None, error.problems)


def clear_caches() -> None:
    st.cache_resource.clear()
    st.cache_data.clear()


def reload_control() -> None:
    """A sidebar button that reads the corpus files again, for edits the file stamps miss."""
    st.sidebar.button(
        "Reload corpus",
        key="reload_corpus",
        icon=":material/refresh:",
        on_click=clear_caches,
        help="Read the corpus files again. Edits are normally picked up on their own; use this "
        "if one does not show.",
    )


def current_corpus() -> Corpus:
    """The corpus, parsed once per version of its files; stops with a panel if it is broken."""
    reload_control()
    root = data_dir()
    result = cached_load(str(root), files_stamp(root))
    if result.corpus is None:
        show_problems(root, result.problems)
        st.stop()
    return result.corpus


def empty_state(corpus: Corpus, message: str) -> NoReturn:
    """Say why the page has nothing to show (`message` is the app's own Markdown), end it with
    the footer, and stop the run."""
    st.info(message)
    footer(corpus)
    st.stop()


def show_problems(root: Path, problems: tuple[Problem, ...]) -> None:
    st.error(
        f"The corpus in {escape_markdown(str(root))} has {len(problems)} problem(s) and "
        "cannot be shown. Fix them and press Reload corpus; "
        "`python -m perspectives validate` lists the same."
    )
    table = pd.DataFrame(
        [
            {
                "file": p.file,
                "row": "" if p.row is None else str(p.row),
                "column": p.column or "",
                "problem": p.message,
                "how to fix": p.hint,
                "severity": p.severity,
            }
            for p in problems
        ]
    )
    st.dataframe(table, hide_index=True, width="stretch")


def id_multiselect(
    label: str, choices: dict[str, str], key: str, initial: Sequence[str], **options: Any
) -> tuple[str, ...]:
    """A sidebar multiselect of ids shown by their labels, starting from `initial` (the ids a link
    asked for) on a session's first run; returns the chosen ids in the order of `choices`."""
    st.session_state.setdefault(key, list(initial))
    chosen = st.sidebar.multiselect(
        label, list(choices), format_func=choices.__getitem__, key=key, **options
    )
    return tuple(choice for choice in choices if choice in chosen)


def theme_choices(corpus: Corpus) -> dict[str, str]:
    return {theme.id: theme.label for theme in corpus.themes}


def document_choices(corpus: Corpus) -> dict[str, str]:
    return {document.id: document.perspective for document in corpus.documents}


def sync_query_params(wanted: dict[str, list[str]]) -> None:
    """Write each parameter's values into the URL; an empty list removes the parameter."""
    for name, values in wanted.items():
        if st.query_params.get_all(name) != values:
            if values:
                st.query_params[name] = values
            else:
                del st.query_params[name]


def byline(document: Document) -> str:
    """Markdown header of a perspective: author, affiliation, country, date (all escaped)."""
    return (
        f"**{escape_markdown(document.author)}** · {escape_markdown(document.country)}  \n"
        f"{escape_markdown(document.affiliation)} · {escape_markdown(document.published.display())}"
    )


def citation(document: Document) -> str:
    """Short Markdown citation under a quote; the full reference is in the footer."""
    return (
        f"— {escape_markdown(document.author)}, *{escape_markdown(document.title)}* "
        f"\\({escape_markdown(document.published.display())}\\)"
    )


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
    for document in corpus.documents:
        st.caption("Source: " + escape_markdown(cite.document_text(document)))
    with st.expander("About this corpus: how to cite it", icon=":material/format_quote:"):
        st.caption("Cite the corpus version for the curated tables, and each source you quote.")
        for citation in cite.citations(corpus):
            st.markdown(f"**{escape_markdown(citation.label)}**")
            st.code(citation.text, language=None, wrap_lines=True)
            st.code(citation.bibtex, language="bibtex", wrap_lines=True)
