"""Sentence splitting: abbreviations, initials, lists, ellipses and quotes, on samples and on the
real texts, with offsets that point back into the captured text."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from perspectives import anchor, load
from perspectives.model import Document, ExcludedSpan
from perspectives.paths import EMBEDDED_CORPUS
from perspectives.sentences import (
    Sentence,
    SentenceLookup,
    document_sentences,
    first_words,
    overlapping,
    paragraphs,
    split,
    word_count,
)

CORPUS = load(EMBEDDED_CORPUS)

# What texts that test the splitting rules are made of: breaks, list markers, abbreviations,
# ends of sentences, quotes and brackets, typographic characters and words; and besides them any
# characters at all, other scripts and every other kind of line break included.
_PIECES = (
    *("\n", "\n\n", "\n \n", "\n\t\n\n", "\r\n", "\r\n\r\n", " ", "  "),
    *("\r", "\r\r", "\v", "\f", "\x85", "\u2028", "\u2029", "\u3000"),
    *("  • ", "- ", "– ", "1. ", "12) ", "* "),
    *("Dr. ", "U.S. ", "J. ", "e.g. "),
    *(". ", "? ", "! ", "… ", ".", "…", "...", ".” ", "’ ", ") ", "。", "؟ ", "। "),
    *("“", "‘", "(", "[", '"', "'", "«", "»", "「", "」"),
    *("word", "Word", "The", "the", "A", "x", "7", "2019", "Ωμέγα", "слово", "中文", "كلمة"),
)
_TEXTS = st.lists(st.one_of(st.sampled_from(_PIECES), st.text(max_size=6)), max_size=60).map(
    "".join
)


@st.composite
def documents(draw: st.DrawFn) -> Document:
    """A document of generated text, with excluded spans that may cut lines and words, overlap
    each other or hold nothing."""
    text = draw(_TEXTS)
    offsets = st.integers(0, len(text))
    cuts = draw(st.lists(st.tuples(offsets, offsets).map(sorted), max_size=3))
    spans = tuple(ExcludedSpan("other", start, end) for start, end in cuts)
    return dataclasses.replace(CORPUS.documents[0], id="generated", text=text, excluded=spans)


def on_real_and_generated_documents(test):
    """Run `test` on each real document of the embedded corpus and on generated ones."""
    for document in CORPUS.documents:
        test = example(document=document)(test)
    return given(document=documents())(test)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The U.S. President met Dr. Kim in Seoul. Then he left.",
            ["The U.S. President met Dr. Kim in Seoul.", "Then he left."],
        ),
        (
            "It was written by J. Smith and A. B. Jones. Mr. Lee agreed.",
            ["It was written by J. Smith and A. B. Jones.", "Mr. Lee agreed."],
        ),
        ("Talks resumed, e.g. in Hanoi. Nothing came of them.", None),
        ("So did I. Nobody else did.", ["So did I.", "Nobody else did."]),
        (
            "Observable themes:\n  • The first point\n\n  • The second point. It goes on\n- third",
            ["Observable themes:", "The first point", "The second point.", "It goes on", "third"],
        ),
        ("1. Sanctions\n2. Visits", ["Sanctions", "Visits"]),
        (
            "North Korea … so Pyongyang would think it was right. It was.",
            ["North Korea … so Pyongyang would think it was right.", "It was."],
        ),
        ("It ended… Then it began again.", ["It ended…", "Then it began again."]),
        ("one day….The 70th anniversary matters.", ["one day….The 70th anniversary matters."]),
        (
            "He said, “It is over.” Then he left for Beijing.",
            ["He said, “It is over.”", "Then he left for Beijing."],
        ),
        ("a plan “B”. On the other hand, no.", ["a plan “B”.", "On the other hand, no."]),
        ("What next? “Nothing,” she said.", ["What next?", "“Nothing,” she said."]),
        ("In 2017. 2018 was calmer.", ["In 2017.", "2018 was calmer."]),
        ("A headline\n\nThe body starts here.", ["A headline", "The body starts here."]),
        (
            "A sentence that wraps\nonto a second line.",
            ["A sentence that wraps\nonto a second line."],
        ),
    ],
)
def test_split_samples(text, expected):
    if expected is None:  # a dotted abbreviation before a lowercase word never ends a sentence
        expected = ["Talks resumed, e.g. in Hanoi.", "Nothing came of them."]
    assert [sentence.text for sentence in split(text)] == expected


def test_offsets_point_into_the_text():
    text = "Intro line\n\n  • First. Second one\n  • Third"
    for sentence in split(text):
        assert text[sentence.start : sentence.end] == sentence.text


def test_a_sentence_reads_its_words_from_its_document_and_keeps_no_copy():
    for document in CORPUS.documents:
        sentences = document_sentences(document)
        # One text shared by every sentence (an equal document loaded earlier may have lent its
        # own), never a copy per sentence.
        assert len({id(sentence.source) for sentence in sentences}) == 1
        for sentence in sentences:
            assert sentence.source == document.text
            assert sentence.text == document.text[sentence.start : sentence.end]


def test_only_given_ranges_are_split():
    text = "Skip me. Keep me. Skip me too."
    (sentence,) = split(text, ((9, 17),))
    assert sentence.text == "Keep me."


@pytest.mark.parametrize("document", CORPUS.documents, ids=lambda d: d.id)
def test_real_texts_split_in_order_inside_the_body(document):
    sentences = document_sentences(document)
    ends = [0]
    for sentence in sentences:
        assert document.text[sentence.start : sentence.end] == sentence.text
        assert sentence.start >= ends[-1], "sentences are in order and do not overlap"
        assert any(
            start <= sentence.start and sentence.end <= end for start, end in document.body_ranges
        )
        ends.append(sentence.end)
    assert sum(s.words for s in sentences) == word_count(document.body)


def test_real_texts_sentence_counts():
    counts = {d.id: len(document_sentences(d)) for d in CORPUS.documents}
    assert counts == {"singh-2018": 47, "asmolov-2019": 64}


def test_boilerplate_is_never_part_of_a_sentence():
    text = " ".join(s.text for d in CORPUS.documents for s in document_sentences(d))
    for boilerplate in (
        "Leave a Reply",
        "Georgy Toloraya",
        "Views expressed",
        "originally published",
    ):
        assert boilerplate not in text


def test_a_quotation_with_an_ellipsis_stays_one_sentence():
    singh = document_sentences(CORPUS.document("singh-2018"))
    (sentence,) = [s for s in singh if s.plain().startswith("According to Cui Zhiying")]
    assert "one day….The 70th founding anniversary" in sentence.text
    assert sentence.text.endswith("invite Xi.”")


def test_bullet_items_start_sentences_without_their_marker():
    asmolov = document_sentences(CORPUS.document("asmolov-2019"))
    openings = [s.text for s in asmolov if s.text.startswith("The constant emphasis")]
    assert len(openings) == 1
    unfinished = [s for s in asmolov if s.text.endswith("contra-posing it to the outside world")]
    assert len(unfinished) == 1, "an item without a full stop ends where the next item starts"
    assert not any("•" in s.text for s in asmolov)


def test_every_curated_quote_lies_in_one_or_more_whole_sentences():
    for position in CORPUS.positions:
        sentences = document_sentences(CORPUS.document(position.document_id))
        for quote in position.quotes:
            inside = [
                s for s in sentences if s.start < quote.anchor.end and quote.anchor.start < s.end
            ]
            assert inside, quote.text
            assert inside[0].start <= quote.anchor.start and quote.anchor.end <= inside[-1].end


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kim Jong-un’s visit, in 2019 — finally.", 6),
        ("Peace — and war — again", 4),  # a dash standing alone is no word
        ("Peace—and war–again", 4),  # nor a dash between words
        ("well-known, Kim's, rock 'n' roll", 5),  # hyphenated and possessive forms are one
        ("  \n\t ", 0),
        ("— … ! ?", 0),
        ("3.5 per cent", 4),
        ("Россия и Китай", 3),
        ("我们今天开会。明天见", 9),  # no spaces: one word per character, as counted there
        ("日本語のテキスト、もう一つ", 12),
        ("ABC中国 well-known", 4),
        ("<b>bold</b>", 3),  # markup is counted as the text is, letters by letters
        # a vowel sign is inside its word, in any script that writes one
        ("हिन्दी भाषा", 2),
        ("বাংলা ভাষা সুন্দর", 3),
        ("தமிழ் மொழி", 2),
        ("ภาษา", 1),
    ],
)
def test_word_count(text, expected):
    assert word_count(text) == expected


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("Xi's decision to", True),  # typographic apostrophe folded
        ("Xi’s  decision\nto not", True),  # spacing and line breaks folded
        ("Xi’s decision to attend", False),
        ("decision to not", False),  # the middle of the sentence is not its start
        ("   ", False),  # no words name no sentence
    ],
)
def test_a_sentence_opens_with_its_first_words_folded(words, expected):
    text = "Xi’s decision to not attend the celebrations shows China’s disapproval."
    assert Sentence(0, len(text), text).opens_with(words) is expected


@pytest.mark.parametrize(
    ("text", "words", "expected"),
    [
        (" " * 200 + "Late start here.", "Late start", True),  # the head folds to nothing
        ("Word " * 40 + "end.", "Word " * 40 + "end", True),  # an opening longer than the head
        ("Word " * 40 + "end.", "Word " * 40 + "stop", False),
        ("A  sentence…  with   runs", "A sentence... with runs", True),
    ],
)
def test_long_openings_and_long_runs_of_space_are_compared_in_full(text, words, expected):
    assert Sentence(0, len(text), text).opens_with(words) is expected
    assert anchor.fold(text).startswith(anchor.fold(words)) is expected


def test_a_list_marker_counts_only_at_the_start_of_a_line():
    text = "ab - cd\n- ef"
    assert [s.text for s in split(text, ((3, 12),))] == ["- cd", "ef"]
    assert [s.text for s in split(text, ((8, 12),))] == ["ef"]  # a range that starts a line


@on_real_and_generated_documents
def test_each_paragraph_split_alone_gives_the_sentences_of_the_whole(document):
    ranges = document.body_ranges
    alone = [
        s
        for paragraph in paragraphs(document.text, ranges)
        for s in split(document.text, (paragraph,))
    ]
    assert alone == split(document.text, ranges)


# Three sentences: "One two." 0–8, "Three." 9–15, "Four five." 17–27.
THREE = "One two. Three.  Four five."


@pytest.mark.parametrize(
    ("span", "expected"),
    [
        ((0, 8), [0]),
        ((7, 10), [0, 1]),  # across a boundary
        ((8, 9), []),  # the space between two sentences
        ((15, 17), []),
        ((12, 12), [1]),  # an empty span inside a sentence
        ((9, 9), []),  # an empty span where a sentence starts: no character shared
        ((0, 27), [0, 1, 2]),
        ((26, 40), [2]),
        ((30, 40), []),
    ],
)
def test_overlapping_gives_the_sentences_that_share_a_character_with_a_span(span, expected):
    sentences = split(THREE)
    assert [(s.start, s.end) for s in sentences] == [(0, 8), (9, 15), (17, 27)]
    found = list(overlapping(sentences, *span))
    assert found == expected
    assert found == [
        number for number, s in enumerate(sentences) if anchor.overlaps((s.start, s.end), [span])
    ]


@on_real_and_generated_documents
def test_a_lookup_finds_each_sentence_where_the_whole_split_has_it(document):
    sentences = document_sentences(document)
    lookup = SentenceLookup(document)
    step = max(1, len(document.text) // 300)  # the real texts, at a few hundred places
    for offset in [*range(0, len(document.text) + 1, step), len(document.text)]:
        expected = next((s for s in sentences if s.end > offset), None)
        assert lookup.after(offset) == expected, offset


@on_real_and_generated_documents
def test_the_sentences_that_may_open_with_words_hold_all_that_do(document):
    sentences = document_sentences(document)
    openings = {anchor.fold(s.text[:length]) for s in sentences for length in (1, 3, 12, 40)}
    openings |= {anchor.fold(word) for word in ("word", "the", "x", "'", "...")}
    found = SentenceLookup(document).opening(openings)
    assert set(found) <= set(sentences) and found == sorted(found, key=lambda s: s.start)
    assert set(found) >= {s for s in sentences if any(s.opens_with(o) for o in openings)}


@pytest.mark.parametrize(
    ("text", "words", "characters", "expected"),
    [
        ("One two three", 8, 80, "One two three"),
        ("One  two\nthree four", 2, 80, "One two …"),
        ("One two three four", 8, 9, "One two t …"),
        (
            "人人生而自由，在尊严和权利上一律平等。他们赋有理性和良心。",
            8,
            9,
            "人人生而自由，在尊 …",
        ),
        ("", 3, 80, ""),
    ],
)
def test_a_text_is_named_in_a_list_by_its_first_words(text, words, characters, expected):
    assert first_words(text, words, characters) == expected
