"""The embedded corpus: what it must hold, and every quote verbatim in its author's words."""

from __future__ import annotations

import csv
import re

from perspectives import anchor, load
from perspectives.paths import EMBEDDED_CORPUS

CORPUS = load(EMBEDDED_CORPUS)
REQUIRED_THEMES = ["sanctions", "south-korea", "double-freeze", "us-china-trade"]


def plain(text: str) -> str:
    """Independent of the loader: straight quotes and dashes, single spaces."""
    text = re.sub("[\u2018\u2019\u201b\u2032]", "'", text)
    text = re.sub("[\u201c\u201d\u201e\u2033]", '"', text)
    text = re.sub("[\u2010-\u2015\u2212]", "-", text)
    return re.sub(r"\s+", " ", text).strip()


def quote_rows() -> list[dict[str, str]]:
    with (EMBEDDED_CORPUS / "quotes.csv").open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_required_themes_come_first_in_order_and_more_are_curated():
    ids = [theme.id for theme in CORPUS.themes]
    assert ids[:4] == REQUIRED_THEMES
    assert len(ids) >= 6


def test_both_seed_documents_with_their_metadata():
    singh, asmolov = CORPUS.documents
    assert (singh.author, singh.country, singh.published.isoformat()) == (
        "Gunjan Singh",
        "India",
        "2018-10-01",
    )
    assert (asmolov.author, asmolov.country, asmolov.published.isoformat()) == (
        "Konstantin Asmolov",
        "Russia",
        "2019-06",
    )


def test_every_theme_has_a_position_per_document_and_a_comparison():
    for theme in CORPUS.themes:
        assert CORPUS.comparison(theme.id)
        for document in CORPUS.documents:
            assert CORPUS.find_position(theme.id, document.id)


def test_explicit_positions_have_at_least_two_quotes_and_absent_none():
    for position in CORPUS.positions:
        if position.coverage == "explicit":
            assert len(position.quotes) >= 2, position
        elif position.coverage == "absent":
            assert position.quotes == ()


def test_singh_does_not_address_the_double_freeze():
    assert CORPUS.find_position("double-freeze", "singh-2018").coverage == "absent"
    assert CORPUS.comparison("double-freeze").agreement == "one-sided"


def where(row: dict[str, str]) -> str:
    return f"{row['document_id']}: {row['quote'][:60]}"


def test_every_quote_occurs_verbatim_in_the_authors_body():
    missing = [
        where(row)
        for row in quote_rows() + event_quote_rows()
        if plain(row["quote"]) not in plain(CORPUS.document(row["document_id"]).body)
    ]
    assert missing == [], "quotes not in their author's own text"


def anchoring_problem(row: dict[str, str]) -> str:
    """What is wrong with the row's anchor, or "" when it is anchored exactly once."""
    document = CORPUS.document(row["document_id"])
    excluded = [(span.start, span.end) for span in document.excluded]
    found = anchor.find_all(anchor.normalise(document.text), row["quote"])
    spans = [s for s in found if not anchor.overlaps(s, excluded)]
    if len(spans) != 1:
        return f"found {len(spans)} times in the body"
    (span,) = spans
    quotes = CORPUS.find_position(row["theme_id"], row["document_id"]).quotes
    (quote,) = [q for q in quotes if q.text == row["quote"]]
    checks = {
        "offsets": (quote.anchor.start, quote.anchor.end) == span,
        "exact": plain(quote.anchor.exact) == plain(row["quote"]),
        "prefix": document.text.endswith(quote.anchor.prefix, 0, span[0]),
        "suffix": document.text.startswith(quote.anchor.suffix, span[1]),
    }
    return ", ".join(name for name, right in checks.items() if not right)


def test_every_quote_is_anchored_exactly_once():
    wrong = {where(row): problem for row in quote_rows() if (problem := anchoring_problem(row))}
    assert wrong == {}


def test_body_leaves_out_declared_boilerplate():
    singh = CORPUS.document("singh-2018")
    asmolov = CORPUS.document("asmolov-2019")
    assert "Leave a Reply" in singh.text and "Leave a Reply" not in singh.body
    assert "originally published online" not in singh.body
    assert "Georgy Toloraya" in asmolov.text and "Georgy Toloraya" not in asmolov.body
    assert "Views expressed are of individual Members" not in asmolov.body
    assert "believes Konstantin Asmolov" not in asmolov.body
    assert asmolov.body.startswith("After Kim Jong-un")
    assert singh.body.startswith("North Korea has regarded China")


