"""Overview core: spreads, divergence order, sentences, dot-plot data, pairwise alignment."""

from __future__ import annotations

import dataclasses
import gc
import re
import weakref
from itertools import combinations

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from bench.synth import generate
from perspectives import coverage, load, overview
from perspectives.model import format_point, spread_of
from perspectives.overview import NOT_ADDRESSED, SCALE_LANE
from perspectives.paths import EMBEDDED_CORPUS
from perspectives.schema import SCALE_POINTS
from perspectives.ui import charts

from .conftest import ROOT

THREE = load(ROOT / "tests" / "fixtures" / "overview-three")
EMBEDDED = load(EMBEDDED_CORPUS)
COVERAGE = coverage.coverage_table(EMBEDDED, coverage.tag(EMBEDDED))

# The fixture's points (— = absent; fisheries has no scale):
#            alvarez  okafor  lindqvist
# quotas        +1      +1       +1      agree      spread 0
# dam           −2      +2        0      diverge    spread 4
# funding       +2      +1        —      one-sided  spread 1
# monitoring     —      −1       +1      one-sided  spread 2


def by_id(spreads):
    return {s.theme.id: s for s in spreads}


def test_only_scaled_themes_take_part_in_corpus_order():
    spreads = overview.theme_spreads(THREE)
    assert [s.theme.id for s in spreads] == ["quotas", "dam", "funding", "monitoring"]
    assert {s.theme.id: s.spread for s in spreads} == {
        "quotas": 0,
        "dam": 4,
        "funding": 1,
        "monitoring": 2,
    }
    assert [s.theme.id for s in spreads if s.one_sided] == ["funding", "monitoring"]


def test_a_silent_author_does_not_count_toward_the_spread():
    funding = by_id(overview.theme_spreads(THREE))["funding"]
    assert [doc.id for doc, _ in funding.placed] == ["alvarez-2020", "okafor-2021"]
    assert [doc.id for doc in funding.absent] == ["lindqvist-2021"]
    assert funding.spread == 1  # |2 − 1|; counting the silent author as 0 would give 2


def test_divergence_order_widest_first_with_one_sided_themes_apart():
    ranked = overview.by_divergence(overview.theme_spreads(THREE))
    assert [(s.theme.id, s.group) for s in ranked] == [
        ("dam", overview.COMPARED),
        ("quotas", overview.COMPARED),
        ("monitoring", overview.ONE_SIDED),
        ("funding", overview.ONE_SIDED),
    ]


def test_divergence_order_of_the_embedded_corpus_follows_the_spreads():
    ranked = overview.by_divergence(overview.theme_spreads(EMBEDDED))
    compared = [s for s in ranked if not s.one_sided]
    assert [s.spread for s in compared] == sorted((s.spread for s in compared), reverse=True)
    assert [s.theme.id for s in ranked if s.one_sided] == [
        "double-freeze",
        "responsible-image",
        "russia-role",
        "economic-priorities",
        "ideology",
    ]
    assert ranked[-1].one_sided


def test_headlines_say_where_they_diverge_most_and_come_closest():
    ranked = overview.by_divergence(overview.theme_spreads(THREE))
    assert overview.headlines(THREE, ranked) == [
        "They diverge most on the dam: 4 points apart.",
        "They come closest on quotas: at the same point.",
        "Only some perspectives address monitoring and funding.",
    ]


@pytest.mark.parametrize(
    ("theme_id", "in_sentence"),
    [
        ("sanctions", "sanctions"),  # the curators write "sanctions" in their own prose
        ("double-freeze", "the “double freeze”"),
        ("south-korea", "South Korea"),  # a name keeps its capitals
        ("us-china-trade", "US–China trade tensions"),  # so does an acronym
        ("russia-role", "Russia’s role"),  # and a possessive name
        ("regional-stability", "regional stability"),
    ],
)
def test_a_theme_reads_mid_sentence_with_its_own_capitals(theme_id, in_sentence):
    assert EMBEDDED.theme_in_sentence(theme_id) == in_sentence


