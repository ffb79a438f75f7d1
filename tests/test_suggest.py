"""Suggested evidence: ranked by lexicon and similarity, with reasons, measured without a leak."""

from __future__ import annotations

import dataclasses

import pytest

from perspectives import load, suggest
from perspectives.paths import EMBEDDED_CORPUS

CORPUS = load(EMBEDDED_CORPUS)
INDEX = suggest.Index(CORPUS.documents)


def test_words_are_folded_stemmed_and_free_of_stop_words():
    assert suggest.words("The Sanctions’ régimes were easing, and Beijing’s ties") == [
        "sanction",
        "regim",
        "eas",
        "beij",  # light stemming: consistent, not pretty
        "tie",
    ]


@pytest.mark.parametrize("use_lexicon", [True, False], ids=["lexicon", "no-lexicon"])
def test_every_body_sentence_is_ranked_best_first(use_lexicon):
    ranked = INDEX.suggest(CORPUS, "sanctions", "singh-2018", use_lexicon)
    assert sorted(item.index for item in ranked) == list(range(len(INDEX.sentences["singh-2018"])))
    assert [item.score for item in ranked] == sorted((item.score for item in ranked), reverse=True)
    assert any(item.terms for item in ranked) == use_lexicon


def test_a_suggestion_says_why():
    best = INDEX.suggest(CORPUS, "sanctions", "singh-2018")[0]
    assert best.sentence.plain().startswith("Some important steps undertaken by China")
    assert best.terms == ("coal imports", "fuel sale", "financial activities")
    assert best.quote is not None and best.quote.document_id == "asmolov-2019"
    why = best.why()
    assert why.startswith("terms: coal imports, fuel sale, financial activities; ")
    assert "like the theme" in why and "like asmolov-2019: “" in why
    assert best.quoted, "already evidence for this position"


def test_the_documents_own_quotes_never_shape_its_suggestions():
    ranked = INDEX.suggest(CORPUS, "sanctions", "singh-2018")
    assert {item.quote.document_id for item in ranked if item.quote} == {"asmolov-2019"}
    without_own = dataclasses.replace(
        CORPUS,
        positions=tuple(
            dataclasses.replace(p, quotes=())
            if (p.theme_id, p.document_id) == ("sanctions", "singh-2018")
            else p
            for p in CORPUS.positions
        ),
    )
    again = INDEX.suggest(without_own, "sanctions", "singh-2018")
    assert [(i.index, i.score) for i in again] == [(i.index, i.score) for i in ranked]
    assert not any(item.quoted for item in again)


def test_leave_one_out_recall_on_the_embedded_corpus_meets_its_targets():
    measured = suggest.evaluate(CORPUS, INDEX)
    assert measured.quotes == CORPUS.quote_count
    assert measured.positions == sum(1 for p in CORPUS.positions if p.quotes)
    assert measured.top5 <= measured.top10 <= measured.quotes
    assert measured.recall_at_10 >= 0.8
    assert measured.recall_at_5 >= 0.6


def test_without_the_lexicon_recall_is_lower_but_better_than_chance():
    with_lexicon = suggest.evaluate(CORPUS, INDEX)
    without = suggest.evaluate(CORPUS, INDEX, use_lexicon=False)
    sentences = min(len(s) for s in INDEX.sentences.values())
    assert without.recall_at_10 < with_lexicon.recall_at_10
    assert without.recall_at_10 > 2 * 10 / sentences


def test_a_search_keeps_the_sentences_holding_every_word_in_rank_order():
    ranked = INDEX.suggest(CORPUS, "sanctions", "singh-2018")
    found = suggest.search(ranked, "  SANCTIONS   impose ")
    assert sorted(item.sentence.plain()[:40] for item in found) == [
        "The ongoing trade war between China and ",
        "Xi was the first Chinese leader to follo",
    ]
    assert [item.index for item in found] == [item.index for item in ranked if item in found]
    assert suggest.search(ranked, "") == ranked
    assert suggest.search(ranked, "freeze-for-freeze") == []


def test_texts_without_a_word_to_compare_still_rank_by_lexicon():
    empty = suggest.Index([])
    assert empty.sentences == {}
    singh = CORPUS.document("singh-2018")
    only_stop_words = dataclasses.replace(singh, text="It is so. And it was.", excluded=())
    index = suggest.Index([only_stop_words])
    ranked = index.suggest(CORPUS, "sanctions", "singh-2018")
    assert len(ranked) == 2
    assert all(item.theme_similarity == 0 and item.quote_similarity == 0 for item in ranked)
