"""The fast Theme coverage (one scan per text, tables grouped once, kept per corpus) gives exactly
what the straightforward reference in tests/coverage_reference.py gives, on small inputs."""

from __future__ import annotations

import dataclasses
import gc
import weakref

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from bench.synth import generate
from perspectives import anchor, coverage, lexicon, load
from perspectives.model import Corpus, LexiconTerm
from perspectives.paths import EMBEDDED_CORPUS
from perspectives.sentences import split
from perspectives.ui import derived

from . import coverage_reference as reference
from .conftest import ROOT
from .test_lexicon import languages_corpus

FIXTURES = ROOT / "tests" / "fixtures"
EMBEDDED = load(EMBEDDED_CORPUS)


def with_lexicon(corpus: Corpus, terms: dict[str, list[str]]) -> Corpus:
    lexicon_terms = tuple(
        LexiconTerm(theme_id, term, "exact" if term.isupper() else "words")
        for theme_id, words in terms.items()
        for term in words
    )
    return dataclasses.replace(corpus, lexicon=lexicon_terms)


def synthetic(tmp_path) -> Corpus:
    sizes = {"documents": 6, "themes": 6, "positions": 18, "quotes": 40, "text_bytes": 30_000}
    return load(generate(tmp_path / "synthetic", **sizes))


CORPORA = {
    "embedded": lambda _: EMBEDDED,
    "embedded without reviews": lambda _: dataclasses.replace(EMBEDDED, lexicon_reviews=()),
    "embedded with half the reviews": lambda _: dataclasses.replace(
        EMBEDDED, lexicon_reviews=EMBEDDED.lexicon_reviews[::2]
    ),
    "embedded without lexicon": lambda _: dataclasses.replace(EMBEDDED, lexicon=()),
    "three perspectives": lambda _: with_lexicon(
        load(FIXTURES / "three-perspectives"),
        {
            "ticket-prices": ["ticket", "fare", "price"],
            "public-subsidy": ["subsidy", "state", "public money"],
            "border-timetables": ["timetable", "border", "connection"],
            "rolling-stock": ["carriage", "couchette cars", "rolling stock"],
        },
    ),
    "overview three": lambda _: with_lexicon(
        load(FIXTURES / "overview-three"),
        {
            "quotas": ["quota", "treaty"],
            "dam": ["dam", "power", "Upper Falls dam"],
            "funding": ["pay", "storage"],
            "monitoring": ["flow figures", "commission"],
            "fisheries": ["fish stock", "fish"],
        },
    ),
    "hostile": lambda _: with_lexicon(
        load(FIXTURES / "hostile"),
        {"scripts": ["script", "alert", "onerror"], "markdown": ["bold", "click", "code"]},
    ),
    "synthetic": synthetic,
}


@pytest.mark.parametrize("make", CORPORA.values(), ids=CORPORA.keys())
def test_every_table_is_the_reference_one(make, tmp_path):
    corpus = make(tmp_path)
    expected = reference.tag(corpus)
    tagged = coverage.tag(corpus)
    assert [(t.document_id, t.index, t.sentence, t.sentence.text, t.hits) for t in tagged] == [
        (t.document_id, t.index, t.sentence, t.sentence.text, t.hits) for t in expected
    ]
    pd.testing.assert_frame_equal(
        coverage.coverage_table(corpus, tagged), reference.coverage_table(corpus, expected)
    )
    pd.testing.assert_frame_equal(
        coverage.untagged_table(corpus, tagged), reference.untagged_table(corpus, expected)
    )
    themes = [theme.id for theme in corpus.themes]
    documents = [document.id for document in corpus.documents]
    for chosen_themes, chosen_documents in (
        (themes, documents),
        (themes[:1], documents),
        (themes[1:3], documents[-1:]),
        (themes, []),
    ):
        rows = coverage.sentence_tags(corpus, tagged, chosen_themes, chosen_documents).rows()
        wanted = reference.sentence_rows(corpus, expected, chosen_themes, chosen_documents)
        if wanted.empty:
            assert rows.empty and list(rows.columns) == list(wanted.columns)
        else:
            pd.testing.assert_frame_equal(rows, wanted)
    measured = coverage.quality(corpus, tagged)
    pd.testing.assert_frame_equal(measured.themes, reference.quality_themes(corpus, expected))
    for total in ("quotes", "recalled", "tags", "curated", "accepted", "rejected", "unreviewed"):
        assert getattr(measured, total) == measured.themes[total].sum(), total
    pd.testing.assert_frame_equal(
        coverage.untagged_quotes(corpus, tagged), reference.untagged_quotes(corpus, expected)
    )


def test_texts_in_several_languages_are_tagged_with_the_terms_of_their_language(tmp_path):
    """The reference's tables count words as English does (not each Chinese character), so
    only the tags are compared here."""
    corpus = load(languages_corpus(tmp_path / "languages"))
    tagged = coverage.tag(corpus)
    assert [(t.document_id, t.index, t.sentence, t.hits) for t in tagged] == [
        (t.document_id, t.index, t.sentence, t.hits) for t in reference.tag(corpus)
    ]
    assert {hit.term for t in tagged for hit in t.hits} == {
        "equal",
        "平等",
        "الكرامة",
        "2",
        "生命",
        "3",
    }


