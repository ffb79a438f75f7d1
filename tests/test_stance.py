"""The stance lexicon: sentences that evaluate, judge or predict, by the words that do so."""

from __future__ import annotations

import pytest

from perspectives import stance


@pytest.mark.parametrize(
    ("sentence", "found"),
    [
        (
            "We are highly skeptical that Kim will stay true to his word this time.",
            ("we are highly skeptical",),
        ),
        ("In our view the talks were a gamble.", ("in our view", "gamble")),
        ("I doubt it; the envoy should stay home.", ("i doubt", "should")),
        ("Seoul must not, and won’t, give way.", ("must", "won't")),
        ("It is a mistake to call this a breakthrough.", ("mistake", "breakthrough")),
        ("Perhaps he means it. Surely not.", ("perhaps", "surely")),
        ("The pledge is unlikely to survive the summer.", ("is unlikely to",)),
        ("Frankly, WE BELIEVE the pledges are hollow.", ("frankly", "we believe", "hollow")),
        ("Should, should, should.", ("should",)),
    ],
)
def test_stance_words_are_found_once_each_in_order(sentence, found):
    assert stance.markers(sentence) == found


@pytest.mark.parametrize(
    "sentence",
    [
        "The summit took place in Singapore on 12 June 2018.",
        "The two leaders signed a four-point statement.",
        "Shoulder to shoulder, the delegations posed for photographs.",  # not "should"
        "The wiseman museum and the wrongway bridge.",  # parts of words do not count
    ],
)
def test_a_report_of_facts_takes_no_stance(sentence):
    assert stance.markers(sentence) == ()
