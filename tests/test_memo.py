"""Work kept by content, bounded by size; per object; and the collector paused while loading."""

from __future__ import annotations

import gc

import pytest

from perspectives import memo
from perspectives.memo import ContentCache


def test_the_least_recently_used_result_goes_first_when_the_size_is_reached():
    cache = ContentCache(max_size=10)
    cache.keep("a", 1, size=4)
    cache.keep("b", 2, size=4)
    assert cache.find("a") == 1  # now the most recently used
    cache.keep("c", 3, size=4)
    assert (cache.find("a"), cache.find("b"), cache.find("c")) == (1, None, 3)
    assert cache.size == 8


def test_the_number_of_entries_is_bounded_too():
    cache = ContentCache(max_size=1000, max_entries=2)
    for key in "abc":
        cache.keep(key, key.upper())
    assert [cache.find(key) for key in "abc"] == [None, "B", "C"]


def test_a_result_larger_than_the_cache_is_not_kept_and_nothing_is_dropped_for_it():
    cache = ContentCache(max_size=10)
    cache.keep("small", 1, size=5)
    cache.keep("large", 2, size=11)
    assert (cache.find("small"), cache.find("large")) == (1, None)


def test_keeping_a_key_again_replaces_it_and_its_size():
    cache = ContentCache(max_size=10)
    cache.keep("a", 1, size=6)
    cache.keep("a", 2, size=3)
    assert (cache.find("a"), cache.size, len(cache)) == (2, 3, 1)


@pytest.mark.parametrize(
    ("value", "size"),
    [("abc", 4), (b"ab", 3), (("ab", "c"), 4), (frozenset({"ab"}), 3), ((("a",),), 65), (3, 64)],
)
def test_a_key_counts_for_its_characters_and_bytes(value, size):
    assert memo.size_of(value) == size


def test_a_function_kept_by_content_is_computed_once_per_arguments_and_released():
    calls = []

    @memo.by_content(max_size=100)
    def shout(text: str, times: int = 1) -> str:
        calls.append(text)
        return text.upper() * times

    assert shout("hi") == shout("hi") == "HI"
    assert shout("hi", times=2) == "HIHI"
    assert calls == ["hi", "hi"]
    memo.release()
    assert len(shout.cache) == 0  # type: ignore[attr-defined]
    assert shout("hi") == "HI"


def test_work_per_object_is_shared_while_the_object_lives_and_freed_with_it():
    class Subject:
        pass

    built = memo.PerObject(lambda subject: [id(subject)])
    subject = Subject()
    assert built(subject) is built(subject)
    assert built.kept(subject) is not None
    key = id(subject)
    del subject
    gc.collect()
    assert key not in built._kept


@pytest.mark.parametrize("enabled", [True, False])
def test_the_collector_is_paused_and_then_left_as_it_was_even_after_an_error(enabled):
    was = gc.isenabled()
    (gc.enable if enabled else gc.disable)()
    try:
        with pytest.raises(ValueError), memo.collector_paused():
            assert not gc.isenabled()
            raise ValueError
        assert gc.isenabled() is enabled
    finally:
        (gc.enable if was else gc.disable)()


def test_a_result_taken_is_handed_over_once_and_frees_its_size():
    cache = ContentCache(max_size=10)
    cache.keep("baton", "corpus", size=3)
    assert (cache.take("baton"), cache.take("baton"), cache.size) == ("corpus", None, 0)
