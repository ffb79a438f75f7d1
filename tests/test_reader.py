"""The source reader's core: paragraphs, segments, highlight HTML, selection, word counts."""

from __future__ import annotations

import html
import re

import pytest

from perspectives import anchor, load, reader
from perspectives.dates import PartialDate
from perspectives.markup import escape_html
from perspectives.model import Document, ExcludedSpan, Quote
from perspectives.paths import EMBEDDED_CORPUS
from perspectives.sentences import split, word_count

CORPUS = load(EMBEDDED_CORPUS)

TEXT = (
    "Headline <b>here</b>\n"
    "\n"
    "  First paragraph: alpha beta gamma.\n"
    "Same paragraph, next line <script>x</script>.\n"
    "   \n"
    "\n"
    "Second paragraph delta epsilon.\n"
    "\n"
    "Leave a Reply"
)


def make_document(text: str = TEXT, excluded: tuple[ExcludedSpan, ...] = ()) -> Document:
    return Document(
        id="doc",
        author="A",
        role="R",
        affiliation="I",
        country="C",
        title="T",
        outlet="O",
        published=PartialDate(2020),
        url="",
        citation="Cite",
        text_file="texts/doc.txt",
        label="",
        text=text,
        excluded=excluded,
    )


def span_of(text: str, words: str) -> tuple[int, int]:
    start = text.index(words)
    return start, start + len(words)


def excluded(text: str, words: str, kind: str) -> ExcludedSpan:
    start, end = span_of(text, words)
    return ExcludedSpan(kind=kind, start=start, end=end)


def highlight(text: str, words: str, theme_id: str, colour: str) -> reader.Highlight:
    start, end = span_of(text, words)
    quote = Quote(theme_id, "doc", words, anchor.make_anchor(text, start, end))
    return reader.Highlight(quote, theme_id.title(), colour, reader.anchor_id("doc", theme_id, 1))


def test_paragraphs_are_blocks_between_blank_lines_trimmed():
    found = [TEXT[start:end] for start, end in reader.paragraphs(TEXT)]
    assert found == [
        "Headline <b>here</b>",
        "First paragraph: alpha beta gamma.\nSame paragraph, next line <script>x</script>.",
        "Second paragraph delta epsilon.",
        "Leave a Reply",
    ]


# The same text with each line ending a text may have, and with them mixed.
ENDINGS = {
    "LF": "Introduction\n\nThe talks failed. Then Kim left.\n \n- A list item\n- Another one\n",
    "CRLF": "Introduction\r\n\r\nThe talks failed. Then Kim left.\r\n \r\n- A list item\r\n"
    "- Another one\r\n",
    "CR": "Introduction\r\rThe talks failed. Then Kim left.\r \r- A list item\r- Another one\r",
    "mixed": "Introduction\r\n\nThe talks failed. Then Kim left.\r\t\n- A list item\r"
    "- Another one\n",
}


@pytest.mark.parametrize("text", ENDINGS.values(), ids=ENDINGS.keys())
def test_the_reader_and_the_sentence_splitter_see_the_same_paragraphs(text):
    shown = reader.paragraphs(text)
    assert [" ".join(text[slice(*p)].split()) for p in shown] == [
        "Introduction",
        "The talks failed. Then Kim left.",
        "- A list item - Another one",
    ]
    sentences = split(text)
    assert [" ".join(s.text.split()) for s in sentences] == [
        "Introduction",
        "The talks failed.",
        "Then Kim left.",
        "A list item",
        "Another one",
    ]
    for sentence in sentences:  # none crosses a paragraph break the reader shows
        assert any(start <= sentence.start and sentence.end <= end for start, end in shown)


def test_around_gives_the_paragraph_or_paragraphs_of_a_passage():
    start, end = span_of(TEXT, "beta")
    (paragraph,) = reader.around(TEXT, start, end)
    assert TEXT[slice(*paragraph)].startswith("First paragraph")
    start, _ = span_of(TEXT, "gamma")
    _, end = span_of(TEXT, "delta")
    assert len(reader.around(TEXT, start, end)) == 2


def test_segments_say_what_each_stretch_is():
    document = make_document(excluded=(excluded(TEXT, "Leave a Reply", "comment-form"),))
    one = highlight(TEXT, "alpha beta", "one", "#111111")
    two = highlight(TEXT, "beta gamma", "two", "#222222")
    paragraph, *_, last = reader.paragraphs(TEXT)[1:]
    pieces = reader.segments(document, [one, two], *paragraph)
    described = [(TEXT[p.start : p.end], [h.quote.theme_id for h in p.highlights]) for p in pieces]
    assert described[:4] == [
        ("First paragraph: ", []),
        ("alpha ", ["one"]),
        ("beta", ["one", "two"]),
        (" gamma", ["two"]),
    ]
    assert "".join(TEXT[p.start : p.end] for p in pieces) == TEXT[slice(*paragraph)]
    (comment,) = reader.segments(document, [one, two], *last)
    assert comment.excluded is not None and comment.excluded.label == "comment form"


def test_excluded_text_is_never_evidence():
    document = make_document(excluded=(excluded(TEXT, "Leave a Reply", "comment-form"),))
    over = highlight(TEXT, "Leave a Reply", "one", "#111111")
    (piece,) = reader.segments(document, [over], *reader.paragraphs(TEXT)[-1])
    assert piece.excluded is not None and piece.highlights == ()


