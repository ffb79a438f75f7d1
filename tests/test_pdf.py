"""PDF sources: the text layer page by page, page numbers kept, hyphenation undone, running heads
offered as excluded spans, the PDF kept beside its text, and hostile files refused."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter

from perspectives import capture, load, pdf, pdf_layout, starter, validate
from perspectives.cli import main

from .pdfs import build, build_streams, shown

HEAD = "Annual Report on Night Trains 2023"
PAGES = [
    [HEAD, "Night trains are back in fashion. The border is the main inter-", "national obstacle.",
     "Page 1 of 4"],
    [HEAD, "Operators run sleepers from Vienna to Paris. Jean-", "Paul Durand says so.",
     "Page 2 of 4"],
    [HEAD, "Timetables are agreed late. Tickets are hard to find.", "Page 3 of 4"],
    [HEAD, "The border is the main obstacle, once more.", "Page 4 of 4"],
]  # fmt: skip
REPORT = build(PAGES, {"Title": "Night trains report", "Author": "Jo Writer"})


@pytest.fixture
def started(tmp_path) -> Path:
    root = tmp_path / "corpus"
    starter.write_starter(root, dt.date(2024, 6, 1))
    return root


def digests(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def test_the_text_is_extracted_page_by_page_with_form_feeds_between_pages():
    extracted = pdf.extract(REPORT)
    pages = extracted.text.split(pdf.PAGE_BREAK)
    assert (extracted.pages, len(pages)) == (4, 4)
    assert (extracted.title, extracted.author) == ("Night trains report", "Jo Writer")
    assert pages[0] == f"{HEAD}\nNight trains are back in fashion. The border is the main " + (
        "international obstacle.\nPage 1 of 4\n"
    )


@pytest.mark.parametrize(
    ("lines", "text"),
    [
        (["the inter-", "national order"], "the international order\n"),
        (["Jean-", "Paul Durand"], "Jean-\nPaul Durand\n"),  # a capital: a hyphenated name
        (["a non-normal case, non-", "normal too"], "a non-normal case, non-normal too\n"),
        (["Jean-Paul and Jean-", "Paul"], "Jean-Paul and Jean-Paul\n"),  # the document's compounds
        (["pages 4-", "5 of it"], "pages 4-\n5 of it\n"),
        (["spaced   ", "lines  "], "spaced\nlines\n"),
    ],
)
def test_a_word_hyphenated_at_a_lines_end_is_joined(lines, text):
    assert pdf.extract(build([lines])).text == text


JUSTIFIED = "BT /F2 10 Tf 72 700 Td {} -120 -14 Td (ment) Tj ET"  # Courier: 6 points a letter


@pytest.mark.parametrize(
    "line",
    [
        "3 Tw (conceal an infringe) Tj 120 0 Td 0 Tw (-) Tj",  # 19 letters, 2 spaces widened
        '3 0 (conceal an infringe) " 120 0 Td 0 Tw (-) Tj',  # the same set by the " operator
        "3 Tw [(conceal an ) -50 (infringe)] TJ 120.5 0 Td (-) Tj",  # a kerned TJ array
        "q 3 Tw Q (conceal an infringe) Tj 114 0 Td (-) Tj",  # word spacing restored away
        "-1 Tw (conceal an infringe) Tj 112 0 Td (-) Tj",  # a line narrowed
        "3 Tw (conceal an) Tj 69 0 Td 0 Tw (infringe-) Tj",  # a space's gap, then a word
    ],
)
def test_a_justified_line_keeps_its_words_whole(line):
    """Word spacing widens each space of a justified line: the gap after it is no word gap."""
    assert pdf.extract(build_streams([JUSTIFIED.format(line).encode()])).text == (
        "conceal an infringement\n"
    )


@pytest.mark.parametrize("matrix", ["0 1 -1 0", "0 -1 1 0", "-1 0 0 -1"])
def test_text_set_sideways_is_on_lines_of_its_own_after_the_upright_text(matrix):
    """A margin note turned a quarter or a half turn, set beside the footer's start in the same
    text object (as the Federal Register's is), is not glued onto the footer."""
    footer = f"BT /F1 8 Tf 1 0 0 1 25 20 Tm (Printed by the printer) Tj {matrix} 22 18 Tm "
    pages = [
        shown(f"Page {n} says something of its own {'.' * n}", 72, 700)
        + footer
        + "(a margin note) Tj ET"
        for n in range(1, 4)
    ]
    text = pdf.extract(build_streams([page.encode() for page in pages])).text
    assert text.split(pdf.PAGE_BREAK)[0] == (
        "Page 1 says something of its own .\nPrinted by the printer\na margin note\n"
    )
    assert [text[line.start : line.end] for line in pdf.running_lines(text)] == [
        "Printed by the printer",
        "a margin note",
    ] * 3


BODY = [("Foxtrot runs first.", 700), ("Golf follows it and then", 686), ("Hotel ends.", 672)]


@pytest.mark.parametrize(
    ("pages", "text"),
    [
        (  # one column, its footnote held first
            [[("1 A note.", 72, 90, 8), *((line, 72, y, 11) for line, y in BODY)]],
            "Foxtrot runs first.\nGolf follows it and then\nHotel ends.\n1 A note.\n",
        ),
        (  # a small running head above the text stays first
            [[("A small head", 72, 760, 8), *((line, 72, y, 11) for line, y in BODY)]],
            "A small head\nFoxtrot runs first.\nGolf follows it and then\nHotel ends.\n",
        ),
        (  # two columns, the notes of both held first: each after its column
            [[("1 Left note.", 72, 90, 8), ("2 Right note.", 320, 110, 8),
              ("Left says so.", 72, 700, 11), ("Right says so.", 320, 650, 11)]],
            "Left says so.\n1 Left note.\nRight says so.\n2 Right note.\n",
        ),
        (  # a sentence running on to the next page: the note goes before it
            [[("1 A note.", 72, 90, 8), ("One ends here.", 72, 700, 11),
              ("Two runs on", 72, 686, 11)], [("to the next page.", 72, 700, 11)]],
            "One ends here.\n1 A note.\nTwo runs on\n\fto the next page.\n",
        ),
    ],
    ids=["one-column", "small-head", "two-columns", "across-pages"],
)  # fmt: skip
def test_footnotes_held_before_the_body_come_after_it(pages, text):
    streams = ["".join(shown(*line) for line in page).encode() for page in pages]
    assert pdf.extract(build_streams(streams)).text == text


def test_an_offset_tells_its_page():
    text = pdf.extract(REPORT).text
    assert [
        pdf.page_of(text, text.index(words)) for words in ("fashion", "Vienna", "late", "once")
    ] == [
        1,
        2,
        3,
        4,
    ]
    assert pdf.page_of("A text of one page.", 5) is None


def test_running_heads_and_page_numbers_are_the_lines_on_most_pages():
    text = pdf.extract(REPORT).text
    found = [
        (text[line.start : line.end], line.pages, line.number) for line in pdf.running_lines(text)
    ]
    heads = [(HEAD, 4, False)]
    assert found == [
        item for page in range(1, 5) for item in (*heads, (f"Page {page} of 4", 4, False))
    ]
    assert pdf.running_lines(pdf.extract(build(PAGES[:2])).text) == []  # two pages: too few
    numbered = pdf.extract(build([[f"Body of page {n}, unlike the others {'.' * n}", str(n)]
                                  for n in range(1, 6)])).text  # fmt: skip
    assert [
        (numbered[line.start : line.end], line.number) for line in pdf.running_lines(numbered)
    ] == [(str(n), True) for n in range(1, 6)]
    words = ["Alpha goes first.", "Bravo follows.", "Charlie waits.", "Delta ends it."]
    footnoted = pdf.extract(build([*([word, "Night trains report"] for word in words),
                                   ["A note.", "Another note.", "A third note.",
                                    "Night trains report", "Echo is long.", "Foxtrot.", "Golf."]
                                   ])).text  # fmt: skip
    assert [  # on the last page, three lines of footnotes before the footer
        pdf.page_of(footnoted, line.start) for line in pdf.running_lines(footnoted)
    ] == [1, 2, 3, 4, 5]


def test_add_document_takes_a_pdf_keeps_it_and_suggests_its_running_heads(
    started, tmp_path, capsys
):
    source = tmp_path / "report.pdf"
    source.write_bytes(REPORT)
    options = ["--country", "Austria", "--outlet", "ÖBB", "--published", "2023"]
    assert main(["add-document", str(started), str(source), "--id", "obb-2023", *options]) == 0
    assert (started / "texts" / "obb-2023.pdf").read_bytes() == REPORT
    out = capsys.readouterr().out.splitlines()
    assert out[0] == (
        f"Added obb-2023: texts/obb-2023.txt, texts/obb-2023.pdf and a row of documents.csv "
        f"in {started}"
    )
    suggested = next(n for n, line in enumerate(out) if line.startswith("Suggested rows"))
    rows = list(csv.reader(out[suggested + 1 :]))
    assert [row[1:5] for row in rows] == [
        ["running-head", HEAD, HEAD, "1"],
        ["running-head", "Page 1 of 4", "Page 1 of 4", "1"],
        ["running-head", HEAD, HEAD, "2"],
        ["running-head", "Page 2 of 4", "Page 2 of 4", "1"],
        ["running-head", HEAD, HEAD, "3"],
        ["running-head", "Page 3 of 4", "Page 3 of 4", "1"],
        ["running-head", HEAD, HEAD, "4"],
        ["running-head", "Page 4 of 4", "Page 4 of 4", "1"],
    ]
    with (started / "excluded_spans.csv").open("a", newline="") as spans:
        csv.writer(spans).writerows(rows)
    assert [problem for problem in validate(started) if problem.severity != "warning"] == []
    document = load(started).document("obb-2023")
    assert (document.title, document.author) == ("Night trains report", "Jo Writer")
    assert HEAD not in document.body and "Page 3" not in document.body
    assert "international obstacle" in document.body


def _encrypted(password: str = "secret") -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(REPORT)))
    writer.encrypt(password, "owner", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_a_pdf_encrypted_without_a_password_to_open_it_is_read():
    """An owner password alone only restricts printing or copying: the text is there to read."""
    assert pdf.extract(_encrypted("")).text == pdf.extract(REPORT).text


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"Just some text, named .pdf", "not a PDF"),
        (REPORT[: len(REPORT) // 3], "cannot be read"),
        (b"%PDF-1.4\n" + bytes(range(256)) * 8, "cannot be read"),
        (_encrypted(), "encrypted"),
        (build([[], []]), "no text layer"),
        (build([["x"]] * (pdf.MAX_PAGES + 1)), f"more than the {pdf.MAX_PAGES}"),
    ],
    ids=["not-a-pdf", "truncated", "garbage", "encrypted", "scanned", "too-many-pages"],
)
def test_a_hostile_pdf_is_refused_with_the_reason_and_nothing_written(
    started, tmp_path, capsys, data, message
):
    source = tmp_path / "report.pdf"
    source.write_bytes(data)
    before = digests(started)
    assert main(["add-document", str(started), str(source), "--id", "bad-2023"]) == 1
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err
    assert err.startswith("report.pdf: ")
    assert digests(started) == before


