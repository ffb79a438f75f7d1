"""Work kept so that it is not done twice: by what it was computed from, or per live object.

`Memo` keeps results by what they were computed from, a few versions per slot. Checking a change
loads the corpus with the change applied, and the dashboard then loads the same files again: kept
results let each load redo only the work that depends on what changed. A slot (a file, a stage of
the load) keeps its latest versions only, so a long session of saves keeps no more than a few
copies of a large table alive.

`collector_paused` pauses the cycle collector while such work builds many objects at once.

`PerObject` keeps work derived from an immutable object for as long as the object lives. A loaded
corpus never changes (an edit loads a new one), and every page and session of a server shares the
one object: work keyed by the object itself is done once per version of the files, and freed with
the version it was done for.
"""

from __future__ import annotations

import gc
import threading
import weakref
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from functools import update_wrapper
from typing import Generic, TypeVar, cast

T = TypeVar("T")
Subject = TypeVar("Subject")
Result = TypeVar("Result")
_MISSING = object()


@contextmanager
def collector_paused() -> Iterator[None]:
    """The cyclic garbage collector paused, then left as it was found. Loading a large table or
    tagging a large corpus makes a million small objects and no cycles, and the collector went
    through them all again and again (a fifth of the time to load 100,000 rows)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


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


class PerObject(Generic[Subject, Result]):
    """Decorates `build(subject)`: run once per live subject and shared by every caller. An
    entry is keyed by the subject's identity and dropped when the subject is collected, so a new
    object that happens to get the same address never finds the old one's work."""

    def __init__(self, build: Callable[[Subject], Result]) -> None:
        self._build = build
        self._kept: dict[int, Result] = {}
        self._lock = threading.Lock()
        update_wrapper(self, build)

    def __call__(self, subject: Subject) -> Result:
        with self._lock:  # two sessions asking at once build it once
            if id(subject) not in self._kept:
                self._kept[id(subject)] = self._build(subject)
                weakref.finalize(subject, self._kept.pop, id(subject), None)
            return self._kept[id(subject)]

    def kept(self, subject: Subject) -> Result | None:
        """What was built for `subject`, without building it."""
        return self._kept.get(id(subject))