def test_excluded_spans_carry_reader_labels():
    kinds = {span.label for document in CORPUS.documents for span in document.excluded}
    assert {
        "comment form",
        "link to another article",
        "repeated lede",
        "publisher's disclaimer",
    } <= kinds


def test_metadata():
    assert CORPUS.meta.title and CORPUS.meta.version
    assert CORPUS.summary_line().startswith("2 documents, ")


def event_quote_rows() -> list[dict[str, str]]:
    with (EMBEDDED_CORPUS / "event_quotes.csv").open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


# Dates checked against the public record named in each event's date_source.
CURATED_EVENT_DATES = {
    "korean-war": "1950-06-25",
    "china-dprk-treaty-1961": "1961-07-11",
    "hu-jintao-visit": "2005-10-28",
    "coal-import-suspension": "2017-02",
    "wang-yi-suspension-for-suspension": "2017-03-08",
    "fuel-sales-halt": "2017-06",
    "russia-china-joint-statement-2017": "2017-07-04",
    "unsc-2371": "2017-08-05",
    "financial-restrictions": "2017-09",
    "sixth-nuclear-test": "2017-09-03",
    "unsc-2375": "2017-09-11",
    "thaad-normalisation": "2017-10-31",
    "hwasong-15-test": "2017-11-29",
    "moon-visits-china": "2017-12-13",
    "unsc-2397": "2017-12-22",
    "pyeongchang-olympics": "2018-02-09",
    "kim-visits-beijing-2018-03": "2018-03-25",
    "dprk-test-halt": "2018-04-20",
    "panmunjom-summit": "2018-04-27",
    "kim-visits-dalian-2018-05": "2018-05-07",
    "china-japan-korea-summit": "2018-05-09",
    "second-inter-korean-summit": "2018-05-26",
    "singapore-summit": "2018-06-12",
    "ufg-suspended": "2018-06-18",
    "kim-visits-beijing-2018-06": "2018-06-19",
    "kim-asks-sanctions-relief": "2018-06-19",
    "dprk-70th-anniversary": "2018-09-09",
    "pyongyang-inter-korean-summit": "2018-09-18",
    "us-china-tariffs-2018-09": "2018-09-24",
    "pompeo-visit-2018-10": "2018-10-07",
    "trilateral-consultations-moscow": "2018-10-09",
    "hanoi-summit": "2019-02-27",
    "putin-kim-vladivostok": "2019-04-25",
    "us-tariff-increase-2019-05": "2019-05-10",
    "xi-visits-pyongyang": "2019-06-20",
    "osaka-g20": "2019-06-28",
}


def test_curated_events_carry_their_dates():
    dates = {event.id: event.date.isoformat() for event in CORPUS.events}
    assert {event_id: dates.get(event_id) for event_id in CURATED_EVENT_DATES} == (
        CURATED_EVENT_DATES
    )


def test_both_authors_refer_to_events_and_hanoi_is_not_asmolovs():
    referring = {quote.document_id for event in CORPUS.events for quote in event.quotes}
    assert referring == {"singh-2018", "asmolov-2019"}
    hanoi = next(event for event in CORPUS.events if event.id == "hanoi-summit")
    assert hanoi.quotes == () and "Hanoi" in hanoi.date_source
    assert "Hanoi" in CORPUS.document("asmolov-2019").text
    assert "Hanoi" not in CORPUS.document("asmolov-2019").body


def test_every_event_is_dated_by_a_text_or_a_named_record():
    for event in CORPUS.events:
        assert event.quotes or event.date_source, event.id
        assert set(event.theme_ids) <= {theme.id for theme in CORPUS.themes}


def test_every_theme_has_a_scale_and_every_addressing_author_a_point():
    for theme in CORPUS.themes:
        assert [point.value for point in theme.scale] == [-2, -1, 0, 1, 2], theme.id
        assert all(point.label for point in theme.scale)
    for position in CORPUS.positions:
        addressed = position.coverage != "absent"
        assert (position.scale_value is not None) == addressed, position
        assert (position.confidence in ("low", "medium", "high")) == addressed, position