def test_a_quote_from_a_pdf_is_cited_with_its_page(started, tmp_path):
    from perspectives.ui import widgets

    source = tmp_path / "report.pdf"
    source.write_bytes(REPORT)
    options = ["--country", "Austria", "--outlet", "ÖBB", "--published", "2023"]
    assert main(["add-document", str(started), str(source), "--id", "obb-2023", *options]) == 0
    document = load(started).document("obb-2023")
    page = pdf.page_of(document.text, document.text.index("Timetables are agreed late"))
    assert widgets.citation(document, page).endswith("\\(2023\\), p\\. 3")
    assert widgets.citation(document).endswith("\\(2023\\)")


@pytest.mark.parametrize(
    ("ended", "running_on"),
    [
        ("The first sentence ends here.", "and the second runs on"),
        ("第一句在这里结束。", "第二句没有"),
        ("«Первое кончается здесь.»", "а второе"),
        ("الجملة الأولى؟", "والثانية"),
        ("पहला वाक्य यहाँ।", "दूसरा"),
    ],
)
def test_footnotes_go_after_the_last_sentence_ended_above_them_in_any_script(ended, running_on):
    footnote = pdf_layout.Line("1 A note.", 72, 90, 7)
    page = [footnote, pdf_layout.Line(ended, 72, 700, 10), pdf_layout.Line(running_on, 72, 688, 10)]
    assert [line.text for line in pdf_layout.reading_order(page, 10)] == [
        ended,
        footnote.text,
        running_on,
    ]


