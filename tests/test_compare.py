from types import SimpleNamespace

import pytest

from perspectives import compare, load
from perspectives.paths import EMBEDDED_CORPUS

CORPUS = load(EMBEDDED_CORPUS)
ALL_THEMES = tuple(theme.id for theme in CORPUS.themes)


def test_nothing_requested_means_everything_in_corpus_order():
    selection = compare.select(CORPUS)
    assert selection.theme_ids == ALL_THEMES
    assert selection.document_ids == ("singh-2018", "asmolov-2019")
    assert selection.notices() == []


def test_requested_ids_keep_corpus_order_and_unknown_ones_are_set_aside():
    selection = compare.select(
        CORPUS, ["us-china-trade", "nope", "sanctions", "sanctions"], ["asmolov-2019"]
    )
    assert selection.theme_ids == ("sanctions", "us-china-trade")
    assert selection.document_ids == ("asmolov-2019",)
    assert selection.unknown_themes == ("nope",)
    assert selection.notices() == ["Ignored unknown theme(s) in the link: nope"]


def test_only_unknown_ids_fall_back_to_everything():
    selection = compare.select(CORPUS, ["<script>"], ["x"])
    assert selection.theme_ids == ALL_THEMES
    assert len(selection.notices()) == 2


def test_describe_says_what_is_shown():
    assert compare.describe(CORPUS, compare.select(CORPUS)) == (
        f"Showing all {len(ALL_THEMES)} themes across all 2 perspectives."
    )
    text = compare.describe(CORPUS, compare.select(CORPUS, ["sanctions"], ["singh-2018"]))
    assert (
        text == f"Showing 1 of {len(ALL_THEMES)} themes (Sanctions) "
        "across 1 of 2 perspectives (Gunjan Singh)."
    )


def test_compare_lines_up_positions_per_theme():
    items = compare.compare(CORPUS, compare.select(CORPUS, ["double-freeze"]))
    (item,) = items
    assert item.comparison.agreement == "one-sided"
    assert [(doc.id, pos.coverage) for doc, pos in item.columns] == [
        ("singh-2018", "absent"),
        ("asmolov-2019", "explicit"),
    ]


def test_compare_has_every_theme_in_order_with_a_position_per_document():
    items = compare.compare(CORPUS, compare.select(CORPUS))
    assert tuple(item.theme.id for item in items) == ALL_THEMES
    for item in items:
        assert [doc.id for doc, _ in item.columns] == ["singh-2018", "asmolov-2019"]
        assert all(pos.theme_id == item.theme.id for _, pos in item.columns)
        assert item.uncurated == ()


def test_a_pair_without_a_position_is_not_curated_rather_than_a_crash(corpus_copy):
    from perspectives.corpus import validate

    from .conftest import read_rows, write_rows

    rows = read_rows(corpus_copy / "positions.csv")
    write_rows(corpus_copy / "positions.csv", [rows[0], *rows[2:]])  # sanctions × singh
    quotes = read_rows(corpus_copy / "quotes.csv")
    kept = [row for row in quotes if row[:2] != ["sanctions", "singh-2018"]]
    write_rows(corpus_copy / "quotes.csv", kept)
    (warning,) = validate(corpus_copy)
    assert warning.severity == "warning" and "1 theme × document pair(s)" in warning.message
    corpus = load(corpus_copy)
    assert "1 theme × document pairs not curated" in corpus.summary_line()
    (item,) = compare.compare(corpus, compare.select(corpus, ["sanctions"]))
    assert [doc.id for doc, _ in item.columns] == ["asmolov-2019"]
    assert [doc.id for doc in item.uncurated] == ["singh-2018"]


def test_scale_point_in_words():
    theme = CORPUS.theme("sanctions")
    singh = CORPUS.find_position("sanctions", "singh-2018")
    expected_label = theme.scale_label(singh.scale_value)
    assert singh.scale_value == 0, "the embedded table places Singh at the neutral point"
    assert compare.scale_point(theme, singh) == (
        f"0, {expected_label} (confidence: {singh.confidence})"
    )
    asmolov = CORPUS.find_position("sanctions", "asmolov-2019")
    assert compare.scale_point(theme, asmolov).startswith(f"−{-asmolov.scale_value}, ")
    assert (
        compare.scale_point(
            CORPUS.theme("double-freeze"), CORPUS.find_position("double-freeze", "singh-2018")
        )
        == ""
    )


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, 1),
        ("3", 3),
        (" 2 ", 2),
        ("0", 0),  # a number: paginate clamps it to the first page
        ("9" * 5000, 10**9),  # past the last page, without converting 5,000 digits
        ("²", None),  # str.isdigit() accepts it, int() does not
        ("١", None),  # a digit, but not an ASCII one
        ("-1", None),
        ("two", None),
        ("", None),
    ],
)
def test_page_from_link(value, expected):
    assert compare.page_from_link(value) == expected


@pytest.mark.parametrize(
    ("count", "sizes"),
    [
        (0, []),
        (1, [1]),
        (4, [4]),
        (5, [3, 2]),
        (6, [3, 3]),
        (7, [4, 3]),
        (9, [3, 3, 3]),
        (10, [4, 3, 3]),
        (12, [4, 4, 4]),
        (13, [4, 3, 3, 3]),
    ],
)
def test_row_sizes_never_leave_a_perspective_alone(count, sizes):
    assert compare.row_sizes(count) == sizes
    assert sum(sizes) == count
    assert count < 2 or min(sizes) >= 2


def test_the_reference_perspective_comes_first():
    selection = compare.Selection(("a",), ("x", "y", "z"))
    assert compare.reference_first(selection, "z").document_ids == ("z", "x", "y")
    assert compare.reference_first(selection, "w") == selection
    assert compare.reference_first(selection, None) == selection


def _documents(count: int):
    return [SimpleNamespace(id=f"doc-{number:03d}") for number in range(count)]


@pytest.mark.parametrize(
    ("count", "requested", "shown"),
    [
        (2, None, ["doc-000", "doc-001"]),  # few: every one
        (30, None, [f"doc-{n:03d}" for n in range(compare.CHARTED_AT_FIRST)]),
        (30, ["nowhere"], [f"doc-{n:03d}" for n in range(compare.CHARTED_AT_FIRST)]),
        (30, ["doc-009", "nowhere", "doc-003"], ["doc-003", "doc-009"]),  # corpus order
        (30, [f"doc-{n:03d}" for n in range(30)], [f"doc-{n:03d}" for n in range(24)]),
        (30, [f"doc-{n:03d}" for n in range(29, 0, -1)], [f"doc-{n:03d}" for n in range(1, 25)]),
    ],
)
def test_the_charts_show_the_perspectives_asked_for_within_bounds(count, requested, shown):
    assert (compare.CHARTED_AT_FIRST, compare.MOST_CHARTED) == (12, 24)  # the cases are written so
    corpus = SimpleNamespace(documents=_documents(count), themes=[])
    chosen = compare.charted_documents(corpus, requested)  # type: ignore[arg-type]
    assert list(chosen.document_ids) == shown
    assert list(chosen.unknown_documents) == [i for i in requested or () if i == "nowhere"]
