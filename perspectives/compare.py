"""Theme × perspective alignment: what the Compare view and the exports show."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from perspectives.markup import shorten
from perspectives.model import Comparison, Corpus, Document, Position, Theme, format_point


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
            notes.append(
                "Ignored unknown theme(s) in the link: "
                + ", ".join(map(shorten, self.unknown_themes))
            )
        if self.unknown_documents:
            notes.append(
                "Ignored unknown document(s) in the link: "
                + ", ".join(map(shorten, self.unknown_documents))
            )
        return notes


def _pick(
    known: Sequence[str], requested: Iterable[str] | None
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    wanted = [value.strip() for value in (requested or ()) if value.strip()]
    unknown = tuple(dict.fromkeys(value for value in wanted if value not in known))
    chosen = tuple(value for value in known if value in wanted)
    return chosen or tuple(known), unknown


#: Perspectives shown side by side when none are asked for; more would not be readable.
DEFAULT_DOCUMENTS = 6
#: Perspectives a chart shows at first (Overview, Timeline, Readability, Theme coverage): more
#: than a dozen side by side is more than a reader takes in.
CHARTED_AT_FIRST = 12
#: The most a chart shows at once: a chart of 200 perspectives would be 40,000 alignment cells
#: or a 200-row timeline that no one can read and a browser draws for many seconds.
MOST_CHARTED = 24
#: Themes on one page of the Compare view.
THEMES_PER_PAGE = 10
#: Perspectives side by side on one row; more are laid out in further, balanced rows.
PER_ROW = 4


def select(
    corpus: Corpus,
    themes: Iterable[str] | None = None,
    documents: Iterable[str] | None = None,
    first_documents: int = DEFAULT_DOCUMENTS,
) -> Selection:
    """Resolve requested ids (e.g. from a URL): unknown ones are set aside. No valid theme means
    every theme; no valid document means the first `first_documents` documents."""
    theme_ids, unknown_themes = _pick([t.id for t in corpus.themes], themes)
    document_ids, unknown_documents = _pick([d.id for d in corpus.documents], documents)
    if not any(d in document_ids for d in documents or ()):
        document_ids = document_ids[:first_documents]
    return Selection(theme_ids, document_ids, unknown_themes, unknown_documents)


#: Digits of the longest page number a link may give; any longer number is past the last page.
_PAGE_DIGITS = 9


def charted_documents(corpus: Corpus, requested: Iterable[str] | None = None) -> Selection:
    """The perspectives a page's charts show (`document_ids`): those requested (e.g. by a link)
    that exist, at most MOST_CHARTED, in corpus order; the first CHARTED_AT_FIRST when none of
    them exists. Unknown ones are set aside, to be noticed."""
    chosen = select(corpus, documents=requested, first_documents=CHARTED_AT_FIRST)
    return replace(chosen, document_ids=chosen.document_ids[:MOST_CHARTED])


def page_from_link(value: str | None) -> int | None:
    """The page a link's `?page=` asks for: 1 when it asks for none, None when the value is not
    a plain number ("²", "-1", "two"), which the page then ignores with a notice."""
    if value is None:
        return 1
    text = value.strip()
    if not (text.isascii() and text.isdigit()):
        return None
    return int(text) if len(text) <= _PAGE_DIGITS else 10**_PAGE_DIGITS


def row_sizes(count: int, per_row: int = PER_ROW) -> list[int]:
    """How many perspectives each row holds: as few rows as `per_row` allows, filled evenly, so
    that no perspective sits alone on a row (5 → 3 + 2, 9 → 3 + 3 + 3)."""
    if count <= 0:
        return []
    rows = -(-count // per_row)
    size, larger = divmod(count, rows)
    return [size + 1] * larger + [size] * (rows - larger)


def reference_first(selection: Selection, document_id: str | None) -> Selection:
    """The selection with one perspective moved to the front, as the one the others are read
    against; unchanged when it is not selected."""
    if document_id not in selection.document_ids:
        return selection
    others = tuple(d for d in selection.document_ids if d != document_id)
    return replace(selection, document_ids=(document_id, *others))


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
        authors = ", ".join(corpus.document(doc_id).by for doc_id in selection.document_ids)
        document_part = f"{documents} of {len(corpus.documents)} perspectives ({authors})"
    return f"Showing {theme_part} across {document_part}."


@dataclass(frozen=True)
class ThemeComparison:
    theme: Theme
    comparison: Comparison
    columns: tuple[tuple[Document, Position], ...]
    uncurated: tuple[Document, ...] = ()  # selected documents with no position on the theme


def compare(corpus: Corpus, selection: Selection) -> list[ThemeComparison]:
    """One entry per selected theme, each with the selected documents' positions side by side."""
    documents = [corpus.document(doc_id) for doc_id in selection.document_ids]
    items = []
    for theme_id in selection.theme_ids:
        found = [(doc, corpus.find_position(theme_id, doc.id)) for doc in documents]
        items.append(
            ThemeComparison(
                theme=corpus.theme(theme_id),
                comparison=corpus.comparison(theme_id),
                columns=tuple((doc, pos) for doc, pos in found if pos is not None),
                uncurated=tuple(doc for doc, pos in found if pos is None),
            )
        )
    return items


def scale_point(theme: Theme, position: Position) -> str:
    """Where a position sits on its theme's scale, in words: '+1, Keep the pressure
    (confidence: medium)'; empty when the theme has no scale or the author does not address it."""
    if position.scale_value is None:
        return ""
    label = theme.scale_label(position.scale_value)
    return f"{format_point(position.scale_value)}, {label} (confidence: {position.confidence})"
