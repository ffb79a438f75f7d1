"""Sources as CSL-JSON, the form Zotero, Pandoc (citeproc) and most reference managers read.

Beside the BibTeX of `perspectives.cite`: the same metadata, in CSL's own shape. A name is split
at its last space into given and family names (how CSL sorts and abbreviates it); a one-word name,
such as an organisation's, is kept whole as a literal. An unsigned text has no author, and a date
has only the parts its source gives.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from perspectives.dates import PartialDate
from perspectives.model import Source

#: CSL's item type for every source: a text that appeared in an outlet.
ITEM_TYPE = "article"


def name(author: str) -> dict[str, str]:
    """A CSL name: given and family names, or one literal name."""
    given, _, family = " ".join(author.split()).rpartition(" ")
    return {"family": family, "given": given} if given else {"literal": family}


def date(value: PartialDate) -> dict[str, list[list[int]]]:
    """A CSL date at the date's own precision: [[2019]], [[2019, 6]] or [[2019, 6, 21]]."""
    parts = [value.year, value.month, value.day]
    return {"date-parts": [[part for part in parts if part is not None]]}


def item(source: Source) -> dict[str, Any]:
    """One source as a CSL-JSON item, keyed by its document id."""
    found: dict[str, Any] = {"id": source.id, "type": ITEM_TYPE, "title": source.title}
    if source.author.strip():
        found["author"] = [name(source.author)]
    found["container-title"] = source.outlet
    found["issued"] = date(source.published)
    if source.url:
        found["URL"] = source.url
    return found


def to_csl_json(sources: Iterable[Source]) -> str:
    """A CSL-JSON file: a list of items, one per source."""
    return json.dumps([item(source) for source in sources], ensure_ascii=False, indent=2) + "\n"