@pytest.mark.parametrize(
    ("count", "sentence"),
    [
        (1, "They are at the same point on quotas, the one theme they all address."),
        (2, "They are at the same point on every theme they all address."),
    ],
)
def test_equal_spreads_make_one_sentence(count, sentence):
    quotas = by_id(overview.theme_spreads(THREE))["quotas"]
    assert overview.headlines(THREE, [quotas] * count) == [sentence]


def test_describe_names_each_point_and_who_is_silent():
    spreads = by_id(overview.theme_spreads(THREE))
    assert overview.describe(spreads["funding"]) == (
        "1 point apart. Marta Alvarez (Chile) at +2 (Yes, their full share); "
        "Chidi Okafor (Nigeria) at +1 (Yes, a part of the cost); "
        "Eva Lindqvist (Sweden) does not address it."
    )
    assert overview.describe(spreads["dam"]).startswith(
        "4 points apart. Marta Alvarez (Chile) at −2 (No: stop it);"
    )


@pytest.mark.parametrize(("value", "text"), [(-2, "−2"), (-1, "−1"), (0, "0"), (1, "+1")])
def test_points_are_written_with_a_sign(value, text):
    assert format_point(value) == text


@pytest.mark.parametrize(
    ("points", "expected"), [([0], 0), ([1, 1], 0), ([-2, 2, 0], 4), ([2, 1], 1), ([-1, -2], 1)]
)
def test_a_spread_is_how_far_apart_the_points_lie(points, expected):
    assert spread_of(points) == expected


def test_absent_positions_sit_in_the_not_addressed_lane_never_at_0():
    data = overview.dot_plot_data(overview.theme_spreads(THREE))
    lane = data[data["lane"] == NOT_ADDRESSED]
    assert sorted(zip(lane["theme_id"], lane["document_id"], strict=True)) == [
        ("funding", "lindqvist-2021"),
        ("monitoring", "alvarez-2020"),
    ]
    assert lane["value"].isna().all()
    assert (lane["point"] == NOT_ADDRESSED).all()
    assert data[data["lane"] == SCALE_LANE]["value"].notna().all()


def test_dot_plot_data_of_the_embedded_corpus():
    ranked = overview.by_divergence(overview.theme_spreads(EMBEDDED))
    data = overview.dot_plot_data(ranked)
    assert len(data) == len(EMBEDDED.themes) * len(EMBEDDED.documents)
    assert list(data["theme_id"].drop_duplicates()) == [s.theme.id for s in ranked]
    for row in data.itertuples():
        position = EMBEDDED.find_position(row.theme_id, row.document_id)
        expected = position.scale_value
        assert (None if pd.isna(row.value) else int(row.value)) == expected
        assert row.confidence == position.confidence
        assert row.stance == position.stance
        assert row.quote == (position.quotes[0].text if position.quotes else "")
    sanctions = data[(data["theme_id"] == "sanctions") & (data["document_id"] == "asmolov-2019")]
    label = EMBEDDED.theme("sanctions").scale_label(-1)
    assert sanctions["point"].item() == f"−1 · {label}"


def test_marker_size_comes_from_optional_text_shares():
    spreads = overview.theme_spreads(THREE)
    plain = overview.dot_plot_data(spreads)
    assert plain["share"].isna().all()
    spec = charts.dot_plot(plain, grouped=False).to_dict()
    scale_layer = spec["vconcat"][0]["hconcat"][0]
    assert scale_layer["encoding"]["size"] == {"value": charts.MARKER_SIZE}
    assert "share" not in [tip["field"] for tip in scale_layer["encoding"]["tooltip"]]

    sized = overview.dot_plot_data(spreads, text_shares={("dam", "okafor-2021"): 0.25})
    row = sized[(sized["theme_id"] == "dam") & (sized["document_id"] == "okafor-2021")]
    assert row["share"].item() == 0.25
    spec = charts.dot_plot(sized, grouped=False).to_dict()
    assert spec["vconcat"][0]["hconcat"][0]["encoding"]["size"]["field"] == "share"


