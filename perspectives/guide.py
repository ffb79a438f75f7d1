"""The tables of the curators' guide, docs/corpus-format.md, written from the schema.

The guide calls these through cog: `cog -r docs/corpus-format.md` rewrites its tables after a
change to perspectives/schema.py or perspectives/metadata.py, and `make test` runs
`cog --check`, which fails when the committed guide no longer says what the schema declares.
"""

from __future__ import annotations

from perspectives.metadata import METADATA_KEYS, MetadataKey
from perspectives.reading_schema import READINGS, READINGS_FOLDER, reading_file
from perspectives.schema import METADATA_DESCRIPTION, METADATA_FILE, RESOURCES

TEXTS_DESCRIPTION = "the texts themselves, one plain-text file each"
_NAME_WIDTH = 22  # of the name column in the folder overview


def _cell(text: str) -> str:
    """Text that stays in its Markdown table cell."""
    return text.replace("|", "\\|")


def folder() -> str:
    """The folder at a glance: every file, and what it holds."""
    entries = [(METADATA_FILE, METADATA_DESCRIPTION)]
    for resource in RESOURCES:
        optional = "" if resource.required else "optional: "
        entries.append((resource.file, optional + resource.description))
        for field in resource.fields:
            if field.kind == "path":  # the texts, in the folder the example names
                texts, example = field.example.split("/", 1)
                entries += [(f"{texts}/", TEXTS_DESCRIPTION), (f"  {example}", "")]
    entries += [
        (f"{READINGS_FOLDER}/", f"optional: {READINGS.description}"),
        (f"  {reading_file('reader-b').split('/', 1)[1]}", ""),
    ]
    lines = [f"  {name:<{_NAME_WIDTH}}{what}".rstrip() for name, what in entries]
    return "\n".join(["```", "my-corpus/", *lines, "```"]) + "\n"


def metadata_keys(keys: tuple[MetadataKey, ...] = METADATA_KEYS) -> str:
    """The keys of a corpus.toml table: whether required, what each holds, an example line."""
    lines = ["| key | required | what it holds | example |", "| --- | --- | --- | --- |"]
    lines += [
        f"| `{key.name}` | {'yes' if key.required else 'no'} | {_cell(key.description)} "
        f"| `{key.name} = {_cell(key.example)}` |"
        for key in keys
    ]
    return "\n".join(lines) + "\n"


def columns(file: str) -> str:
    """One file's columns: whether required, what goes in each, an example."""
    (resource,) = [resource for resource in (*RESOURCES, READINGS) if resource.file == file]
    lines = ["| column | required | what goes in it | example |", "| --- | --- | --- | --- |"]
    lines += [
        f"| `{field.name}` | {'yes' if field.required else 'optional'} "
        f"| {_cell(field.description)} | `{_cell(field.example)}` |"
        for field in resource.fields
    ]
    return "\n".join(lines) + "\n"
