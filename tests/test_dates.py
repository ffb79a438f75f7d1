import datetime as dt

import pytest

from perspectives.dates import PartialDate, parse_partial_date


@pytest.mark.parametrize(
    ("text", "expected", "precision", "shown"),
    [
        ("2018", PartialDate(2018), "year", "2018"),
        ("2019-06", PartialDate(2019, 6), "month", "June 2019"),
        ("2018-10-01", PartialDate(2018, 10, 1), "day", "1 October 2018"),
    ],
)
def test_precision_is_kept(text, expected, precision, shown):
    date = parse_partial_date(text)
    assert date == expected
    assert date.precision == precision
    assert date.display() == shown
    assert date.isoformat() == text


@pytest.mark.parametrize("text", ["18", "2018-13", "2019-02-30", "June 2019", "2018/10/01", ""])
def test_invalid_dates_are_refused(text):
    with pytest.raises(ValueError):
        parse_partial_date(text)


def test_ordering_and_bounds():
    assert PartialDate(2018, 10, 1) < PartialDate(2019, 6)
    assert str(PartialDate(2019, 6).first_day()) == "2019-06-01"
    assert str(PartialDate(2019, 6).last_day()) == "2019-06-30"
    assert str(PartialDate(2019).last_day()) == "2019-12-31"


@pytest.mark.parametrize(
    ("date", "end"),
    [
        (PartialDate(2019, 2), dt.datetime(2019, 3, 1)),
        (PartialDate(2018, 12, 31), dt.datetime(2019, 1, 1)),
        (PartialDate(9999, 12), dt.datetime.max),
        (PartialDate(9999), dt.datetime.max),
    ],
)
def test_a_span_ends_after_its_last_day_or_at_the_last_moment_there_is(date, end):
    assert date.end() == end