def test_text_shares_are_each_authors_share_of_words_from_theme_coverage():
    shares = overview.text_shares(COVERAGE)
    assert set(shares) == {(t.id, d.id) for t in EMBEDDED.themes for d in EMBEDDED.documents}
    for row in COVERAGE.itertuples():
        assert shares[(row.theme_id, row.document_id)] == row.words / row.total_words
    assert shares[("double-freeze", "singh-2018")] == 0.0
    assert 0 < shares[("double-freeze", "asmolov-2019")] < 1


def test_the_dot_plot_data_carries_the_shares_as_marker_size():
    shares = overview.text_shares(COVERAGE)
    ranked = overview.by_divergence(overview.theme_spreads(EMBEDDED))
    spec = charts.dot_plot(overview.dot_plot_data(ranked, shares), grouped=True).to_dict()
    plotted = {
        (row["theme_id"], row["document_id"]): row["share"]
        for rows in spec["datasets"].values()
        for row in rows
    }
    assert plotted == pytest.approx({key: shares[key] for key in plotted})
    assert len(plotted) == len(EMBEDDED.themes) * len(EMBEDDED.documents)
    for block in spec["vconcat"]:
        scale, lane = block["hconcat"]
        assert scale["encoding"]["size"]["field"] == "share"
        assert scale["encoding"]["size"]["title"] == overview.SHARE_TITLE
        assert lane["encoding"]["size"] == {"value": charts.MARKER_SIZE}
        assert scale["encoding"]["tooltip"][-1]["field"] == "share"


def test_dot_plot_spec_links_rows_and_draws_the_lane_hollow():
    ranked = overview.by_divergence(overview.theme_spreads(THREE))
    spec = charts.dot_plot(overview.dot_plot_data(ranked), grouped=True).to_dict()
    blocks = spec["vconcat"]
    assert [block["title"]["text"] for block in blocks] == [overview.COMPARED, overview.ONE_SIDED]
    scale, lane = blocks[1]["hconcat"]
    assert scale["encoding"]["y"]["scale"]["domain"] == ["Monitoring", "Funding"]
    assert scale["encoding"]["href"]["field"] == "href"
    assert scale["encoding"]["fillOpacity"]["field"] == "confidence"
    assert scale["encoding"]["stroke"]["field"] == "perspective"
    assert scale["mark"]["filled"] is True and scale["mark"]["strokeOpacity"] == 1
    assert lane["mark"]["filled"] is False
    # Weakest placed marker: a full outline and some fill; the hollow lane marker: less of both.
    assert min(charts.CONFIDENCE_FILL) > 0
    assert lane["mark"]["opacity"] < scale["mark"]["strokeOpacity"]
    fills = scale["encoding"]["fillOpacity"]["scale"]["range"]
    assert fills == sorted(fills), "more confident markers are filled more"
    assert lane["transform"] == [{"filter": f"(datum.lane === '{NOT_ADDRESSED}')"}]


def reference_alignment(corpus):
    """The alignment table as it was first written: each pair of perspectives, each theme looked
    up on its own. Slow on a large corpus, but plainly right."""
    rows = []
    scaled = [theme for theme in corpus.themes if theme.scale]
    for first, second in combinations(corpus.documents, 2):
        distances = []
        for theme in scaled:
            a = getattr(corpus.find_position(theme.id, first.id), "scale_value", None)
            b = getattr(corpus.find_position(theme.id, second.id), "scale_value", None)
            if a is not None and b is not None:
                distances.append(abs(a - b))
        mean = sum(distances) / len(distances) if distances else None
        shared = len(distances)
        cell = (
            f"{mean:.1f} apart · {shared} theme{'s' if shared != 1 else ''}"
            if mean is not None
            else "no shared theme"
        )
        for a, b in ((first, second), (second, first)):
            rows.append(
                {
                    "first": a.perspective,
                    "second": b.perspective,
                    "shared": shared,
                    "mean_distance": mean,
                    "cell": cell,
                }
            )
    return pd.DataFrame(rows, columns=["first", "second", "shared", "mean_distance", "cell"])


