"""Take a comparison out of the app: Markdown for a report, CSV for a spreadsheet, JSON for code,
and the standard forms other tools read: W3C Web Annotations, CSL-JSON and a REFI-QDA project.

`build` derives the structured comparison (themes × perspectives, with every quote and its anchor
in the source text) for a selection; `render` writes it in one format. The JSON form holds every
field of it, named as the model names them.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, fields
from typing import Any, Literal, NamedTuple

from perspectives import csl, qdpx, webannotations
from perspectives.compare import Selection, compare, describe, scale_point
from perspectives.dates import PartialDate
from perspectives.model import (
    Comparison,
    Corpus,
    CorpusMeta,
    Note,
    Position,
    Quote,
    Source,
    Theme,
)

Format = Literal["markdown", "csv", "json", "w3c", "csl-json", "qdpx"]


class FileFormat(NamedTuple):
    label: str  # how a person names it
    extension: str
    media_type: str


#: Every export format: the CLI and the dashboard offer each one listed here.
FORMATS: dict[Format, FileFormat] = {
    "markdown": FileFormat("Markdown", "md", "text/markdown"),
    "csv": FileFormat("CSV", "csv", "text/csv"),
    "json": FileFormat("JSON", "json", "application/json"),
    "w3c": FileFormat("W3C Web Annotations", "jsonld", "application/ld+json"),
    "csl-json": FileFormat(
        "CSL-JSON (sources)", "csl.json", "application/vnd.citationstyles.csl+json"
    ),
    "qdpx": FileFormat("REFI-QDA project", "qdpx", "application/zip"),
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
    notes: tuple[Note, ...] = ()  # the curators' notes on the sources and themes exported

    def source(self, document_id: str) -> Source:
        return next(source for source in self.sources if source.id == document_id)

    def note(self, document_id: str, theme_id: str) -> str:
        """The note on a text ("" theme), a theme ("" text) or a theme in a text; "" for none."""
        return next(
            (n.note for n in self.notes if (n.document_id, n.theme_id) == (document_id, theme_id)),
            "",
        )


def build(corpus: Corpus, selection: Selection) -> Export:
    """The structured comparison of the selected themes and perspectives."""
    documents, themes = {"", *selection.document_ids}, {"", *selection.theme_ids}
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
        notes=tuple(n for n in corpus.notes if n.document_id in documents and n.theme_id in themes),
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
    return f"{name}.{FORMATS[format].extension}"


def render(export: Export, format: Format) -> bytes:
    """The export as file content: UTF-8, with a byte-order mark for CSV (spreadsheets need it)."""
    if format == "markdown":
        return to_markdown(export).encode("utf-8")
    if format == "csv":
        return to_csv(export).encode("utf-8-sig")
    if format == "json":
        return to_json(export).encode("utf-8")
    if format == "w3c":
        return webannotations.to_w3c(export).encode("utf-8")
    if format == "csl-json":
        return csl.to_csl_json(export.sources).encode("utf-8")
    if format == "qdpx":
        raise ValueError("a REFI-QDA project holds the texts: make it with selection_file")
    raise ValueError(f"unknown export format {format!r}; one of {', '.join(FORMATS)}")


def selection_file(corpus: Corpus, selection: Selection, format: Format) -> bytes:
    """The file of one selection in one format: what a download or `export -o` writes. A
    REFI-QDA project holds the texts and readings, which the comparison alone does not."""
    if format == "qdpx":
        return qdpx.archive(corpus, selection)
    return render(build(corpus, selection), format)


# -- Markdown ----------------------------------------------------------------------------------


# A .md file is read by CommonMark and GitHub-flavoured Markdown, not by Streamlit: only what they
# would take for markup is escaped, so that the raw file reads as plainly as the rendered one
# (`Seoul's`, `0.1.0` and addresses stay as written). Anywhere in a line: code, emphasis, links,
# raw HTML, table cells, strikethrough, math, and an entity such as &amp;.
_MD_ANYWHERE = re.compile(r"[\\`*\[\]<|~$]|&(?=#?\w+;)")
# `_` opens emphasis only at the edge of a word (snake_case is left alone).
_MD_UNDERSCORE = re.compile(r"(?<![^\W_])_|_(?![^\W_])")
# At the start of a line: a heading, block quote, list item, setext underline or thematic break
# ("#x", "-1" and "1.1.0" are none of these).
_MD_LINE_START = re.compile(
    r"^(?:#{1,6}(?= |$)|>|[-+](?= |$)|[0-9]{1,9}(?=[.)](?: |$))|[-=](?=[-= ]*$))"
)
# A heading's closing run of #, which Markdown drops.
_MD_CLOSING_HASHES = re.compile(r"(?<= )#(?=#*$)")


def _md(text: str, line_start: bool = False) -> str:
    """Corpus text on one line of a .md file, shown as written: line breaks (which would end a
    table row or a heading) become spaces, and only what Markdown would misread is escaped;
    `line_start` when the text begins a line (or a block quote's or list item's line)."""
    line = " ".join(text.split())
    line = _MD_ANYWHERE.sub(lambda match: "\\" + match.group(), line)
    line = _MD_UNDERSCORE.sub(r"\\_", line)
    line = _MD_CLOSING_HASHES.sub(r"\\#", line)
    start = _MD_LINE_START.match(line) if line_start else None
    if start is None:
        return line
    if start.group().isdigit():  # "1." starts an ordered list: escape its full stop
        return line[: start.end()] + "\\" + line[start.end() :]
    return "\\" + line


def _md_link(url: str) -> str:
    """A clickable address: an autolink, in which no escape is read and none is needed."""
    return "<" + url.replace("<", "%3C").replace(">", "%3E") + ">"


def _md_quote(text: str) -> str:
    """A block quote of corpus text, its paragraphs kept, each line escaped."""
    lines = [_md(line, line_start=True) for line in text.strip().splitlines() if line.strip()]
    return "\n>\n".join(f"> {line}" for line in lines)


def _who(source: Source) -> str:
    return _md(source.perspective)


def _quote_citation(source: Source, quote: Quote) -> str:
    parts = [
        _md(source.author),
        f"*{_md(source.title)}*",
        _md(source.outlet),
        _md(source.published.display()),
    ]
    if source.url:
        parts.append(_md_link(source.url))
    where = f"characters {quote.anchor.start}–{quote.anchor.end} of {_md(source.text_file)}"
    return "— " + ", ".join(parts) + f" ({where})"


def _md_translation(quote: Quote) -> list[str]:
    """A quote's translation, as a paragraph under its block quote naming who made it."""
    lines = [_md(line) for line in quote.translation.splitlines() if line.strip()]
    if not lines:
        return []
    return ["", f"*Translation by {_md(quote.translated_by)}:* " + "  \n".join(lines)]


