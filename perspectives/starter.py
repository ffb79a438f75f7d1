"""A small valid corpus to start from: `python -m perspectives init DIR`.

The tables are written from the schema declarations (one column per declared field, in declared
order), so a column added to the schema appears here too; the example rows fill what they know.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
from pathlib import Path

from perspectives import files
from perspectives.metadata import METADATA_KEYS
from perspectives.schema import (
    COMPARISONS,
    DOCUMENTS,
    EXCLUDED_SPANS,
    METADATA_FILE,
    POSITIONS,
    QUOTES,
    RESOURCES,
    THEMES,
)


class StarterRefused(Exception):
    """The starter corpus cannot be written there; nothing was written."""


class NotEmptyError(StarterRefused):
    """The target folder already holds something; init never overwrites."""


TEXTS = {
    "texts/example-2024.txt": (
        "Why Lisbon needs protected bike lanes\n"
        "\n"
        "By Ana Example, city columnist\n"
        "\n"
        "Painted lines do not protect anyone. A cyclist on a painted lane shares the road with "
        "buses and delivery vans, and most parents will not let a child ride there. The city "
        "should build lanes separated from traffic by a kerb, street by street, starting with "
        "the routes to schools. Protected lanes cost more at first, but they fill up in the "
        "first week.\n"
    ),
    "texts/voorbeeld-2024.txt": (
        "Lanes or subsidies? What the Dutch experience says\n"
        "\n"
        "By Bram Voorbeeld, transport researcher\n"
        "\n"
        "Separated lanes are the backbone of cycling in Dutch cities, and no city should treat "
        "them as optional. Still, a network of lanes takes decades to build, while a purchase "
        "subsidy changes habits within a year. A modest subsidy for electric bikes brought older "
        "commuters back to cycling in our region. Subsidies should depend on income, so that the "
        "money does not go to people who would have bought a bike anyway.\n"
    ),
}

ROWS: dict[str, list[dict[str, str]]] = {
    DOCUMENTS.file: [
        {
            "id": "example-2024",
            "author": "Ana Example",
            "role": "City columnist",
            "affiliation": "Example Daily",
            "country": "Portugal",
            "title": "Why Lisbon needs protected bike lanes",
            "outlet": "Example Daily",
            "published": "2024-03",
            "url": "https://example.org/lisbon-bike-lanes",
            "citation": "Example, Ana. “Why Lisbon needs protected bike lanes.” Example Daily, "
            "March 2024.",
            "text_file": "texts/example-2024.txt",
        },
        {
            "id": "voorbeeld-2024",
            "author": "Bram Voorbeeld",
            "role": "Transport researcher",
            "affiliation": "Example Institute for Mobility",
            "country": "Netherlands",
            "title": "Lanes or subsidies? What the Dutch experience says",
            "outlet": "Example Review",
            "published": "2024-05-14",
            "url": "",
            "citation": "Voorbeeld, Bram. “Lanes or subsidies? What the Dutch experience says.” "
            "Example Review, 14 May 2024.",
            "text_file": "texts/voorbeeld-2024.txt",
        },
    ],
    EXCLUDED_SPANS.file: [
        {
            "document_id": document_id,
            "kind": kind,
            "starts_with": starts_with,
            "ends_with": ends_with,
            "note": note,
        }
        for document_id, kind, starts_with, ends_with, note in [
            ("example-2024", "headline", "Why Lisbon", "bike lanes", "Title line."),
            ("example-2024", "byline", "By Ana Example", "city columnist", "Byline."),
            ("voorbeeld-2024", "headline", "Lanes or subsidies?", "experience says", "Title."),
            ("voorbeeld-2024", "byline", "By Bram Voorbeeld", "transport researcher", "Byline."),
        ]
    ],
    THEMES.file: [
        {
            "id": "protected-lanes",
            "label": "Protected bike lanes",
            "description": "Lanes separated from motor traffic by a kerb or a barrier.",
            "question": "Should cities build bike lanes separated from traffic?",
        },
        {
            "id": "e-bike-subsidies",
            "label": "E-bike subsidies",
            "description": "Public money toward the price of an electric bike.",
            "question": "Should the public pay part of the price of an electric bike?",
        },
    ],
    POSITIONS.file: [
        {
            "theme_id": "protected-lanes",
            "document_id": "example-2024",
            "coverage": "explicit",
            "stance": "Build them now, starting near schools",
            "summary": "Example argues that painted lanes give no protection and asks the city "
            "to build kerb-separated lanes, beginning with the routes to schools.",
            "rationale": "She calls for separated lanes in so many words.",
        },
        {
            "theme_id": "protected-lanes",
            "document_id": "voorbeeld-2024",
            "coverage": "explicit",
            "stance": "Essential, but slow to build",
            "summary": "Voorbeeld calls separated lanes the backbone of Dutch cycling but notes "
            "that a network takes decades.",
            "rationale": "He endorses the lanes and weighs them against their slowness.",
        },
        {
            "theme_id": "e-bike-subsidies",
            "document_id": "example-2024",
            "coverage": "absent",
            "stance": "Not addressed",
            "summary": "The column does not discuss subsidies.",
            "rationale": "No passage mentions public money for bikes.",
        },
        {
            "theme_id": "e-bike-subsidies",
            "document_id": "voorbeeld-2024",
            "coverage": "explicit",
            "stance": "Subsidise e-bikes, depending on income",
            "summary": "Voorbeeld credits a modest e-bike subsidy with bringing older commuters "
            "back to cycling and wants it tied to income.",
            "rationale": "He recommends the subsidy and says how to target it.",
        },
    ],
    QUOTES.file: [
        {"theme_id": theme_id, "document_id": document_id, "quote": quote}
        for theme_id, document_id, quote in [
            ("protected-lanes", "example-2024", "Painted lines do not protect anyone."),
            (
                "protected-lanes",
                "example-2024",
                "The city should build lanes separated from traffic by a kerb",
            ),
            (
                "protected-lanes",
                "voorbeeld-2024",
                "Separated lanes are the backbone of cycling in Dutch cities",
            ),
            (
                "protected-lanes",
                "voorbeeld-2024",
                "a network of lanes takes decades to build",
            ),
            (
                "e-bike-subsidies",
                "voorbeeld-2024",
                "A modest subsidy for electric bikes brought older commuters back to cycling",
            ),
            ("e-bike-subsidies", "voorbeeld-2024", "Subsidies should depend on income"),
        ]
    ],
    COMPARISONS.file: [
        {
            "theme_id": "protected-lanes",
            "agreement": "partly",
            "synthesis": "Both want separated lanes; Example wants them built now for safety, "
            "while Voorbeeld warns that a network takes decades.",
        },
        {
            "theme_id": "e-bike-subsidies",
            "agreement": "one-sided",
            "synthesis": "Only Voorbeeld discusses subsidies; Example's column is about lanes.",
        },
    ],
}

META: dict[str, str | list[str]] = {
    "title": "Starter corpus: cycling in two cities (replace with your own)",
    "version": "0.1.0",
    "description": "Two short example texts, compared on two themes.",
    "curators": ["Your Name"],
    "license": "CC BY 4.0",
}


def _toml_value(value: str | list[str]) -> str:
    # A JSON string or list of strings is also a valid TOML basic string or array.
    return json.dumps(value, ensure_ascii=False)


def metadata_toml(created: dt.date) -> str:
    """corpus.toml with every declared key, each preceded by its description as a comment."""
    values = {**META, "created": created.isoformat()}
    lines = ["[corpus]"]
    for key in METADATA_KEYS:
        if key.name in values:
            lines.append(f"# {key.description}" + ("" if key.required else " (optional)"))
            lines.append(f"{key.name} = {_toml_value(values[key.name])}")
    return "\n".join(lines) + "\n"


def table_csv(columns: tuple[str, ...], rows: list[dict[str, str]]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, restval="", lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def starter_files(created: dt.date) -> dict[str, str]:
    """Relative path → content of every file of the starter corpus."""
    files = {METADATA_FILE: metadata_toml(created)}
    for resource in RESOURCES:
        rows = ROWS.get(resource.file, [])
        if resource.required or rows:
            files[resource.file] = table_csv(resource.columns, rows)
    return files | TEXTS


def write_starter(target: Path, created: dt.date | None = None) -> list[str]:
    """Write the starter corpus into a new or empty folder; return the files written. Refused
    (StarterRefused) before anything is written, or undone when a write fails half-way."""
    if target.is_symlink() and not target.exists():
        raise StarterRefused(
            f"{target} is a link to {os.readlink(target)}, which does not exist; "
            "init writes only into a new or empty folder: choose another name"
        )
    try:
        occupied = target.exists() and (not target.is_dir() or any(target.iterdir()))
    except OSError as error:
        raise StarterRefused(f"cannot look into {target}: {files.reason(error)}") from None
    if occupied:
        raise NotEmptyError(
            f"{target} already exists and is not an empty folder; "
            "init never overwrites: choose a new folder name"
        )
    contents = starter_files(created or dt.date.today())
    made: list[Path] = []  # folders and files this call created, to undo on failure
    try:
        for relative, content in contents.items():
            path = target / relative
            missing = [
                folder for folder in (path.parent, *path.parent.parents) if not folder.exists()
            ]
            for folder in reversed(missing):
                folder.mkdir()
                made.append(folder)
            path.write_text(content, encoding="utf-8")
            made.append(path)
    except OSError as error:
        for path in reversed(made):
            if path.is_dir():
                path.rmdir()
            else:
                path.unlink()
        raise StarterRefused(
            f"cannot write the starter corpus to {target}: {files.reason(error)}; "
            "choose a folder you may write to"
        ) from None
    return list(contents)