@st.composite
def placed_at_random(draw: st.DrawFn, corpus):
    """The corpus with its points drawn, some positions left out and some not placed, so that
    pairs share every theme, some of them, or none."""
    positions = []
    for position in corpus.positions:
        value = draw(st.sampled_from(["left out", None, *SCALE_POINTS]))
        if value != "left out":
            confidence = "" if value is None else "high"
            positions.append(
                dataclasses.replace(position, scale_value=value, confidence=confidence)
            )
    return dataclasses.replace(corpus, positions=tuple(positions))


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    sizes = {"documents": 9, "themes": 7, "positions": 50, "quotes": 60, "text_bytes": 30_000}
    return load(generate(tmp_path_factory.mktemp("synthetic") / "corpus", **sizes))


def assert_aligned_pair_by_pair(corpus):
    found = overview.alignment_table(overview.alignment(corpus))
    expected = reference_alignment(corpus)
    assert len(found) == len(corpus.documents) * (len(corpus.documents) - 1)
    # With no pair sharing a theme, the reference's column holds only None: NaN is the same.
    expected = expected.astype({"mean_distance": float})
    pd.testing.assert_frame_equal(found, expected, check_dtype=False)


ALIGNED = {
    "embedded": lambda _: EMBEDDED,
    "three": lambda _: THREE,
    "synthetic": lambda synthetic: synthetic,
    # Every pair shares one theme here, and none in the next.
    "only quotas placed": lambda _: dataclasses.replace(
        THREE, positions=tuple(p for p in THREE.positions if p.theme_id == "quotas")
    ),
    "nobody placed": lambda _: dataclasses.replace(THREE, positions=()),
}


@pytest.mark.parametrize("make", ALIGNED.values(), ids=ALIGNED.keys())
def test_the_alignment_is_the_one_worked_out_pair_by_pair(make, synthetic):
    assert_aligned_pair_by_pair(make(synthetic))


def test_pairs_share_many_themes_one_and_none_among_the_cases_above(synthetic):
    shared = {
        count
        for make in ALIGNED.values()
        for count in overview.alignment_table(overview.alignment(make(synthetic)))["shared"]
    }
    assert {0, 1} <= shared and max(shared) > 1


@given(data=st.data())
def test_with_points_drawn_at_random_the_alignment_is_the_one_worked_out_pair_by_pair(
    data, synthetic
):
    corpus = data.draw(st.sampled_from([EMBEDDED, THREE, synthetic]).flatmap(placed_at_random))
    assert_aligned_pair_by_pair(corpus)


def test_the_alignment_is_worked_out_once_per_corpus():
    corpus = dataclasses.replace(EMBEDDED)  # a corpus object of its own
    found = overview.alignment(corpus)
    assert overview.alignment(corpus) is found
    assert overview.alignment(dataclasses.replace(EMBEDDED)) is not found
    kept = weakref.ref(found)
    del corpus, found
    gc.collect()
    assert kept() is None, "the work goes with its corpus"