def _theme_markdown(export: Export, item: ThemeExport) -> list[str]:
    theme = item.theme
    sources = [export.source(position.document_id) for position in item.positions]
    lines = [
        f"## {_md(theme.label)}",
        "",
        f"{_md(theme.description, line_start=True)}  ",
        f"**Question:** {_md(theme.question)}  ",
        f"**Agreement:** {_md(item.comparison.agreement)}",
        "",
        _md(item.comparison.synthesis, line_start=True),
        "",
        "| | " + " | ".join(f"**{_who(source)}**" for source in sources) + " |",
        "| --- |" + " --- |" * len(sources),
    ]
    rows: dict[str, list[str]] = {
        "Coverage": [p.coverage for p in item.positions],
        "Stance": [p.stance for p in item.positions],
        **({"Scale point": [scale_point(theme, p) for p in item.positions]} if theme.scale else {}),
        "Summary": [p.summary for p in item.positions],
        "Why this label": [p.rationale for p in item.positions],
        "Quotes": [str(len(p.quotes)) for p in item.positions],
    }
    lines += [f"| {name} | " + " | ".join(map(_md, cells)) + " |" for name, cells in rows.items()]
    for source, position in zip(sources, item.positions, strict=True):
        lines += ["", f"### Evidence: {_who(source)}", ""]
        if not position.quotes:
            lines.append("*No passage of this text addresses the theme.*")
        for number, quote in enumerate(position.quotes):
            if number:
                lines.append("")
            lines += [_md_quote(quote.text), ">", "> " + _quote_citation(source, quote)]
            lines += _md_translation(quote)
    return lines


def to_markdown(export: Export) -> str:
    """A report section: a table per theme, quotes as block quotes with their citation."""
    meta = export.meta
    provenance = [f"Corpus version {_md(meta.version)}"]
    if meta.curators:
        provenance.append("curated by " + _md(", ".join(meta.curators)))
    if meta.license:
        provenance.append("licence: " + _md(meta.license))
    lines = [f"# {_md(meta.title)}", ""]
    if meta.description:
        lines += [_md(meta.description, line_start=True), ""]
    lines += [" · ".join(provenance) + "  ", _md(export.scope, line_start=True), ""]
    for item in export.themes:
        lines += [*_theme_markdown(export, item), ""]
    lines += ["## Sources", ""]
    lines += [f"- {_md(source.citation, line_start=True)}" for source in export.sources]
    return "\n".join(lines) + "\n"


# -- CSV ---------------------------------------------------------------------------------------

#: CSV columns, one row per position × quote (a position without quotes has one row, no quote).
CSV_COLUMNS = (
    "theme_id",
    "theme",
    "question",
    "agreement",
    "synthesis",
    "theme_note",
    "document_id",
    "author",
    "country",
    "document_note",
    "coverage",
    "stance",
    "scale_value",
    "scale_label",
    "confidence",
    "summary",
    "rationale",
    "position_note",
    "quote_number",
    "quote",
    "translation",
    "translator",
    "quote_note",
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
                "theme_note": export.note("", item.theme.id),
                "document_id": source.id,
                "author": source.author,
                "country": source.country,
                "document_note": export.note(source.id, ""),
                "coverage": position.coverage,
                "stance": position.stance,
                "scale_value": "" if position.scale_value is None else position.scale_value,
                "scale_label": item.theme.scale_label(position.scale_value)
                if position.scale_value is not None
                else "",
                "confidence": position.confidence,
                "summary": position.summary,
                "rationale": position.rationale,
                "position_note": export.note(source.id, item.theme.id),
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
                        "translation": quote.translation,
                        "translator": quote.translator,
                        "quote_note": quote.note,
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
        # Every source exported is an original: a translation is no perspective of its own.
        "sources": [_plain(source, "translation_of") for source in export.sources],
        "notes": [_plain(note) for note in export.notes],
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
