"""The timeline core: ordering of partial dates, the 'between' rule, filters and chart data."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest

from perspectives import load, timeline
from perspectives.dates import parse_partial_date
from perspectives.model import Event
from perspectives.paths import EMBEDDED_CORPUS

from .conftest import read_rows, write_rows

CORPUS = load(EMBEDDED_CORPUS)
BOTH = [document.id for document in CORPUS.documents]
SINGH = CORPUS.document("singh-2018")
ASMOLOV = CORPUS.document("asmolov-2019")


def event(event_id: str, date: str, themes: tuple[str, ...] = ()) -> Event:
    return Event(event_id, parse_partial_date(date), label=event_id, theme_ids=themes)


def test_events_sort_by_first_day_then_by_precision():
    shuffled = [
        event("year", "2018"),
        event("day-later", "2018-01-02"),
        event("month", "2018-01"),
        event("day", "2018-01-01"),
        event("before", "2017-12-31"),
        event("next-month", "2018-02"),
    ]
    ordered = [e.id for e in timeline.chronological(shuffled)]
    assert ordered == ["before", "day", "month", "year", "day-later", "next-month"]


def test_the_embedded_events_come_out_in_time_order():
    days = [e.date.first_day() for e in timeline.chronological(CORPUS.events)]
    assert days == sorted(days)
    assert len(days) == len(CORPUS.events)


# Singh is dated to the day (1 October 2018), Asmolov only to the month (June 2019).
@pytest.mark.parametrize(
    ("date", "between"),
    [
        ("2018-10-01", False),  # the day the earlier text appeared
        ("2018-10-02", True),
        ("2018-10", False),  # the month holds 1 October
        ("2018-11", True),
        ("2019-05-31", True),
        ("2019-06-01", False),  # may be after the later text
        ("2019-06-20", False),
        ("2019-06", False),
        ("2019", False),  # the year runs past June
        ("2018", False),
        ("2017-09", False),
    ],
)
def test_an_event_is_between_only_when_its_whole_range_is(date, between):
    date = parse_partial_date(date)
    assert timeline.falls_between(date, SINGH.published, ASMOLOV.published) is between


def test_theme_filter_keeps_events_linked_to_any_chosen_theme():
    events = [
        event("a", "2018", ("sanctions",)),
        event("b", "2018", ("south-korea", "sanctions")),
        event("c", "2018", ("south-korea",)),
        event("d", "2018"),
    ]
    assert [e.id for e in timeline.with_themes(events, ["sanctions"])] == ["a", "b"]
    assert [e.id for e in timeline.with_themes(events, ["south-korea", "sanctions"])] == [
        "a",
        "b",
        "c",
    ]
    assert timeline.with_themes(events, []) == []


def test_year_filter_includes_both_ends():
    events = [
        event("a", "2016-12-31"),
        event("b", "2017"),
        event("c", "2019-12"),
        event("d", "2020"),
    ]
    assert [e.id for e in timeline.in_years(events, 2017, 2019)] == ["b", "c"]


def test_publication_window_needs_two_texts_that_can_be_told_apart():
    window = timeline.publication_window(CORPUS, list(reversed(BOTH)))
    assert (window.earliest.id, window.latest.id) == ("singh-2018", "asmolov-2019")
    assert window.describe() == (
        "between Gunjan Singh (1 October 2018) and Konstantin Asmolov (June 2019)"
    )
    assert timeline.publication_window(CORPUS, ["asmolov-2019"]) is None
    assert timeline.publication_window(CORPUS, []) is None


def test_events_between_the_texts_fall_strictly_inside_and_follow_the_theme():
    between = timeline.events_between(CORPUS, BOTH)
    assert between, "the embedded corpus curates events between the texts"
    for item in between:
        assert SINGH.published.last_day() < item.date.first_day()
        assert item.date.last_day() < ASMOLOV.published.first_day()
    outside = [e for e in CORPUS.events if e not in between]
    assert all(
        not timeline.falls_between(e.date, SINGH.published, ASMOLOV.published) for e in outside
    )
    on_sanctions = timeline.events_between(CORPUS, BOTH, "sanctions")
    assert on_sanctions == [e for e in between if "sanctions" in e.theme_ids]
    assert "hanoi-summit" in [e.id for e in on_sanctions]
    assert timeline.events_between(CORPUS, ["singh-2018"], "sanctions") == []


def test_years_and_default_window():
    years = timeline.years(CORPUS)
    assert years == sorted(set(years))
    assert {e.date.year for e in CORPUS.events} <= set(years)
    assert timeline.default_years(CORPUS) == (2017, 2019)


def test_events_table_shows_dates_at_their_precision_and_each_authors_words():
    table = timeline.events_table(CORPUS, list(reversed(CORPUS.events)))
    assert list(table.columns) == [
        "date",
        "event",
        "what happened",
        "themes",
        "Gunjan Singh (India)",
        "Konstantin Asmolov (Russia)",
        "date source",
    ]
    expected = timeline.chronological(CORPUS.events)
    assert list(table["event"]) == [e.label for e in expected]
    assert list(table["date"]) == [e.date.display() for e in expected]
    coal = table.set_index("event").loc["China suspends coal imports from North Korea"]
    assert coal["date"] == "February 2017"
    assert (
        coal["Gunjan Singh (India)"]
        == "“suspension of coal imports from North Korea in February 2017”"
    )
    assert coal["Konstantin Asmolov (Russia)"] == ""
    assert coal["themes"] == "Sanctions, China’s image as a “responsible” power"


def test_chart_data_puts_each_event_in_the_rows_of_the_authors_who_refer_to_it():
    data = timeline.chart_data(CORPUS, CORPUS.events)
    rows = timeline.chart_rows(CORPUS)
    assert rows == ["Gunjan Singh (India)", "Konstantin Asmolov (Russia)", timeline.NEITHER_ROW]
    assert set(data["row"]) <= set(rows)
    for item in CORPUS.events:
        placed = set(data.loc[data["event_id"] == item.id, "row"])
        if item.quotes:
            expected = {CORPUS.document(d).perspective for d in item.document_ids}
        else:
            expected = {timeline.NEITHER_ROW}
        assert placed == expected, item.id
    assert (data["start"] < data["end"]).all()
    assert ((data["start"] <= data["middle"]) & (data["middle"] < data["end"])).all()
    assert (data.loc[data["row"] == timeline.NEITHER_ROW, "words"] == "").all()


def test_chart_data_spans_every_day_a_partial_date_may_stand_for():
    data = timeline.chart_data(CORPUS, [event("month", "2019-02"), event("day", "2019-02-27")])
    month, day = data.to_dict("records")
    assert (month["start"], month["end"]) == (pd.Timestamp(2019, 2, 1), pd.Timestamp(2019, 3, 1))
    assert (day["start"], day["end"]) == (pd.Timestamp(2019, 2, 27), pd.Timestamp(2019, 2, 28))
    assert month["precision"] == "month" and day["precision"] == "day"


def test_publication_marks_one_per_document():
    marks = timeline.publication_marks(CORPUS)
    assert list(marks["document_id"]) == BOTH
    singh, asmolov = marks.to_dict("records")
    assert singh["text"] == "Gunjan Singh (India), 1 October 2018"
    assert (singh["number"], asmolov["number"]) == (1, 2)
    assert (asmolov["start"], asmolov["end"]) == (
        pd.Timestamp(2019, 6, 1),
        pd.Timestamp(2019, 7, 1),
    )


def test_describe_says_what_is_shown():
    shown = timeline.in_years(CORPUS.events, 2018, 2018)
    assert timeline.describe(CORPUS, shown, [], (2018, 2018)) == (
        f"Showing {len(shown)} of {len(CORPUS.events)} events in 2018."
    )
    text = timeline.describe(CORPUS, [], ["sanctions", "south-korea"], (2017, 2019))
    total = len(CORPUS.events)
    assert text == f"Showing 0 of {total} events in 2017–2019, linked to Sanctions or South Korea."


def test_publication_numbers_of_texts_close_in_time_sit_on_different_heights(tmp_path):
    root = tmp_path / "corpus"
    shutil.copytree(EMBEDDED_CORPUS, root)
    rows = read_rows(root / "documents.csv")
    published, author = rows[0].index("published"), rows[0].index("author")
    extra = [list(row) for row in rows[1:]]
    for number, row in enumerate(extra, start=1):
        row[0] = f"copy-{number}"
        row[author] += f" {number}"  # a perspective of its own
        row[published] = "2018-10-02"
    write_rows(root / "documents.csv", [*rows, *extra])
    marks = timeline.publication_marks(load(root))
    assert list(marks["number"]) == [1, 2, 3, 4]
    assert list(marks["lane"]) == [0, 1, 2, 0]
    assert list(marks["document_id"][:3]) == ["singh-2018", "copy-1", "copy-2"]


def test_a_view_of_some_perspectives_puts_the_others_events_in_a_row_of_their_own():
    rows = timeline.chart_rows(CORPUS, [SINGH.id])
    assert rows == [SINGH.perspective, timeline.OTHERS_ROW, timeline.NEITHER_ROW]
    data = timeline.chart_data(CORPUS, CORPUS.events, [SINGH.id])
    assert set(data["row"]) <= set(rows)
    for item in CORPUS.events:
        placed = data[data["event_id"] == item.id].to_dict("records")
        if SINGH.id in item.document_ids:
            assert [row["row"] for row in placed] == [SINGH.perspective], item.id
        elif ASMOLOV.id in item.document_ids:
            assert [(row["row"], row["words"]) for row in placed] == [
                (timeline.OTHERS_ROW, f"Referred to by {ASMOLOV.perspective}")
            ], item.id
        else:
            assert [row["row"] for row in placed] == [timeline.NEITHER_ROW], item.id
    others = data[data["row"] == timeline.OTHERS_ROW]
    assert len(others), "the embedded corpus has events only the later text refers to"


def test_a_table_of_some_perspectives_names_the_others_that_refer_to_an_event():
    table = timeline.events_table(CORPUS, CORPUS.events, [ASMOLOV.id])
    assert list(table.columns) == [
        "date", "event", "what happened", "themes", ASMOLOV.perspective,
        timeline.OTHERS_COLUMN, "date source",
    ]  # fmt: skip
    for item, row in zip(
        timeline.chronological(CORPUS.events), table.to_dict("records"), strict=True
    ):
        assert row[timeline.OTHERS_COLUMN] == (
            SINGH.perspective if SINGH.id in item.document_ids else ""
        ), item.id
        assert bool(row[ASMOLOV.perspective]) == (ASMOLOV.id in item.document_ids), item.id
    marks = timeline.publication_marks(CORPUS, [ASMOLOV.id])
    assert list(marks["document_id"]) == [ASMOLOV.id]
    assert list(marks["number"]) == [1]
    assert list(timeline.publication_marks(CORPUS, []).columns) == list(marks.columns)