def test_pairwise_alignment_of_three_perspectives():
    found = overview.alignment(THREE)
    assert [doc.id for doc in found.documents] == ["alvarez-2020", "okafor-2021", "lindqvist-2021"]
    # alvarez–okafor: dam |−2−2| = 4, quotas 0, funding |2−1| = 1 → 5/3
    # alvarez–lindqvist: dam |−2−0| = 2, quotas 0 → 1
    # okafor–lindqvist: dam |2−0| = 2, quotas 0, monitoring |−1−1| = 2 → 4/3
    assert found.shared.tolist() == [[3, 3, 2], [3, 4, 3], [2, 3, 3]]
    assert found.mean_distance[0, 1] == pytest.approx(5 / 3)
    assert found.mean_distance[0, 2] == pytest.approx(1.0)
    assert found.mean_distance[1, 2] == pytest.approx(4 / 3)
    assert (found.mean_distance == found.mean_distance.T).all()


def test_alignment_table_is_symmetric_with_counts():
    table = overview.alignment_table(overview.alignment(THREE))
    assert len(table) == 6
    cell = table[(table["first"] == "Eva Lindqvist (Sweden)")]
    cell = cell[cell["second"] == "Marta Alvarez (Chile)"]
    assert cell[["shared", "mean_distance", "cell"]].values.tolist() == [
        [2, 1.0, "1.0 apart · 2 themes"]
    ]
    reverse = table[(table["first"] == "Marta Alvarez (Chile)")]
    assert set(reverse["second"]) == {"Chidi Okafor (Nigeria)", "Eva Lindqvist (Sweden)"}


def test_alignment_with_two_perspectives_is_one_pair():
    table = overview.alignment_table(overview.alignment(EMBEDDED))
    assert len(table) == 2  # the pair, and its reverse
    both = [s for s in overview.theme_spreads(EMBEDDED) if not s.one_sided and s.spread is not None]
    assert (table["shared"] == len(both)).all()
    assert table["mean_distance"].tolist() == pytest.approx(
        [sum(s.spread for s in both) / len(both)] * 2
    )


@given(data=st.data())
def test_the_alignment_among_some_perspectives_is_theirs_alone_in_corpus_order(data, synthetic):
    corpus = data.draw(placed_at_random(synthetic))
    chosen = [corpus.documents[i].id for i in (7, 2, 4)]  # asked for out of order
    among = dataclasses.replace(
        corpus, documents=tuple(d for d in corpus.documents if d.id in chosen)
    )
    found = overview.alignment_table(overview.alignment(corpus).among(chosen))
    expected = reference_alignment(among).astype({"mean_distance": float})
    assert list(dict.fromkeys(found["first"])) == [d.perspective for d in among.documents]
    pd.testing.assert_frame_equal(found, expected, check_dtype=False)


def test_a_theme_of_many_perspectives_is_described_by_counts_per_point(tmp_path):
    corpus = load(generate(tmp_path / "thirty", documents=30, themes=3, positions=60, quotes=60,
                           text_bytes=60_000))  # fmt: skip
    for spread in overview.theme_spreads(corpus):
        assert len(spread.placed) > overview.NAMED_AT_MOST  # the case this test is about
        text = overview.describe(spread)
        assert not [d.perspective for d in corpus.documents if d.perspective in text]
        counted = re.findall(r"(\d+) perspectives? at ([−+]?\d) \(([^)]*)\)", text)
        assert sum(int(count) for count, _, _ in counted) == len(spread.placed)
        points = [value for _, value in spread.placed]
        assert [point for _, point, _ in counted] == [
            format_point(value) for value in sorted(set(points))
        ]
        assert [label for _, _, label in counted] == [
            spread.theme.scale_label(value) for value in sorted(set(points))
        ]
        assert not spread.absent
    spread = overview.theme_spreads(corpus)[0]
    silent = 13  # past NAMED_AT_MOST, the silent are counted too
    columns = [
        (document, dataclasses.replace(position, scale_value=None) if n < silent else position)
        for n, (document, position) in enumerate(spread.columns)
    ]
    text = overview.describe(dataclasses.replace(spread, columns=tuple(columns)))
    assert text.endswith(f"; {silent} perspectives do not address it.")
    assert not [d.perspective for d, _ in columns[:silent] if d.perspective + " " in text]
