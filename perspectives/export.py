"""Take a comparison out of the app: Markdown for a report, CSV for a spreadsheet, JSON for code.

`build` derives the structured comparison (themes × perspectives, with every quote and its anchor
in the source text) for a selection; `render` writes it in one format. The JSON form round-trips:
`from_json(to_json(build(corpus, selection))) == build(corpus, selection)`.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, fields
from typing import Any, Literal

from perspectives.anchor import Anchor
from perspectives.compare import Selection, compare, describe, scale_point
from perspectives.dates import PartialDate, parse_partial_date
from perspectives.markup import blockquote, escape_markdown
from perspectives.model import (
    Comparison,
    Corpus,
    CorpusMeta,
    Position,
    Quote,
    ScalePoint,
    Source,
    Theme,
)

Format = Literal["markdown", "csv", "json"]

#: Every export format, with its file extension and media type.
FORMATS: dict[Format, tuple[str, str]] = {
    "markdown": ("md", "text/markdown"),
    "csv": ("csv", "text/csv"),
    "json": ("json", "application/json"),
}

JSON_FORMAT = "perspectives-comparison"
JSON_VERSION = 1

#: Longest theme part of a file name before it is replaced by a count of themes.
_MAX_NAME_PART = 80


@dataclass(frozen=True)
class ThemeExport:
    theme: Theme
    comparison: Comparison
    positions: tuple[Position, ...]  # one per source, in the order of Export.sources


@dataclass(frozen=True)
class Export:
    """The comparison for one selection, with the provenance a reader needs to cite it."""

    meta: CorpusMeta
    scope: str  # the selection in words: "Showing 2 of 7 themes (…) across all 2 perspectives."
    sources: tuple[Source, ...]
    themes: tuple[ThemeExport, ...]

    def source(self, document_id: str) -> Source:
        return next(source for source in self.sources if source.id == document_id)


def build(corpus: Corpus, selection: Selection) -> Export:
    """The structured comparison of the selected themes and perspectives."""
    return Export(
        meta=corpus.meta,
        scope=describe(corpus, selection),
        sources=tuple(corpus.document(doc_id).source for doc_id in selection.document_ids),
        themes=tuple(
            ThemeExport(
                theme=item.theme,
                comparison=item.comparison,
                positions=tuple(position for _, position in item.columns),
            )
            for item in compare(corpus, selection)
        ),
    )


def filename(corpus: Corpus, selection: Selection, format: Format) -> str:
    """A name that says what the file holds: perspectives-sanctions-double-freeze.md."""
    if len(selection.theme_ids) == len(corpus.themes):
        themes = "all-themes"
    else:
        themes = "-".join(selection.theme_ids)
        if len(themes) > _MAX_NAME_PART:
            themes = f"{len(selection.theme_ids)}-themes"
    name = f"perspectives-{themes}"
    if len(selection.document_ids) < len(corpus.documents):
        name += "-only-" + "-".join(selection.document_ids)
    return f"{name}.{FORMATS[format][0]}"


def render(export: Export, format: Format) -> bytes:
    """The export as file content: UTF-8, with a byte-order mark for CSV (spreadsheets need it)."""
    if format == "markdown":
        return to_markdown(export).encode("utf-8")
    if format == "csv":
        return to_csv(export).encode("utf-8-sig")
    if format == "json":
        return to_json(export).encode("utf-8")
    raise ValueError(f"unknown export format {format!r}; one of {', '.join(FORMATS)}")


# -- Markdown ----------------------------------------------------------------------------------


def _cell(text: str) -> str:
    """Escaped text on one line, fit for a Markdown table cell."""
    return escape_markdown(" ".join(text.split()))


def _who(source: Source) -> str:
    return f"{escape_markdown(source.author)} \\({escape_markdown(source.country)}\\)"


def _quote_citation(source: Source, quote: Quote) -> str:
    parts = [
        escape_markdown(source.author),
        f"*{escape_markdown(source.title)}*",
        escape_markdown(source.outlet),
        escape_markdown(source.published.display()),
    ]
    if source.url:
        parts.append(escape_markdown(source.url))
    where = (
        f"characters {quote.anchor.start}–{quote.anchor.end} of {escape_markdown(source.text_file)}"
    )
    return "— " + ", ".join(parts) + f" \\({where}\\)"


def _theme_markdown(export: Export, item: ThemeExport) -> list[str]:
    theme = item.theme
    sources = [export.source(position.document_id) for position in item.positions]
    lines = [
        f"## {escape_markdown(theme.label)}",
        "",
        f"{_cell(theme.description)}  ",
        f"**Question:** {_cell(theme.question)}  ",
        f"**Agreement:** {escape_markdown(item.comparison.agreement)}",
        "",
        _cell(item.comparison.synthesis),
        "",
        "| | " + " | ".join(f"**{_who(source)}**" for source in sources) + " |",
        "| --- |" + " --- |" * len(sources),
    ]
    rows = {
        "Coverage": [p.coverage for p in item.positions],
        "Stance": [p.stance for p in item.positions],
        **({"Scale point": [scale_point(theme, p) for p in item.positions]} if theme.scale else {}),
        "Summary": [p.summary for p in item.positions],
        "Why this label": [p.rationale for p in item.positions],
        "Quotes": [str(len(p.quotes)) for p in item.positions],
    }
    lines += [f"| {name} | " + " | ".join(map(_cell, cells)) + " |" for name, cells in rows.items()]
    for source, position in zip(sources, item.positions, strict=True):
        lines += ["", f"### Evidence: {_who(source)}", ""]
        if not position.quotes:
            lines.append("*No passage of this text addresses the theme.*")
        for number, quote in enumerate(position.quotes):
            if number:
                lines.append("")
            lines += [blockquote(quote.text), ">", "> " + _quote_citation(source, quote)]
    return lines


def to_markdown(export: Export) -> str:
    """A report section: a table per theme, quotes as block quotes with their citation."""
    meta = export.meta
    provenance = [f"Corpus version {escape_markdown(meta.version)}"]
    if meta.curators:
        provenance.append("curated by " + escape_markdown(", ".join(meta.curators)))
    if meta.license:
        provenance.append("licence: " + escape_markdown(meta.license))
    lines = [f"# {escape_markdown(meta.title)}", ""]
    if meta.description:
        lines += [_cell(meta.description), ""]
    lines += [" · ".join(provenance) + "  ", escape_markdown(export.scope), ""]
    for item in export.themes:
        lines += [*_theme_markdown(export, item), ""]
    lines += ["## Sources", ""]
    lines += [f"- {_cell(source.citation)}" for source in export.sources]
    return "\n".join(lines) + "\n"


# -- CSV ---------------------------------------------------------------------------------------

#: CSV columns, one row per position × quote (a position without quotes has one row, no quote).
CSV_COLUMNS = (
    "theme_id",
    "theme",
    "question",
    "agreement",
    "synthesis",
    "document_id",
    "author",
    "country",
    "coverage",
    "stance",
    "scale_value",
    "scale_label",
    "confidence",
    "summary",
    "rationale",
    "quote_number",
    "quote",
    "title",
    "outlet",
    "published",
    "url",
    "citation",
    "text_file",
    "anchor_start",
    "anchor_end",
    "anchor_exact",
    "anchor_prefix",
    "anchor_suffix",
    "corpus",
    "corpus_version",
    "curators",
    "license",
)

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _spreadsheet_safe(value: Any) -> Any:
    """Keep a spreadsheet from running a cell as a formula: prefix such text with a quote mark."""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def csv_rows(export: Export) -> list[dict[str, Any]]:
    """The comparison flattened for a spreadsheet: one row per position × quote."""
    meta = export.meta
    rows = []
    for item in export.themes:
        for position in item.positions:
            source = export.source(position.document_id)
            base = {
                "theme_id": item.theme.id,
                "theme": item.theme.label,
                "question": item.theme.question,
                "agreement": item.comparison.agreement,
                "synthesis": item.comparison.synthesis,
                "document_id": source.id,
                "author": source.author,
                "country": source.country,
                "coverage": position.coverage,
                "stance": position.stance,
                "scale_value": "" if position.scale_value is None else position.scale_value,
                "scale_label": item.theme.scale_label(position.scale_value)
                if position.scale_value is not None
                else "",
                "confidence": position.confidence,
                "summary": position.summary,
                "rationale": position.rationale,
                "title": source.title,
                "outlet": source.outlet,
                "published": source.published.isoformat(),
                "url": source.url,
                "citation": source.citation,
                "text_file": source.text_file,
                "corpus": meta.title,
                "corpus_version": meta.version,
                "curators": "; ".join(meta.curators),
                "license": meta.license,
            }
            if not position.quotes:
                rows.append(base)
            for number, quote in enumerate(position.quotes, start=1):
                rows.append(
                    base
                    | {
                        "quote_number": number,
                        "quote": quote.text,
                        "anchor_start": quote.anchor.start,
                        "anchor_end": quote.anchor.end,
                        "anchor_exact": quote.anchor.exact,
                        "anchor_prefix": quote.anchor.prefix,
                        "anchor_suffix": quote.anchor.suffix,
                    }
                )
    return rows


def to_csv(export: Export) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, restval="")
    writer.writeheader()
    for row in csv_rows(export):
        writer.writerow({name: _spreadsheet_safe(value) for name, value in row.items()})
    return buffer.getvalue()


# -- JSON --------------------------------------------------------------------------------------


def _plain(obj: Any, *leave_out: str) -> dict[str, Any]:
    """A dataclass's fields as a dict (one level), dates as ISO strings."""
    values = {f.name: getattr(obj, f.name) for f in fields(obj) if f.name not in leave_out}
    return {
        name: value.isoformat() if isinstance(value, PartialDate) else value
        for name, value in values.items()
    }


