"""Inputs that once made `validate` hang, at sizes a test can afford: what bounds each check,
and the same answers as the unbounded search gave. (bench/hostile.py times the full sizes.)"""

from __future__ import annotations

import csv
import dataclasses
import gc
import itertools
import time

import pytest

from bench import hostile
from perspectives import anchor, corpus, lexicon, load, sentences, store
from perspectives.corpus import cells, hints, quotes, reviews, validate
from perspectives.model import LexiconTerm
from perspectives.paths import EMBEDDED_CORPUS
from perspectives.sentences import document_sentences

from .test_sentences import on_real_and_generated_documents

CORPUS = load(EMBEDDED_CORPUS)


def cpu_seconds(action) -> float:
    """CPU time, not wall time: a shared machine's load does not move it much."""
    start = time.process_time()
    action()
    return time.process_time() - start


# -- lexicon duplicates: only terms that could share a first word are compared ---------------

TERMS = [
    ("t", "sanction"),
    ("t", "Sanctions"),
    ("t", "sanctioned banks"),
    ("t", "policy"),
    ("t", "policies"),
    ("t", "e"),
    ("t", "ing"),
    ("t", "US"),
    ("t", "us"),
    ("t", "Moon Jae-in"),
    ("t", "moon jae in"),
    ("t", "détente"),
    ("t", "detente"),
    ("u", "sanctions"),
]


def brute_force(terms: list[LexiconTerm]) -> list[list[int]]:
    return [
        [o for o, other in enumerate(terms) if o != t and lexicon.covers(other, term)]
        for t, term in enumerate(terms)
    ]


def test_coverers_finds_what_comparing_every_pair_finds():
    terms = [
        LexiconTerm(theme, term, match)
        for (theme, term), match in itertools.product(TERMS, ("words", "exact"))
    ]
    terms += list(CORPUS.lexicon)
    assert lexicon.coverers(terms) == brute_force(terms)
    assert any(found for found in lexicon.coverers(terms)), "the test compares something"


def test_a_theme_of_several_hundred_terms_is_checked_at_once(tmp_path):
    root = hostile.lexicon_terms(tmp_path / "lexicon", 400)
    assert cpu_seconds(lambda: validate(root)) < 3  # every pair compiled: 20 s and more


# -- the closest passage: a bounded probe in a bounded window ---------------------------------


def test_the_probe_is_cut_at_a_word_end():
    quote = "word " * 100
    probe = anchor.probe(quote)
    assert len(probe) <= anchor.PROBE_CHARS and probe.endswith("word")
    assert anchor.probe("a short quote ") == "a short quote"


def test_a_long_quote_not_in_the_text_gets_its_hint_at_once(tmp_path, capsys):
    root = hostile.long_bad_quote(tmp_path / "quote", 20_000)
    seconds = cpu_seconds(lambda: validate(root))
    assert seconds < 2, seconds  # aligning all 20,000 characters took minutes
    (problem,) = [p for p in validate(root) if p.file == "quotes.csv"]
    assert problem.message == "quote not found verbatim in singh-2018"


def test_in_a_long_text_the_window_is_found_by_the_quotes_own_words():
    singh = CORPUS.document("singh-2018")
    filler = "Nothing to see here. " * 4000
    text = filler + singh.text + filler
    typo = "Xi was the frist Chinese leader to follow the sanctions imposed by the United Nations"
    found = anchor.closest_passage(anchor.normalise(text), typo, text)
    assert found is not None and len(text) > 3 * anchor.WINDOW_CHARS
    assert text[found.start : found.end].startswith("Xi was the first Chinese leader")
    assert anchor.differences(typo, found.passage)[0][:2] == ("frist", "first")


def test_other_texts_and_closest_passages_are_searched_for_so_many_quotes_only(
    tmp_path, monkeypatch
):
    searched = []
    real = anchor.closest_passage
    monkeypatch.setattr(anchor, "closest_passage", lambda *a: searched.append(1) or real(*a))
    root = hostile.many_bad_quotes(tmp_path / "quotes", hints.SEARCHES + 300)
    problems = [p for p in validate(root) if p.file == "quotes.csv"]
    assert len(problems) == hints.SEARCHES + 300
    assert len(searched) == hints.SEARCHES
    assert "searched for the first 100 quotes not found only" in problems[-1].hint


