"""The keys corpus.toml may hold, declared once: its `[corpus]` table and each reader's.

The loader checks them, `init` writes them and the format guide lists them from here; the file
itself is named in `perspectives.schema`, with the tables.
"""

from __future__ import annotations

import json
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


#: Readers of the theme table, each a `[readers.<reader-id>]` table in corpus.toml whose reading
#: is the file `readings/<reader-id>.csv`.
READERS_TABLE = "readers"
#: The reader id of the curators' own reading, made before adjudication: agreement gives the
#: other readers' figures apart from it.
CURATORS_READER = "curators"

#: How a reading was made. Only a `blind` reading may be called blind or independent: the
#: documents, the command line and the Overview say this of a reading from its protocol alone.
Protocol = Literal["blind", "open"]
PROTOCOLS: dict[Protocol, str] = {
    "blind": "made without sight of the positions and of any other reading",
    "open": "made with sight of the positions or of another reading, or not shown to be blind",
}
#: How a digest of the themes and scales begins (`agreement --scales-digest` prints one).
DIGEST_PREFIX = "sha256:"

READER_KEYS: tuple[MetadataKey, ...] = (
    MetadataKey("name", True, "Who made the reading: a person, a team, or a role.", '"Reader B"'),
    MetadataKey(
        "method",
        True,
        "How the reading was made: what the reader worked from and what they did not see.",
        '"Read both texts with themes.csv and scales.csv only, without sight of positions.csv."',
    ),
    MetadataKey(
        "date", True, "When the reading was made, as a year, month or day.", '"2026-11-25"', "date"
    ),
    MetadataKey(
        "protocol",
        True,
        "`blind`: "
        + PROTOCOLS["blind"]
        + "; `open`: anything else. Only a blind reading is called blind or independent.",
        '"blind"',
    ),
    MetadataKey(
        "scales_digest",
        True,
        "The digest of themes.csv and scales.csv the reading was made against, recorded when it "
        "was made: `python -m perspectives agreement --scales-digest` prints the current one. "
        "A reading made against other scales is left out of agreement.",
        f'"{DIGEST_PREFIX}3f5a…"',
    ),
)


def key_comment(key: MetadataKey) -> str:
    """The comment above a key of corpus.toml, as init writes it and the Curate page writes it
    above a key it adds: the key's description, and whether it may be left out."""
    return f"# {key.description}" + ("" if key.required else " (optional)")


def toml_value(value: str | list[str]) -> str:
    """A TOML basic string or array of them: JSON writes one, once DEL (which TOML refuses raw,
    and JSON leaves as it is) is escaped."""
    return json.dumps(value, ensure_ascii=False).replace("\x7f", "\\u007f")