TERMS = (
    LexiconTerm("korea", "Korea"),
    LexiconTerm("korea", "North Korea"),
    LexiconTerm("peninsula", "Korean peninsula"),
    LexiconTerm("sanctions", "sanction"),
    LexiconTerm("sanctions", "sanctions regime"),
    LexiconTerm("freeze", "double freeze"),
    LexiconTerm("other", "double freeze"),  # one term in two themes
    LexiconTerm("double", "double double"),
    LexiconTerm("us", "US", "exact"),
    LexiconTerm("us", "U.S.", "exact"),
    LexiconTerm("detente", "détente"),
    LexiconTerm("istanbul", "Istanbul"),
    LexiconTerm("commerce", "e commerce"),  # a one-letter first word: tried on its own
    LexiconTerm("sanctions", "санкции"),  # not ASCII: tried on its own
    LexiconTerm("attacks", "9/11"),
    LexiconTerm("physics", "'t Hooft"),
    LexiconTerm("economy", "economy"),
    LexiconTerm("visit", "visit"),
    LexiconTerm("freeze", "freeze"),
    # terms of a language: no English endings; a script without spaces needs no word boundary
    LexiconTerm("visit", "visite", language="fr"),
    LexiconTerm("economy", "economie", language="fr"),
    LexiconTerm("korea", "Korea", language="en-GB"),
    LexiconTerm("sanctions", "санкция", language="ru"),
    LexiconTerm("sanctions", "制裁", language="zh"),
    LexiconTerm("sanctions", "经济制裁", language="zh-Hans"),
    LexiconTerm("sanctions", "THAAD系统", language="zh"),
    LexiconTerm("sanctions", "経済制裁", language="ja"),
    LexiconTerm("country", "ประเทศ", language="th"),
    LexiconTerm("dignity", "الكرامة", language="ar"),
    LexiconTerm("liberty", "الحرِّية", language="ar"),  # vowel points or none, in term and text
    LexiconTerm("sanctions", "العقوبات"),  # no language: may be Arabic, particles and all
    LexiconTerm("sanctions", "عقوبات", "exact", language="ar"),  # this form only
    LexiconTerm("less", "कम", language="hi"),  # a vowel sign after it: a longer word
    LexiconTerm("sanctions", "제재", language="ko"),  # with its particles and endings
    LexiconTerm("sanctions", "제재", "exact", language="ko"),  # this form only
    LexiconTerm("sanctions", "制裁"),  # no language: English endings after it
)

TEXTS = [
    "North Korea and south korea; the Korean peninsula’s future, NORTH KOREA’s.",
    "New sanctions… and the sanctions\n  regime’s reach; SANCTIONED banks.",
    "A double double freeze, double-double  freeze, the “double‑freeze”, double double double.",
    "the US–China relationship tells us more; USA is not US, nor is U.S.A. the U.S.",
    "la détente, DÉTENTE, detente’s end…",
    "ſanction and \u212aorea (a Kelvin sign), ıstanbul, İstanbul and ISTANBUL",
    "e-commerce, E commerce, ecommerce",
    "санкции и САНКЦИИ, sanctions",
    "after 9/11, the 9/11 commission; 19/11 and 9/111 are not",
    "Gerard 't Hooft and ’t Hooft",
    "economies and the economy’s; visited, visiting, revisit; freezing freezes",
    "",
    "   ",
    "…",
    "Korea",
    "la visite, les visites, visited; economie, economies, l'economie",
    "санкция, САНКЦИЯ, санкциях, санкцияs",
    "对朝鲜实施制裁。制裁措施、经济 制裁，制裁s 萨德 THAAD系统部署，萨德THAAD系统",
    "日本は経済制裁を続けた。ในประเทศไทย",
    "متساوين في الكرامة والحقوق، الكرامةِ، بالكرامة",
    "الحرية والحرِّية، الحرِّيةُ. कमी है, कम है. 加入WTO后, 朝鲜Korea问题, KoreaKorea",
    "대북 제재는 효과가 없다. 제재를 풀고, 경제제재, 제재",
    "والعقوبات، بالعقوبات للعقوبات وعقوبات عقوبات ولالعقوبات",
]


@pytest.mark.parametrize("text", TEXTS)
def test_a_text_gives_the_reference_hits(text):
    matcher = lexicon.Matcher(TERMS)
    assert matcher.find(text) == reference.find(TERMS, text)
    assert matcher.find(text, offset=17) == reference.find(TERMS, text, offset=17)


SENTENCED = [
    "North Korea.\n\nKorea is… here. Double\n\nfreeze\n- double freeze",
    "It ended… Then North Korea left.  The  US  did.\tSanctions   regime’s end.",
    "Headline about Korea\n\n• The first point on sanctions\n\n  • The second point. Korea\n2. US",
    "“Korea,” she said. “Double freeze!” He agreed… Détente followed.",
]