def test_each_quote_not_found_is_reported_where_it_is_in_file_order(tmp_path):
    root = hostile.many_bad_quotes(tmp_path / "quotes", hints.SEARCHES + 50)
    with (root / "quotes.csv").open(encoding="utf-8") as handle:
        first = 1 + sum(1 for _ in handle) - (hints.SEARCHES + 50)  # the first added row
    problems = [p for p in validate(root) if p.file == "quotes.csv"]
    assert [p.row for p in problems] == list(range(first, first + hints.SEARCHES + 50))
    assert {(p.column, p.message, p.severity) for p in problems} == {
        ("quote", "quote not found verbatim in singh-2018", "error")
    }
    assert {p.hint for p in problems[: hints.SEARCHES]} == {  # the closest passage looked for
        "copy the words exactly from the text; no passage of it is much like them"
    }
    assert {p.hint for p in problems[hints.SEARCHES :]} == {quotes.NOT_SEARCHED}


def test_a_table_s_ids_are_checked_once_each(tmp_path, monkeypatch):
    root = hostile.many_bad_quotes(tmp_path / "quotes", 2000)
    checked = []
    real = cells.cell_findings
    monkeypatch.setattr(cells, "cell_findings", lambda f, v, s: checked.append(v) or real(f, v, s))
    validate(root)
    assert checked.count("singh-2018") < 20  # once in each table, not in each of 2,000 rows


@pytest.mark.parametrize("broken", [False, True])
@pytest.mark.parametrize("enabled", [False, True])
def test_loading_leaves_the_garbage_collector_as_it_found_it(tmp_path, broken, enabled):
    root = hostile.many_bad_quotes(tmp_path / "quotes", 1 if broken else 0)
    was = gc.isenabled()
    try:
        (gc.enable if enabled else gc.disable)()
        assert bool(validate(root)) is broken
        assert gc.isenabled() is enabled
    finally:
        (gc.enable if was else gc.disable)()


# -- lexicon reviews: only the sentences an opening may start, found by bisection --------------


@pytest.mark.parametrize("every", [False, True], ids=["searched", "every-sentence"])
@on_real_and_generated_documents
def test_the_sentence_index_finds_what_folding_each_sentence_finds(document, every):
    with pytest.MonkeyPatch.context() as patch:
        if every:  # as for more openings than one pass looks for
            patch.setattr(sentences, "_OPENINGS_SEARCHED", 0)
        found = document_sentences(document)
        openings = {" ".join(s.plain().split()[:words]) for s in found for words in (1, 2, 4)}
        openings |= {"", "nothing like this", "The", "Th", "'", "..."}
        index = reviews.SentenceIndex(document, {anchor.fold(opening) for opening in openings})
        for opening in openings:
            expected = [s for s in found if s.opens_with(opening)]
            assert index.opening_with(anchor.fold(opening)) == expected, opening
        inner = {
            " ".join(s.plain().split()[a:b]) for s in found for a, b in ((1, 3), (2, 5), (-2, None))
        }
        for words in {anchor.fold(words) for words in inner | {"nothing like this"}} - {""}:
            expected = next((s for s in found if words in anchor.fold(s.text)), None)
            assert index.holding(words) == expected, words


def test_only_the_sentences_an_opening_may_start_are_split(tmp_path, monkeypatch):
    root = hostile.reviews_of_a_long_text(tmp_path / "long", 1)
    singh = CORPUS.document("singh-2018")
    document = dataclasses.replace(singh, text=(root / singh.text_file).read_text("utf-8"))
    with (root / "lexicon_reviews.csv").open(encoding="utf-8") as handle:
        openings = {anchor.fold(row["opening"]) for row in csv.DictReader(handle)}
    total = len(sentences.split(document.text, document.body_ranges))
    made = []
    real = sentences._sentence
    monkeypatch.setattr(sentences, "_sentence", lambda *a: made.append(1) or real(*a))
    reviews.SentenceIndex(document, openings)
    assert len(made) < total / 5, (len(made), total)  # each folded and sorted: seconds at 20 MB


