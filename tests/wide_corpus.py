"""A small corpus whose texts end lines with CRLF and hold characters outside the Basic
Multilingual Plane (emoji, CJK Extension B): where offsets counted in UTF-16 units, in bytes or
after normalising line endings would go wrong. Readers and a scale are declared, so every
export has something to map."""

from __future__ import annotations

import csv
import io
from pathlib import Path

# Each paragraph holds a quote; the characters before it shift every offset after them.
TEXTS = {
    "kim-2024": "Trains 🚄 at night 𠀀𠀁.\r\nThe border 🇰🇷 costs an hour.\r\n\r\n"
    "Night trains 😀 should run daily 𪜀.\r\n",
    "ito-2024": "𠀂 Opening line.\r\nSleepers 🛏️ are too dear.\r\nThe border costs nothing.\r\n",
}
TABLES = {
    "documents.csv": [
        [
            "id",
            "author",
            "role",
            "affiliation",
            "country",
            "title",
            "outlet",
            "published",
            "url",
            "citation",
            "text_file",
            "label",
        ],
        [
            "kim-2024",
            "Kim Min-jun",
            "Writer",
            "Seoul Rail Forum",
            "South Korea",
            "Night 🚄",
            "Rail Weekly",
            "2024-03",
            "https://example.org/kim",
            "Kim, “Night”, 2024.",
            "texts/kim-2024.txt",
            "",
        ],
        [
            "ito-2024",
            "Ito Hana",
            "Editor",
            "Tetsudo Institute",
            "Japan",
            "Sleepers 𠀂",
            "Tetsudo Journal",
            "2024",
            "",
            "Ito, “Sleepers”, 2024.",
            "texts/ito-2024.txt",
            "Ito",
        ],
    ],
    "excluded_spans.csv": [["document_id", "kind", "starts_with", "ends_with", "occurrence"]],
    "themes.csv": [
        ["id", "label", "description", "question"],
        ["border", "Border", "The cost of crossing a border.", "Does the border cost time?"],
        ["daily-service", "Daily service", "How often trains run.", "Should trains run daily?"],
    ],
    "scales.csv": [
        ["theme_id", "value", "label"],
        *(["border", str(value), f"Point {value} 😀"] for value in range(-2, 3)),
    ],
    "positions.csv": [
        [
            "theme_id",
            "document_id",
            "coverage",
            "stance",
            "summary",
            "rationale",
            "scale_value",
            "confidence",
        ],
        [
            "border",
            "kim-2024",
            "explicit",
            "It costs 𠀀 time",
            "Kim 🇰🇷 counts an hour.",
            "Said outright.",
            "1",
            "high",
        ],
        [
            "border",
            "ito-2024",
            "explicit",
            "It costs nothing",
            "Ito sees no cost.",
            "Said outright.",
            "-1",
            "medium",
        ],
        [
            "daily-service",
            "kim-2024",
            "explicit",
            "Daily",
            "Kim wants daily trains.",
            "Said outright.",
            "",
            "",
        ],
        [
            "daily-service",
            "ito-2024",
            "absent",
            "Not addressed",
            "Ito says nothing of it.",
            "No passage.",
            "",
            "",
        ],
    ],
    "quotes.csv": [
        ["theme_id", "document_id", "quote"],
        ["border", "kim-2024", "The border 🇰🇷 costs an hour."],
        ["border", "ito-2024", "The border costs nothing."],
        ["daily-service", "kim-2024", "Night trains 😀 should run daily 𪜀."],
    ],
    "comparisons.csv": [
        ["theme_id", "agreement", "synthesis"],
        ["border", "diverge", "Kim counts an hour; Ito counts nothing."],
        ["daily-service", "one-sided", "Only Kim addresses it."],
    ],
    "readings/reader-a.csv": [
        ["theme_id", "document_id", "coverage", "scale_value", "confidence", "note"],
        ["border", "kim-2024", "explicit", "1", "high", ""],
        ["border", "ito-2024", "explicit", "0", "low", "Hard to say 😀."],
        ["daily-service", "kim-2024", "explicit", "", "", ""],
        ["daily-service", "ito-2024", "absent", "", "", ""],
    ],
}
METADATA = """[corpus]
title = "Wide characters 🚄 and CRLF"
version = "1.0.0"
curators = ["A. Curator", "B. Curator"]
license = "CC0 1.0"
created = "2024-05"

[readers.reader-a]
name = "Reader A"
method = "Read both texts with the scales only."
date = "2024-05"
protocol = "blind"
# The digest of this module's themes and scales (validate warns if they change).
scales_digest = "sha256:32b3ac739ba7a748cd336bfbfd91bcb7b35526cc4ba787bb313557649b1eaf3c"
"""


def _csv(rows: list[list[str]]) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    return buffer.getvalue().encode("utf-8")


def write(root: Path) -> Path:
    """Write the corpus into `root` (created) and return it."""
    (root / "texts").mkdir(parents=True)
    (root / "readings").mkdir()
    (root / "corpus.toml").write_text(METADATA, encoding="utf-8")
    for name, rows in TABLES.items():
        (root / name).write_bytes(_csv(rows))
    for document_id, text in TEXTS.items():
        (root / "texts" / f"{document_id}.txt").write_bytes(text.encode("utf-8"))
    return root
