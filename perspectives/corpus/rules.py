"""The rules across tables: a position for every theme and document, quotes that fit the
positions, and a comparison per theme whose agreement fits the coverage."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Sequence

from perspectives.corpus.checker import Checker, Row
from perspectives.schema import AGREEMENT, COMPARISONS, DOCUMENTS, POSITIONS, QUOTES, THEMES

PositionRows = dict[tuple[str, str], Row]

#: The badge a theme gets when 'one-sided' does not fit and nothing is known of its points:
#: the one no spread of scale points contradicts (see scales.py).
NEUTRAL_AGREEMENT = "partly"


def is_one_sided(coverages: Sequence[str]) -> bool:
    """Whether a theme with positions of these coverages is 'one-sided': some, not all, absent."""
    addressed = sum(coverage != "absent" for coverage in coverages)
    return 0 < addressed < len(coverages)


def fitting_agreement(agreement: str, coverages: Sequence[str]) -> str:
    """The badge the rule requires of a theme with positions of these coverages: `agreement`
    when it fits, else 'one-sided' or, for a badge that must not be one-sided, the neutral one.
    A curator saving a position gets it in the same save, so no order of saves is refused."""
    if agreement in AGREEMENT and is_one_sided(coverages) == (agreement == "one-sided"):
        return agreement
    return "one-sided" if is_one_sided(coverages) else NEUTRAL_AGREEMENT


def check_coverage(checker: Checker, tables: dict[str, list[Row]]) -> None:
    """Cross-table rules: a position for every theme × document, quotes that fit coverage, and a
    comparison per theme whose agreement fits the coverage. Rows with a bad cell take part:
    counting them keeps one typo from cascading."""
    positions = {
        (row.cells["theme_id"], row.cells["document_id"]): row for row in tables[POSITIONS.file]
    }
    themes, documents = (
        {row.cells["id"] for row in tables[f]} for f in (THEMES.file, DOCUMENTS.file)
    )
    quotes = [  # a quote of an unknown theme or document is reported as such, and only so
        row
        for row in tables[QUOTES.file]
        if row.cells["theme_id"] in themes and row.cells["document_id"] in documents
    ]
    quoted = _check_quotes_fit_positions(checker, quotes, positions)
    _warn_uncurated(checker, tables[THEMES.file], tables[DOCUMENTS.file], positions)
    for row in tables[POSITIONS.file]:
        key = (row.cells["theme_id"], row.cells["document_id"])
        if row.cells["coverage"] in ("explicit", "implicit") and key not in quoted:
            checker.at(POSITIONS.file, row.number).add(
                "coverage",
                f"{row.cells['coverage']} position has no evidence quote",
                "add quotes to quotes.csv, or set coverage to 'absent'",
            )
    _check_comparisons(checker, tables[THEMES.file], tables[COMPARISONS.file], positions)
    documents_ids = [row.cells["id"] for row in tables[DOCUMENTS.file]]
    _check_syntheses(checker, tables[COMPARISONS.file], documents_ids, positions)


def _check_quotes_fit_positions(
    checker: Checker, quotes: list[Row], positions: PositionRows
) -> set[tuple[str, str]]:
    """Each quote needs a position that addresses the theme; returns the pairs quoted."""
    quoted = set()
    for row in quotes:
        key = (row.cells["theme_id"], row.cells["document_id"])
        position = positions.get(key)
        if position is None:
            checker.at(QUOTES.file, row.number).add(
                "document_id",
                f"no position for theme {key[0]!r} and document {key[1]!r}",
                "add that row to positions.csv first",
            )
        elif position.cells["coverage"] == "absent":
            checker.at(QUOTES.file, row.number).add(
                "quote",
                "the position is 'absent' but has a quote",
                "set coverage to explicit or implicit in positions.csv, or remove the quote",
            )
        quoted.add(key)
    return quoted


def _warn_uncurated(
    checker: Checker, themes: list[Row], documents: list[Row], positions: PositionRows
) -> None:
    """A pair without a row is shown as "not curated": fine for a large corpus curated in
    stages, but worth one warning, since in a small one it is usually a forgotten row."""
    uncurated = [
        (theme.cells["id"], document.cells["id"])
        for theme in themes
        for document in documents
        if (theme.cells["id"], document.cells["id"]) not in positions
    ]
    if uncurated:
        examples = ", ".join(f"{theme} × {document}" for theme, document in uncurated[:3])
        checker.at(POSITIONS.file).add(
            None,
            f"{len(uncurated)} theme × document pair(s) have no position (e.g. {examples}); "
            "they are shown as not curated",
            "add a row for each; use coverage 'absent' if the author does not address the theme",
            severity="warning",
        )


def _check_comparisons(
    checker: Checker, themes: list[Row], comparisons: list[Row], positions: PositionRows
) -> None:
    """One comparison per theme; 'one-sided' exactly when some, not all, positions are absent."""
    compared = {row.cells["theme_id"]: row for row in comparisons}
    by_theme: dict[str, list[str]] = defaultdict(list)
    for (theme_id, _), position in positions.items():
        by_theme[theme_id].append(position.cells["coverage"])
    for theme in themes:
        theme_id = theme.cells["id"]
        row = compared.get(theme_id)
        if row is None:
            checker.at(COMPARISONS.file).add(
                None, f"no comparison for theme {theme_id!r}", "add a row for it"
            )
            continue
        agreement = row.cells["agreement"]
        coverages = by_theme.get(theme_id, [])
        if agreement not in AGREEMENT or fitting_agreement(agreement, coverages) == agreement:
            continue
        report = checker.at(COMPARISONS.file, row.number)
        if is_one_sided(coverages):
            report.add(
                "agreement",
                f"{agreement!r}, but not every document addresses the theme",
                "use 'one-sided'",
            )
        else:
            report.add(
                "agreement",
                f"'one-sided', but {_addressed(coverages)}",
                "use agree, partly or diverge",
            )


def _addressed(coverages: Sequence[str]) -> str:
    """Why a theme is not one-sided, in words."""
    if not coverages:
        return "the theme has no positions yet"
    if all(coverage == "absent" for coverage in coverages):
        return "no document addresses the theme"
    return "every document addresses the theme"


def _check_syntheses(
    checker: Checker, comparisons: list[Row], documents: Collection[str], positions: PositionRows
) -> None:
    """A synthesis may wait until the theme has a position for every document: until then an
    empty one is a warning naming what is unfinished, so a theme can be saved before its
    positions are; once they are all there it is required."""
    for row in comparisons:
        if row.cells["synthesis"].strip():
            continue
        theme_id = row.cells["theme_id"]
        missing = [d for d in documents if (theme_id, d) not in positions]
        report = checker.at(COMPARISONS.file, row.number)
        if not missing:
            report.add("synthesis", "empty synthesis", "say in one to three sentences what differs")
            continue
        report.add(
            "synthesis",
            f"empty synthesis: theme {theme_id!r} is unfinished, with no position for "
            + ", ".join(repr(d) for d in missing),
            "write it once every document has a position on the theme",
            severity="warning",
        )