def test_reviews_of_a_long_text_cost_next_to_nothing(tmp_path):
    with_reviews = hostile.reviews_of_a_long_text(tmp_path / "with", 1)
    without = hostile.reviews_of_a_long_text(tmp_path / "without", 1, reviews=0)
    (without / "lexicon_reviews.csv").unlink()
    validate(without)  # texts folded and cached alike for both
    extra = cpu_seconds(lambda: validate(with_reviews)) - cpu_seconds(lambda: validate(without))
    assert extra < 1.5, extra  # every sentence folded again per review: several seconds
    problems = [p for p in validate(with_reviews) if p.row and p.row > 59]
    assert [p.row for p in problems if p.file == "lexicon_reviews.csv"] == list(range(69, 120, 10))


# -- the words around an occurrence are read around it, not from the start of the text ---------


def test_words_around_read_only_near_the_span():
    text = "lead " * 1_000_000 + "the quote here " + "tail " * 1_000_000
    folded = anchor.normalise(text)
    (span,) = anchor.find_all(folded, "the quote here")
    seconds = cpu_seconds(lambda: [anchor.words_around(folded, span) for _ in range(200)])
    assert anchor.words_around(folded, span) == ("lead lead lead lead", "tail tail tail tail")
    assert seconds < 1, seconds  # splitting 10 MB each time: seconds per call


@pytest.mark.parametrize(
    ("text", "before", "after"),
    [
        ("QQ", "", ""),
        ("a b c d e f QQ g", "c d e f", "g"),
        (
            "averyveryverylongwordindeed" * 20 + " QQ next",
            "averyveryverylongwordindeed" * 20,
            "next",
        ),
    ],
)
def test_words_around_at_the_edges_of_the_text(text, before, after):
    folded = anchor.normalise(text)
    (span,) = anchor.find_all(folded, "QQ")
    assert anchor.words_around(folded, span) == (before, after)


# -- a large folder the corpus does not name costs a rerun and a save nothing -----------------


def test_a_folder_of_50000_unrelated_files_slows_neither_the_stamp_nor_a_save(tmp_path):
    root = hostile.unrelated_files(tmp_path / "corpus", 50_000)
    assert cpu_seconds(lambda: corpus.stamp(root)) < 0.1  # 0.9 s when the folder was walked
    change = store.Change(
        "a themes row", {"themes.csv": (root / "themes.csv").read_bytes()}, {"themes.csv": None}
    )
    assert cpu_seconds(lambda: store.check(root, change)) < 1.0  # 5 s when it was mirrored


# -- spans not found, and a text without a space: bounded searches ----------------------------


def test_spans_not_found_search_the_closest_passage_for_so_many_rows_only(tmp_path, monkeypatch):
    root = hostile.spans_not_found(tmp_path / "corpus", 20_000)
    searched = []
    real_closest = anchor.closest_passage
    monkeypatch.setattr(
        anchor, "closest_passage", lambda *args: searched.append(args) or real_closest(*args)
    )
    problems: list = []
    seconds = cpu_seconds(lambda: problems.extend(validate(root)))
    assert len(searched) == hints.SEARCHES
    spans = [p for p in problems if p.file == "excluded_spans.csv" and p.column == "starts_with"]
    assert len(spans) == 20_000
    assert "closest passage is searched for the first 100 words not found only" in spans[-1].hint
    assert seconds < 6  # 9 s for 100,000 rows when each was searched, 2 s after


def test_a_text_without_a_space_is_searched_for_no_run_of_words_it_cannot_hold(tmp_path):
    root = hostile.text_without_spaces(tmp_path / "corpus", 5)
    seconds = cpu_seconds(lambda: validate(root))
    assert seconds < 3  # 5 s before: each quote's runs of words were sought to the end


@pytest.mark.parametrize(
    ("text", "probe", "window"),
    [
        ("x" * 30_000, "Xi was the first Chinese leader", None),
        ("a b " * 10_000 + "Xi was the first Chinese leader", "Xi was the first leader", 39_759),
        ("a b " * 10_000 + "Xiwas the first", "was the first", 39_761),
    ],
    ids=["no space", "a run found", "a run that starts inside a word"],
)
def test_the_search_window_is_found_as_before_where_a_run_can_occur(text, probe, window):
    assert anchor._window(anchor.normalise(text), probe, 0) == window
