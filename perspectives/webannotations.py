"""Quotes as W3C Web Annotations: one JSON-LD `AnnotationCollection` that any annotation tool
(Hypothesis, Recogito, an IIIF viewer) can read back onto the texts.

Each quote is an annotation that tags its passage with the theme and, when the position has one,
the scale point. Its target names the text by its address (or, for a text without one, a URN
that stays the same from export to export) and locates the passage twice, as the model does: by
its exact words with a little context (`TextQuoteSelector`), and by its start and end in the
captured text, counted in Unicode code points (`TextPositionSelector`).
"""

from __future__ import annotations

import json
import uuid
from typing import TYPE_CHECKING, Any

from perspectives.model import Position, Quote, Source, Theme, format_point

if TYPE_CHECKING:  # export imports this module to render; the types are all it needs back
    from perspectives.export import Export

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
#: The UUID namespace of every corpus's items: itself a name-based UUID, of the project's name.
_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "perspectives:corpus")


def item_uuid(corpus_title: str, *parts: str) -> uuid.UUID:
    """A name for one item of a corpus that every export of it repeats: a UUID made (version 5)
    from the corpus's title and the item's kind and ids, so a tool that imports two exports of
    the same corpus sees the same items, not copies."""
    corpus = uuid.uuid5(_NAMESPACE, corpus_title)
    return uuid.uuid5(corpus, "/".join(parts))


def document_iri(corpus_title: str, source: Source) -> str:
    """The text's address, or a stable URN for a text that has none."""
    return source.url or item_uuid(corpus_title, "document", source.id).urn


def selectors(quote: Quote) -> list[dict[str, Any]]:
    """Where the quote is: its words with their context, and its offsets in code points."""
    anchor = quote.anchor
    return [
        {
            "type": "TextQuoteSelector",
            "exact": anchor.exact,
            "prefix": anchor.prefix,
            "suffix": anchor.suffix,
        },
        {"type": "TextPositionSelector", "start": anchor.start, "end": anchor.end},
    ]


def _bodies(theme: Theme, position: Position) -> list[dict[str, Any]]:
    """The theme as a tag; the position's stance and, when it has one, its scale point."""
    bodies = [
        {"type": "TextualBody", "purpose": "tagging", "value": theme.label},
        {"type": "TextualBody", "purpose": "describing", "value": position.stance},
    ]
    if position.scale_value is not None:
        point = format_point(position.scale_value)
        label = theme.scale_label(position.scale_value)
        bodies.append(
            {"type": "TextualBody", "purpose": "classifying", "value": f"{point} {label}".strip()}
        )
    return bodies


def annotation(
    corpus_title: str, theme: Theme, source: Source, position: Position, quote: Quote
) -> dict[str, Any]:
    """One quote as an annotation."""
    anchor = quote.anchor
    name = item_uuid(corpus_title, "quote", theme.id, source.id, f"{anchor.start}-{anchor.end}")
    return {
        "id": name.urn,
        "type": "Annotation",
        "motivation": "tagging",
        "body": _bodies(theme, position),
        "target": {"source": document_iri(corpus_title, source), "selector": selectors(quote)},
    }


def collection(export: Export) -> dict[str, Any]:
    """Every quote of the export, theme by theme, as one annotation collection."""
    title = export.meta.title
    items = [
        annotation(title, item.theme, export.source(position.document_id), position, quote)
        for item in export.themes
        for position in item.positions
        for quote in position.quotes
    ]
    creators = [{"type": "Person", "name": name} for name in export.meta.curators]
    return {
        "@context": CONTEXT,
        "id": item_uuid(title, "annotations", export.meta.version).urn,
        "type": "AnnotationCollection",
        "label": f"{title} (version {export.meta.version}): {export.scope}",
        **({"creator": creators} if creators else {}),
        "total": len(items),
        "first": {"type": "AnnotationPage", "startIndex": 0, "items": items},
    }


def to_w3c(export: Export) -> str:
    return json.dumps(collection(export), ensure_ascii=False, indent=2) + "\n"
