"""Theme coverage: shares that add up, the browser's rows, and the lexicon measured against the
curated quotes and the corpus's review of every other tag (data/lexicon_reviews.csv)."""

from __future__ import annotations

import dataclasses

import pandas as pd
import pytest

from perspectives import anchor, coverage, load
from perspectives.paths import EMBEDDED_CORPUS
from perspectives.schema import VERDICT
from perspectives.sentences import word_count

from .test_lexicon import languages_corpus

CORPUS = load(EMBEDDED_CORPUS)
TAGGED = coverage.tag(CORPUS)
REVIEWS = CORPUS.lexicon_reviews

# Floors set just under what was measured when the lexicon was curated: 90 of 94 quotes found
# (95.7%), 134 of 150 tags right (89.3%: 92 on curated quotes, 42 accepted on reading), and 92 of
# 150 tags on curated quotes (61.3%). A lexicon edit that lowers them must be a deliberate one.
RECALL_FLOOR = 0.90
PRECISION_FLOOR = 0.88
CURATED_PRECISION_FLOOR = 0.55


def test_the_embedded_corpus_carries_its_reviews():
    assert REVIEWS, "data/lexicon_reviews.csv is part of the embedded corpus"
    assert {review.verdict for review in REVIEWS} <= set(VERDICT)
    assert all(review.reason for review in REVIEWS), "every verdict says why"


def test_coverage_shares_add_up():
    table = coverage.coverage_table(CORPUS, TAGGED)
    assert len(table) == len(CORPUS.documents) * len(CORPUS.themes)
    for document in CORPUS.documents:
        own = [item for item in TAGGED if item.document_id == document.id]
        rows = table[table["document_id"] == document.id]
        assert set(rows["total_sentences"]) == {len(own)}
        assert set(rows["total_words"]) == {word_count(document.body)}
        assert rows["sentences"].sum() == sum(len(item.theme_ids) for item in own)
        assert (rows["sentence_share"] * len(own)).round(9).tolist() == rows["sentences"].tolist()
        assert (rows["word_share"] * word_count(document.body)).round(9).tolist() == rows[
            "words"
        ].tolist()
    untagged = coverage.untagged_table(CORPUS, TAGGED)
    assert (untagged["with_a_theme"] + untagged["with_no_theme"] == untagged["sentences"]).all()


def test_a_sentence_counts_for_every_theme_it_touches():
    (sentence,) = [
        item
        for item in TAGGED
        if item.sentence.plain().startswith("The ongoing trade war between China")
    ]
    assert set(sentence.theme_ids) == {
        "sanctions",
        "us-china-trade",
        "high-level-visits",
        "denuclearisation",
        "responsible-image",
    }
    assert sentence.terms("us-china-trade") == ("trade war",)


def test_an_author_silent_on_a_theme_has_no_coverage_of_it():
    table = coverage.coverage_table(CORPUS, TAGGED).set_index(["document_id", "theme_id"])
    assert table.loc[("singh-2018", "double-freeze"), "sentences"] == 0
    assert table.loc[("asmolov-2019", "double-freeze"), "sentences"] == 2


@pytest.mark.parametrize("measure", ["sentences", "words"])
def test_heatmap_data(measure):
    table = coverage.coverage_table(CORPUS, TAGGED)
    data = coverage.heatmap_data(table, measure)
    assert list(data.columns) == ["theme", "perspective", "count", "share", "label"]
    assert data["share"].tolist() == table[coverage.MEASURES[measure]].tolist()
    assert data["label"].iloc[0] == f"{data['share'].iloc[0]:.0%} ({data['count'].iloc[0]})"


def test_sentence_rows_follow_the_filters():
    rows = coverage.sentence_tags(
        CORPUS, TAGGED, ["double-freeze"], ["asmolov-2019", "singh-2018"]
    ).rows()
    assert set(rows["theme_id"]) == {"double-freeze"}
    assert set(rows["document_id"]) == {"asmolov-2019"}
    assert rows["curated"].all()
    assert rows["number"].is_monotonic_increasing
    assert coverage.sentence_tags(CORPUS, TAGGED, [], ["singh-2018"]).rows().empty


def test_the_kept_tags_hold_no_text_and_a_page_of_rows_is_written_out_when_asked():
    tags = coverage.analysis(CORPUS).tags
    assert "sentence" not in tags.columns
    coded = [isinstance(kind, pd.CategoricalDtype) or kind.kind in "ib" for kind in tags.dtypes]
    assert all(coded), "numbers, flags and codes of a few strings: no text per tag"
    found = coverage.sentence_tags(
        CORPUS, TAGGED, [t.id for t in CORPUS.themes], [d.id for d in CORPUS.documents]
    )
    assert len(found) == len(tags)
    page = found.rows(10, 20)
    pd.testing.assert_frame_equal(page, all_rows().iloc[10:20].reset_index(drop=True))


def all_rows(corpus=CORPUS, tagged=TAGGED):
    return coverage.sentence_tags(
        corpus, tagged, [t.id for t in corpus.themes], [d.id for d in corpus.documents]
    ).rows()


