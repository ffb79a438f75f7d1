"""Any language: sentences, words, quotes, direction and readability in Russian, Chinese and
Arabic, tested on a real published text (tests/fixtures/languages/README.md says which)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from perspectives import anchor, language, load, readability, reader, starter
from perspectives.cli import main
from perspectives.sentences import paragraphs, split, word_count

from .conftest import ROOT
from .test_reader import make_document

FIXTURES = ROOT / "tests" / "fixtures" / "languages"
RU, ZH, AR = (FIXTURES / f"udhr-{tag}.txt" for tag in ("ru", "zh", "ar"))


def sentences_of(path: Path) -> list[str]:
    return [sentence.plain() for sentence in split(path.read_text(encoding="utf-8"))]


@pytest.mark.parametrize(
    ("path", "tag"), [(RU, "ru"), (ZH, "zh"), (AR, "ar")], ids=["ru", "zh", "ar"]
)
def test_the_language_of_each_text_is_guessed(path, tag):
    assert language.detect(path.read_text(encoding="utf-8")) == tag


def test_chinese_sentences_end_at_full_width_punctuation_without_a_space():
    assert sentences_of(ZH) == [
        "第一条",
        "人人生而自由，在尊严和权利上一律平等。",
        "他们赋有理性和良心，并应以兄弟关系的精神相对待。",
        "第二条",
        "人人有资格享有本宣言所载的一切权利和自由，不分种族、肤色、性别、语言、宗教、政治或其他"
        "见解、国籍或社会出身、财产、出生或其他身分等任何区别。",
        "并且不得因一人所属的国家或领土的政治的、行政的或者国际的地位之不同而有所区别，无论该领土"
        "是独立领土、托管领土、非自治领土或者处于其他任何主权受限制的情况之下。",
        "第三条",
        "人人有权享有生命、自由和人身安全。",
    ]


@pytest.mark.parametrize(
    ("path", "count", "first", "last"),
    [
        (RU, 8, "Статья 1", "Каждый человек имеет право на жизнь, на свободу и на личную "
         "неприкосновенность."),
        (AR, 8, "المادة 1", "لكلِّ فرد الحقُّ في الحياة والحرِّية وفي الأمان على شخصه."),
    ],
    ids=["ru", "ar"],
)  # fmt: skip
def test_cyrillic_and_arabic_sentences_end_before_a_capital_or_an_uncased_letter(
    path, count, first, last
):
    found = sentences_of(path)
    assert (len(found), found[0], found[-1]) == (count, first, last)
    assert found[2].startswith(("Они наделены", "وهم قد وهبوا"))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("यह पहला वाक्य है। यह दूसरा है।", ["यह पहला वाक्य है।", "यह दूसरा है।"]),
        ("한국어 문장입니다. 두 번째 문장입니다.", ["한국어 문장입니다.", "두 번째 문장입니다."]),
        ("هل هذا مهم؟ نعم.", ["هل هذا مهم؟", "نعم."]),
        ("「そうですか。」彼は笑った。次へ！", ["「そうですか。」", "彼は笑った。", "次へ！"]),
        ("И. Петров сказал: «Да». Нет.", ["И. Петров сказал: «Да».", "Нет."]),
    ],
)
def test_sentences_end_where_each_script_ends_them(text, expected):
    assert [sentence.plain() for sentence in split(text)] == expected


def test_a_chinese_sentence_wrapped_over_lines_is_shown_without_a_space():
    (sentence,) = split("人人有权享有生命、\n自由和人身安全。")
    assert sentence.plain() == "人人有权享有生命、自由和人身安全。"


@pytest.mark.parametrize(
    ("path", "words"),
    [(RU, 123), (ZH, 197), (AR, 123)],
    ids=["ru", "zh", "ar"],
)
def test_words_are_counted_in_every_script(path, words):
    """Russian and Arabic words are runs of letters, vowel signs included (as many as the
    words between spaces); a Chinese character counts one word (as many as the characters)."""
    assert word_count(path.read_text(encoding="utf-8")) == words


def test_paragraphs_indented_with_ideographic_spaces_are_trimmed():
    text = ZH.read_text(encoding="utf-8")
    found = [text[start:end] for start, end in paragraphs(text)]
    assert len(found) == 6 and found[1].startswith("人人生而自由")


@pytest.mark.parametrize(
    ("path", "quote"),
    [
        (ZH, "人人生而自由,在尊严和权利上一律平等."),  # ASCII punctuation for full-width
        (ZH, "他们赋有理性和良心，\n并应以兄弟关系的精神相对待"),  # wrapped: no space joins
        (ZH, "平等。 他们赋有"),  # a space where the text has none
        (RU, "«Все люди рождаются свободными и равными»"[1:-1]),
        (AR, "وهم قد وهبوا العقل   والوجدان"),
    ],
)
def test_quotes_anchor_in_any_script(path, quote):
    text = path.read_text(encoding="utf-8")
    (found,) = anchor.find_all(anchor.normalise(text), quote)
    assert anchor.fold(text[found[0] : found[1]]) == anchor.fold(quote)


@pytest.mark.parametrize(
    ("quote", "occurs"),
    [
        ("「和平」是目标", True),
        ("『和平』是目标", True),
        ("“和平”是目标", True),
        ("「和平」 是目标", True),
        ("「和平」目标", False),
    ],
)
def test_cjk_quotation_marks_fold_like_typographic_quotes(quote, occurs):
    text = "我们认为「和平」是目标。"
    assert bool(anchor.find_all(anchor.normalise(text), quote)) is occurs


def test_a_chinese_quote_is_found_inside_a_run_of_characters_as_a_whole_word():
    """Chinese words are not told apart: a quote may begin and end between any two characters."""
    text = ZH.read_text(encoding="utf-8")
    assert anchor.find_all(anchor.normalise(text), "生而自由", whole_words=True)


def test_folding_a_text_without_such_scripts_is_unchanged():
    text = "Night  trains\n\nare back… “really”"
    assert anchor.normalise(text).text == 'Night trains are back... "really"'


@pytest.mark.parametrize(
    ("tag", "attributes"),
    [("", 'dir="auto"'), ("ar", 'dir="rtl" lang="ar"'), ("ru", 'dir="ltr" lang="ru"')],
)
def test_every_element_of_corpus_text_in_the_reader_says_its_direction(tag, attributes):
    document = dataclasses.replace(make_document(AR.read_text(encoding="utf-8")), language=tag)
    page = reader.document_html(document, [])
    assert page.startswith(f'<div class="perspectives-source" {attributes}>')
    assert page.count("<p ") == page.count(f"<p {attributes} ") == 6
    assert reader.quote_html(document, "يولد جميع الناس").startswith(f"<blockquote {attributes}>")


@pytest.mark.parametrize(
    ("tag", "direction"),
    [
        ("ar", "rtl"),
        ("he-IL", "rtl"),
        ("fa", "rtl"),
        ("az-Arab", "rtl"),
        ("ar-Latn", "ltr"),
        ("ru", "ltr"),
        ("zh-Hans", "ltr"),
        ("en", "ltr"),
        ("ur-PK", "rtl"),
    ],
)
def test_a_languages_direction_follows_its_script(tag, direction):
    assert language.direction(tag) == direction


def test_a_text_not_in_english_is_not_rated_and_says_why(tmp_path):
    root = tmp_path / "corpus"
    starter.write_starter(root, dt.date(2024, 6, 1))
    options = ["--country", "Russia", "--title", "Декларация", "--outlet", "ООН"]
    argv = ["add-document", str(root), str(RU), "--id", "udhr-ru", *options]
    assert main([*argv, "--published", "1948-12-10"]) == 0
    corpus = load(root)
    assert corpus.document("udhr-ru").language == "ru"
    long = readability.scores_long(readability.body_samples(corpus))
    russian = long[long["sample"] == "udhr-ru"]
    assert set(russian["display"]) == {readability.NOT_ENGLISH}
    assert russian["value"].isna().all()
    english = long[long["sample"] != "udhr-ru"]
    assert readability.NOT_ENGLISH not in set(english["display"])


def test_a_document_without_a_language_is_rated_when_its_text_reads_as_english():
    english = make_document("All human beings are born free and equal in dignity and rights.")
    russian = make_document(RU.read_text(encoding="utf-8"))
    assert readability.in_english(english) and not readability.in_english(russian)
    assert readability.in_english(dataclasses.replace(russian, language="en-GB"))
