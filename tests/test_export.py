"""Exports of the comparison: JSON round-trip, Markdown for reports, CSV for spreadsheets."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest

from perspectives import compare, export, load
from perspectives.paths import EMBEDDED_CORPUS

from .conftest import ROOT

FIXTURES = ROOT / "tests" / "fixtures"
CORPORA = {
    "embedded": load(EMBEDDED_CORPUS),
    "three-perspectives": load(FIXTURES / "three-perspectives"),
    "hostile": load(FIXTURES / "hostile-browser"),
}
CORPUS = CORPORA["embedded"]


def selections(corpus):
    themes = [theme.id for theme in corpus.themes]
    documents = [document.id for document in corpus.documents]
    return [
        compare.select(corpus),
        compare.select(corpus, themes[-1:]),
        compare.select(corpus, themes[:2], documents[-1:]),
    ]


ROUND_TRIPS = [
    (name, selection) for name, corpus in CORPORA.items() for selection in selections(corpus)
]


@pytest.mark.parametrize(
    ("name", "selection"),
    ROUND_TRIPS,
    ids=[f"{name}-{'+'.join(s.theme_ids)}" for name, s in ROUND_TRIPS],
)
def test_json_round_trips_the_structured_comparison(name, selection):
    built = export.build(CORPORA[name], selection)
    assert export.from_json(export.to_json(built)) == built


def test_build_holds_the_selection_with_every_quote_and_its_anchor():
    selection = compare.select(CORPUS, ["double-freeze", "sanctions"], ["asmolov-2019"])
    built = export.build(CORPUS, selection)
    assert [item.theme.id for item in built.themes] == ["sanctions", "double-freeze"]
    assert [source.id for source in built.sources] == ["asmolov-2019"]
    assert built.meta == CORPUS.meta
    asmolov = CORPUS.document("asmolov-2019")
    for item in built.themes:
        (position,) = item.positions
        assert position == CORPUS.find_position(item.theme.id, "asmolov-2019")
        for quote in position.quotes:
            assert asmolov.text[quote.anchor.start : quote.anchor.end] == quote.anchor.exact


def test_json_names_its_format_and_carries_metadata_and_anchors():
    data = json.loads(export.to_json(export.build(CORPUS, compare.select(CORPUS, ["sanctions"]))))
    assert (data["format"], data["format_version"]) == ("perspectives-comparison", 1)
    assert data["corpus"]["title"] == CORPUS.meta.title
    assert data["corpus"]["curators"] == list(CORPUS.meta.curators)
    assert data["sources"][0]["published"] == "2018-10-01"
    quote = data["themes"][0]["positions"][0]["quotes"][0]
    assert set(quote["anchor"]) == {"start", "end", "exact", "prefix", "suffix"}


@pytest.mark.parametrize(
    "text",
    ['{"format": "something-else"}', "[]", '{"format": "perspectives-comparison"}'],
)
def test_from_json_refuses_other_files(text):
    with pytest.raises(ValueError):
        export.from_json(text)


def _edit(path: str, value: object):
    """A change to a valid export: set the value at a dotted path ("themes.0.label"), or remove
    the key when value is DROP."""

    def change(data: dict) -> None:
        *parents, last = path.split(".")
        for key in parents:
            data = data[int(key)] if isinstance(data, list) else data[key]
        if value is DROP:
            del data[last]
        elif isinstance(data, list):
            data[int(last)] = value
        else:
            data[last] = value

    return change


DROP = object()
HEADER = '{"format": "perspectives-comparison", "format_version": 1'
MALFORMED = [
    # (what is wrong, the change to a valid export, what the message says)
    ("not JSON", None, "{", "not JSON"),
    ("arrays nested too deeply", None, "[" * 100_000, "nested too deeply"),
    ("objects nested too deeply", None, '{"a": ' * 100_000, "nested too deeply"),
    ("header, no body", None, HEADER + "}", "top level: missing 'corpus'"),
    ("unknown top-level key", _edit("notes", ""), None, "top level: unknown key 'notes'"),
    ("no corpus", _edit("corpus", DROP), None, "top level: missing 'corpus'"),
    ("corpus a list", _edit("corpus", []), None, "corpus: expected an object"),
    ("no title", _edit("corpus.title", DROP), None, "corpus: missing 'title'"),
    ("title a number", _edit("corpus.title", 7), None, "corpus.title: unexpected value 7"),
    ("curators a name", _edit("corpus.curators", "A. B."), None, "corpus.curators: expected"),
    ("curators not names", _edit("corpus.curators", [1]), None, "corpus.curators: expected"),
    ("created not a date", _edit("corpus.created", "soon"), None, "corpus.created: 'soon'"),
    ("unknown corpus key", _edit("corpus.editor", "X"), None, "corpus: unknown key 'editor'"),
    ("no scope", _edit("scope", DROP), None, "top level: missing 'scope'"),
    ("scope a list", _edit("scope", []), None, "scope: expected the selection in words"),
    ("sources an object", _edit("sources", {}), None, "sources: expected a list"),
    ("source a string", _edit("sources.0", "singh"), None, "sources[0]: expected an object"),
    ("published empty", _edit("sources.0.published", ""), None, "sources[0].published: ''"),
    ("no author", _edit("sources.0.author", DROP), None, "sources[0]: missing 'author'"),
    ("no themes", _edit("themes", DROP), None, "top level: missing 'themes'"),
    ("theme a list", _edit("themes.0", []), None, "themes[0]: expected an object"),
    ("label null", _edit("themes.0.label", None), None, "themes[0].label: unexpected value"),
    ("no scale", _edit("themes.0.scale", DROP), None, "themes[0]: missing 'scale'"),
    ("scale point text", _edit("themes.0.scale.0.value", "-2"), None, "scale[0].value"),
    ("no comparison", _edit("themes.0.comparison", DROP), None, "themes[0].comparison: expected"),
    ("agreement unknown", _edit("themes.0.comparison.agreement", "maybe"), None, "agreement"),
    ("no positions", _edit("themes.0.positions", DROP), None, "themes[0]: missing 'positions'"),
    ("position a number", _edit("themes.0.positions.0", 3), None, "positions[0]: expected an"),
    ("coverage unknown", _edit("themes.0.positions.0.coverage", "some"), None, "].coverage"),
    ("point text", _edit("themes.0.positions.0.scale_value", "1"), None, "].scale_value"),
    ("point a flag", _edit("themes.0.positions.0.scale_value", True), None, "].scale_value"),
    ("confidence unknown", _edit("themes.0.positions.0.confidence", "sure"), None, "confidence"),
    ("no document", _edit("themes.0.positions.0.document_id", DROP), None, "].document_id"),
    ("other document", _edit("themes.0.positions.0.document_id", "x"), None, "'x' is not among"),
    ("quotes a string", _edit("themes.0.positions.0.quotes", "…"), None, "].quotes: expected"),
    ("no anchor", _edit("themes.0.positions.0.quotes.0.anchor", DROP), None, "].anchor: expected"),
    ("start text", _edit("themes.0.positions.0.quotes.0.anchor.start", "9"), None, "anchor.start"),
    ("no quote text", _edit("themes.0.positions.0.quotes.0.text", DROP), None, "missing 'text'"),
]


@pytest.mark.parametrize(
    ("change", "text", "message"),
    [case[1:] for case in MALFORMED],
    ids=[case[0] for case in MALFORMED],
)
def test_from_json_says_where_a_malformed_file_is_wrong(change, text, message):
    if text is None:
        data = json.loads(export.to_json(export.build(CORPUS, compare.select(CORPUS))))
        change(data)
        text = json.dumps(data)
    with pytest.raises(ValueError, match=re.escape(message)):
        export.from_json(text)


def test_markdown_has_a_table_per_theme_and_cited_block_quotes():
    selection = compare.select(CORPUS, ["sanctions", "double-freeze"])
    text = export.to_markdown(export.build(CORPUS, selection))
    assert text.startswith("# China and North Korea under Xi Jinping: an Indian")
    assert re.findall(r"^## (.+)$", text, re.MULTILINE) == [
        "Sanctions",
        "The “double freeze”",
        "Sources",
    ]
    header_rows = re.findall(r"^\| \| .+ \|$", text, re.MULTILINE)
    assert header_rows == ["| | **Gunjan Singh (India)** | **Konstantin Asmolov (Russia)** |"] * 2
    assert "| Coverage | absent | explicit |" in text
    quote_count = sum(
        len(CORPUS.find_position(theme, doc.id).quotes)
        for theme in selection.theme_ids
        for doc in CORPUS.documents
    )
    assert len(re.findall(r"^> — ", text, re.MULTILINE)) == quote_count
    first = CORPUS.find_position("sanctions", "singh-2018").quotes[0]
    assert "> — Gunjan Singh, *China-North Korea Relations under Xi Jinping*, ICS blog " in text
    assert f"characters {first.anchor.start}–{first.anchor.end} of texts/singh-2018.txt" in text
    assert "*No passage of this text addresses the theme.*" in text


def test_markdown_escapes_corpus_text():
    text = export.to_markdown(export.build(CORPORA["hostile"], compare.select(CORPORA["hostile"])))
    assert re.search(r"(?<!\\)[<\[\]]", text.replace("<https://", "")) is None, "< [ ] escaped"
    assert "\\<script>alert(1)\\</script>" in text


def read_csv(data: bytes) -> list[dict[str, str]]:
    assert data.startswith(b"\xef\xbb\xbf"), "a byte-order mark, so spreadsheets read UTF-8"
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


@pytest.mark.parametrize("name", list(CORPORA))
def test_csv_has_one_row_per_position_and_quote(name):
    corpus = CORPORA[name]
    rows = read_csv(export.render(export.build(corpus, compare.select(corpus)), "csv"))
    expected = sum(max(1, len(position.quotes)) for position in corpus.positions)
    assert len(rows) == expected
    assert list(rows[0]) == list(export.CSV_COLUMNS)
    absent = [row for row in rows if row["coverage"] == "absent"]
    assert absent and all(row["quote"] == "" == row["anchor_start"] for row in absent)


def test_csv_rows_carry_citation_and_anchor():
    rows = read_csv(
        export.render(export.build(CORPUS, compare.select(CORPUS, ["sanctions"])), "csv")
    )
    quote = CORPUS.find_position("sanctions", "asmolov-2019").quotes[1]
    (row,) = [r for r in rows if r["document_id"] == "asmolov-2019" and r["quote_number"] == "2"]
    assert row["quote"] == quote.text
    assert (row["anchor_start"], row["anchor_end"]) == (
        str(quote.anchor.start),
        str(quote.anchor.end),
    )
    assert row["anchor_exact"] == quote.anchor.exact
    assert row["author"] == "Konstantin Asmolov" and row["published"] == "2019-06"
    assert row["corpus_version"] == CORPUS.meta.version


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("plain text", "plain text"),
        (12, 12),
    ],
)
def test_csv_cells_cannot_run_as_formulas(value, written):
    assert export._spreadsheet_safe(value) == written


THEMES = [theme.id for theme in CORPUS.themes]


@pytest.mark.parametrize(
    ("themes", "documents", "format", "name"),
    [
        (None, None, "csv", "perspectives-all-themes.csv"),
        (
            ["sanctions", "double-freeze"],
            None,
            "markdown",
            "perspectives-sanctions-double-freeze.md",
        ),
        (
            ["double-freeze"],
            ["asmolov-2019"],
            "json",
            "perspectives-double-freeze-only-asmolov-2019.json",
        ),
        (THEMES[:-1], None, "markdown", f"perspectives-{len(THEMES) - 1}-themes.md"),
    ],
)
def test_file_names_say_what_they_hold(themes, documents, format, name):
    assert export.filename(CORPUS, compare.select(CORPUS, themes, documents), format) == name


def test_an_unknown_format_is_refused():
    with pytest.raises(ValueError, match="unknown export format"):
        export.render(export.build(CORPUS, compare.select(CORPUS)), "pdf")
