"""The Overview's word on readings of the table: alpha beside each theme, the overall figures and
the disputed readings; nothing at all for a corpus without readings."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from perspectives import agreement
from perspectives.ui import links

from .conftest import open_page
from .test_readings import add_reader, declaration, declare, positions_as_reading, write_reading


def overview(monkeypatch, root: Path) -> AppTest:
    monkeypatch.setenv("PERSPECTIVES_DATA", str(root))
    at = open_page(links.OVERVIEW)
    at.run()
    assert not at.exception
    return at


def page_text(at: AppTest) -> str:
    """Every piece of text the page shows: Markdown, captions, headings, expanders, tables."""
    parts = [element.value for element in (*at.markdown, *at.caption, *at.subheader)]
    parts += [expander.label for expander in at.expander]
    parts += [table.value.to_string() for table in at.table]
    return "\n".join(str(part) for part in parts)


def plain(markdown: str) -> str:
    """Escaped Markdown as it reads on the page (corpus text never holds a backslash here)."""
    return markdown.replace("\\", "")


def theme_line(at: AppTest, theme_id: str) -> str:
    (line,) = [
        plain(line)
        for element in at.markdown
        for line in element.value.splitlines()
        if f"](./?theme={theme_id})" in line
    ]
    return line


def test_two_readings_give_their_figures_and_the_disputes(unread, monkeypatch):
    rows = positions_as_reading(unread)
    add_reader(unread, "curators", rows)
    rows[0][3:6] = ["1", "low", "Reads enforcement as a call for more."]  # sanctions × singh
    add_reader(unread, "reader-b", rows)
    at = overview(monkeypatch, unread)
    # Two units per theme: too few for a theme's alpha, so the list gives the splits' count.
    assert "between readers: 2 units, too few for a theme's α, split on 1" in theme_line(
        at, "sanctions"
    )
    assert "between readers: 1 unit, too few for a theme's α, no splits" in theme_line(
        at, "double-freeze"
    )
    assert [s.value for s in at.subheader].count("How far the readings of the table agree") == 1
    text = plain(page_text(at))
    assert "curators (`curators`): blind reading (made without sight of the positions" in text
    assert "Units: theme × document positions, 30 (15 themes × 2 documents)" in text
    assert "Direction-only baseline:" in text
    (figures,) = [t for t in at.table if "Direction\\-only baseline" in t.value.columns]
    (row,) = [{plain(k): plain(v) for k, v in r.items()} for r in figures.value.to_dict("records")]
    assert row["Readers"] == "all readers (curators × reader-b)"
    assert (
        row["Points: α (ordinal)"].startswith("α = ")
        and "over 25 units" in row["Points: α (ordinal)"]
    )
    assert row["Direction-only baseline"].startswith("α = ")
    assert (row["Same point"], row["Within one point"]) == ("24 of 25", "25 of 25")
    assert row["Coverage: α (nominal)"] == "α = 1.00 over 30 units, 95% interval 1.00 to 1.00"
    assert (row["Same coverage"], row["Same confidence"]) == ("30 of 30", "24 of 25")
    (disputed,) = [e for e in at.expander if e.label.startswith("Disputed readings")]
    assert disputed.label == "Disputed readings (1)"  # one point apart is a dispute now
    (table,) = disputed.table
    row = {plain(column): plain(cell) for column, cell in table.value.iloc[0].items()}
    assert row["Theme"] == "Sanctions"
    assert row["Why"] == "1 point apart"
    assert row["curators"] == "explicit, 0, medium"
    assert row["reader-b"] == "explicit, +1, low · Reads enforcement as a call for more."
    assert row["Adjudicated (positions.csv)"] == "explicit, 0, medium"


def test_disputes_follow_the_theme_filter(unread, monkeypatch):
    rows = positions_as_reading(unread)
    add_reader(unread, "curators", rows)
    rows[0][3] = "1"
    add_reader(unread, "reader-b", rows)
    monkeypatch.setenv("PERSPECTIVES_DATA", str(unread))
    at = open_page(links.OVERVIEW)
    at.query_params[links.THEME] = "south-korea"
    at.run()
    assert not [e for e in at.expander if e.label.startswith("Disputed readings")]
    assert any("No disputed readings on the chosen themes" in c.value for c in at.caption)


def test_one_reading_says_agreement_needs_a_second(unread, monkeypatch):
    add_reader(unread, "reader-b", positions_as_reading(unread))
    at = overview(monkeypatch, unread)
    assert "One reading to compare: agreement needs two readings" in page_text(at)
    assert "between readers" not in page_text(at)


def test_without_readings_the_page_says_nothing_about_agreement(unread, monkeypatch):
    text = page_text(overview(monkeypatch, unread))
    for words in ("α", "between readers", "readings of the table", "Disputed"):
        assert words not in text


def test_a_reading_made_against_other_scales_is_named_as_left_out(unread, monkeypatch):
    add_reader(unread, "curators", positions_as_reading(unread))
    declare(unread, "reader-b", declaration("reader-b", digest="sha256:" + "1" * 64))
    write_reading(unread, "reader-b", positions_as_reading(unread))
    text = page_text(overview(monkeypatch, unread))
    assert f"Left out: reader-b, {agreement.STALE}" in plain(text)


@pytest.mark.parametrize(
    ("protocol", "says", "never"),
    [
        ("open", "No reading here is blind: each is open", "independent"),
        ("blind", "Every reading here is blind", "open reading"),
    ],
)
def test_the_page_words_each_reading_from_its_protocol(unread, monkeypatch, protocol, says, never):
    for reader_id in ("curators", "reader-b"):
        declare(unread, reader_id, declaration(reader_id, protocol))
        write_reading(unread, reader_id, positions_as_reading(unread))
    text = plain(page_text(overview(monkeypatch, unread)))
    assert says in text and never not in text.lower()
    assert f"reader-b (`reader-b`): {protocol} reading (" in text


def test_each_reading_stands_beside_the_settled_position(unread, monkeypatch):
    rows = positions_as_reading(unread)
    add_reader(unread, "curators", rows)
    rows[0][3] = "1"  # sanctions × singh: 0 → +1
    declare(unread, "reader-b", declaration("reader-b", digest="sha256:" + "1" * 64))
    write_reading(unread, "reader-b", rows)
    at = overview(monkeypatch, unread)
    (panel,) = [e for e in at.expander if e.label.startswith("Each reading beside the settled")]
    assert panel.label == "Each reading beside the settled position (30)"
    (table,) = panel.table if panel.table else panel.dataframe
    first = {plain(column): plain(cell) for column, cell in table.value.iloc[0].items()}
    assert first == {
        "Theme": "Sanctions",
        "Perspective": "Gunjan Singh (India)",
        "Settled (positions.csv)": "0",
        "curators": "0",
        "reader-b (left out)": "+1",
        "Differs": "reader-b",
    }
