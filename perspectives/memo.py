"""Work kept so that it is not done twice, in three ways and no others.

1. **By content** (`ContentCache`, `by_content`): what a pure function computes from strings and
   other values, keyed by those values and bounded by their total size, the least recently used
   dropped first. Text primitives (folding a text, finding a quote in it, rating it) and the
   loader's parsed tables live here, so a save that changes one file redoes only what depends on
   it. `release()` empties every such cache: "Reload corpus" lets go of every text it held.
2. **Per immutable object** (`PerObject`, and `functools.cached_property` inside a class): work
   derived from a loaded corpus, which never changes (an edit loads a new one) and is shared by
   every page and session. Done once per version of the files, freed with the version.
3. **Per page view**: the dashboard keeps what a page sends for a corpus version and a set of
   filters (`perspectives.ui.widgets.kept_view`, over `st.cache_resource`).

`collector_paused` is not a cache: it pauses the cycle collector while such work builds many
objects at once.
"""

from __future__ import annotations

import contextlib
import gc
import threading
import weakref
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from functools import update_wrapper, wraps
from typing import Generic, ParamSpec, TypeVar, cast

T = TypeVar("T")
P = ParamSpec("P")
Subject = TypeVar("Subject")
Result = TypeVar("Result")

#: What an argument that is not a string, bytes or a tuple of them counts for in a cache's size.
_OTHER_SIZE = 64
_EVERY_CACHE: weakref.WeakSet[ContentCache] = weakref.WeakSet()


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


def size_of(value: object) -> int:
    """About how much a key holds alive: characters of its strings, bytes of its bytes, and
    those of the strings and bytes a tuple of them holds; anything else counts for a nominal
    size (held elsewhere, or small)."""
    if isinstance(value, str | bytes):
        return len(value) + 1
    if isinstance(value, tuple | frozenset):
        sizes = (len(item) if isinstance(item, str | bytes) else _OTHER_SIZE for item in value)
        return sum(sizes) + 1
    return _OTHER_SIZE


class ContentCache:
    """Results kept by what they were computed from, up to `max_size` (the sum of the sizes
    given when they were kept) and `max_entries`, the least recently used dropped first. Shared
    by threads: a result may be computed twice, never returned half-made."""

    def __init__(self, max_size: int, max_entries: int = 1 << 16) -> None:
        self.max_size = max_size
        self.max_entries = max_entries
        self._kept: OrderedDict[Hashable, tuple[object, int]] = OrderedDict()
        self._size = 0
        self._lock = threading.Lock()
        _EVERY_CACHE.add(self)

    def __len__(self) -> int:
        return len(self._kept)

    @property
    def size(self) -> int:
        return self._size

    def find(self, key: Hashable) -> object | None:
        """The result kept for `key`, or None. Without the lock: a lookup and a move to the end
        are each one step of the dictionary, and an entry dropped meanwhile is simply missed."""
        found = self._kept.get(key)
        if found is None:
            return None
        with contextlib.suppress(KeyError):  # dropped by another thread since
            self._kept.move_to_end(key)
        return found[0]

    def keep(self, key: Hashable, result: object, size: int | None = None) -> None:
        """Keep `result` (not None) for `key`; `size` is what it counts for (by default, the
        size of the key). A result larger than the whole cache is not kept."""
        size = size_of(key) if size is None else max(size, 1)
        if size > self.max_size:
            return
        with self._lock:
            previous = self._kept.pop(key, None)
            if previous is not None:
                self._size -= previous[1]
            self._kept[key] = (result, size)
            self._size += size
            while self._size > self.max_size or len(self._kept) > self.max_entries:
                self._size -= self._kept.popitem(last=False)[1][1]

    def take(self, key: Hashable) -> object | None:
        """The result kept for `key`, no longer kept: something handed over once."""
        with self._lock:
            found = self._kept.pop(key, None)
            if found is None:
                return None
            self._size -= found[1]
            return found[0]

    def get(self, key: Hashable, make: Callable[[], T], size: int | None = None) -> T:
        """The result kept for `key`, or make() kept there."""
        found = self.find(key)
        if found is None:
            found = make()
            self.keep(key, found, size)
        return cast(T, found)

    def clear(self) -> None:
        with self._lock:
            self._kept.clear()
            self._size = 0


def by_content(
    max_size: int, max_entries: int = 1 << 16
) -> Callable[[Callable[P, T]], Callable[P, T]]:
    """Decorates a pure function of hashable arguments: its results are kept in a
    `ContentCache` by those arguments, each counting for their size (`size_of`). The cache is
    the wrapper's `cache` attribute."""

    def decorate(function: Callable[P, T]) -> Callable[P, T]:
        cache = ContentCache(max_size, max_entries)

        @wraps(function)
        def kept(*args: P.args, **kwargs: P.kwargs) -> T:
            key = (args, tuple(sorted(kwargs.items()))) if kwargs else args
            found = cache.find(key)
            if found is None:
                found = function(*args, **kwargs)
                cache.keep(key, found)
            return cast(T, found)

        kept.cache = cache  # type: ignore[attr-defined]
        return kept

    return decorate


def release() -> None:
    """Empty every cache kept by content, and let go of every text they held."""
    for cache in list(_EVERY_CACHE):
        cache.clear()


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
