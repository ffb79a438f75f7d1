"""Long lists shown a page at a time: the page a reader asks for, kept to the pages there are,
and the words that say what a page shows."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

Item = TypeVar("Item")


@dataclass(frozen=True)
class Page(Generic[Item]):
    """One page of a list."""

    items: Sequence[Item]  # the page's own
    number: int  # from 1
    count: int
    first: int  # position of the page's first item in the list, from 1
    total: int

    def describe(self, noun: str) -> str:
        """ "Themes 21–23 of 23 (page 3 of 3)." for `noun` "Themes"; nothing when the whole list
        fits one page."""
        if self.count == 1:
            return ""
        last = self.first + len(self.items) - 1
        return f"{noun} {self.first}–{last} of {self.total} (page {self.number} of {self.count})."


def paginate(items: Sequence[Item], number: int, per_page: int) -> Page[Item]:
    """The items of page `number`, clamped to the pages there are."""
    count = max(1, -(-len(items) // per_page))
    number = min(max(1, number), count)
    start = (number - 1) * per_page
    return Page(items[start : start + per_page], number, count, start + 1, len(items))
