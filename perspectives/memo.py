"""Work derived from an immutable object, done once and kept for as long as the object lives.

A loaded corpus never changes (an edit loads a new one), and every page and session of a server
shares the one object: work keyed by the object itself is done once per version of the files,
and freed with the version it was done for.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable
from functools import update_wrapper
from typing import Generic, TypeVar

Subject = TypeVar("Subject")
Result = TypeVar("Result")


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
