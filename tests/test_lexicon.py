"""Lexicon terms: what they find in text, and how a bad lexicon.csv is reported."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest

from perspectives import language, load
from perspectives.corpus import validate
from perspectives.lexicon import Matcher, covers
from perspectives.model import LexiconTerm
from perspectives.paths import EMBEDDED_CORPUS

from .conftest import ROOT, read_rows, write_rows
from .test_reader import make_document
from .test_validate import append_copy_of_row, cell, drop_column

#: A lexicon for the corpus of tests/fixtures/languages (English, Chinese and Arabic texts of
#: the UDHR), each term in one language, or in none.
LANGUAGES_LEXICON = [
    ["theme_id", "term", "match", "language", "note"],
    ["equality", "equal", "", "en", ""],
    ["equality", "平等", "", "zh", "Inside a run of characters: 一律平等."],
    ["equality", "الكرامة", "", "ar", ""],
    ["equality", "2", "", "", "No language: in every text."],
    ["life", "生命", "", "zh-hans", "The tag in any case."],
    ["life", "人身安全", "", "zh-Hant", "Not in the zh-Hans text."],
    ["life", "3", "", "ar", "Not in the English text's Article 3."],
    ["life", "life", "", "en-GB", "Not in a text in en: the range is narrower."],
]


def languages_corpus(root: Path) -> Path:
    """A copy of tests/fixtures/languages with LANGUAGES_LEXICON as its lexicon.csv."""
    shutil.copytree(ROOT / "tests" / "fixtures" / "languages", root)
    write_rows(root / "lexicon.csv", LANGUAGES_LEXICON)
    return root


def found(term: str, text: str, match: str = "words", tag: str = "") -> list[str]:
    hits = Matcher((LexiconTerm("theme", term, match, language=tag),)).find(text)
    return [text[hit.start : hit.end] for hit in hits]


@pytest.mark.parametrize(
    ("term", "match", "text", "expected"),
    [
        ("sanction", "words", "New Sanctions and sanctioned banks.", ["Sanctions", "sanctioned"]),
        ("sanctions regime", "words", "the current sanctions\n  regime", ["sanctions\n  regime"]),
        ("sanction", "words", "the sanctions regime’s reach", ["sanctions"]),
        ("Seoul", "words", "Seoul’s view and SEOUL's", ["Seoul’s", "SEOUL's"]),
        ("Moon Jae-in", "words", "President Moon Jae-in’s visit", ["Moon Jae-in’s"]),
        ("Moon Jae-in", "words", "Moon Jae‑in (with a non-breaking hyphen)", ["Moon Jae‑in"]),
        ("THAAD", "exact", "the THAAD issue, not thaad", ["THAAD"]),
        ("double freeze", "words", "the “double-freeze” regime", ["double-freeze"]),
        (
            "double freeze",
            "words",
            "a double\nfreeze, a double – freeze",
            ["double\nfreeze", "double – freeze"],
        ),
        ("trade war", "words", "trade wars, not trade warfare", ["trade wars"]),
        (
            "visit",
            "words",
            "visited, visiting, visits; not revisit",
            ["visited", "visiting", "visits"],
        ),
        ("freeze", "words", "freezing and freezes", ["freezing", "freezes"]),
        ("economy", "words", "economies and the economy’s", ["economies", "economy’s"]),
        ("detente", "words", "the détente process", ["détente"]),
        ("US", "exact", "the US–China relationship tells us more", ["US"]),
        ("relation", "words", "the relationship", []),
        ("South Korea", "words", "SOUTH KOREA and south korean", ["SOUTH KOREA"]),
    ],
)
def test_term_matching(term, match, text, expected):
    assert found(term, text, match) == expected


@pytest.mark.parametrize(
    ("term", "tag", "text", "expected"),
    [
        # English endings for an English term, or one of no language, only
        ("visite", "", "la visite, les visites", ["visite", "visites"]),
        ("visite", "en-GB", "la visite, les visites", ["visite", "visites"]),
        ("visite", "fr", "la visite, les visites", ["visite"]),
        ("санкция", "ru", "Санкция, САНКЦИЯ; не санкциях, санкцияs", ["Санкция", "САНКЦИЯ"]),
        ("санкция", "", "не санкциях, санкцияs", ["санкцияs"]),
        ("ёлка", "ru", "Елка и ёлка, не ёлки", ["Елка", "ёлка"]),  # accents ignored
        ("Sanktion", "de", "die Sanktion, Sanktionen, SANKTION", ["Sanktion", "SANKTION"]),
        # Scripts without spaces between words: found inside a run of characters
        ("制裁", "zh", "对朝鲜实施制裁。制裁措施", ["制裁", "制裁"]),
        ("制裁", "", "对朝鲜实施制裁。", ["制裁"]),
        ("经济制裁", "zh-Hans", "美国对朝鲜的经济 制裁", ["经济 制裁"]),
        ("経済制裁", "ja", "日本は経済制裁を続けた", ["経済制裁"]),
        ("サンクション", "ja", "新たなサンクションを", ["サンクション"]),
        ("ประเทศ", "th", "ในประเทศไทย", ["ประเทศ"]),
        # only the side of the term in such a script goes without a word boundary
        ("THAAD系统", "zh", "萨德 THAAD系统部署, 萨德THAAD系统", ["THAAD系统", "THAAD系统"]),
        # a Latin word meets a Chinese or Thai one without a space, not a Latin letter
        ("WTO", "zh", "加入WTO后, WTO的, xWTO, WTOx", ["WTO", "WTO"]),
        ("ASEAN", "th", "ประชุมASEANครั้ง", ["ASEAN"]),
        # Arabic is written with spaces: whole words, vowel points written or left out, in
        # the text (the hit takes them) and in the term
        ("الكرامة", "ar", "متساوين في الكرامة والحقوق، الكرامةِ", ["الكرامة", "الكرامةِ"]),
        ("الكرامة", "ar", "بالكرامة", ["بالكرامة"]),  # "with": a particle, see below
        ("الحرية", "ar", "في الحياة والحرِّية وفي الحرِّية", ["والحرِّية", "الحرِّية"]),
        ("الحرِّيةُ", "ar", "الحرية والحرية", ["الحرية", "والحرية"]),
        ("الحق", "ar", "مالحق", []),  # a letter that is no particle before: inside a word
        # the particles Arabic writes on to a word: and, so, with, as, for (لل for ل + ال)
        (
            "العقوبات",
            "ar",
            "والعقوبات بالعقوبات للعقوبات، وَبِالعُقُوبَاتِ ولالعقوبات",
            ["والعقوبات", "بالعقوبات", "للعقوبات", "وَبِالعُقُوبَاتِ"],
        ),
        ("عقوبات", "ar", "وعقوبات لعقوبات فبعقوبات", ["وعقوبات", "لعقوبات", "فبعقوبات"]),
        ("العقوبات", "fa", "والعقوبات العقوبات", ["العقوبات"]),  # Arabic particles: Arabic only
        ("שָׁלוֹם", "he", "שלום ושלום, שָׁלוֹם", ["שלום", "שָׁלוֹם"]),
        # Korean: a word with its particles and endings, from its start
        (
            "제재",
            "ko",
            "대북 제재는 효과가 없다. 제재를 풀고, 경제제재, 제재",
            ["제재는", "제재를", "제재"],
        ),
        ("대북 제재", "ko", "대북 제재의 한계, 대북제재", ["대북 제재의"]),
        # a vowel sign of Devanagari is part of its word: कम is not in कमी
        ("कम", "hi", "कमी है, कम है", ["कम"]),
        ("प्रतिबंध", "hi", "प्रतिबंधों का असर, प्रतिबंध", ["प्रतिबंध"]),
    ],
)
def test_terms_of_a_language(term, tag, text, expected):
    assert found(term, text, tag=tag) == expected


@pytest.mark.parametrize(
    ("tag", "language_range", "within"),
    [
        ("zh", "zh", True),
        ("zh-Hans", "zh", True),
        ("zh-Hans-CN", "zh-Hans", True),
        ("ZH-hans", "zh-HANS", True),
        ("zh-Hans", "zh-Hant", False),
        ("zh", "zh-Hans", False),
        ("zhx", "zh", False),
        ("en-GB", "en", True),
        ("en", "en-GB", False),
        ("ar", "*", True),
        ("", "zh", False),
    ],
)
def test_a_tag_is_within_a_range_by_rfc_4647_basic_filtering(tag, language_range, within):
    assert language.within(tag, language_range) is within


DOCUMENTS = {
    tag: dataclasses.replace(make_document(text=text), language=tag)
    for tag, text in {
        "en": "The sanctions hurt. Article 2",
        "zh-Hans": "对朝鲜实施制裁。第 2 条",
        "ar": "العقوبات. المادة 2",
    }.items()
}


@pytest.mark.parametrize(
    ("term", "documents"),
    [
        (LexiconTerm("t", "2"), ["en", "zh-Hans", "ar"]),
        (LexiconTerm("t", "2", language="zh"), ["zh-Hans"]),
        (LexiconTerm("t", "2", language="ZH-HANS"), ["zh-Hans"]),
        (LexiconTerm("t", "2", language="zh-Hant"), []),
        (LexiconTerm("t", "2", language="ar"), ["ar"]),
        (LexiconTerm("t", "2", language="en-US"), []),
    ],
)
def test_a_term_is_looked_for_in_the_documents_of_its_language(term, documents):
    matcher = Matcher((term, LexiconTerm("other", "sanction")))
    looked_in = [
        tag
        for tag, document in DOCUMENTS.items()
        if "2" in [hit.term for hit in matcher.for_document(document).find(document.text)]
    ]
    assert looked_in == documents
    assert term.looked_for_in("en") is ("en" in documents)


def test_a_document_without_a_language_is_matched_in_the_one_its_text_reads_as():
    text = "联合国安理会对朝鲜实施了新的制裁，各国应当全面执行这些决议。"
    chinese = dataclasses.replace(DOCUMENTS["zh-Hans"], language="", text=text)
    assert chinese.written_in == language.detect(text) == "zh"
    terms = (LexiconTerm("t", "制裁", language="zh"), LexiconTerm("t", "决议", language="ja"))
    matcher = Matcher(terms)
    assert [hit.term for hit in matcher.for_document(chinese).find(text)] == ["制裁"]


def test_a_lexicon_without_languages_never_guesses_a_documents_language():
    matcher = Matcher((LexiconTerm("t", "sanction"),))
    unguessable = dataclasses.replace(DOCUMENTS["en"], language="")
    assert matcher.for_document(unguessable) is matcher
    assert "written_in" not in vars(unguessable), "the language was not asked for"


@pytest.mark.parametrize(
    ("other", "term", "covered"),
    [
        ("", "ru", True),  # a term of no language finds it in every text
        ("ru", "ru", True),
        ("zh", "zh-Hans", True),
        ("ZH", "zh-hans", True),
        ("zh-Hans", "zh", False),  # not in zh-Hant texts
        ("en", "", False),  # not in Russian texts
        ("ru", "uk", False),
    ],
)
def test_a_term_is_a_duplicate_only_where_the_other_is_looked_for_too(other, term, covered):
    first = LexiconTerm("t", "санкция", language=other)
    assert covers(first, LexiconTerm("t", "Санкция", language=term)) is covered


def test_hits_carry_offsets_shifted_into_the_document():
    (hit,) = Matcher((LexiconTerm("sanctions", "sanction"),)).find("new sanctions", offset=100)
    assert (hit.theme_id, hit.term, hit.start, hit.end) == ("sanctions", "sanction", 104, 113)


def test_embedded_lexicon_covers_every_theme():
    corpus = load(EMBEDDED_CORPUS)
    assert {term.theme_id for term in corpus.lexicon} == {theme.id for theme in corpus.themes}
    assert {"Seoul", "Moon Jae-in", "THAAD", "double freeze", "trade war"} <= {
        term.term for term in corpus.lexicon
    }


def test_a_corpus_without_lexicon_loads(corpus_copy):
    (corpus_copy / "lexicon.csv").unlink()
    assert validate(corpus_copy) == []
    assert load(corpus_copy).lexicon == ()


def test_the_match_column_may_be_left_out(corpus_copy):
    drop_column("lexicon.csv", "match")(corpus_copy)
    assert validate(corpus_copy) == []
    assert {term.match for term in load(corpus_copy).lexicon} == {"words"}


def add_row(*cells: str):
    def mutate(root):
        rows = read_rows(root / "lexicon.csv")
        write_rows(root / "lexicon.csv", [*rows, list(cells)])

    return mutate


def set_language(row: int, tag: str):
    """Give the term of `row` a language, adding the column the embedded lexicon leaves out."""

    def mutate(root):
        rows = read_rows(root / "lexicon.csv")
        rows = [[*cells, "language" if number == 1 else ""] for number, cells in enumerate(rows, 1)]
        rows[row - 1][-1] = tag
        write_rows(root / "lexicon.csv", rows)

    return mutate


def add_term(theme_id: str, term: str, tag: str):
    """Add a term of a language (the language column added)."""

    def mutate(root):
        add_row(theme_id, term, "", "")(root)
        set_language(LAST_ROW, tag)(root)

    return mutate


LAST_ROW = len(read_rows(EMBEDDED_CORPUS / "lexicon.csv")) + 1
ROW_2 = read_rows(EMBEDDED_CORPUS / "lexicon.csv")[1]  # sanctions,sanction,…

CASES = [
    # (id, mutation, row, column, words in the message)
    (
        "unknown theme",
        cell("lexicon.csv", 2, "theme_id", "sanction"),
        2,
        "theme_id",
        "unknown theme",
    ),
    ("empty term", cell("lexicon.csv", 3, "term", ""), 3, "term", "empty required cell"),
    ("term without a word", cell("lexicon.csv", 3, "term", " — "), 3, "term", "no letter or digit"),
    ("bad match kind", cell("lexicon.csv", 2, "match", "fuzzy"), 2, "match", "unknown value"),
    ("missing column", drop_column("lexicon.csv", "term"), 1, "term", "missing column"),
    (
        "same row twice",
        append_copy_of_row("lexicon.csv", 2),
        LAST_ROW,
        "term",
        "duplicate theme_id × term",
    ),
    ("case variant", add_row("sanctions", "SANCTION"), LAST_ROW, "term", "duplicate term"),
    ("inflected variant", add_row("sanctions", "sanctions"), LAST_ROW, "term", "duplicate term"),
    (
        "typographic variant",
        add_row("double-freeze", "double-freeze"),
        LAST_ROW,
        "term",
        "duplicate",
    ),
    ("exact under words", add_row("south-korea", "Seoul", "exact"), LAST_ROW, "term", "duplicate"),
    *(
        (f"language {tag!r}", set_language(3, tag), 3, "language", "not a language tag")
        for tag in ("en_GB", "zh_Hans", "e", "en-", "中文", "en gb", "123")
    ),
    ("a language under none", add_term("sanctions", "sanctions", "en"), LAST_ROW, "term", "dup"),
]


@pytest.mark.parametrize(
    ("mutate", "row", "column", "message"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_each_lexicon_defect_is_reported_where_it_is(corpus_copy, mutate, row, column, message):
    mutate(corpus_copy)
    problems = validate(corpus_copy)
    matching = [p for p in problems if (p.file, p.row, p.column) == ("lexicon.csv", row, column)]
    assert matching, "\n".join(map(str, problems))
    assert any(message in p.message for p in matching), [str(p) for p in matching]
    assert all(p.hint for p in problems)


def test_a_duplicate_names_the_row_that_already_finds_it(corpus_copy):
    add_row("sanctions", "Sanctioned")(corpus_copy)
    (problem,) = validate(corpus_copy)
    assert problem.message == (
        "duplicate term 'Sanctioned' for theme 'sanctions': 'sanction' at row 2 already finds it"
    )
    assert ROW_2[:2] == ["sanctions", "sanction"]


def test_a_bad_language_tag_is_reported_with_a_hint(corpus_copy):
    set_language(2, "zh_Hans")(corpus_copy)
    (problem,) = validate(corpus_copy)
    assert (problem.file, problem.row, problem.column) == ("lexicon.csv", 2, "language")
    assert problem.message == "not a language tag: 'zh_Hans'"
    assert "BCP 47" in problem.hint


def test_each_terms_language_is_loaded(corpus_copy):
    set_language(3, "en-GB")(corpus_copy)
    assert validate(corpus_copy) == []
    terms = load(corpus_copy).lexicon
    assert [term.language for term in terms][:3] == ["", "en-GB", ""]
    assert load(EMBEDDED_CORPUS).lexicon[1].language == "", "a file without the column"


def test_the_languages_corpus_with_a_lexicon_is_valid(tmp_path):
    root = languages_corpus(tmp_path / "languages")
    assert validate(root) == []
    assert [(term.term, term.language) for term in load(root).lexicon] == [
        (row[1], row[3]) for row in LANGUAGES_LEXICON[1:]
    ]


@pytest.mark.parametrize(
    "row",
    [
        ("bilateral-ties", "sanction"),  # the same term under another theme
        ("south-korea", "MOON", "exact"),  # an exact term in another case finds other text
        ("sanctions", "sanction regime"),  # a longer phrase is a different term
    ],
)
def test_terms_that_are_not_duplicates(corpus_copy, row):
    add_row(*row)(corpus_copy)
    assert validate(corpus_copy) == []


def test_a_term_of_no_language_is_not_a_duplicate_of_one_of_a_language(corpus_copy):
    set_language(2, "en")(corpus_copy)  # sanctions,sanction: now for English texts only
    add_row("sanctions", "sanctions", "", "", "")(corpus_copy)  # in every text
    assert validate(corpus_copy) == []
