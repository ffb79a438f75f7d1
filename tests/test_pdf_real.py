"""PDF sources, on real public reports (tests/fixtures/pdfs, their origins in its README): a
Federal Register notice in three columns with footnotes and hyphenated compounds, and a
Copyright Office summary with words hyphenated at line ends, footnotes and running heads.

The margin note set sideways, the justified lines' word spacing and the footnotes held before
the body text are each tested on the file that has them."""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest

from perspectives import anchor, load, pdf, starter, validate
from perspectives.cli import main
from perspectives.ui import widgets

FIXTURES = Path(__file__).parent / "fixtures" / "pdfs"


@dataclass(frozen=True)
class Real:
    """A real PDF and what its text must show."""

    file: str
    document_id: str
    #: What add-document is told of it that the PDF does not say.
    options: tuple[str, ...]
    published: str
    pages: int
    #: Each running head or footer (numbers as '#', as `pdf._key` writes it), and the pages
    #: (from 1) that print it.
    running: tuple[tuple[str, range], ...]


REGISTER = Real(
    "federal-register-2020-17221.pdf",
    "faa-2020-0686",
    ("--outlet", "Federal Register", "--title", "Airworthiness Directives; The Boeing Company"),
    "2020",
    15,
    (
        (
            "# federal register / vol. #, no. # / thursday, august #, # / proposed rules",
            range(2, 16),
        ),
    ),
)
SUMMARY = Real(
    "dmca-summary-1998.pdf",
    "dmca-1998",
    ("--outlet", "U.S. Copyright Office"),
    "1998",
    18,
    (
        ("copyright office summary december # page #", range(1, 19)),
        ("the digital millennium copyright act of #", range(1, 19)),  # p. 1: its title
    ),
)
REAL = [REGISTER, SUMMARY]


@cache
def text_of(real: Real) -> str:
    return pdf.extract((FIXTURES / real.file).read_bytes()).text


@pytest.mark.parametrize("real", REAL, ids=lambda real: real.file)
def test_the_text_has_a_page_for_each_page_of_the_pdf(real):
    extracted = pdf.extract((FIXTURES / real.file).read_bytes())
    assert extracted.pages == real.pages
    assert extracted.text.count(pdf.PAGE_BREAK) == real.pages - 1
    assert all(page.strip() for page in extracted.text.split(pdf.PAGE_BREAK))


@pytest.mark.parametrize(
    ("real", "quote", "page"),
    [
        # Hyphenated at line ends: "protec-/tion", "circumven-/tion".
        (SUMMARY, "Contracting Parties shall provide adequate legal protection and effective "
                  "legal remedies against the circumvention of effective technological", 3),
        (SUMMARY, "through mistake or misidentification, then unless the copyright owner", 12),
        # A compound hyphenated at a line's end ("FAA-/approved"), written so elsewhere.
        (REGISTER, "Finally, operators with an existing FAA-approved MEL would be required to "
                   "incorporate more restrictive provisions", 3),
        # From the first column to the second, and from the second to the third.
        (REGISTER, "The checklist provides additional information for the flightcrew to use "
                   "if the airplane is in flight.", 4),
        (REGISTER, "The FAA proposes this action to bring the airplanes into regulatory "
                   "compliance.", 4),
    ],
    ids=["hyphenated", "hyphenated-2", "compound", "column-1-to-2", "column-2-to-3"],
)  # fmt: skip
def test_a_sentence_comes_out_whole_and_on_its_page(real, quote, page):
    text = text_of(real)
    spans = anchor.find_all(anchor.normalise(text), quote)
    assert len(spans) == 1
    assert pdf.page_of(text, spans[0][0]) == page


def test_hyphenated_compounds_keep_their_hyphen():
    """The Federal Register hyphenates no word across lines, only compounds: none is glued."""
    text = text_of(REGISTER)
    for compound in ("non-normal", "FAA-approved", "work-hour"):
        assert compound.replace("-", "") not in text
    assert text.count("non-normal") == 9  # 5 within a line, 4 across a line's end


