"""Sources as they are: unsigned texts, optional roles, references made from the fields, a web
page's own metadata, and a language tag that is checked."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from perspectives import capture, cite, curate, load, starter, store, validate
from perspectives.cli import main
from perspectives.dates import PartialDate

from .conftest import read_rows, set_cell

EDITORIAL = "Night trains deserve a second chance.\n\nThe border is the problem, not the trains.\n"
RUSSIAN_PAGE = """<!DOCTYPE html><html lang="ru"><head><title>Заявление о ночных поездах</title>
<meta property="og:site_name" content="Вестник транспорта">
<link rel="canonical" href="https://example.org/ru/poezda">
<meta name="author" content="Иван Петров">
<meta property="article:published_time" content="2021-03-04T10:00:00"></head>
<body><article><h1>Заявление о ночных поездах</h1>
<p>Ночные поезда возвращаются. Граница остаётся главной проблемой для всех перевозчиков.</p>
<p>Мы призываем соседей согласовать расписания. Это решит большую часть трудностей.</p>
</article></body></html>""".encode()


@pytest.fixture
def started(tmp_path) -> Path:
    root = tmp_path / "corpus"
    starter.write_starter(root, dt.date(2024, 6, 1))
    return root


@pytest.mark.parametrize(
    ("author", "title", "outlet", "published", "expected"),
    [
        (
            "Jonas Weber",
            "Night trains are a niche",
            "Verkehrsblatt",
            PartialDate(2023, 5, 10),
            "Jonas Weber. “Night trains are a niche.” Verkehrsblatt, 10 May 2023.",
        ),
        ("", "Our view", "Daily", PartialDate(2024, 2), "“Our view.” Daily, February 2024."),
        ("Li Wei", "Why now?", "Outlet", PartialDate(2019), "Li Wei. “Why now?” Outlet, 2019."),
        ("Dr. A. Smith.", "T", "O", None, "Dr. A. Smith. “T.” O."),
        ("", "", "The Daily", None, "The Daily."),
        ("Иван Петров", "Заявление", "Вестник", None, "Иван Петров. “Заявление.” Вестник."),
    ],
)  # fmt: skip
def test_a_reference_is_made_from_the_fields(author, title, outlet, published, expected):
    assert cite.reference(author, title, outlet, published) == expected


def test_an_unsigned_editorial_is_added_without_author_role_affiliation_or_citation(
    started, tmp_path, capsys
):
    source = tmp_path / "editorial.txt"
    source.write_text(EDITORIAL)
    options = ["--country", "Chile", "--title", "Our view", "--outlet", "The Daily"]
    argv = ["add-document", str(started), str(source), "--id", "daily-2024", *options]
    assert main([*argv, "--published", "2024-02"]) == 0
    out = capsys.readouterr().out.splitlines()
    made = "“Our view.” The Daily, February 2024."
    assert f"Citation, made from its fields (correct it there): {made}" in out
    rows = read_rows(started / "documents.csv")
    row = dict(zip(rows[0], rows[-1], strict=True))
    assert (row["author"], row["role"], row["affiliation"], row["citation"]) == ("", "", "", made)
    document = load(started).document("daily-2024")
    assert document.perspective == "The Daily (Chile)"
    assert cite.document_bibtex(document).count("author") == 0
    assert any(c.label == "The Daily: Our view" for c in cite.citations(load(started)))


def test_a_row_without_citation_is_cited_from_its_fields(started):
    set_cell(started, "documents.csv", 2, "citation", "")
    assert validate(started) == []
    document = load(started).documents[0]
    assert document.citation == cite.reference(
        document.author, document.title, document.outlet, document.published
    )


def test_a_web_page_with_its_own_metadata_needs_only_an_id_and_a_country(started, tmp_path):
    source = tmp_path / "page.html"
    source.write_bytes(RUSSIAN_PAGE)
    argv = ["add-document", str(started), str(source), "--id", "petrov-2021", "--country", "Russia"]
    assert main(argv) == 0
    document = load(started).document("petrov-2021")
    assert (document.title, document.author, document.outlet) == (
        "Заявление о ночных поездах",
        "Иван Петров",
        "Вестник транспорта",
    )
    assert (document.published, document.url) == (
        PartialDate(2021, 3, 4),
        "https://example.org/ru/poezda",
    )
    assert document.language == "ru"
    assert (
        document.citation
        == "Иван Петров. “Заявление о ночных поездах.” Вестник транспорта, 4 March 2021."
    )


def test_the_curators_options_override_the_pages_metadata(started, tmp_path):
    source = tmp_path / "page.html"
    source.write_bytes(RUSSIAN_PAGE)
    argv = ["add-document", str(started), str(source), "--id", "petrov-2021", "--country", "Russia"]
    assert main([*argv, "--author", "И. Петров", "--language", "ru-RU", "--title", "Поезда"]) == 0
    document = load(started).document("petrov-2021")
    assert (document.author, document.language, document.title) == ("И. Петров", "ru-RU", "Поезда")


def test_the_language_is_guessed_when_neither_the_curator_nor_the_file_gives_it(started):
    metadata = {"id": "x-2024", "country": "C", "title": "T", "outlet": "O", "published": "2024"}
    captured = capture.capture("x.txt", "Это короткий текст на русском языке.".encode())
    assert captured.metadata == {"language": "ru"}
    snapshot = curate.read(started)
    store.save(started, curate.add_document(snapshot, metadata | captured.metadata, captured.data))
    assert load(started).document("x-2024").language == "ru"


@pytest.mark.parametrize(
    ("tag", "valid"),
    [
        ("en", True),
        ("zh-Hans-CN", True),
        ("sr-Latn-RS", True),
        ("ar", True),
        ("de-CH-1996", True),
        ("en-GB-oed", True),
        ("x-private", True),
        ("english", True),  # five to eight letters form a language subtag, registered or not
        ("e", False),
        ("en_GB", False),
        ("zh-", False),
        ("fr-123456789", False),
        ("toolongtag", False),
    ],
)
def test_a_language_tag_is_checked_for_its_form(started, tag, valid):
    set_cell(started, "documents.csv", 2, "language", tag)
    problems = validate(started)
    assert (problems == []) is valid
    if not valid:
        assert problems[0].column == "language" and "not a language tag" in problems[0].message
