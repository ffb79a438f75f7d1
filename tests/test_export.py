"""Exports of the comparison: JSON for code, Markdown for reports, CSV for spreadsheets."""

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


EXPORTS = [
    (name, selection) for name, corpus in CORPORA.items() for selection in selections(corpus)
]


def _date(value):
    return None if value is None else value.isoformat()


def expected_json(corpus, selection):
    """What the JSON export of a selection holds, written out field by field from the corpus:
    every field of what a reader cites, every position of a selected perspective and every
    quote with its anchor."""
    meta = corpus.meta
    sources = [corpus.document(doc_id).source for doc_id in selection.document_ids]
    return {
        "format": "perspectives-comparison",
        "format_version": 1,
        "corpus": {
            "title": meta.title,
            "version": meta.version,
            "description": meta.description,
            "curators": list(meta.curators),
            "license": meta.license,
            "created": _date(meta.created),
        },
        "scope": compare.describe(corpus, selection),
        "sources": [
            {
                "id": source.id,
                "author": source.author,
                "role": source.role,
                "affiliation": source.affiliation,
                "country": source.country,
                "title": source.title,
                "outlet": source.outlet,
                "published": _date(source.published),
                "url": source.url,
                "citation": source.citation,
                "text_file": source.text_file,
                "label": source.label,
                "language": source.language,
            }
            for source in sources
        ],
        "notes": [
            {"document_id": n.document_id, "theme_id": n.theme_id, "note": n.note}
            for n in corpus.notes
            if n.document_id in {"", *selection.document_ids}
            and n.theme_id in {"", *selection.theme_ids}
        ],
        "themes": [_theme_json(corpus, theme_id, sources) for theme_id in selection.theme_ids],
    }


def _theme_json(corpus, theme_id, sources):
    theme, comparison = corpus.theme(theme_id), corpus.comparison(theme_id)
    positions = [corpus.find_position(theme_id, source.id) for source in sources]
    return {
        "id": theme.id,
        "label": theme.label,
        "description": theme.description,
        "question": theme.question,
        "scale": [{"value": point.value, "label": point.label} for point in theme.scale],
        "comparison": {"agreement": comparison.agreement, "synthesis": comparison.synthesis},
        "positions": [
            {
                "document_id": position.document_id,
                "coverage": position.coverage,
                "stance": position.stance,
                "summary": position.summary,
                "rationale": position.rationale,
                "quotes": [
                    {
                        "text": quote.text,
                        "note": quote.note,
                        "anchor": {
                            "start": quote.anchor.start,
                            "end": quote.anchor.end,
                            "exact": quote.anchor.exact,
                            "prefix": quote.anchor.prefix,
                            "suffix": quote.anchor.suffix,
                        },
                        "translation": quote.translation,
                        "translator": quote.translator,
                    }
                    for quote in position.quotes
                ],
                "scale_value": position.scale_value,
                "confidence": position.confidence,
            }
            for position in positions
            if position is not None
        ],
    }


@pytest.mark.parametrize(
    ("name", "selection"),
    EXPORTS,
    ids=[f"{name}-{'+'.join(s.theme_ids)}" for name, s in EXPORTS],
)
def test_json_holds_the_structured_comparison_field_by_field(name, selection):
    corpus = CORPORA[name]
    assert json.loads(export.to_json(export.build(corpus, selection))) == expected_json(
        corpus, selection
    )


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