def test_html_escapes_corpus_text_before_adding_its_own_tags():
    document = make_document(excluded=(excluded(TEXT, "Headline <b>here</b>", "headline"),))
    marked = highlight(TEXT, "next line <script>x</script>", "one", "#77AADD")
    page = reader.document_html(document, [marked])
    assert "<script" not in page and "<b>" not in page
    assert "&lt;script&gt;x&lt;/script&gt;" in page and "&lt;b&gt;here&lt;/b&gt;" in page
    assert re.search(
        r'<mark dir="auto" style="background:#77AADD;[^"]*" title="Evidence: One">', page
    )
    assert '<small style="' in page and ">headline</small>" in page
    assert "\n" not in page, "a line break would end Markdown's HTML block"
    assert "<br>" in page


def test_html_reads_as_the_original_text():
    page = reader.document_html(make_document(), [])
    paragraphs = re.findall(r"<p[^>]*>(.*?)</p>", page)
    shown = [html.unescape(p.replace("<br>", "\n")) for p in paragraphs]
    assert shown == [TEXT[start:end] for start, end in reader.paragraphs(TEXT)]


def test_a_passage_in_two_themes_shows_both_colours():
    one = highlight(TEXT, "alpha beta", "one", "#111111")
    two = highlight(TEXT, "beta gamma", "two", "#222222")
    page = reader.document_html(make_document(), [one, two])
    assert "linear-gradient(180deg, #111111 0% 50%, #222222 50% 100%)" in page
    assert 'title="Evidence: One, Two"' in page


def test_scroll_targets_only_in_the_whole_document():
    marked = highlight(TEXT, "delta", "one", "#111111")
    assert 'data-anchor="q-doc-one-1"' in reader.document_html(make_document(), [marked])
    context = reader.context_html(make_document(), marked)
    assert "data-anchor" not in context
    assert context.count("<p ") == 1 and "Second paragraph" in context and "alpha" not in context


def test_evidence_follows_themes_then_quotes_csv_order():
    found = reader.evidence(CORPUS, "asmolov-2019", ["us-china-trade", "sanctions"])
    expected = [
        *CORPUS.find_position("us-china-trade", "asmolov-2019").quotes,
        *CORPUS.find_position("sanctions", "asmolov-2019").quotes,
    ]
    assert [h.quote for h in found] == expected
    assert found[0].label == "US–China trade tensions"
    assert len({h.anchor_id for h in found}) == len(found)


def test_every_embedded_quote_is_marked_once_in_its_document():
    every_theme = [theme.id for theme in CORPUS.themes]
    for document in CORPUS.documents:
        found = reader.evidence(CORPUS, document.id, every_theme)
        page = reader.document_html(document, found)
        assert sorted(re.findall(r'data-anchor="([^"]+)"', page)) == sorted(
            h.anchor_id for h in found
        )
        marks = "".join(re.findall(r"<mark[^>]*>(.*?)</mark>", page))
        marked = html.unescape(marks.replace("<br>", "\n"))
        for item in found:
            assert item.quote.anchor.exact in marked


@pytest.mark.parametrize(
    ("themes", "documents", "theme_ids", "document_ids", "unknown"),
    [
        (None, None, "all", ("singh-2018",), ()),
        (["sanctions"], ["asmolov-2019"], ("sanctions",), ("asmolov-2019",), ()),
        # the documents keep the link's order, left to right; a repeat is read once
        (None, ["asmolov-2019", "singh-2018"], "all", ("asmolov-2019", "singh-2018"), ()),
        (
            None,
            ["singh-2018", "asmolov-2019", "singh-2018"],
            "all",
            ("singh-2018", "asmolov-2019"),
            (),
        ),
        (None, ["<script>", "asmolov-2019"], "all", ("asmolov-2019",), ("<script>",)),
        (None, ["<script>"], "all", ("singh-2018",), ("<script>",)),
    ],
)
def test_reading_selection(themes, documents, theme_ids, document_ids, unknown):
    selection = reader.reading_selection(CORPUS, themes, documents)
    expected_themes = tuple(t.id for t in CORPUS.themes) if theme_ids == "all" else theme_ids
    assert selection.theme_ids == expected_themes
    assert selection.document_ids == document_ids
    assert selection.unknown_documents == unknown


def test_words_of_excluded_spans_are_not_the_authors():
    document = make_document(excluded=(excluded(TEXT, "Leave a Reply", "comment-form"),))
    count = reader.word_count(document)
    assert (count.author, count.other) == (word_count(TEXT) - 3, 3)
    singh = CORPUS.document("singh-2018")
    assert reader.word_count(singh).author == word_count(singh.body)


def test_legend_escapes_labels():
    legend = reader.legend_html([("<img src=x>", "#77AADD")], excluded_label="not the author's")
    assert "<img" not in legend and "&lt;img src=x&gt;" in legend
    assert "background:#77AADD" in legend and "not the author&#x27;s" in legend


def test_markdown_link_syntax_in_a_text_is_not_a_link():
    text = "[a](javascript:alert(1))"
    page = reader.document_html(make_document(text), [])
    assert "](" not in page and "javascript:" not in page
    assert escape_html(text) in page
