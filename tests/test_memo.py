"""Results kept a few versions per slot, the least recently used dropped first."""

from __future__ import annotations

import gc

import pytest

from perspectives import memo
from perspectives.memo import Memo


def test_a_slot_keeps_its_latest_versions_only():
    memo = Memo(versions=2)
    for version in ("a", "b", "c"):
        memo.keep("positions.csv", version, version.upper())
    assert [memo.find("positions.csv", v) for v in ("a", "b", "c")] == [None, "B", "C"]


def test_a_version_found_again_is_kept_over_an_older_one():
    memo = Memo(versions=2)
    memo.keep("slot", "a", 1)
    memo.keep("slot", "b", 2)
    memo.find("slot", "a")
    memo.keep("slot", "c", 3)
    assert (memo.find("slot", "a"), memo.find("slot", "b")) == (1, None)


def test_beyond_its_slots_the_least_recently_used_slot_goes():
    memo = Memo(slots=2)
    memo.keep("one", "k", 1)
    memo.keep("two", "k", 2)
    memo.find("one", "k")
    memo.keep("three", "k", 3)
    assert [memo.find(slot, "k") for slot in ("one", "two", "three")] == [1, None, 3]


def test_get_makes_a_result_once_and_clear_forgets_it():
    memo = Memo()
    made = []
    for _ in range(3):
        assert memo.get("slot", "key", lambda: made.append(1) or "result") == "result"
    assert made == [1]
    memo.clear()
    assert memo.find("slot", "key") is None


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