def described(info: dict[str, str], lang: str = "", publisher: str = "") -> bytes:
    """A one-page PDF whose document information, catalog language and XMP say these."""
    from pypdf import PdfWriter
    from pypdf.generic import NameObject, TextStringObject
    from pypdf.xmp import XmpInformation

    writer = PdfWriter(clone_from=io.BytesIO(build([["Night trains are back."]], info)))
    if lang:
        writer.root_object[NameObject("/Lang")] = TextStringObject(lang)
    if publisher:
        xmp = XmpInformation.create()
        xmp.dc_publisher = [publisher]
        writer.xmp_metadata = xmp
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.mark.parametrize(
    ("info", "lang", "publisher", "row"),
    [
        (
            {"Title": "Night  trains", "Author": "Jo Writer", "CreationDate": "D:20240203120000Z"},
            "ru",
            "Daily Example",
            {
                "title": "Night trains",
                "author": "Jo Writer",
                "published": "2024-02-03",
                "outlet": "Daily Example",
                "language": "ru",
            },
        ),
        ({"CreationDate": "D:00000101000000Z"}, "", "", {}),  # a blank date reads as year 0
        ({"CreationDate": "D:2024"}, "not a tag!", "", {"published": "2024-01-01"}),
        ({"CreationDate": "D:29990101000000Z"}, "", "", {}),  # not made yet
    ],
)
def test_a_pdfs_own_metadata_fills_the_documents_row(info, lang, publisher, row):
    captured = capture.from_pdf(described(info, lang, publisher))
    assert captured.metadata == row


def test_a_pdf_that_names_itself_needs_only_an_id_and_a_country(started, tmp_path, capsys):
    source = tmp_path / "report.pdf"
    info = {"Title": "Night trains", "Author": "Jo Writer", "CreationDate": "D:20240203120000Z"}
    source.write_bytes(described(info, "en", "Daily Example"))
    argv = ["add-document", str(started), str(source), "--id", "writer-2024", "--country", "Chile"]
    assert main(argv) == 0, capsys.readouterr().err
    document = load(started).document("writer-2024")
    assert (document.title, document.author, document.outlet, document.language) == (
        "Night trains",
        "Jo Writer",
        "Daily Example",
        "en",
    )
    assert document.published.display() == "3 February 2024"
