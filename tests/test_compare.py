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


def test_positions_table_has_a_row_per_theme_and_document():
    table = compare.positions_table(CORPUS, compare.select(CORPUS))
    assert len(table) == len(ALL_THEMES) * 2
    assert list(table["theme_id"].drop_duplicates()) == list(ALL_THEMES)