def _position_json(position: Position) -> dict[str, Any]:
    return _plain(position, "theme_id", "quotes") | {
        "quotes": [
            _plain(quote, "theme_id", "document_id", "anchor") | {"anchor": _plain(quote.anchor)}
            for quote in position.quotes
        ]
    }


def to_json(export: Export) -> str:
    """JSON with the corpus metadata, the sources, and per theme every position and quote."""
    meta = _plain(export.meta) | {"curators": list(export.meta.curators)}
    document = {
        "format": JSON_FORMAT,
        "format_version": JSON_VERSION,
        "corpus": meta,
        "scope": export.scope,
        "sources": [_plain(source) for source in export.sources],
        "themes": [
            _plain(item.theme, "scale")
            | {
                "scale": [_plain(point) for point in item.theme.scale],
                "comparison": _plain(item.comparison, "theme_id"),
                "positions": [_position_json(position) for position in item.positions],
            }
            for item in export.themes
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _position_from_json(theme_id: str, data: dict[str, Any]) -> Position:
    quotes = tuple(
        Quote(
            theme_id=theme_id,
            document_id=data["document_id"],
            anchor=Anchor(**quote.pop("anchor")),
            **quote,
        )
        for quote in data.pop("quotes")
    )
    return Position(theme_id=theme_id, quotes=quotes, **data)


def from_json(text: str) -> Export:
    """Read back what `to_json` wrote; ValueError if it is not such a file."""
    data = json.loads(text)
    if not isinstance(data, dict) or data.get("format") != JSON_FORMAT:
        raise ValueError(f"not a {JSON_FORMAT} export")
    if data.get("format_version") != JSON_VERSION:
        raise ValueError(f"unsupported format_version {data.get('format_version')!r}")
    meta = data["corpus"]
    created = meta.pop("created")
    themes = []
    for item in data["themes"]:
        comparison = item.pop("comparison")
        positions = item.pop("positions")
        themes.append(
            ThemeExport(
                theme=Theme(scale=tuple(ScalePoint(**p) for p in item.pop("scale")), **item),
                comparison=Comparison(theme_id=item["id"], **comparison),
                positions=tuple(_position_from_json(item["id"], p) for p in positions),
            )
        )
    return Export(
        meta=CorpusMeta(
            created=parse_partial_date(created) if created else None,
            **(meta | {"curators": tuple(meta["curators"])}),
        ),
        scope=data["scope"],
        sources=tuple(
            Source(**(source | {"published": parse_partial_date(source["published"])}))
            for source in data["sources"]
        ),
        themes=tuple(themes),
    )
