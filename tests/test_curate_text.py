"""A span selected in the text shown, or picked from one sentence to another (trimmed to words
typed), becomes a quote anchored as every quote is; notes on quotes, texts and themes are written
as rows, loaded and exported."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import json
import re
from html import unescape
from pathlib import Path

import pytest

from perspectives import (
    compare,
    curate,
    curate_notes,
    export,
    load,
    starter,
    store,
    text_selection,
    validate,
)
from perspectives.curate import CurationError, PositionDraft
from perspectives.sentences import Sentence, document_sentences, paragraphs
from perspectives.text_selection import (
    marked_html,
    picked_span,
    selected_span,
    selection_bounds,
    sentence_label,
    text_version,
)


@pytest.fixture
def started(tmp_path) -> Path:
    root = tmp_path / "corpus"
    starter.write_starter(root, dt.date(2024, 6, 1))
    return root


def example(root: Path):
    return load(root).document("example-2024")


@pytest.mark.parametrize(
    ("first", "last", "words", "picked"),
    [
        (0, 0, "", "Painted lines do not protect anyone."),
        (0, 0, "protect", "protect"),  # one word
        (1, 1, "buses and  delivery\nvans", "buses and delivery vans"),  # spaces as typed
        (0, 1, "", "Painted lines do not protect anyone. A cyclist on a painted lane"),
        (2, 0, "anyone. A cyclist", "anyone. A cyclist"),  # either order; across a sentence end
        (3, 3, "", "Protected lanes cost more at first, but they fill up in the first week."),
    ],
)
def test_a_span_is_picked_from_sentences_and_trimmed_to_the_words_typed(
    started, first, last, words, picked
):
    document = example(started)
    sentences = document_sentences(document)
    within, (start, end) = picked_span(document, sentences, first, last, words)
    assert " ".join(document.text[start:end].split()).startswith(picked)
    assert within[0] <= start < end <= within[1]


@pytest.mark.parametrize(
    ("first", "last", "words", "message"),
    [
        (0, 0, "buses", "must be words of the sentence it was picked from"),
        (0, 9, "", "the text has sentences 1–4"),
        (-1, 0, "", "the text has sentences 1–4"),
        (0, 0, "protcet", "'protcet' where the text has 'protect'"),
    ],
)
def test_a_span_outside_the_sentences_picked_is_refused(started, first, last, words, message):
    document = example(started)
    with pytest.raises(CurationError, match=message):
        picked_span(document, document_sentences(document), first, last, words)


def test_a_span_overlapping_a_quote_is_saved_as_a_quote_and_validates(started):
    corpus = load(started)
    document = corpus.document("example-2024")
    position = corpus.find_position("protected-lanes", "example-2024")
    _, span = picked_span(document, document_sentences(document), 0, 1, "anyone. A cyclist")
    spans = (*((q.anchor.start, q.anchor.end) for q in position.quotes), span)
    draft = PositionDraft(
        "protected-lanes", "example-2024", "explicit", "Yes", "Sum.", "Why.", quotes=spans
    )
    store.save(started, curate.set_position(curate.read(started), document, draft, position))
    quotes = load(started).find_position("protected-lanes", "example-2024").quotes
    assert [q.text for q in quotes][-1] == "anyone. A cyclist"
    assert not [p for p in validate(started) if p.severity == "error"]


def test_sentences_are_offered_by_number_and_first_words(started):
    sentences = document_sentences(example(started))
    assert sentence_label(sentences, 0) == "1. Painted lines do not protect anyone."
    assert sentence_label(sentences, 1) == "2. A cyclist on a painted lane shares the …"


def test_the_text_is_escaped_and_the_evidence_and_suggestions_marked(started):
    document = example(started)
    added = "\n\n<script>x()</script> & more\n"
    hostile = dataclasses.replace(document, text=document.text + added)
    painted = document.text.index("Painted")
    evidence, suggested = (painted, painted + 7), (len(document.text) + 2, len(hostile.text) - 1)
    html = marked_html(hostile, [evidence], [suggested])
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert html.count("<mark") == 2
    assert 'title="Evidence: Evidence"' in html and 'title="Evidence: Suggested"' in html


#: Characters a browser counts otherwise (an emoji and a CJK Extension B character take two
#: UTF-16 units each), folds (CRLF, a tab, runs of spaces) or could read as markup.
ODD = "Riders 🚲 and 𠀋 fans\r\nsay &amp; <b>*so*</b>\t  [x](y) $z$. Kerbs are cheap. Paint is not."


def with_text(document, added: str):
    """The document with paragraphs added after its own."""
    return dataclasses.replace(document, text=document.text + added)


def runs(html: str) -> list[tuple[int, str]]:
    """Each run of text shown, as (its data-start, its characters as the browser reads them)."""
    found = re.findall(r'<span data-start="(\d+)">([^<]*)</span>', html)
    return [(int(start), unescape(words)) for start, words in found]


def test_each_run_of_the_text_shown_is_the_documents_characters_at_its_offset(started):
    document = with_text(example(started), f"\n\n{ODD}\n\n{ODD}")
    text = document.text
    evidence = [(text.index("fans"), text.index("say") + 3)]  # across the CRLF
    suggested = [(text.rindex("🚲"), len(text)), (0, 5)]  # the last one over the headline
    found = runs(marked_html(document, evidence, suggested))
    assert all(text[start : start + len(words)] == words for start, words in found)
    covered = {start + index for start, words in found for index in range(len(words))}
    shown = {
        i for start, end in paragraphs(text) for i in range(start, end) if text[i] not in "\r\n"
    }
    assert covered == shown  # every character but the line breaks, once


def selection(document, start: int, end: int, changes=None) -> dict[str, object]:
    """What the page sends back when the curator selects start–end of the document, with these
    changes (a key changed to ... is left out)."""
    sent = {"document": document.id, "version": text_version(document.text)}
    sent |= {"start": start, "end": end} | (changes or {})
    return {key: value for key, value in sent.items() if value is not ...}


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"start": ...}, "came back without start$"),
        ({"version": ..., "end": ...}, "came back without version, end"),
        ({"start": "3"}, "offsets are not whole numbers"),
        ({"end": 9.0}, "offsets are not whole numbers"),
        ({"start": True}, "offsets are not whole numbers"),
        ({"start": None}, "offsets are not whole numbers"),
        ({"start": -1}, "the selection -1–9 is not a span of the text's 421 characters"),
        ({"start": 9, "end": 3}, "the selection 9–3 is not a span"),
        ({"end": 422}, "the selection 3–422 is not a span"),
        ({"document": "voorbeeld-2024"}, "made in another text than example-2024"),
        ({"version": text_version("An older text")}, "the text has changed since"),
    ],
)
def test_a_selection_that_is_not_a_span_of_this_text_is_refused(started, changes, message):
    document = example(started)
    with pytest.raises(CurationError, match=message):
        selection_bounds(document, selection(document, 3, 9, changes))


@pytest.mark.parametrize("payload", [None, "3-9", [3, 9], 3])
def test_a_selection_that_is_not_a_mapping_is_refused(started, payload):
    with pytest.raises(CurationError, match="came back without its offsets"):
        selection_bounds(example(started), payload)


ALL = slice(None)


@pytest.mark.parametrize(
    ("added", "first", "last", "shown", "selected"),
    [
        # across two sentences, and one word, with the edges the browser sends
        ("", "a child", "build lanes", ALL, "a child ride there. The city should build lanes"),
        ("", "kerb", "kerb", ALL, "kerb"),
        ("", " by a kerb", "kerb, ", ALL, "by a kerb,"),  # trimmed of the spaces around
        # begun in the headline, above the paragraphs shown: clamped to them
        ("", "Why Lisbon", "Painted", slice(2, None), "Painted"),
        # ended past the last paragraph shown
        (f"\n\n{ODD}", "they fill", "Kerbs", slice(None, -1), "they fill up in the first week."),
        # after characters of two UTF-16 units each, which offsets count once
        (f"\n\n{ODD}", "Kerbs", "Paint is", ALL, "Kerbs are cheap. Paint is"),
        (f"\n\n{ODD}", "🚲", "fans", ALL, "🚲 and 𠀋 fans"),
    ],
)
def test_a_span_selected_is_trimmed_kept_to_the_paragraphs_shown_and_quoted_in_its_sentences(
    started, added, first, last, shown, selected
):
    document = with_text(example(started), added)
    text = document.text
    start, end = text.index(first), text.index(last) + len(last)
    sent = selection(document, start, end)
    sentences = document_sentences(document)
    within, (left, right) = selected_span(document, sentences, sent, paragraphs(text)[shown])
    assert text[left:right] == selected
    assert within[0] <= left < right <= within[1]


@pytest.mark.parametrize(
    ("first", "last", "shown", "message"),
    [
        ("By Ana", "columnist", ALL, "takes in text that is not the author's \\(byline\\)"),
        ("columnist", "Painted", ALL, "takes in text that is not the author's \\(byline\\)"),
        ("Why Lisbon", "lanes", ALL, "not the author's \\(headline\\)"),
        ("\n\n", "\n\n", ALL, "no words are selected"),  # a blank line only
        ("Why Lisbon", "columnist", slice(2, None), "no words are selected"),  # not shown
    ],
)
def test_a_selection_of_text_not_the_authors_or_of_no_words_is_refused(
    started, first, last, shown, message
):
    document = example(started)
    text = document.text
    start, end = text.index(first), text.index(last) + len(last)
    sent = selection(document, start, end)
    with pytest.raises(CurationError, match=message):
        selected_span(document, document_sentences(document), sent, paragraphs(text)[shown])


def saved_notes(root: Path, quotes=None, others=None) -> store.Saved:
    change = curate_notes.set_notes(curate.read(root), quotes or {}, others or {})
    return store.save(root, change)


@pytest.mark.parametrize(
    ("others", "expected"),
    [
        ({("example-2024", ""): "Columnist"}, [("example-2024", "", "Columnist")]),
        ({("", "protected-lanes"): " Kerbs "}, [("", "protected-lanes", "Kerbs")]),
        (
            {("example-2024", "protected-lanes"): "Ask", ("", "protected-lanes"): "Kerbs"},
            [("example-2024", "protected-lanes", "Ask"), ("", "protected-lanes", "Kerbs")],
        ),
    ],
)
def test_notes_on_texts_and_themes_are_rows_of_notes_csv(started, others, expected):
    saved_notes(started, others=others)
    assert [(n.document_id, n.theme_id, n.note) for n in load(started).notes] == expected


def test_a_note_is_changed_then_removed(started):
    pair = ("example-2024", "")
    saved_notes(started, others={pair: "First"})
    saved_notes(started, others={pair: "Second"})
    assert [n.note for n in load(started).notes] == ["Second"]
    saved_notes(started, others={pair: ""})
    assert load(started).notes == ()


def without_notes(root: Path) -> None:
    """quotes.csv as a corpus made before quotes had notes writes it: no note column."""
    path = root / "quotes.csv"
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(row[:-1] for row in rows)


@pytest.mark.parametrize("column", [True, False], ids=["with-the-column", "without"])
def test_a_quote_note_is_written_and_loaded(started, column):
    if not column:
        without_notes(started)
    saved_notes(started, quotes={2: "Opening line"})
    assert (started / "quotes.csv").read_text(encoding="utf-8").splitlines()[0].endswith(",note")
    quotes = load(started).find_position("protected-lanes", "example-2024").quotes
    assert [q.note for q in quotes] == ["Opening line", ""]
    assert not [p for p in validate(started) if p.severity == "error"]


@pytest.mark.parametrize(
    ("quotes", "others", "message"),
    [
        ({}, {}, "no note changed"),
        ({}, {("example-2024", ""): ""}, "no note changed"),
        ({99: "x"}, {}, "quotes.csv has no row 99"),
        ({}, {("", ""): "x"}, "a note is on a text, a theme or both"),
    ],
)
def test_notes_that_change_nothing_or_name_nothing_are_refused(started, quotes, others, message):
    with pytest.raises(CurationError, match=message):
        curate_notes.set_notes(curate.read(started), quotes, others)


def test_notes_are_in_the_json_and_csv_exports(started):
    saved_notes(
        started,
        quotes={2: "Opening line"},
        others={
            ("example-2024", ""): "On the text",
            ("", "protected-lanes"): "On the theme",
            ("example-2024", "protected-lanes"): "On the position",
            ("voorbeeld-2024", ""): "Not selected",
        },
    )
    corpus = load(started)
    exported = export.build(corpus, compare.select(corpus, ["protected-lanes"], ["example-2024"]))
    document = json.loads(export.to_json(exported))
    assert document["notes"] == [
        {"document_id": "example-2024", "theme_id": "", "note": "On the text"},
        {"document_id": "", "theme_id": "protected-lanes", "note": "On the theme"},
        {"document_id": "example-2024", "theme_id": "protected-lanes", "note": "On the position"},
    ]
    quotes = document["themes"][0]["positions"][0]["quotes"]
    assert [q["note"] for q in quotes] == ["Opening line", ""]
    rows = list(csv.DictReader(io.StringIO(export.to_csv(exported))))
    assert [row["quote_note"] for row in rows] == ["Opening line", ""]
    assert {row["theme_note"] for row in rows} == {"On the theme"}
    assert {row["document_note"] for row in rows} == {"On the text"}
    assert {row["position_note"] for row in rows} == {"On the position"}


LONG = "\n\n".join(f"Paragraph {n} has words. It has two sentences." for n in range(1, 71))


@pytest.mark.parametrize(
    ("text", "page", "count", "first", "sentences"),
    [
        (LONG, 1, 30, "Paragraph 1 has", 60),
        (LONG, 2, 30, "Paragraph 31 has", 60),
        (LONG, 3, 10, "Paragraph 61 has", 20),
        ("One paragraph.", 1, 1, "One paragraph.", 1),
        ("", 1, 0, None, 0),
    ],
)
def test_a_long_text_is_shown_and_offered_a_page_of_paragraphs_at_a_time(
    text, page, count, first, sentences
):
    assert text_selection.pages(text) == (3 if text == LONG else 1)
    blocks = text_selection.page_paragraphs(text, page)
    assert len(blocks) == count
    if first:
        assert text[blocks[0][0] :].startswith(first)
    split = [Sentence(m.start(), m.end(), text) for m in re.finditer(r"[^.\n]+\.", text)]
    offered = text_selection.sentences_in(split, blocks)
    assert len(offered) == sentences
    assert all(blocks[0][0] <= split[i].start < blocks[-1][1] for i in offered)
