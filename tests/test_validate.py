"""One case per validation check: each asserts the exact file, row and column reported."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from perspectives.corpus import load, validate
from perspectives.model import Problem
from perspectives.paths import EMBEDDED_CORPUS

from .conftest import read_rows, set_cell, write_rows


def drop_column(file: str, column: str) -> Callable[[Path], None]:
    def mutate(root: Path) -> None:
        rows = read_rows(root / file)
        index = rows[0].index(column)
        write_rows(root / file, [row[:index] + row[index + 1 :] for row in rows])

    return mutate


def cell(file: str, row: int, column: str, value: str) -> Callable[[Path], None]:
    return lambda root: set_cell(root, file, row, column, value)


def append_copy_of_row(file: str, row: int) -> Callable[[Path], None]:
    def mutate(root: Path) -> None:
        rows = read_rows(root / file)
        write_rows(root / file, [*rows, rows[row - 1]])

    return mutate


def delete_row(file: str, row: int) -> Callable[[Path], None]:
    def mutate(root: Path) -> None:
        rows = read_rows(root / file)
        write_rows(root / file, rows[: row - 1] + rows[row:])

    return mutate


def replace_in_file(file: str, old: bytes, new: bytes) -> Callable[[Path], None]:
    def mutate(root: Path) -> None:
        data = (root / file).read_bytes()
        assert old in data
        (root / file).write_bytes(data.replace(old, new, 1))

    return mutate


def remove_file(file: str) -> Callable[[Path], None]:
    return lambda root: (root / file).unlink()


def quote_in_context(
    row: int, quote: str, prefix: str = "", suffix: str = ""
) -> Callable[[Path], None]:
    """Set a quote with its optional prefix and suffix, adding those columns to quotes.csv."""

    def mutate(root: Path) -> None:
        rows = read_rows(root / "quotes.csv")
        for column in ("prefix", "suffix"):
            if column not in rows[0]:
                rows = [[*rows[0], column]] + [[*cells, ""] for cells in rows[1:]]
        header = rows[0]
        for column, value in (("quote", quote), ("prefix", prefix), ("suffix", suffix)):
            rows[row - 1][header.index(column)] = value
        write_rows(root / "quotes.csv", rows)

    return mutate


def cells(file: str, row: int, **values: str) -> Callable[[Path], None]:
    def mutate(root: Path) -> None:
        for column, value in values.items():
            set_cell(root, file, row, column, value)

    return mutate


def copy_row(file: str, source: int, target: int) -> Callable[[Path], None]:
    """Overwrite row `target` with row `source` (spreadsheet numbering)."""

    def mutate(root: Path) -> None:
        rows = read_rows(root / file)
        rows[target - 1] = list(rows[source - 1])
        write_rows(root / file, rows)

    return mutate


SINGH_QUOTE = (
    "Xi was the first Chinese leader to follow the sanctions imposed by the United Nations"
)
# Twice in Singh's text: "…had begun to show signs of strain after the continued nuclear tests…"
# and "…has started to show signs of strain. Beijing will not…".
TWICE = "signs of strain"

CASES = [
    # (id, mutation, file, row, column, words in the message)
    ("missing file", remove_file("themes.csv"), "themes.csv", None, None, "file not found"),
    ("missing metadata", remove_file("corpus.toml"), "corpus.toml", None, None, "file not found"),
    (
        "missing column",
        drop_column("positions.csv", "stance"),
        "positions.csv",
        1,
        "stance",
        "missing column",
    ),
    (
        "unknown column",
        cell("themes.csv", 1, "question", "questions"),
        "themes.csv",
        1,
        "questions",
        "unknown column",
    ),
    (
        "empty required cell",
        cell("themes.csv", 3, "label", ""),
        "themes.csv",
        3,
        "label",
        "empty required cell",
    ),
    ("bad id", cell("themes.csv", 2, "id", "Sanctions!"), "themes.csv", 2, "id", "invalid id"),
    (
        "bad date",
        cell("documents.csv", 2, "published", "2018-13-01"),
        "documents.csv",
        2,
        "published",
        "invalid date",
    ),
    (
        "impossible day",
        cell("documents.csv", 3, "published", "2019-02-30"),
        "documents.csv",
        3,
        "published",
        "invalid date",
    ),
    (
        "bad url",
        cell("documents.csv", 2, "url", "javascript:alert(1)"),
        "documents.csv",
        2,
        "url",
        "invalid URL",
    ),
    (
        "duplicate id",
        cell("themes.csv", 3, "id", "sanctions"),
        "themes.csv",
        3,
        "id",
        "duplicate id",
    ),
    (
        "duplicate theme × document",
        append_copy_of_row("positions.csv", 2),
        "positions.csv",
        32,
        "document_id",
        "duplicate theme_id × document_id",
    ),
    (
        "unknown theme",
        cell("positions.csv", 2, "theme_id", "sanction"),
        "positions.csv",
        2,
        "theme_id",
        "unknown theme",
    ),
    (
        "unknown document",
        cell("quotes.csv", 2, "document_id", "singh"),
        "quotes.csv",
        2,
        "document_id",
        "unknown document",
    ),
    (
        "bad coverage",
        cell("positions.csv", 2, "coverage", "partial"),
        "positions.csv",
        2,
        "coverage",
        "unknown value",
    ),
    (
        "bad agreement",
        cell("comparisons.csv", 2, "agreement", "disagree"),
        "comparisons.csv",
        2,
        "agreement",
        "unknown value",
    ),
    (
        "bad span kind",
        cell("excluded_spans.csv", 2, "kind", "ad"),
        "excluded_spans.csv",
        2,
        "kind",
        "unknown value",
    ),
    (
        "quote not verbatim",
        cell("quotes.csv", 2, "quote", SINGH_QUOTE.replace("first", "frist")),
        "quotes.csv",
        2,
        "quote",
        "not found verbatim",
    ),
    (
        "quote in boilerplate",
        cell("quotes.csv", 2, "quote", "Your email address will not be published"),
        "quotes.csv",
        2,
        "quote",
        "not the author's",
    ),
    (
        "ambiguous quote",
        cell("quotes.csv", 2, "quote", "North Korea"),
        "quotes.csv",
        2,
        "quote",
        "occurs",
    ),
    (
        "prefix matches no occurrence",
        quote_in_context(2, TWICE, prefix="had started to show"),
        "quotes.csv",
        2,
        "prefix",
        "not found just before",
    ),
    (
        "suffix matches no occurrence",
        quote_in_context(2, TWICE, suffix="after the nuclear tests"),
        "quotes.csv",
        2,
        "suffix",
        "not found just after",
    ),
    (
        "suffix misses the occurrence the prefix chose",
        quote_in_context(2, TWICE, prefix="had begun to show", suffix=". Beijing will not"),
        "quotes.csv",
        2,
        "suffix",
        "not found just after",
    ),
    (
        "prefix of a unique quote that does not precede it",
        quote_in_context(2, SINGH_QUOTE, prefix="Thus it was"),
        "quotes.csv",
        2,
        "prefix",
        "not found just before",
    ),
    (
        "prefix common to both occurrences",
        quote_in_context(2, TWICE, prefix="to show"),
        "quotes.csv",
        2,
        "quote",
        "occurs 2 times in singh-2018 with this prefix and suffix",
    ),
    (
        "text not UTF-8",
        replace_in_file("texts/singh-2018.txt", "China’s".encode(), "China\x92s".encode("latin-1")),
        "texts/singh-2018.txt",
        7,
        None,
        "not valid UTF-8",
    ),
    (
        "csv not UTF-8",
        replace_in_file("themes.csv", "China’s".encode(), b"China\x92s"),
        "themes.csv",
        2,
        None,
        "not valid UTF-8",
    ),
    (
        "text file missing",
        cell("documents.csv", 2, "text_file", "texts/nope.txt"),
        "documents.csv",
        2,
        "text_file",
        "not found",
    ),
    (
        "text file outside",
        cell("documents.csv", 2, "text_file", "../x.txt"),
        "documents.csv",
        2,
        "text_file",
        "leaves the corpus",
    ),
    (
        "span start not found",
        cell("excluded_spans.csv", 5, "starts_with", "Leave a Comment"),
        "excluded_spans.csv",
        5,
        "starts_with",
        "not found",
    ),
    (
        "span end not found",
        cell("excluded_spans.csv", 5, "ends_with", "Optional fields"),
        "excluded_spans.csv",
        5,
        "ends_with",
        "not found",
    ),
    (
        "missing position",
        delete_row("positions.csv", 2),
        "positions.csv",
        None,
        None,
        "no position",
    ),
    (
        "quote without position",
        delete_row("positions.csv", 2),
        "quotes.csv",
        2,
        "document_id",
        "no position",
    ),
    (
        "quote for absent position",
        cell("quotes.csv", 2, "theme_id", "double-freeze"),
        "quotes.csv",
        2,
        "quote",
        "'absent'",
    ),
    (
        "missing comparison",
        delete_row("comparisons.csv", 2),
        "comparisons.csv",
        None,
        None,
        "no comparison",
    ),
    (
        "explicit without quotes",
        cell("positions.csv", 6, "coverage", "explicit"),
        "positions.csv",
        6,
        "coverage",
        "no evidence quote",
    ),
    (
        "one-sided but both address",
        cell("comparisons.csv", 2, "agreement", "one-sided"),
        "comparisons.csv",
        2,
        "agreement",
        "every document",
    ),
    (
        "absent but agreement says diverge",
        cell("comparisons.csv", 4, "agreement", "diverge"),
        "comparisons.csv",
        4,
        "agreement",
        "not every document",
    ),
    (
        "bad metadata date",
        replace_in_file("corpus.toml", b'created = "2026-12-07"', b'created = "soon"'),
        "corpus.toml",
        None,
        "created",
        "invalid date",
    ),
    (
        "metadata missing title",
        replace_in_file("corpus.toml", b"title =", b"name ="),
        "corpus.toml",
        None,
        "title",
        "missing required key",
    ),
    (
        "metadata not TOML",
        replace_in_file("corpus.toml", b"[corpus]", b"[corpus"),
        "corpus.toml",
        1,
        None,
        "invalid TOML",
    ),
    # events.csv and event_quotes.csv (row 2 of events.csv is the Korean War, quoted by both
    # authors; row 7 is the coal import suspension, quoted only by Singh and dated by her).
    (
        "event bad date",
        cell("events.csv", 2, "date", "1950-06-31"),
        "events.csv",
        2,
        "date",
        "invalid date",
    ),
    (
        "event date in words",
        cell("events.csv", 7, "date", "February 2017"),
        "events.csv",
        7,
        "date",
        "invalid date",
    ),
    (
        "event bad id",
        cell("events.csv", 2, "id", "Korean War"),
        "events.csv",
        2,
        "id",
        "invalid id",
    ),
    (
        "event duplicate id",
        cell("events.csv", 3, "id", "korean-war"),
        "events.csv",
        3,
        "id",
        "duplicate id",
    ),
    (
        "event empty label",
        cell("events.csv", 2, "label", ""),
        "events.csv",
        2,
        "label",
        "empty required cell",
    ),
    (
        "event unknown theme",
        cell("events.csv", 2, "theme_ids", "bilateral-ties sanction"),
        "events.csv",
        2,
        "theme_ids",
        "unknown theme 'sanction'",
    ),
    (
        "event themes separated by commas",
        cell("events.csv", 2, "theme_ids", "sanctions,south-korea"),
        "events.csv",
        2,
        "theme_ids",
        "unknown theme",
    ),
    (
        "event missing column",
        drop_column("events.csv", "label"),
        "events.csv",
        1,
        "label",
        "missing column",
    ),
    (
        "event neither quoted nor sourced",
        cell("events.csv", 9, "date_source", ""),
        "events.csv",
        9,
        "date_source",
        "no text refers to this event",
    ),
    (
        "event quote for unknown event",
        cell("event_quotes.csv", 2, "event_id", "korean-wars"),
        "event_quotes.csv",
        2,
        "event_id",
        "unknown event 'korean-wars'",
    ),
    (
        "event quotes without events",
        remove_file("events.csv"),
        "event_quotes.csv",
        2,
        "event_id",
        "unknown event",
    ),
    (
        "event quote unknown document",
        cell("event_quotes.csv", 2, "document_id", "singh"),
        "event_quotes.csv",
        2,
        "document_id",
        "unknown document",
    ),
    (
        "event quote not verbatim",
        cell("event_quotes.csv", 2, "quote", "since the Korean war began"),
        "event_quotes.csv",
        2,
        "quote",
        "not found verbatim in singh-2018",
    ),
    (
        "event quote from the wrong author",
        cell("event_quotes.csv", 2, "document_id", "asmolov-2019"),
        "event_quotes.csv",
        2,
        "quote",
        "not found in asmolov-2019, but it occurs verbatim in singh-2018",
    ),
    (
        "event quote in a link to another article",
        cells(
            "event_quotes.csv",
            3,
            event_id="hanoi-summit",
            quote="took place in Hanoi, the capital of Vietnam, on February 27–28",
        ),
        "event_quotes.csv",
        3,
        "quote",
        "not the author's: excluded_spans.csv row 8 (link to another article)",
    ),
    (
        "event quote ambiguous",
        cell("event_quotes.csv", 2, "quote", "North Korea"),
        "event_quotes.csv",
        2,
        "quote",
        "occurs",
    ),
    (
        "event quote duplicate row",
        copy_row("event_quotes.csv", 2, 3),
        "event_quotes.csv",
        3,
        "quote",
        "duplicate event_id × document_id × quote",
    ),
    # lexicon_reviews.csv: rows 2 and 3 review Asmolov's sentences "Nevertheless, he changed the
    # balance of…" and "This is quite important, at least…" for bilateral-ties.
    (
        "review unknown verdict",
        cell("lexicon_reviews.csv", 2, "verdict", "maybe"),
        "lexicon_reviews.csv",
        2,
        "verdict",
        "unknown value 'maybe'",
    ),
    (
        "review unknown theme",
        cell("lexicon_reviews.csv", 2, "theme_id", "bilateral"),
        "lexicon_reviews.csv",
        2,
        "theme_id",
        "unknown theme 'bilateral'",
    ),
    (
        "review unknown document",
        cell("lexicon_reviews.csv", 2, "document_id", "asmolov"),
        "lexicon_reviews.csv",
        2,
        "document_id",
        "unknown document 'asmolov'",
    ),
    (
        "review without a reason",
        cell("lexicon_reviews.csv", 3, "reason", ""),
        "lexicon_reviews.csv",
        3,
        "reason",
        "empty required cell",
    ),
    (
        "review missing column",
        drop_column("lexicon_reviews.csv", "reason"),
        "lexicon_reviews.csv",
        1,
        "reason",
        "missing column",
    ),
    (
        "review duplicate key",
        append_copy_of_row("lexicon_reviews.csv", 2),
        "lexicon_reviews.csv",
        60,
        "opening",
        "duplicate document_id × theme_id × opening",
    ),
    (
        "review opening starts no sentence",
        cell("lexicon_reviews.csv", 2, "opening", "Nevertheless, she changed"),
        "lexicon_reviews.csv",
        2,
        "opening",
        "no sentence of asmolov-2019 starts with these words",
    ),
    (
        "review opening in the middle of a sentence",
        cell("lexicon_reviews.csv", 2, "opening", "changed the balance of"),
        "lexicon_reviews.csv",
        2,
        "opening",
        "no sentence of asmolov-2019 starts with these words",
    ),
    (
        "review opening in text that is not the author's",
        cell("lexicon_reviews.csv", 2, "opening", "What Xi Jinping's Visit to Pyongyang"),
        "lexicon_reviews.csv",
        2,
        "opening",
        "no sentence of asmolov-2019 starts with these words",
    ),
    (
        "review opening starts several sentences",
        cell("lexicon_reviews.csv", 2, "opening", "The"),
        "lexicon_reviews.csv",
        2,
        "opening",
        "sentences of asmolov-2019 start with these words",
    ),
    (
        "review of a sentence another row reviews",
        cell("lexicon_reviews.csv", 3, "opening", "Nevertheless, he changed"),
        "lexicon_reviews.csv",
        3,
        "opening",
        "row 2 already reviews this sentence for theme 'bilateral-ties'",
    ),
    (
        "cells beyond header",
        replace_in_file("themes.csv", b"sanctions,Sanctions,", b"sanctions,Sanctions,extra,"),
        "themes.csv",
        2,
        None,
        "cells but the header",
    ),
]


@pytest.mark.parametrize(
    ("mutate", "file", "row", "column", "message"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_each_defect_is_reported_where_it_is(corpus_copy, mutate, file, row, column, message):
    mutate(corpus_copy)
    problems = validate(corpus_copy)
    matching = [p for p in problems if (p.file, p.row, p.column) == (file, row, column)]
    assert matching, f"expected a problem at {file}:{row}:{column}, got:\n" + "\n".join(
        map(str, problems)
    )
    assert any(message in p.message for p in matching), [str(p) for p in matching]
    assert all(p.hint for p in problems), "every problem carries a hint"


def test_embedded_corpus_has_no_problem():
    assert validate(EMBEDDED_CORPUS) == []


def test_every_problem_is_reported_in_one_pass(corpus_copy):
    set_cell(corpus_copy, "themes.csv", 3, "label", "")
    set_cell(corpus_copy, "positions.csv", 2, "coverage", "partial")
    set_cell(corpus_copy, "quotes.csv", 3, "quote", "words that are nowhere in the text")
    places = {(p.file, p.row, p.column) for p in validate(corpus_copy)}
    assert {
        ("themes.csv", 3, "label"),
        ("positions.csv", 2, "coverage"),
        ("quotes.csv", 3, "quote"),
    } <= places


def test_a_byte_order_mark_is_accepted(corpus_copy):
    for name in ("themes.csv", "texts/singh-2018.txt"):
        path = corpus_copy / name
        path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert validate(corpus_copy) == []


def test_a_missing_folder_is_a_problem_not_a_crash(tmp_path):
    problems = validate(tmp_path / "nowhere")
    assert [p.message for p in problems] == ["corpus folder not found"]


def test_a_mistyped_quote_names_the_closest_passage(corpus_copy):
    set_cell(corpus_copy, "quotes.csv", 2, "quote", SINGH_QUOTE.replace("first", "frist"))
    (problem,) = [p for p in validate(corpus_copy) if p.file == "quotes.csv"]
    assert problem.hint.startswith("closest passage, 99% similar: 'Xi was the [first] Chinese")
    assert problem.hint.endswith("(the quote has 'frist' where the text has 'first')")


def test_problem_reads_file_row_column_message_hint():
    problem = Problem("themes.csv", 3, "label", "empty required cell", "e.g. Sanctions")
    assert str(problem) == "themes.csv:3:label: empty required cell (e.g. Sanctions)"
    assert (
        str(Problem("positions.csv", None, None, "no position", "add it"))
        == "positions.csv:-:-: no position (add it)"
    )


def test_an_optional_column_may_be_left_out(corpus_copy):
    rows = read_rows(corpus_copy / "documents.csv")
    index = rows[0].index("url")
    write_rows(corpus_copy / "documents.csv", [row[:index] + row[index + 1 :] for row in rows])
    assert validate(corpus_copy) == []


@pytest.mark.parametrize(
    ("prefix", "suffix", "words_before"),
    [
        ("had begun to show", "", "had begun to show "),
        ("has started to show", "", "has started to show "),
        ("", "after the continued", "had begun to show "),
        ("", ". Beijing will not", "has started to show "),
        ("relationship has  started\nto show", ".", "has started to show "),  # spacing folded
        ("to show", ". Beijing", "has started to show "),
    ],
)
def test_a_prefix_or_suffix_picks_one_occurrence(corpus_copy, prefix, suffix, words_before):
    quote_in_context(2, TWICE, prefix, suffix)(corpus_copy)
    corpus = load(corpus_copy)
    (quote,) = [
        q for q in corpus.find_position("sanctions", "singh-2018").quotes if q.text == TWICE
    ]
    assert quote.anchor.exact == TWICE
    assert quote.anchor.prefix.endswith(words_before)


def test_prefix_and_suffix_fold_typographic_quotes_and_dashes(corpus_copy):
    # In the text: "…image of a ‘responsible’ state." and "…North Korea’s behaviour…".
    quote_in_context(2, "North Korea", prefix="steer", suffix="'s behaviour")(corpus_copy)
    corpus = load(corpus_copy)
    quote = corpus.find_position("sanctions", "singh-2018").quotes[0]
    assert quote.anchor.prefix.endswith("steer ") and quote.anchor.suffix.startswith("’s behaviour")


def test_an_ambiguous_quote_shows_the_words_before_each_occurrence(corpus_copy):
    quote_in_context(2, TWICE)(corpus_copy)
    (problem,) = [p for p in validate(corpus_copy) if p.file == "quotes.csv"]
    assert "'had begun to show'" in problem.hint and "'has started to show'" in problem.hint


def test_a_wrong_prefix_shows_the_words_that_do_precede_the_quote(corpus_copy):
    quote_in_context(2, SINGH_QUOTE, prefix="Thus it was")(corpus_copy)
    (problem,) = [p for p in validate(corpus_copy) if p.file == "quotes.csv"]
    assert "modify this bilateral relationship." in problem.hint


def test_a_corpus_without_events_still_loads(corpus_copy):
    (corpus_copy / "events.csv").unlink()
    (corpus_copy / "event_quotes.csv").unlink()
    assert validate(corpus_copy) == []


def test_optional_event_columns_may_be_left_out(corpus_copy):
    for column in ("description", "theme_ids"):
        drop_column("events.csv", column)(corpus_copy)
    assert validate(corpus_copy) == []


def test_a_review_opening_inside_a_sentence_names_the_sentence(corpus_copy):
    set_cell(corpus_copy, "lexicon_reviews.csv", 2, "opening", "changed the balance of")
    (problem,) = [p for p in validate(corpus_copy) if p.file == "lexicon_reviews.csv"]
    assert "'Nevertheless, he changed the balance of'" in problem.hint


def test_a_review_opening_folds_spacing_and_typography(corpus_copy):
    # Row 45 reviews "In this regard, China’s attitude towards…" (a typographic apostrophe).
    set_cell(
        corpus_copy, "lexicon_reviews.csv", 45, "opening", "In this regard,  China's\nattitude"
    )
    assert validate(corpus_copy) == []
    assert "In this regard,  China's\nattitude" in {
        review.opening for review in load(corpus_copy).lexicon_reviews
    }


def test_a_corpus_without_lexicon_reviews_still_loads(corpus_copy):
    (corpus_copy / "lexicon_reviews.csv").unlink()
    assert validate(corpus_copy) == []
    assert load(corpus_copy).lexicon_reviews == ()


def spans_of(root, document_id: str) -> list[tuple[str, int]]:
    document = load(root).document(document_id)
    return [(span.kind, document.text.count("\n", 0, span.start) + 1) for span in document.excluded]


def test_an_occurrence_picks_which_opening_words_start_a_span(corpus_copy):
    # Singh's title opens line 1 and recurs in the publication note on line 21.
    assert ("headline", 1) in spans_of(corpus_copy, "singh-2018")
    set_cell(corpus_copy, "excluded_spans.csv", 2, "occurrence", "2")
    assert validate(corpus_copy) == []
    assert ("headline", 21) in spans_of(corpus_copy, "singh-2018")


def test_spans_may_overlap_and_the_body_is_what_lies_outside_all_of_them(corpus_copy):
    rows = read_rows(corpus_copy / "excluded_spans.csv")
    header = rows[0]
    nested = dict.fromkeys(header, "")
    nested |= {
        "document_id": "singh-2018",
        "kind": "other",
        "starts_with": "Leave a",  # inside the comment form's span, which row 5 declares
        "ends_with": "a Reply",
    }
    write_rows(corpus_copy / "excluded_spans.csv", [*rows, [nested[c] for c in header]])
    assert validate(corpus_copy) == []
    before = load(EMBEDDED_CORPUS).document("singh-2018")
    after = load(corpus_copy).document("singh-2018")
    assert len(after.excluded) == len(before.excluded) + 1
    assert after.body_ranges == before.body_ranges
