"""The keys corpus.toml may hold, declared once: its `[corpus]` table and each reader's.

The loader checks them, `init` writes them and the format guide lists them from here; the file
itself is named in `perspectives.schema`, with the tables.
"""

from __future__ import annotations

from typing import Literal, NamedTuple

#: What a key of corpus.toml holds: a quoted text, a list of quoted names, or a date (quoted as
#: a partial date, or a TOML date).
MetadataKind = Literal["text", "names", "date"]


class MetadataKey(NamedTuple):
    name: str
    required: bool
    description: str  # also the comment above the key in the starter corpus
    example: str  # the value as written in TOML
    kind: MetadataKind = "text"


#: Keys of the `[corpus]` table in corpus.toml.
METADATA_KEYS: tuple[MetadataKey, ...] = (
    MetadataKey(
        "title", True, "Name of the corpus, shown on every page.", '"Night trains in Europe"'
    ),
    MetadataKey(
        "version",
        True,
        "Version of your tables; raise it whenever they change, so an export says which version "
        "it came from.",
        '"1.0.0"',
    ),
    MetadataKey(
        "description",
        False,
        "One or two sentences on what the corpus compares.",
        '"Three columns on night trains."',
    ),
    MetadataKey(
        "curators",
        False,
        "Who curated the tables: a list of names.",
        '["A. Curator", "B. Curator"]',
        "names",
    ),
    MetadataKey(
        "license",
        False,
        "Licence of your curated tables (the texts stay their authors').",
        '"CC BY 4.0"',
    ),
    MetadataKey(
        "created", False, "Date of this version, as a year, month or day.", '"2026-11-25"', "date"
    ),
)


#: Readers of independent readings, each a `[readers.<reader-id>]` table in corpus.toml whose
#: reading is the file `readings/<reader-id>.csv`.
READERS_TABLE = "readers"
READER_KEYS: tuple[MetadataKey, ...] = (
    MetadataKey("name", True, "Who made the reading: a person, or a team.", '"Reader B"'),
    MetadataKey(
        "method",
        True,
        "How the reading was made: what the reader worked from, what they did not see, and when.",
        '"Read both texts with themes.csv and scales.csv only, without sight of positions.csv."',
    ),
)
