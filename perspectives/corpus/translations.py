"""The rules of translations: a quote's translation with who made it, and a document that
translates another.

A translation of a document is the same author's text in another language, not a perspective
of its own: it names an original that is not itself a translation, in another language, and no
position, quote or reference to an event names it (they belong to the original). The rules
across tables count only the originals (see `originals_only`).
"""

from __future__ import annotations

from perspectives import language
from perspectives.corpus.checker import Checker, Report, Row
from perspectives.model import Document
from perspectives.schema import DOCUMENTS, EVENT_QUOTES, POSITIONS, QUOTES

#: The tables whose rows name a document as a perspective.
_PERSPECTIVE_TABLES = (POSITIONS, QUOTES, EVENT_QUOTES)


def originals_only(tables: dict[str, list[Row]]) -> dict[str, list[Row]]:
    """The tables with the translations left out of documents.csv, and the rows that name one
    left out of the others (each is reported once, by `check_translations`): what the rules that
    count perspectives (a position for every theme and document, syntheses) read."""
    translated = {row.cells["id"] for row in tables[DOCUMENTS.file] if row.cells["translation_of"]}
    if not translated:
        return tables
    return (
        tables
        | {
            DOCUMENTS.file: [
                row for row in tables[DOCUMENTS.file] if row.cells["id"] not in translated
            ]
        }
        | {
            resource.file: [
                row for row in tables[resource.file] if row.cells["document_id"] not in translated
            ]
            for resource in _PERSPECTIVE_TABLES
            if resource.file in tables
        }
    )


def check_translations(
    checker: Checker, tables: dict[str, list[Row]], documents: dict[str, Document]
) -> None:
    """Every rule of translations, each problem at its row."""
    _check_quote_translations(checker, tables[QUOTES.file])
    translated = {
        row.cells["id"]: row for row in tables[DOCUMENTS.file] if row.cells["translation_of"]
    }
    for row in translated.values():
        _check_original(checker, row, translated, documents)
    for resource in _PERSPECTIVE_TABLES:
        for row in tables.get(resource.file, []):
            named = translated.get(row.cells["document_id"])
            if named is not None:
                not_a_perspective(
                    checker.at(resource.file, row.number),
                    named.cells["id"],
                    named.cells["translation_of"],
                )


def not_a_perspective(report: Report, document_id: str, original_id: str) -> None:
    """A row that names a translation where a perspective is meant."""
    report.add(
        "document_id",
        f"{document_id!r} is a translation, not a perspective",
        f"name the original, {original_id!r}",
    )


def _check_quote_translations(checker: Checker, rows: list[Row]) -> None:
    for row in rows:
        if row.cells["translator"].strip() and not row.cells["translation"].strip():
            checker.at(QUOTES.file, row.number).add(
                "translator",
                "a translator but no translation",
                "add the translation in the translation column, or empty the translator",
            )


def _check_original(
    checker: Checker, row: Row, translated: dict[str, Row], documents: dict[str, Document]
) -> None:
    """The original a translation names: another document, itself no translation, in another
    language (its tag, or the one its text reads as)."""
    report = checker.at(DOCUMENTS.file, row.number)
    original_id = row.cells["translation_of"]
    if original_id == row.cells["id"]:
        report.add("translation_of", "a document cannot translate itself", "name the original")
        return
    if original_id in translated:
        report.add(
            "translation_of",
            f"{original_id!r} is itself a translation",
            f"name its original, {translated[original_id].cells['translation_of']!r}",
        )
        return
    original, translation = documents.get(original_id), documents.get(row.cells["id"])
    if original is None or translation is None:
        return  # an unknown id or a text not read is reported as such
    tags = [language.primary(document.written_in) for document in (original, translation)]
    if tags[0] == tags[1]:
        report.add(
            "translation_of",
            f"the translation and {original_id!r} are both in {tags[0] or 'no language'!r}",
            "a translation is in another language: set the `language` of each",
        )
