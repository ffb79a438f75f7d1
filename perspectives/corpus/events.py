"""Events, each with the authors' words that refer to it anchored in their texts."""

from __future__ import annotations

from collections import defaultdict

from perspectives.corpus.cells import arguments
from perspectives.corpus.checker import Checker, Row
from perspectives.corpus.quotes import anchored
from perspectives.model import Document, Event, EventQuote
from perspectives.schema import EVENT_QUOTES, EVENTS


def build_events(
    checker: Checker, rows: list[Row], quote_rows: list[Row], documents: dict[str, Document]
) -> tuple[Event, ...]:
    """Events in file order, each with its anchored quotes; one no text quotes needs a source."""
    quotes: dict[str, list[EventQuote]] = defaultdict(list)
    for row in quote_rows:
        document = documents.get(row.cells["document_id"])
        if document is None:
            continue
        found = anchored(checker, row, document, documents, EVENT_QUOTES.file)
        if found is not None:
            quotes[row.cells["event_id"]].append(EventQuote(document.id, row.cells["quote"], found))
    quoted = {row.cells["event_id"] for row in quote_rows}
    for row in rows:
        if row.cells["id"] not in quoted and not row.cells["date_source"]:
            checker.at(EVENTS.file, row.number).add(
                "date_source",
                "no text refers to this event, so nothing in the corpus gives its date",
                "name the public record the date comes from, "
                "or add the authors' words to event_quotes.csv",
            )
    return tuple(
        Event(**arguments(EVENTS, row), quotes=tuple(quotes[row.cells["id"]])) for row in rows
    )
