"""Events on a time axis: what each author refers to, and what happened between the texts.

Dates keep the precision the sources give, so an event dated only "2018" or "June 2019" is a
range of days, not a point. Two rules follow from that:

- Order: events sort by their first possible day, then by their last (a day before the month
  that holds it, a month before the year), then by label.
- Between: an event lies between two texts only when its whole range does, i.e. it begins after
  the last day the earlier text could have been published and ends before the first day the
  later one could have been. An event in the month a text is dated "June 2019" is therefore not
  between: it may have come before or after that text.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass

import pandas as pd

from perspectives.dates import PartialDate
from perspectives.model import Corpus, Document, Event

#: The row of events that no text of the corpus refers to, however many texts there are.
NEITHER_ROW = "Referred to by no text"
#: The row of events that only perspectives left out of the chart refer to.
OTHERS_ROW = "Only by perspectives not shown"
#: The events table's column naming the perspectives left out that refer to an event.
OTHERS_COLUMN = "also referred to by"


def chronological_key(event: Event) -> tuple[dt.date, dt.date, str]:
    return (event.date.first_day(), event.date.last_day(), event.label)


def chronological(events: Iterable[Event]) -> list[Event]:
    """Events in time order (see the module's rule for dates of different precision)."""
    return sorted(events, key=chronological_key)


def falls_between(date: PartialDate, earlier: PartialDate, later: PartialDate) -> bool:
    """True when every day `date` may stand for is after `earlier` and before `later`."""
    return earlier.last_day() < date.first_day() and date.last_day() < later.first_day()


def with_themes(events: Iterable[Event], theme_ids: Iterable[str]) -> list[Event]:
    """Events linked to at least one of the themes; events linked to none are left out."""
    wanted = set(theme_ids)
    return [event for event in events if wanted.intersection(event.theme_ids)]


def in_years(events: Iterable[Event], first: int, last: int) -> list[Event]:
    """Events whose dates overlap the years first..last, both included."""
    return [event for event in events if event.date.year <= last and first <= event.date.year]


@dataclass(frozen=True)
class Window:
    """The earliest and the latest of a set of texts, by publication date."""

    earliest: Document
    latest: Document

    def describe(self) -> str:
        return (
            f"between {self.earliest.by} ({self.earliest.published.display()}) "
            f"and {self.latest.by} ({self.latest.published.display()})"
        )


def publication_window(corpus: Corpus, document_ids: Sequence[str]) -> Window | None:
    """The first and last published of the documents; None when fewer than two can be told apart."""
    documents = sorted(
        (corpus.document(document_id) for document_id in document_ids),
        key=lambda d: (d.published.first_day(), d.published.last_day()),
    )
    if len(documents) < 2:
        return None
    earliest, latest = documents[0], documents[-1]
    if earliest.published.last_day() >= latest.published.first_day():
        return None
    return Window(earliest, latest)


def events_between(
    corpus: Corpus, document_ids: Sequence[str], theme_id: str | None = None
) -> list[Event]:
    """Events between the earliest and latest of the documents, linked to the theme if given."""
    window = publication_window(corpus, document_ids)
    if window is None:
        return []
    events = [
        event
        for event in corpus.events
        if falls_between(event.date, window.earliest.published, window.latest.published)
    ]
    if theme_id is not None:
        events = with_themes(events, [theme_id])
    return chronological(events)


def years(corpus: Corpus) -> list[int]:
    """Every year with an event or a publication, in order."""
    found = {event.date.year for event in corpus.events}
    found |= {document.published.year for document in corpus.documents}
    return sorted(found)


def default_years(corpus: Corpus) -> tuple[int, int]:
    """From the year before the first text to the year of the last: the run-up and the gap.

    Both ends are years of `years(corpus)`, the nearest inside that span.
    """
    published = [document.published.year for document in corpus.documents]
    inside = [year for year in years(corpus) if min(published) - 1 <= year <= max(published)]
    return inside[0], inside[-1]


def _theme_labels(corpus: Corpus, event: Event) -> str:
    return ", ".join(corpus.theme(theme_id).label for theme_id in event.theme_ids)


def _quoted(quotes: Iterable[str]) -> str:
    return " ".join(f"“{quote}”" for quote in quotes)


def _others(corpus: Corpus, shown_ids: Collection[str], event: Event) -> list[Document]:
    """The documents not shown that refer to the event, in corpus order."""
    referring = set(event.document_ids)
    return [d for d in corpus.documents if d.id in referring and d.id not in shown_ids]


def events_table(
    corpus: Corpus, events: Iterable[Event], document_ids: Collection[str] | None = None
) -> pd.DataFrame:
    """One row per event, in time order: date at its precision, themes, the words of each
    author shown (every one when `document_ids` is None), and, when some are left out, which
    of those refer to the event."""
    shown = corpus.documents_among(document_ids)
    shown_ids = {document.id for document in shown}
    some_left_out = len(shown) < len(corpus.documents)
    rows = []
    for event in chronological(events):
        row = {
            "date": event.date.display(),
            "event": event.label,
            "what happened": event.description,
            "themes": _theme_labels(corpus, event),
        }
        for document in shown:
            row[document.perspective] = _quoted(
                quote.text for quote in event.quotes_from(document.id)
            )
        if some_left_out:
            row[OTHERS_COLUMN] = ", ".join(d.perspective for d in _others(corpus, shown_ids, event))
        row["date source"] = event.date_source
        rows.append(row)
    columns = ["date", "event", "what happened", "themes"]
    columns += [document.perspective for document in shown]
    columns += [OTHERS_COLUMN] if some_left_out else []
    return pd.DataFrame(rows, columns=[*columns, "date source"])


def axis_domain(years: tuple[int, int]) -> tuple[pd.Timestamp, pd.Timestamp]:
    """The time axis over the years first..last, both whole: to the end of year 9999 at most,
    the last a datetime holds."""
    return pd.Timestamp(years[0], 1, 1), pd.Timestamp(PartialDate(years[1]).end())


def _span(date: PartialDate) -> dict[str, object]:
    start = pd.Timestamp(date.first_day())
    end = pd.Timestamp(date.end())
    return {"start": start, "end": end, "middle": start + (end - start) / 2}


def chart_rows(corpus: Corpus, document_ids: Collection[str] | None = None) -> list[str]:
    """The chart's rows, top to bottom: one per perspective shown (every one when `document_ids`
    is None), then events only those left out refer to (when some are), then events no author
    mentions."""
    shown = corpus.documents_among(document_ids)
    others = [OTHERS_ROW] if len(shown) < len(corpus.documents) else []
    return [document.perspective for document in shown] + others + [NEITHER_ROW]


def chart_data(
    corpus: Corpus, events: Iterable[Event], document_ids: Collection[str] | None = None
) -> pd.DataFrame:
    """One mark per event and row: in each perspective shown that refers to it; else in the
    row of the perspectives not shown, naming them in `words`, when they refer to it; else in
    the row of events no text refers to.

    `start`/`end` span every day the date may stand for (end exclusive) and `middle` is where a
    point sits; `words` is what that author says about the event (empty in 'Neither text').
    """
    shown = corpus.documents_among(document_ids)
    shown_ids = {document.id for document in shown}
    rows = []
    for event in chronological(events):
        base = {
            "event_id": event.id,
            "event": event.label,
            "date": event.date.display(),
            "precision": event.date.precision,
            "themes": _theme_labels(corpus, event),
            "date_source": event.date_source,
            **_span(event.date),
        }
        referring = [d for d in shown if event.quotes_from(d.id)]
        for document in referring:
            words = _quoted(quote.text for quote in event.quotes_from(document.id))
            rows.append({**base, "row": document.perspective, "words": words})
        if referring:
            continue
        others = _others(corpus, shown_ids, event)
        if others:
            names = ", ".join(document.perspective for document in others)
            rows.append({**base, "row": OTHERS_ROW, "words": f"Referred to by {names}"})
        else:
            rows.append({**base, "row": NEITHER_ROW, "words": ""})
    columns = ["event_id", "event", "date", "precision", "themes", "date_source"]
    columns += ["start", "end", "middle"]
    return pd.DataFrame(rows, columns=[*columns, "row", "words"])


#: Heights on which the numbers of publications close in time are staggered.
LABEL_LANES = 3


def publication_marks(corpus: Corpus, document_ids: Collection[str] | None = None) -> pd.DataFrame:
    """One line per document shown (every one when `document_ids` is None) at its publication
    date, with the range its precision allows.

    The chart labels each line with its `number` only, on one of LABEL_LANES heights (`lane`)
    taken in date order, so labels of texts published close together never overprint; the
    page lists what each number stands for."""
    documents = sorted(corpus.documents_among(document_ids), key=lambda d: d.published.first_day())
    rows = [
        {
            "document_id": document.id,
            "number": number,
            "lane": (number - 1) % LABEL_LANES,
            "text": f"{document.perspective}, {document.published.display()}",
            "date": document.published.display(),
            **_span(document.published),
        }
        for number, document in enumerate(documents, start=1)
    ]
    columns = ["document_id", "number", "lane", "text", "date", "start", "end", "middle"]
    return pd.DataFrame(rows, columns=columns)


def describe(
    corpus: Corpus, shown: Sequence[Event], theme_ids: Sequence[str], years: tuple[int, int]
) -> str:
    """The filter in words, so the page says what it is showing."""
    first, last = years
    period = str(first) if first == last else f"{first}–{last}"
    text = f"Showing {len(shown)} of {len(corpus.events)} events in {period}"
    if theme_ids:
        labels = " or ".join(corpus.theme(theme_id).label for theme_id in theme_ids)
        text += f", linked to {labels}"
    return text + "."
