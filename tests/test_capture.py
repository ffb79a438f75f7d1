"""Text that is not the author's, offered to declare: one row per kind it is found by."""

from __future__ import annotations

import pytest

from perspectives import capture, curate

BODY = (
    "The summit ended with a short statement and a handshake.\n\n"
    "We are highly skeptical that the pledge will hold this time."
)
TITLE = "A handshake in Singapore"


@pytest.mark.parametrize(
    ("before", "after", "kind", "reason"),
    [
        ("", f"{TITLE}\n\nMore from the editorial board", "headline", "repeats the title"),
        (
            "Summit diary",
            "Summit diary",
            "headline",
            "a short line that occurs again in the text",
        ),
        ("Home > Opinion > Editorials", "", "other", "a breadcrumb: the site's navigation"),
        ("News › World › Asia", "", "other", "a breadcrumb: the site's navigation"),
        ("Home / Opinion", "", "other", "a breadcrumb: the site's navigation"),
        ("Print this page", "", "other", "print and share tools"),
        ("Share on Facebook | Share on Twitter | Email", "", "other", "print and share tools"),
        (
            "The following editorial appeared in Wednesday’s Yomiuri Shimbun in Japan:",
            "",
            "publication-note",
            "says where the text first appeared",
        ),
        (
            "",
            "This article was first published in The Daily Example on 13 June 2018.",
            "publication-note",
            "says where the text first appeared",
        ),
        (
            "",
            "Reprinted with permission of the Daily Example.",
            "publication-note",
            "says where the text first appeared",
        ),
    ],
)
def test_text_that_is_not_the_authors_is_offered(before, after, kind, reason):
    text = "\n\n".join(part for part in (before, BODY, after) if part)
    found = curate.suggested_spans(text, TITLE)
    assert found, "offered"
    assert {(span.kind, span.reason) for span in found} == {(kind, reason)}
    offered = " ".join(span.starts_with for span in found)
    assert "skeptical" not in offered and "summit ended" not in offered


def test_print_and_share_tools_on_lines_of_their_own_are_one_span():
    text = f"Print this page\n\nShare\n\nEmail\n\n{BODY}"
    (span,) = curate.suggested_spans(text)
    assert (span.kind, span.first, span.last) == ("other", 1, 3)


@pytest.mark.parametrize(
    "paragraph",
    [
        "Kim appeared relaxed, and the following morning he appeared again before the cameras.",
        "The following week the envoy appeared in Seoul: nobody expected it.",
        "It first appeared that the talks would fail.",  # a note says where: "appeared in"
        "Rice and/or wheat, he said, would be shipped.",
        "The summit, we believe, was a gamble worth taking.",
        "Print media and television covered the handshake for days.",
        "Share prices in Seoul rose by 2 per cent after the statement.",
        "Either Washington > Pyongyang or the other way round.",
    ],
)
def test_an_authors_sentence_is_not_offered(paragraph):
    text = f"{BODY}\n\n{paragraph}\n\nThe ink was barely dry."
    assert capture.boilerplate(text, TITLE) == []


def test_a_heading_repeated_in_the_body_is_a_headline_but_a_sentence_repeated_is_not():
    sentence = "The pledge was the same as in 1994."
    text = f"{sentence}\n\n{BODY}\n\n{sentence}"
    assert capture.boilerplate(text) == []