def test_every_review_names_exactly_one_tag_outside_the_curated_quotes():
    rows = all_rows()
    for review in REVIEWS:
        named = rows[
            (rows["document_id"] == review.document_id)
            & (rows["theme_id"] == review.theme_id)
            & rows["sentence"].map(
                lambda s, r=review: anchor.fold(s).startswith(anchor.fold(r.opening))
            )
        ]
        assert len(named) == 1, review
        assert not named["curated"].iloc[0], "curated tags count as right without a review"
        assert (named["verdict"].iloc[0], named["reason"].iloc[0]) == (
            review.verdict,
            review.reason,
        )


def test_lexicon_quality_against_the_curated_table():
    measured = coverage.quality(CORPUS, TAGGED)
    assert measured.unreviewed == 0, "review every new tag in data/lexicon_reviews.csv"
    assert measured.quotes == CORPUS.quote_count
    assert measured.recall >= RECALL_FLOOR
    assert measured.precision >= PRECISION_FLOOR
    assert measured.curated_precision >= CURATED_PRECISION_FLOOR
    assert measured.curated + measured.accepted <= measured.tags
    assert measured.curated + measured.accepted + measured.rejected == measured.tags
    rows = all_rows()
    assert (rows["verdict"] == "reject").sum() == measured.rejected
    assert (rows["verdict"] == "").sum() == measured.curated
    assert len(coverage.untagged_quotes(CORPUS, TAGGED)) == measured.quotes - measured.recalled


def test_quality_falls_when_a_theme_loses_its_terms():
    without_visits = dataclasses.replace(
        CORPUS, lexicon=tuple(t for t in CORPUS.lexicon if t.theme_id != "high-level-visits")
    )
    tagged = coverage.tag(without_visits)
    measured = coverage.quality(without_visits, tagged)
    assert measured.recall < RECALL_FLOOR
    themes = measured.themes.set_index("theme_id")
    assert themes.loc["high-level-visits", "recalled"] == 0
    missed = coverage.untagged_quotes(without_visits, tagged)
    assert set(missed[missed["theme_id"] == "high-level-visits"]["quote"]) == {
        q.text for p in CORPUS.positions if p.theme_id == "high-level-visits" for q in p.quotes
    }


def test_no_lexicon_tags_nothing():
    bare = dataclasses.replace(CORPUS, lexicon=())
    tagged = coverage.tag(bare)
    assert not any(item.hits for item in tagged)
    assert coverage.coverage_table(bare, tagged)["sentences"].sum() == 0
    assert coverage.quality(bare, tagged).recall == 0.0


def test_an_unreviewed_tag_counts_as_not_right():
    accepted = next(review for review in REVIEWS if review.accepted)
    fewer = dataclasses.replace(CORPUS, lexicon_reviews=tuple(r for r in REVIEWS if r != accepted))
    before, after = coverage.quality(CORPUS, TAGGED), coverage.quality(fewer, TAGGED)
    assert after.unreviewed == 1
    assert after.accepted == before.accepted - 1
    assert after.precision == pytest.approx(before.precision - 1 / before.tags)
    rows = all_rows(fewer)
    (unreviewed,) = rows[(rows["verdict"] == "") & ~rows["curated"]].itertuples()
    assert anchor.fold(unreviewed.sentence).startswith(anchor.fold(accepted.opening))
    assert unreviewed.reason == ""


def test_without_reviews_precision_is_the_curated_share():
    unreviewed = dataclasses.replace(CORPUS, lexicon_reviews=())
    measured = coverage.quality(unreviewed, TAGGED)
    assert measured.accepted == measured.rejected == 0
    assert measured.unreviewed == measured.tags - measured.curated > 0
    assert measured.precision == measured.curated_precision


def test_each_text_is_tagged_with_the_terms_of_its_language(tmp_path):
    """The UDHR in English, Chinese and Arabic (tests/fixtures/languages), with a lexicon whose
    terms each have a language, or none (tests/test_lexicon.py's LANGUAGES_LEXICON)."""
    corpus = load(languages_corpus(tmp_path / "languages"))
    tagged = coverage.tag(corpus)
    assert [
        (t.document_id, t.sentence.plain(), theme_id, t.terms(theme_id))
        for t in tagged
        for theme_id in t.theme_ids
    ] == [
        ("udhr-en", "All human beings are born free and equal in dignity and rights.", "equality",
         ("equal",)),
        ("udhr-en", "Article 2", "equality", ("2",)),
        ("udhr-zh", "人人生而自由，在尊严和权利上一律平等。", "equality", ("平等",)),
        ("udhr-zh", "人人有权享有生命、自由和人身安全。", "life", ("生命",)),
        ("udhr-ar", "يولد جميع الناس أحراراً ومتساوين في الكرامة والحقوق.", "equality",
         ("الكرامة",)),
        ("udhr-ar", "المادة 2", "equality", ("2",)),
        ("udhr-ar", "المادة 3", "life", ("3",)),
    ]  # fmt: skip
    measured = coverage.quality(corpus, tagged).themes.set_index("theme_id")
    assert measured.loc["equality", "recalled"] == 3, "each text's quote, in its language"
    assert measured.loc["life", "recalled"] == 1, "the Chinese one: life is en-GB, 3 ar only"
