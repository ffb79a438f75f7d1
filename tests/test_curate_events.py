"""Events and lexicon terms made as rows from the Curate page: one checked save each, and terms
suggested from the words that set a theme's quotes apart."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from perspectives import curate, curate_events, load, starter, store, validate
from perspectives.curate import CurationError
from perspectives.curate_events import EventDraft, distinctive_words
from perspectives.lexicon import Matcher
from perspectives.model import LexiconTerm

from .test_lexicon import languages_corpus


@pytest.fixture
def started(tmp_path) -> Path:
    root = tmp_path / "corpus"
    starter.write_starter(root, dt.date(2024, 6, 1))
    return root


PAINTED = ("example-2024", "Painted lines do not protect anyone.")
SUBSIDY = ("voorbeeld-2024", "A modest subsidy for electric bikes brought older commuters back")


@pytest.mark.parametrize(
    ("draft", "referred"),
    [
        (EventDraft("kerb-plan", "2024-03", "Kerb plan", quotes=(PAINTED,)), ["example-2024"]),
        (
            EventDraft(
                "subsidy-law",
                "2023-11-02",
                "Subsidy law",
                "A national subsidy for e-bikes.",
                ("e-bike-subsidies", "protected-lanes"),
                "Official journal, 2 November 2023",
                (SUBSIDY, PAINTED),
            ),
            ["voorbeeld-2024", "example-2024"],
        ),
        (EventDraft("census", "2021", "Census", date_source="Statistics office"), []),
    ],
)
def test_an_event_and_the_quotes_that_refer_to_it_are_one_save(started, draft, referred):
    saved = store.save(started, curate_events.add_event(curate.read(started), draft))
    added = {"events.csv", "event_quotes.csv"} if referred else {"events.csv"}
    assert set(saved.files) == added | {"datapackage.json"}  # new tables: described there too
    (event,) = load(started).events
    assert (event.id, event.date.isoformat(), event.label) == (draft.id, draft.date, draft.label)
    assert event.theme_ids == draft.theme_ids and event.date_source == draft.date_source
    assert list(event.document_ids) == referred
    assert not [p for p in validate(started) if p.severity == "error"]


@pytest.mark.parametrize(
    ("draft", "refused"),
    [
        (EventDraft("Kerb Plan", "2024", "x", quotes=(PAINTED,)), "invalid id 'Kerb Plan'"),
        (EventDraft("example-2024", "2024", "x", quotes=(PAINTED,)), None),  # ids are per table
    ],
)
def test_an_event_id_is_checked_before_any_row_is_made(started, draft, refused):
    if refused:
        with pytest.raises(CurationError, match=refused):
            curate_events.add_event(curate.read(started), draft)
    else:
        store.save(started, curate_events.add_event(curate.read(started), draft))
        with pytest.raises(CurationError, match="event 'example-2024' already exists"):
            curate_events.add_event(curate.read(started), draft)


@pytest.mark.parametrize(
    ("draft", "column"),
    [
        (EventDraft("kerb-plan", "2024-13", "Kerb plan", quotes=(PAINTED,)), "date"),
        (EventDraft("kerb-plan", "2024", "Kerb plan"), "date_source"),  # no text refers to it
        (
            EventDraft("kerb-plan", "2024", "Kerb plan", quotes=((PAINTED[0], "Not there"),)),
            "quote",
        ),
    ],
)
def test_an_event_the_validator_rejects_is_not_written(started, draft, column):
    with pytest.raises(store.RefusedError) as refused:
        store.save(started, curate_events.add_event(curate.read(started), draft))
    assert column in {problem.column for problem in refused.value.problems}
    assert not (started / "events.csv").exists()


def test_terms_are_added_once_each_and_counted_by_theme_coverage(started):
    change = curate_events.add_terms(
        curate.read(started), "protected-lanes", ["kerb", " kerb ", "painted  lines", ""]
    )
    store.save(started, change)
    terms = [(t.theme_id, t.term) for t in load(started).lexicon]
    assert terms == [("protected-lanes", "kerb"), ("protected-lanes", "painted lines")]
    with pytest.raises(CurationError, match="no term that protected-lanes does not have yet"):
        curate_events.add_terms(curate.read(started), "protected-lanes", ["kerb"])
    assert not [p for p in validate(started) if p.severity == "error"]


@pytest.mark.parametrize(
    ("quotes", "texts", "expected"),
    [
        # "lanes" is in the quotes twice, but more common in the texts: left out
        (
            ["Protected lanes need a kerb.", "Lanes and a kerb."],
            ["Protected lanes need a kerb. Lanes and a kerb.", "Lanes lanes lanes buses trains."],
            ["kerb", "protected", "need"],
        ),
        (["The kerb, the kerb."], ["The kerb, the kerb. Buses."], ["kerb"]),  # stop words out
        (["Buses"], ["Buses"], []),  # no more frequent in the quotes than in the texts
        ([], ["Buses"], []),
        (["Détente"], ["Détente and trains."], ["detente"]),  # accents folded, as terms match
        (["Moon Jae-in’s visit"], ["Moon Jae-in’s visit. Trains."], ["moon", "jae-in", "visit"]),
        (["kerb lanes"], ["kerb lanes trains buses"], ["kerb", "lanes"]),  # ties: first met first
        # a word counts with the forms it matches as a term; the forms it covers are not offered
        (
            ["Subsidies help.", "A subsidy."],
            ["Subsidies help. A subsidy. Trains."],
            ["subsidy", "help"],
        ),
    ],
)
def test_the_distinctive_words_of_quotes(quotes, texts, expected):
    assert distinctive_words(quotes, texts) == expected


def test_suggested_terms_leave_out_the_terms_the_theme_has(started):
    before = curate_events.suggested_terms(load(started), "e-bike-subsidies")
    assert before[:3] == ["subsidy", "modest", "electric"]  # "subsidy" counts "Subsidies" too
    change = curate_events.add_terms(curate.read(started), "e-bike-subsidies", ["Subsidy"])
    store.save(started, change)
    after = curate_events.suggested_terms(load(started), "e-bike-subsidies")
    assert after[: len(before) - 1] == before[1:]  # and one more, to fill the list


@pytest.mark.parametrize(
    ("quotes", "texts", "language", "expected"),
    [
        # English forms and stop words for English, or no language, only
        (["Subsidies help.", "A subsidy."], ["Subsidies help. A subsidy. Trains."], "en-GB",
         ["subsidy", "help"]),
        (["Subsidies help.", "A subsidy."], ["Subsidies help. A subsidy. Trains."], "fr",
         ["subsidies", "help", "subsidy"]),
        (["The kerb, the kerb."], ["The kerb, the kerb. Buses."], "nl", ["the", "kerb"]),
        (["Санкции и санкции против них."], ["Санкции и санкции против них. Поезда идут."], "ru",
         ["санкции", "против", "них"]),
    ],
)  # fmt: skip
def test_the_distinctive_words_of_quotes_in_a_language(quotes, texts, language, expected):
    assert distinctive_words(quotes, texts, language=language) == expected


def test_terms_are_added_in_a_language(started):
    change = curate_events.add_terms(curate.read(started), "protected-lanes", ["kerb"], " en-GB ")
    assert change.description == "lexicon of protected-lanes: kerb (language en-GB)"
    store.save(started, change)
    assert [(t.term, t.language) for t in load(started).lexicon] == [("kerb", "en-GB")]


def test_suggestions_are_in_the_language_the_quoted_texts_share(started, tmp_path):
    assert curate_events.quoted_language(load(started), "e-bike-subsidies") == "en"
    languages = load(languages_corpus(tmp_path / "languages"))
    assert curate_events.quoted_language(languages, "equality") == "", "en, zh-Hans and ar"
    chinese = dataclasses.replace(
        languages, positions=tuple(p for p in languages.positions if p.document_id == "udhr-zh")
    )
    assert curate_events.quoted_language(chinese, "equality") == "zh-Hans"
    bare = dataclasses.replace(languages, positions=())
    assert curate_events.quoted_language(bare, "equality") == "", "no quote"


@pytest.mark.parametrize(
    ("quotes", "texts", "language", "expected"),
    [
        # Chinese: pairs of characters, the one in both quotes first, none across a full stop
        (["对朝鲜的制裁。", "制裁无效。"], ["对朝鲜的制裁。制裁无效。", "中国和美国的关系。"], "zh",
         ["制裁", "对朝", "朝鲜", "鲜的", "的制", "裁无", "无效"]),
        # Arabic: the vowel points a quote writes are left out of the term, which then matches
        # the word with or without them
        (["لكلِّ فرد الحقُّ في الحياة", "الحقُّ في الأمان"],
         ["لكلِّ فرد الحقُّ في الحياة. الحقُّ في الأمان.", "يولد جميع الناس أحراراً"], "ar",
         ["الحق", "لكل", "فرد", "الحياة", "الامان"]),
        # Arabic: a word offered without the particles written on to it, and found with them
        (["والعقوبات لا تنفع.", "لا جدوى من العقوبات وحدها."],
         ["والعقوبات لا تنفع. لا جدوى من العقوبات وحدها.", "يولد جميع الناس أحراراً."], "ar",
         ["العقوبات", "تنفع", "جدوى", "وحدها"]),
        # Korean: a noun offered without the particles it carries, which the term then takes
        (["대북 제재는 효과가 없다.", "제재를 풀어야 한다."],
         ["대북 제재는 효과가 없다. 제재를 풀어야 한다.", "날씨가 좋다. 북한이 발사했다."], "ko",
         ["제재", "대북", "효과가", "없다", "풀어야", "한다"]),
        # Devanagari: a word with its vowel signs, whole
        (["प्रतिबंधों का असर", "असर नहीं"], ["प्रतिबंधों का असर नहीं हुआ। बातचीत जारी रही।"], "hi",
         ["असर", "प्रतिबंधों", "नहीं"]),
    ],
)  # fmt: skip
def test_the_distinctive_words_of_quotes_in_other_scripts(quotes, texts, language, expected):
    found = distinctive_words(quotes, texts, language=language)
    assert found == expected
    matcher = Matcher(tuple(LexiconTerm("t", term, language=language) for term in found))
    for quote in quotes:  # each suggested term finds its words in the quotes as written
        assert {hit.term for hit in matcher.find(quote)} <= set(found)
    assert {hit.term for quote in quotes for hit in matcher.find(quote)} == set(found)


def test_each_passage_is_offered_once_and_passages_that_open_alike_by_their_close_too(started):
    corpus = load(started)
    position = next(p for p in corpus.positions if p.quotes)
    quote = position.quotes[0]
    opening = " ".join(f"word{n}" for n in range(12))
    ends = ("then left.", "then right.", "then right.\n")  # the last two alike to the end
    alike = [dataclasses.replace(quote, text=f"{opening} {end}") for end in ends]
    twice = dataclasses.replace(position, theme_id="elsewhere", quotes=(quote,))  # a 2nd theme
    changed = dataclasses.replace(position, quotes=(*position.quotes, *alike))
    positions = [changed if p is position else p for p in corpus.positions] + [twice]
    choices = curate_events.quote_choices(dataclasses.replace(corpus, positions=tuple(positions)))
    labels = [label for _, label in choices]
    assert len(labels) == len(set(labels))
    passages = [(q.document_id, q.text) for q, _ in choices]
    assert len(passages) == len(set(passages)) == sum(len(p.quotes) for p in corpus.positions) + 3
    perspective = corpus.document(position.document_id).perspective
    assert [label for label in labels if "word0" in label] == [
        f"{perspective}: “word0 word1 word2 word3 word4 … word9 word10 word11 then left.”",
        f"{perspective}: “word0 word1 word2 word3 word4 … word9 word10 word11 then right.” (1)",
        f"{perspective}: “word0 word1 word2 word3 word4 … word9 word10 word11 then right.” (2)",
    ]
    others = [label for label in labels if "word0" not in label]
    assert all(label.endswith("”") and " … word" not in label for label in others)
    # as many words as an opening: a longer label wraps the box
    words = [label.split("“")[1].split("”")[0].split() for label in labels]
    assert max(len(shown) for shown in words) == curate_events.QUOTE_LABEL_WORDS + 1  # and …
