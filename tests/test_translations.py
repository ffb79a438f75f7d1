"""Translations: a quote's English rendering and who made it, and a document that translates
another, on the corpus in tests/fixtures/languages (its README says what it holds)."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import shutil
from pathlib import Path

import pytest

from perspectives import compare, export, language, load, reader, validate
from perspectives.cli import main
from perspectives.model import Quote
from perspectives.reading_schema import reading_file

from .conftest import ROOT
from .test_readings import add_reader

LANGUAGES = ROOT / "tests" / "fixtures" / "languages"
CORPUS = load(LANGUAGES)


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    """A copy of the languages corpus that a test may break."""
    target = tmp_path / "corpus"
    shutil.copytree(LANGUAGES, target)
    return target


def edit(root: Path, file: str, old: str, new: str) -> None:
    path = root / file
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def quote_of(document_id: str, theme_id: str = "equality") -> Quote:
    position = CORPUS.find_position(theme_id, document_id)
    assert position is not None
    return position.quotes[0]


# -- the model ---------------------------------------------------------------------------------


def test_a_translation_is_kept_apart_from_the_perspectives():
    assert [d.id for d in CORPUS.documents] == ["udhr-en", "udhr-zh", "udhr-ar"]
    assert [d.id for d in CORPUS.translations] == ["udhr-ar-en"]
    translation = CORPUS.translation("udhr-ar")
    assert translation is not None and translation.translation_of == "udhr-ar"
    assert CORPUS.document("udhr-ar-en") is translation  # the reader still finds it by its id
    assert CORPUS.translation("udhr-zh") is None
    assert CORPUS.warnings == ()  # no "not curated" pair for the translation
    assert CORPUS.uncurated_count == 0
    assert CORPUS.summary_line().startswith("3 documents (and 1 translation(s)), 2 themes")


def test_counts_and_comparisons_leave_the_translation_out():
    assert compare.select(CORPUS).document_ids == ("udhr-en", "udhr-zh", "udhr-ar")
    assert compare.charted_documents(CORPUS).document_ids == ("udhr-en", "udhr-zh", "udhr-ar")
    assert "udhr-ar-en" in compare.select(CORPUS, documents=["udhr-ar-en"]).unknown_documents


@pytest.mark.parametrize(
    ("document_id", "translation", "translator", "by"),
    [
        ("udhr-en", "", "", "the curator"),
        (
            "udhr-zh",
            "All people are born free, and equal in dignity and rights.",
            "",
            "the curator",
        ),
        (
            "udhr-ar",
            "All human beings are born free and equal in dignity and rights.",
            "United Nations",
            "United Nations",
        ),
    ],
)
def test_a_quote_carries_its_translation_and_who_made_it(document_id, translation, translator, by):
    quote = quote_of(document_id)
    assert (quote.translation, quote.translator, quote.translated_by) == (
        translation,
        translator,
        by,
    )
    # anchored in the original, whatever its translation
    document = CORPUS.document(document_id)
    assert document.text[quote.anchor.start : quote.anchor.end] == quote.anchor.exact


# -- the rules ---------------------------------------------------------------------------------

ROW_AR_EN = "udhr-en.txt,Arabic text in English,en,udhr-ar"
QUOTE_ZH = '"All people are born free, and equal in dignity and rights.",\n'


@pytest.mark.parametrize(
    ("file", "old", "new", "where", "message", "hint"),
    [
        (
            "quotes.csv",
            QUOTE_ZH,
            '"",Li Wei\n',
            ("quotes.csv", 3, "translator"),
            "a translator but no translation",
            "add the translation in the translation column, or empty the translator",
        ),
        (
            "documents.csv",
            ROW_AR_EN,
            "udhr-en.txt,Arabic text in English,en,udhr-fa",
            ("documents.csv", 5, "translation_of"),
            "unknown",
            "",
        ),
        (
            "documents.csv",
            ROW_AR_EN,
            "udhr-en.txt,Arabic text in English,en,udhr-ar-en",
            ("documents.csv", 5, "translation_of"),
            "a document cannot translate itself",
            "name the original",
        ),
        (
            "documents.csv",
            ROW_AR_EN,
            f"{ROW_AR_EN}\nudhr-ar-en-zh,,,,United Nations,世界人权宣言,联合国,1948,,,udhr-zh.txt,"
            "Chinese from English,zh,udhr-ar-en",
            ("documents.csv", 6, "translation_of"),
            "'udhr-ar-en' is itself a translation",
            "name its original, 'udhr-ar'",
        ),
        (
            "documents.csv",
            ROW_AR_EN,
            "udhr-en.txt,Arabic text in English,ar,udhr-ar",
            ("documents.csv", 5, "translation_of"),
            "the translation and 'udhr-ar' are both in 'ar'",
            "a translation is in another language: set the `language` of each",
        ),
        (
            "documents.csv",  # no tags: the languages the texts read as
            "udhr-ar-en,,,,United Nations,Universal Declaration of Human Rights,United Nations "
            "General Assembly,1948-12-10,https://www.un.org/en/about-us/universal-declaration-of-"
            "human-rights,,udhr-en.txt,Arabic text in English,en,udhr-ar",
            "udhr-ar-en,,,,United Nations,Copy,UN,1948,,,udhr-en.txt,Copy,,udhr-en",
            ("documents.csv", 5, "translation_of"),
            "the translation and 'udhr-en' are both in 'en'",
            "a translation is in another language: set the `language` of each",
        ),
        (
            "positions.csv",
            "life,udhr-ar,",
            "life,udhr-ar-en,explicit,Copied,A copy.,Copied.\nlife,udhr-ar,",
            ("positions.csv", 7, "document_id"),
            "'udhr-ar-en' is a translation, not a perspective",
            "name the original, 'udhr-ar'",
        ),
        (
            "quotes.csv",
            "life,udhr-en,",
            "life,udhr-ar-en,Everyone has the right to life,,,,\nlife,udhr-en,",
            ("quotes.csv", 5, "document_id"),
            "'udhr-ar-en' is a translation, not a perspective",
            "name the original, 'udhr-ar'",
        ),
    ],
    ids=[
        "translator-alone",
        "unknown-original",
        "itself",
        "translation-of-a-translation",
        "same-tag",
        "same-guessed-language",
        "position-of-a-translation",
        "quote-of-a-translation",
    ],
)
def test_each_rule_of_translations_is_reported_at_its_row(
    copy, file, old, new, where, message, hint
):
    edit(copy, file, old, new)
    problems = [p for p in validate(copy) if p.severity == "error"]
    assert [(p.file, p.row, p.column) for p in problems] == [where], problems
    assert message in problems[0].message and hint in problems[0].hint


def test_a_translation_without_a_translator_is_the_curators(copy):
    edit(copy, "quotes.csv", "rights.,United Nations", "rights.,")
    quote = load(copy).find_position("equality", "udhr-ar").quotes[0]
    assert (quote.translator, quote.translated_by) == ("", "the curator")


# -- the reader --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("chosen", "beside", "expected"),
    [
        (["udhr-ar"], False, [("udhr-ar", None)]),
        (["udhr-ar"], True, [("udhr-ar", "udhr-ar-en")]),
        (["udhr-ar", "udhr-ar-en"], False, [("udhr-ar", "udhr-ar-en")]),
        (["udhr-ar-en", "udhr-ar"], False, [("udhr-ar", "udhr-ar-en")]),
        (["udhr-ar-en"], False, [("udhr-ar-en", None)]),
        (["udhr-en", "udhr-ar"], True, [("udhr-en", None), ("udhr-ar", "udhr-ar-en")]),
        (["udhr-zh", "udhr-ar-en"], True, [("udhr-zh", None), ("udhr-ar-en", None)]),
    ],
)
def test_an_original_is_read_beside_its_translation_when_both_are_chosen_or_asked(
    chosen, beside, expected
):
    found = reader.panels(CORPUS, chosen, beside)
    assert [(d.id, t.id if t else None) for d, t in found] == expected


def test_the_reader_opens_a_translation_by_its_id_without_a_notice():
    selection = reader.reading_selection(CORPUS, (), ["udhr-ar", "udhr-ar-en", "nobody"])
    assert selection.document_ids == ("udhr-ar", "udhr-ar-en")
    assert selection.unknown_documents == ("nobody",)
    choices = reader.reading_choices(CORPUS)
    assert list(choices) == ["udhr-en", "udhr-zh", "udhr-ar", "udhr-ar-en"]
    assert choices["udhr-ar-en"] == "Arabic text in English, translation (en)"


def test_paragraph_i_is_beside_paragraph_i_each_in_its_direction():
    original, translation = CORPUS.document("udhr-ar"), CORPUS.document("udhr-ar-en")
    highlights = reader.evidence(CORPUS, "udhr-ar", ["equality"])
    parallel = reader.parallel_html(original, highlights, translation)
    assert parallel.counts == (6, 6) and parallel.note == ""
    cells = parallel.html.split('<div class="perspectives-source" ')[1:]
    assert [cell.startswith('dir="rtl" lang="ar"') for cell in cells] == [True, False] * 6
    assert [cell.startswith('dir="ltr" lang="en"') for cell in cells] == [False, True] * 6
    assert "المادة 1" in cells[0] and "Article 1" in cells[1]
    assert "<mark" in cells[2] and "All human beings" in cells[3]


def test_when_the_counts_differ_the_reader_says_so_and_pairs_what_exists():
    original = CORPUS.document("udhr-ar")
    shorter = dataclasses.replace(
        CORPUS.document("udhr-ar-en"), text="Article 1\n\nAll human beings are born free."
    )
    parallel = reader.parallel_html(original, [], shorter)
    assert parallel.counts == (6, 2)
    assert parallel.note.startswith("The original has 6 paragraph(s) and the translation 2")
    assert parallel.html.count("<div></div>") == 4  # the translation's missing paragraphs


@pytest.mark.parametrize(
    ("quote", "expected"),
    [
        (
            Quote("t", "d", "q", quote_of("udhr-ar").anchor, "<b>Free</b> & equal", ""),
            "<small>Translation by the curator:</small><br>&lt;b&gt;Free&lt;/b&gt; &amp; equal",
        ),
        (
            Quote("t", "d", "q", quote_of("udhr-ar").anchor, "One\nTwo", "A <i>B</i>"),
            "<small>Translation by A &lt;i&gt;B&lt;/i&gt;:</small><br>One<br>Two",
        ),
    ],
)
def test_a_translation_is_shown_escaped_in_english_naming_who_made_it(quote, expected):
    shown = reader.translation_html(quote)
    assert shown.startswith('<p class="perspectives-translation" dir="ltr" lang="en" ')
    assert expected in shown


def test_a_quote_without_a_translation_shows_none():
    assert reader.translation_html(quote_of("udhr-en")) == ""
    document = CORPUS.document("udhr-en")
    assert reader.evidence_html(document, quote_of("udhr-en")) == reader.quote_html(
        document, quote_of("udhr-en").text
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("United Nations", "United Nations"),
        ("联合国大会", "联合国大会"),
        ("الجمعية العامة", "\u2068الجمعية العامة\u2069"),
        ("Tel Aviv (תל אביב)", "\u2068Tel Aviv (תל אביב)\u2069"),
    ],
)
def test_right_to_left_names_are_isolated_inside_an_english_line(text, expected):
    assert language.isolate(text) == expected


# -- exports -----------------------------------------------------------------------------------

SELECTION = compare.select(CORPUS, ["equality"])


def test_markdown_puts_each_translation_under_its_quote():
    text = export.to_markdown(export.build(CORPUS, SELECTION))
    assert (
        "*Translation by United Nations:* All human beings are born free and equal in dignity "
        "and rights." in text
    )
    assert "*Translation by the curator:* All people are born free, and equal" in text
    assert text.count("*Translation by") == 2  # the English quote has none
    assert "udhr-ar-en" not in text


def test_csv_and_json_carry_the_translation_and_the_translator():
    rows = list(csv.DictReader(io.StringIO(export.to_csv(export.build(CORPUS, SELECTION)))))
    assert [(r["document_id"], r["translation"][:14], r["translator"]) for r in rows] == [
        ("udhr-en", "", ""),
        ("udhr-zh", "All people are", ""),
        ("udhr-ar", "All human bein", "United Nations"),
    ]
    data = json.loads(export.to_json(export.build(CORPUS, SELECTION)))
    quotes = [p["quotes"][0] for p in data["themes"][0]["positions"]]
    assert [q["translator"] for q in quotes] == ["", "", "United Nations"]
    assert [source["id"] for source in data["sources"]] == ["udhr-en", "udhr-zh", "udhr-ar"]


# -- the command line --------------------------------------------------------------------------


def test_validate_reports_a_translator_without_a_translation_with_its_hint(copy, capsys):
    edit(copy, "quotes.csv", QUOTE_ZH, '"",Li Wei\n')
    assert main(["validate", str(copy)]) == 1
    out = capsys.readouterr().out
    assert (
        "quotes.csv:3:translator: a translator but no translation (add the translation in the "
        "translation column, or empty the translator)" in out
    )


def test_add_document_adds_a_translation_that_is_no_perspective(copy, capsys):
    source = copy / "english.txt"
    source.write_text((LANGUAGES / "udhr-en.txt").read_text(encoding="utf-8"), encoding="utf-8")
    options = ["--country", "United Nations", "--title", "UDHR", "--outlet", "UN"]
    argv = ["add-document", str(copy), str(source), "--id", "udhr-zh-en", *options]
    assert main([*argv, "--published", "1948", "--translation-of", "udhr-zh"]) == 0
    corpus = load(copy)
    assert corpus.translation("udhr-zh") == corpus.document("udhr-zh-en")
    assert len(corpus.documents) == 3
    capsys.readouterr()
    assert main(["validate", str(copy)]) == 0
    assert "3 documents (and 2 translation(s))" in capsys.readouterr().out


def test_export_on_the_command_line_carries_the_translations(capsys):
    assert main(["export", str(LANGUAGES), "--format", "markdown", "--theme", "life"]) == 0
    out = capsys.readouterr().out
    assert "*Translation by United Nations:* Everyone has the right to life" in out


def test_a_reading_of_a_translation_is_refused_as_a_position_of_one_is(copy):
    add_reader(copy, "reader-a", [["equality", "udhr-ar-en", "explicit", "", "", "", ""]])
    problems = [p for p in validate(copy) if p.column == "document_id"]
    assert [(p.file, p.row, p.message, p.hint) for p in problems] == [
        (
            reading_file("reader-a"),
            2,
            "'udhr-ar-en' is a translation, not a perspective",
            "name the original, 'udhr-ar'",
        )
    ]