@pytest.mark.parametrize("text", [*SENTENCED, *TEXTS])
def test_each_sentence_is_read_on_its_own(text):
    sentences = split(text)
    found = lexicon.Matcher(TERMS).find_in(
        anchor.normalise(text), [(s.start, s.end) for s in sentences]
    )
    assert found == [reference.find(TERMS, s.text, offset=s.start) for s in sentences]


WORDS = [
    "korea", "Korea", "KOREA", "north", "North", "korean", "peninsula", "sanction", "sanctions",
    "Sanctioned", "regime", "double", "freeze", "freezing", "US", "us", "U.S.", "détente",
    "ſanction", "\u212aorea", "ıstanbul", "İstanbul", "e", "commerce", "санкции", "9/11", "'t",
    "’t", "Hooft", "economy", "economies", "visit", "revisit", "the", "A", "x", "visite",
    "visites", "economie", "санкция", "санкциях", "制裁", "经济", "实施制裁", "THAAD系统", "系统",
    "経済制裁を", "ประเทศไทย", "الكرامة", "بالكرامة", "الكرامةِ", "s", "الحرية", "الحرِّيةُ",
    "कमी", "कम", "朝鲜Korea问题", "Korea朝鲜", "ไทยsanctions", "제재는", "경제제재", "제재",
    "والعقوبات", "للعقوبات", "وعقوبات",
]  # fmt: skip
JOINS = [
    " ", " ", " ", "  ", "\n", "\n\n", "-", " – ", "…", ". ", ".\n\n", ", ", "’s ", "\u00a0",
    "\t", "\n- ", "\n1. ", "! ", "? ", "“", "” ",
]  # fmt: skip


# Texts of the words above and any other characters, joined as prose joins them; lexicons of some
# of the terms, in any order.
_TEXTS = st.lists(
    st.tuples(st.one_of(st.sampled_from(WORDS), st.text(max_size=4)), st.sampled_from(JOINS)),
    min_size=1,
    max_size=40,
).map(lambda pieces: "".join(word + join for word, join in pieces))
_LEXICONS = st.lists(st.sampled_from(TERMS), min_size=1, unique=True).map(tuple)


@given(text=_TEXTS, terms=_LEXICONS)
def test_generated_texts_and_lexicons_give_the_reference_hits(text, terms):
    matcher = lexicon.Matcher(terms)
    assert matcher.find(text) == reference.find(terms, text)
    sentences = split(text)
    found = matcher.find_in(anchor.normalise(text), [(s.start, s.end) for s in sentences])
    assert found == [reference.find(terms, s.text, offset=s.start) for s in sentences]
    expected = reference.split(text, ((0, len(text)),))
    assert [(s, s.text) for s in sentences] == [(s, s.text) for s in expected]


@pytest.mark.parametrize("text", [*TEXTS, "Ærø, naïve café, Ångström, ﬁne, Straße"])
def test_accents_are_stripped_as_the_reference_strips_them(text):
    assert lexicon.strip_accents(text) == reference.strip_accents(text)


def test_a_corpus_is_tagged_once_for_every_page_and_kept_no_longer_than_the_corpus():
    corpus = dataclasses.replace(EMBEDDED)  # a corpus object of its own
    tagged = coverage.tag(corpus)
    assert coverage.tag(corpus) is tagged
    assert coverage.analysis(corpus).tagged is tagged
    assert derived.tagged_sentences(corpus) is tagged, "every page shares the one tagging"
    kept = weakref.ref(coverage.analysis(corpus))
    alive = weakref.ref(corpus)
    del corpus, tagged
    gc.collect()
    assert alive() is None and kept() is None


def test_a_page_that_changes_a_table_does_not_change_the_kept_one():
    tagged = coverage.tag(EMBEDDED)
    table = coverage.coverage_table(EMBEDDED, tagged)
    table["sentences"] = 0
    rows = coverage.sentence_tags(EMBEDDED, tagged, ["sanctions"], ["singh-2018"]).rows()
    rows["sentence"] = ""
    measured = coverage.quality(EMBEDDED, tagged)
    measured.themes["tags"] = 0
    assert coverage.coverage_table(EMBEDDED, tagged)["sentences"].sum() > 0
    assert (
        coverage.sentence_tags(EMBEDDED, tagged, ["sanctions"], ["singh-2018"]).rows()["sentence"]
        != ""
    ).all()
    assert coverage.quality(EMBEDDED, tagged).themes["tags"].sum() > 0


def test_a_term_with_the_joining_character_still_reads_each_sentence_on_its_own():
    terms = (LexiconTerm("odd", "a\x00b"), LexiconTerm("korea", "Korea"))
    text = "Korea a\n\nb Korea\n\na\x00b here."
    sentences = split(text)
    found = lexicon.Matcher(terms).find_in(
        anchor.normalise(text), [(s.start, s.end) for s in sentences]
    )
    assert found == [reference.find(terms, s.text, offset=s.start) for s in sentences]
    assert [hit.term for hits in found for hit in hits] == ["Korea", "Korea", "a\x00b"]
