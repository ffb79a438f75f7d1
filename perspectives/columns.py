"""What a column and a table of the corpus are declared as: the shapes `perspectives.schema`
fills in for each file, kept apart so the declarations themselves have the schema to themselves.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Literal

FieldKind = Literal["id", "text", "date", "enum", "ref", "refs", "url", "path", "int", "language"]


@dataclass(frozen=True)
class Field:
    """One column. `description` and `example` are what the curators' guide shows for it (the
    description in Markdown); the example is also the hint for an empty or malformed cell."""

    name: str
    kind: FieldKind
    description: str
    example: str
    required: bool = True
    choices: tuple[str, ...] = ()
    references: str | None = None  # for "ref" and "refs": the file whose "id" column it names
    bounds: tuple[int, int] | None = None  # for kind "int": smallest and largest value allowed
    max_length: int | None = None  # for kind "text": longest value allowed, in characters


@dataclass(frozen=True)
class Resource:
    file: str
    description: str  # what the file holds, in a line of the guide's folder overview
    fields: tuple[Field, ...]
    key: tuple[str, ...]
    required: bool = True  # an optional file may be left out; its feature is then not shown

    @cached_property  # read for every row of a long table
    def columns(self) -> tuple[str, ...]:
        return tuple(field.name for field in self.fields)


def listed(values: tuple[object, ...], last: str = "or") -> str:
    """Values as the guide lists them: `low`, `medium` or `high`."""
    quoted = [f"`{value}`" for value in values]
    return ", ".join(quoted[:-1]) + f" {last} " + quoted[-1]
