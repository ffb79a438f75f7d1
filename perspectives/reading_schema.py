"""The declared schema of a reader's reading (`readings/<reader-id>.csv`): a table per reader,
kept apart from `schema.RESOURCES`, the tables a corpus has once."""

from __future__ import annotations

from perspectives.columns import Field, Resource, listed
from perspectives.schema import CONFIDENCE, COVERAGE, SCALE_BOUNDS, SCALE_RANGE

READINGS_FOLDER = "readings"
#: What separates two passages in a reading's `evidence` cell.
EVIDENCE_SEPARATOR = " | "

#: One reader's reading: a table per reader, `readings/<reader-id>.csv`, so it stays apart from
#: RESOURCES, the tables a corpus has once.
READINGS = Resource(
    file=f"{READINGS_FOLDER}/<reader-id>.csv",
    description="one file per reader: their own reading of each theme in each text",
    key=("theme_id", "document_id"),
    required=False,
    fields=(
        Field("theme_id", "ref", "The theme.", "border-timetables", references="themes.csv"),
        Field("document_id", "ref", "The text.", "weber-2023", references="documents.csv"),
        Field(
            "coverage",
            "enum",
            "How the author treats the theme, as in `positions.csv`.",
            "explicit",
            choices=COVERAGE,
        ),
        Field(
            "scale_value",
            "int",
            f"The reader's point on the theme's scale: {SCALE_RANGE}. Empty when `absent`, and "
            "on a theme without a scale.",
            "1",
            required=False,
            bounds=SCALE_BOUNDS,
        ),
        Field(
            "confidence",
            "enum",
            f"How sure the reader is of that point: {listed(CONFIDENCE)}. Empty exactly when "
            "`scale_value` is.",
            "medium",
            required=False,
            choices=CONFIDENCE,
        ),
        Field(
            "note",
            "text",
            "A line on why, for whoever adjudicates.",
            "He calls the border the real obstacle.",
            required=False,
        ),
        Field(
            "evidence",
            "text",
            "The passages the reader read the point from, copied verbatim from the text, "
            f"separated by `{EVIDENCE_SEPARATOR.strip()}` with a space each side (optional). "
            "Each must occur in the author's own words, as a quote must; agreement reports how "
            "far they overlap the table's quotes and each other reader's evidence.",
            "the border is the real obstacle | no timetable survives it",
            required=False,
        ),
    ),
)


def evidence_passages(cell: str) -> tuple[str, ...]:
    """The passages of an `evidence` cell, each trimmed, empty ones left out."""
    return tuple(part.strip() for part in cell.split(EVIDENCE_SEPARATOR) if part.strip())


def reading_file(reader_id: str) -> str:
    """Where a reader's reading is, relative to the corpus folder."""
    return f"{READINGS_FOLDER}/{reader_id}.csv"
