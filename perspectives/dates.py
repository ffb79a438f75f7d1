"""Dates with the precision the sources give: a year, a month, or a day."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

# ASCII digits only: full-width or Arabic-Indic digits ("２０１９") are refused, not read as a year.
_PARTIAL_ISO = re.compile(r"^([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?$")


@dataclass(frozen=True, order=True)
class PartialDate:
    year: int
    month: int | None = None
    day: int | None = None

    @property
    def precision(self) -> str:
        if self.day is not None:
            return "day"
        return "month" if self.month is not None else "year"

    def isoformat(self) -> str:
        parts = [f"{self.year:04d}"]
        if self.month is not None:
            parts.append(f"{self.month:02d}")
        if self.day is not None:
            parts.append(f"{self.day:02d}")
        return "-".join(parts)

    def display(self) -> str:
        """Human form at the date's own precision: '2018', 'October 2018', '1 October 2018'."""
        if self.month is None:
            return str(self.year)
        month = calendar.month_name[self.month]
        if self.day is None:
            return f"{month} {self.year}"
        return f"{self.day} {month} {self.year}"

    def first_day(self) -> dt.date:
        return dt.date(self.year, self.month or 1, self.day or 1)

    def last_day(self) -> dt.date:
        month = self.month or 12
        day = self.day or calendar.monthrange(self.year, month)[1]
        return dt.date(self.year, month, day)

    def end(self) -> dt.datetime:
        """The moment the date's span ends (exclusive): midnight after its last day, or the last
        moment a datetime holds when that day is 31 December 9999, after which none exists."""
        last = self.last_day()
        if last == dt.date.max:
            return dt.datetime.max
        return dt.datetime.combine(last + dt.timedelta(days=1), dt.time())


def parse_partial_date(value: str) -> PartialDate:
    """Parse 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD'; raise ValueError with a reason otherwise."""
    match = _PARTIAL_ISO.match(value.strip())
    if not match:
        raise ValueError(f"{value!r} is not an ISO date")
    year_digits, month_digits, day_digits = match.groups()
    year = int(year_digits)
    month = int(month_digits) if month_digits else None
    day = int(day_digits) if day_digits else None
    if year < dt.MINYEAR:
        raise ValueError(f"there is no year {year_digits}: years start at {dt.MINYEAR:04d}")
    if month is not None and not 1 <= month <= 12:
        raise ValueError(f"month {month} is out of range")
    if month is not None and day is not None:  # the pattern gives no day without a month
        dt.date(year, month, day)  # raises ValueError for 2019-02-30 and the like
    return PartialDate(year, month, day)
