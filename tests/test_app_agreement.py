"""The Overview's word on independent readings: alpha beside each theme, the overall figures and
the disputed readings; nothing at all for a corpus without readings."""

from __future__ import annotations

from pathlib import Path

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


def test_two_readings_give_alpha_per_theme_overall_and_the_disputes(unread, monkeypatch):
    rows = positions_as_reading(unread)
    add_reader(unread, "curators", rows)
    rows[0][3:6] = ["2", "low", "Reads enforcement as a call for more."]  # sanctions × singh
    add_reader(unread, "reader-b", rows)
    at = overview(monkeypatch, unread)
    assert "agreement between readers: α = " in theme_line(at, "sanctions")
    assert "over 2 units" in theme_line(at, "sanctions")
    assert (
        "agreement between readers: α undefined: 1 unit with values from two or more readers"
        in theme_line(at, "double-freeze")
    )
    assert [s.value for s in at.subheader].count("How far independent readings agree") == 1
    overall = "\n".join(plain(m.value) for m in at.markdown if "Krippendorff" in m.value)
    assert "independently of one another: curators (`curators`), reader-b (`reader-b`)." in overall
    assert "scale points (ordinal): α = " in overall and "over 22 units" in overall
    assert "coverage (nominal): α = 1.00 over 26 units" in overall  # the same coverage each
    (disputed,) = [e for e in at.expander if e.label.startswith("Disputed readings")]
    assert disputed.label == "Disputed readings (1)"
    (table,) = disputed.table
    row = {plain(column): plain(cell) for column, cell in table.value.iloc[0].items()}
    assert row["Theme"] == "Sanctions"
    assert row["curators"] == "explicit, 0, medium"
    assert row["reader-b"] == "explicit, +2, low · Reads enforcement as a call for more."
    assert row["Adjudicated (positions.csv)"] == "explicit, 0, medium"


def test_disputes_follow_the_theme_filter(unread, monkeypatch):
    rows = positions_as_reading(unread)
    add_reader(unread, "curators", rows)
    rows[0][3] = "2"
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
    assert "One independent reading only" in page_text(at)
    assert "agreement between readers" not in page_text(at)


def test_without_readings_the_page_says_nothing_about_agreement(unread, monkeypatch):
    text = page_text(overview(monkeypatch, unread))
    for words in ("α", "agreement between readers", "independent reading", "Disputed"):
        assert words not in text


def test_a_reading_made_against_other_scales_is_named_as_left_out(unread, monkeypatch):
    add_reader(unread, "curators", positions_as_reading(unread))
    declare(unread, "reader-b", declaration("reader-b", digest="sha256:" + "1" * 64))
    write_reading(unread, "reader-b", positions_as_reading(unread))
    text = page_text(overview(monkeypatch, unread))
    assert f"Left out: reader-b, {agreement.STALE}" in plain(text)