def offered(real: Real) -> dict[str, list[int]]:
    """The pages each running line is offered on, by its key."""
    text = text_of(real)
    pages: dict[str, list[int]] = {}
    for line in pdf.running_lines(text):
        assert text[line.start - 1 : line.start] in "\n\f" and text[line.end] == "\n"  # whole
        pages.setdefault(pdf._key(text[line.start : line.end]), []).append(
            pdf.page_of(text, line.start) or 0
        )
    return pages


@pytest.mark.parametrize("real", REAL, ids=lambda real: real.file)
def test_running_heads_and_footers_are_offered_on_each_page_that_prints_them(real):
    found = offered(real)
    for key, pages in real.running:
        assert found[key] == list(pages)


def test_the_registers_footer_is_offered_on_every_page():
    assert offered(REGISTER)[
        "verdate sep<#># #:# aug #, # jkt # po # frm # fmt # sfmt # e:\\fr\\fm\\#aup#.sgm #aup#"
    ] == list(range(1, 16))


def test_a_word_pypdf_spaces_apart_is_whole():
    assert anchor.find_all(anchor.normalise(text_of(SUMMARY)), "conceal an infringement of any")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> tuple[Path, dict[str, list[list[str]]]]:
    """A starter corpus with both reports added and the excluded spans suggested for each
    added too: the corpus and those suggested rows, by document."""
    root = tmp_path_factory.mktemp("real") / "corpus"
    starter.write_starter(root, dt.date(2024, 6, 1))
    suggested = {}
    for real in REAL:
        options = ["--id", real.document_id, "--country", "United States", *real.options]
        with contextlib.redirect_stdout(io.StringIO()) as out:
            code = main(["add-document", str(root), str(FIXTURES / real.file), *options,
                         "--published", real.published])  # fmt: skip
        assert code == 0
        lines = out.getvalue().splitlines()
        heading = next(n for n, line in enumerate(lines) if line.startswith("Suggested rows"))
        suggested[real.document_id] = list(csv.reader(lines[heading + 1 :]))
        with (root / "excluded_spans.csv").open("a", newline="") as spans:
            csv.writer(spans).writerows(suggested[real.document_id])
    return root, suggested


@pytest.mark.parametrize("real", REAL, ids=lambda real: real.file)
def test_add_document_keeps_the_pdf_and_its_suggested_spans_validate(corpus, real):
    root, suggested = corpus
    texts = root / "texts"
    assert (texts / f"{real.document_id}.pdf").read_bytes() == (FIXTURES / real.file).read_bytes()
    kept = (texts / f"{real.document_id}.txt").read_text(encoding="utf-8")
    assert kept == text_of(real)
    assert [row[:2] for row in suggested[real.document_id]] == [
        [real.document_id, "running-head"]
    ] * len(pdf.running_lines(kept))
    assert [problem for problem in validate(root) if problem.severity != "warning"] == []
    body = load(root).document(real.document_id).body
    keys = {key for key, _ in real.running}
    assert [line for line in body.splitlines() if pdf._key(line) in keys] == []


def test_a_quote_from_page_four_is_cited_with_page_four(corpus):
    document = load(corpus[0]).document(REGISTER.document_id)
    quote = "The FAA proposes this action to bring the airplanes into regulatory compliance."
    (start, _), *others = anchor.find_all(anchor.normalise(document.text), quote)
    assert others == []
    assert widgets.citation(document, pdf.page_of(document.text, start)).endswith(
        "\\(2020\\), p\\. 4"
    )


def test_a_sentence_across_a_page_break_is_whole_once_running_heads_are_excluded(corpus):
    body = load(corpus[0]).document(REGISTER.document_id).body
    sentence = "the FAA also proposes to require operators to conduct an AOA sensor system test"
    assert anchor.find_all(anchor.normalise(body), sentence)
