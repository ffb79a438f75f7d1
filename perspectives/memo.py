"""Results kept by what they were computed from, a few versions per slot.

Checking a change loads the whole corpus with the change applied: results kept from earlier
loads let it redo only the work that depends on what changed. A slot (a file, a stage of the
load) keeps its latest versions only, so a long session of saves keeps no more than a few
copies of a large table alive.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import TypeVar, cast

T = TypeVar("T")


class Memo:
    """Up to `versions` results per slot and `slots` slots, the least recently used dropped
    first. Shared by threads: a result may be computed twice, never returned half-made."""

    def __init__(self, versions: int = 2, slots: int = 64):
        self._versions = versions
        self._slots = slots
        self._kept: OrderedDict[Hashable, OrderedDict[Hashable, object]] = OrderedDict()
        self._lock = threading.Lock()

    def find(self, slot: Hashable, key: Hashable) -> object | None:
        """The result kept in `slot` for `key`, or None."""
        with self._lock:
            kept = self._kept.get(slot)
            found = None if kept is None else kept.get(key)
            if found is not None:
                kept.move_to_end(key)  # type: ignore[union-attr]
                self._kept.move_to_end(slot)
            return found

    def keep(self, slot: Hashable, key: Hashable, result: object) -> None:
        """Keep `result` (not None) in `slot` for `key`, dropping the oldest beyond the limits."""
        with self._lock:
            kept = self._kept.setdefault(slot, OrderedDict())
            kept[key] = result
            self._kept.move_to_end(slot)
            while len(kept) > self._versions:
                kept.popitem(last=False)
            while len(self._kept) > self._slots:
                self._kept.popitem(last=False)

    def get(self, slot: Hashable, key: Hashable, make: Callable[[], T]) -> T:
        """The result kept in `slot` for `key`, or make() kept there."""
        found = self.find(slot, key)
        if found is None:
            found = make()
            self.keep(slot, key, found)
        return cast(T, found)

    def clear(self) -> None:
        with self._lock:
            self._kept.clear()
