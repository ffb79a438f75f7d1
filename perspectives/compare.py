"""Theme × perspective alignment: what the Compare view and the exports show."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import pandas as pd

from perspectives.model import Comparison, Corpus, Document, Position, Theme


@dataclass(frozen=True)
class Selection:
    """Themes and documents to show, in corpus order, and requested ids that do not exist."""

    theme_ids: tuple[str, ...]
    document_ids: tuple[str, ...]
    unknown_themes: tuple[str, ...] = ()
    unknown_documents: tuple[str, ...] = ()

    def notices(self) -> list[str]:
        """Plain-language notes on what a link asked for that the corpus does not have."""
        notes = []
        if self.unknown_themes:
            notes.append("Ignored unknown theme(s) in the link: " + ", ".join(self.unknown_themes))
        if self.unknown_documents:
            notes.append(
                "Ignored unknown document(s) in the link: " + ", ".join(self.unknown_documents)
            )
        return notes


def _pick(
    known: Sequence[str], requested: Iterable[str] | None
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    wanted = [value.strip() for value in (requested or ()) if value.strip()]
    unknown = tuple(dict.fromkeys(value for value in wanted if value not in known))
    chosen = tuple(value for value in known if value in wanted)
    return chosen or tuple(known), unknown


def select(
    corpus: Corpus,
    themes: Iterable[str] | None = None,
    documents: Iterable[str] | None = None,
) -> Selection:
    """Resolve requested ids (e.g. from a URL): unknown ones are set aside; none valid means all."""
    theme_ids, unknown_themes = _pick([t.id for t in corpus.themes], themes)
    document_ids, unknown_documents = _pick([d.id for d in corpus.documents], documents)
    return Selection(theme_ids, document_ids, unknown_themes, unknown_documents)


def describe(corpus: Corpus, selection: Selection) -> str:
    """The filter in words, so the page says what it is showing."""
    themes = len(selection.theme_ids)
    documents = len(selection.document_ids)
    if themes == len(corpus.themes):
        theme_part = f"all {themes} themes"
    else:
        labels = ", ".join(corpus.theme(theme_id).label for theme_id in selection.theme_ids)
        theme_part = f"{themes} of {len(corpus.themes)} themes ({labels})"
    if documents == len(corpus.documents):
        document_part = f"all {documents} perspectives"
    else:
        authors = ", ".join(corpus.document(doc_id).author for doc_id in selection.document_ids)
        document_part = f"{documents} of {len(corpus.documents)} perspectives ({authors})"
    return f"Showing {theme_part} across {document_part}."


@dataclass(frozen=True)
class ThemeComparison:
    theme: Theme
    comparison: Comparison
    columns: tuple[tuple[Document, Position], ...]


def compare(corpus: Corpus, selection: Selection) -> list[ThemeComparison]:
    """One entry per selected theme, each with the selected documents' positions side by side."""
    documents = [corpus.document(doc_id) for doc_id in selection.document_ids]
    return [
        ThemeComparison(
            theme=corpus.theme(theme_id),
            comparison=corpus.comparison(theme_id),
            columns=tuple((doc, corpus.position(theme_id, doc.id)) for doc in documents),
        )
        for theme_id in selection.theme_ids
    ]


def positions_table(corpus: Corpus, selection: Selection) -> pd.DataFrame:
    """The comparison as a flat table: one row per theme × document."""
    rows = [
        {
            "theme_id": item.theme.id,
            "theme": item.theme.label,
            "agreement": item.comparison.agreement,
            "document_id": document.id,
            "author": document.author,
            "country": document.country,
            "published": document.published.isoformat(),
            "coverage": position.coverage,
            "stance": position.stance,
            "summary": position.summary,
            "rationale": position.rationale,
            "quotes": len(position.quotes),
        }
        for item in compare(corpus, selection)
        for document, position in item.columns
    ]
    return pd.DataFrame(rows)
