"""How far independent readings agree: Krippendorff's alpha per theme and overall, and the theme ×
document pairs where the readers part ways.

A unit is one theme × document pair, and each reader gives it at most one value: the scale point
(ordinal; a reader who finds the theme absent gives none, a missing value) or the coverage
(nominal). Alpha counts only pairable units, those at least two readers gave a value, and is
undefined where it would say nothing: with one reader, with fewer than MIN_UNITS pairable units,
or when every pairable value is the same (then observed and expected disagreement are both 0, and
0/0 is no measure of agreement, not perfect agreement).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

import krippendorff
import numpy as np
import numpy.typing as npt

from perspectives.corpus.readings import scales_digest
from perspectives.model import Corpus, Position, Reader, Reading, format_point, spread_of
from perspectives.schema import COVERAGE, SCALE_POINTS

Level = Literal["ordinal", "nominal"]

#: Below two pairable units alpha is 0 or undefined whatever the readers do.
MIN_UNITS = 2
#: Below this many pairable units a bootstrap over units has too little to resample.
MIN_INTERVAL_UNITS = 10
RESAMPLES = 1000
SEED = 1
#: Why a reading made against other themes or scales is left out.
STALE = (
    "made against other themes or scales than the table's: its scales_digest is not the "
    "digest of the current themes.csv and scales.csv"
)
#: Readings this many scale points apart, or on a different coverage, are disputed.
DISPUTE_POINTS = 2


@dataclass(frozen=True)
class Alpha:
    """Krippendorff's alpha over some units, or why there is none."""

    level: Level
    units: int  # pairable units: those at least two readers gave a value
    value: float | None = None  # None: undefined, `reason` says why
    interval: tuple[float, float] | None = None  # bootstrap 95% interval over units
    resamples: int = 0  # resamples the interval rests on: those where alpha is defined
    reason: str = ""  # why there is no value, or no interval

    def describe(self) -> str:
        """In words: "α = 0.74 over 12 units, 95% interval 0.52 to 0.88"; an interval left out
        for too few units goes unsaid (`Report.interval_note` says it once)."""
        if self.value is None:
            return f"α undefined: {self.reason}"
        text = f"α = {self.value:.2f} over {_units(self.units)}"
        if self.interval is None:
            return text
        low, high = self.interval
        return f"{text}, 95% interval {low:.2f} to {high:.2f}"


@dataclass(frozen=True)
class ThemeAgreement:
    theme_id: str
    coverage: Alpha
    scale: Alpha | None  # None: the theme has no scale


@dataclass(frozen=True)
class Dispute:
    """A theme × document pair whose readings differ on coverage or by DISPUTE_POINTS or more."""

    theme_id: str
    document_id: str
    readings: tuple[tuple[Reader, Reading | None], ...]  # every reader; None: not read
    adjudicated: Position | None  # positions.csv's row for the pair

    @property
    def why(self) -> str:
        return disagreement([reading for _, reading in self.readings if reading is not None])


@dataclass(frozen=True)
class Report:
    readers: tuple[Reader, ...]
    scale: Alpha  # over every unit of every scaled theme together
    coverage: Alpha  # over every unit of every theme together
    themes: tuple[ThemeAgreement, ...]  # in corpus order
    disputes: tuple[Dispute, ...]  # in theme, then document order
    left_out: tuple[tuple[Reader, str], ...] = ()  # readers not pooled, and why
    resamples: int = RESAMPLES
    seed: int = SEED

    @property
    def interval_note(self) -> str:
        return (
            f"95% intervals: percentiles of alpha over {self.resamples:,} resamples of the units "
            f"(seed {self.seed}); none under {MIN_INTERVAL_UNITS} units."
        )


def _units(count: int) -> str:
    return f"{count} unit{'s' if count != 1 else ''}"


def krippendorff_alpha(
    counts: npt.NDArray[np.int_],
    level: Level,
    readers: int,
    resamples: int = RESAMPLES,
    seed: int = SEED,
) -> Alpha:
    """Alpha from value counts (one row per unit, one column per value of the domain, in order),
    with a percentile bootstrap interval over the pairable units, seeded so it can be repeated."""
    pairable = counts[counts.sum(axis=1) >= 2]
    units = len(pairable)
    if readers < 2:
        return Alpha(level, units, reason="one reader only: alpha compares two or more readings")
    if units < MIN_UNITS:
        return Alpha(
            level,
            units,
            reason=f"{_units(units)} with values from two or more readers; alpha needs {MIN_UNITS}",
        )
    value = _alpha(pairable, level)
    if value is None:
        return Alpha(
            level,
            units,
            reason="every reading gives the same value (no variation, so alpha is 0/0)",
        )
    if units < MIN_INTERVAL_UNITS:
        return Alpha(level, units, value, reason=f"no interval under {MIN_INTERVAL_UNITS} units")
    rng = np.random.default_rng(seed)
    draws = (_alpha(pairable[rng.integers(0, units, units)], level) for _ in range(resamples))
    defined = [draw for draw in draws if draw is not None]
    if not defined:
        return Alpha(level, units, value, reason="no resample varies")
    low, high = np.percentile(defined, [2.5, 97.5])
    return Alpha(level, units, value, (float(low), float(high)), len(defined))


def _alpha(counts: npt.NDArray[np.int_], level: Level) -> float | None:
    """Krippendorff's alpha of pairable units; None when they hold one value only (0/0)."""
    if np.count_nonzero(counts.sum(axis=0)) < 2:
        return None
    domain = list(range(counts.shape[1]))  # the columns, in the order of the values
    return float(
        krippendorff.alpha(value_counts=counts, value_domain=domain, level_of_measurement=level)
    )


Units = list[list[Reading]]  # each unit's readings


def _value_counts(
    units: Units, value: Callable[[Reading], int | None], size: int
) -> npt.NDArray[np.int_]:
    counts = np.zeros((len(units), size), dtype=int)
    for row, readings in enumerate(units):
        for reading in readings:
            index = value(reading)
            if index is not None:
                counts[row, index] += 1
    return counts


def _point(reading: Reading) -> int | None:
    value = reading.scale_value
    return None if value is None else SCALE_POINTS.index(value)


def _coverage(reading: Reading) -> int:
    return COVERAGE.index(reading.coverage)


def _measure(units: Units, level: Level, readers: int, **bootstrap: Any) -> Alpha:
    value, size = (_point, len(SCALE_POINTS)) if level == "ordinal" else (_coverage, len(COVERAGE))
    return krippendorff_alpha(_value_counts(units, value, size), level, readers, **bootstrap)


def disagreement(readings: Sequence[Reading]) -> str:
    """How readings of one pair part ways, in words; empty when they are not disputed."""
    reasons = []
    if len({reading.coverage for reading in readings}) > 1:
        reasons.append("coverage differs")
    points = [reading.scale_value for reading in readings if reading.scale_value is not None]
    if points and (apart := spread_of(points)) >= DISPUTE_POINTS:
        reasons.append(f"{apart} points apart")
    return ", ".join(reasons)


def pooled(corpus: Corpus) -> tuple[tuple[Reader, ...], tuple[tuple[Reader, str], ...]]:
    """The readers made against the table's own themes and scales, and each one left out with
    why: readings made against other scales do not measure the same thing."""
    digest = scales_digest(corpus.themes)
    kept = tuple(reader for reader in corpus.readers if reader.scales_digest == digest)
    left_out = tuple((reader, STALE) for reader in corpus.readers if reader not in kept)
    return kept, left_out


def report(corpus: Corpus, resamples: int = RESAMPLES, seed: int = SEED) -> Report:
    """Agreement of the corpus's readings on every theme and overall, and every disputed pair."""
    kept, left_out = pooled(corpus)
    ids = {reader.id for reader in kept}
    by_pair: dict[tuple[str, str], list[Reading]] = {}
    for reading in corpus.readings:
        if reading.reader_id in ids:
            by_pair.setdefault((reading.theme_id, reading.document_id), []).append(reading)
    readers = len(kept)
    bootstrap = {"resamples": resamples, "seed": seed}
    themes, scaled_units, all_units, disputes = [], [], [], []
    for theme in corpus.themes:
        units = [by_pair.get((theme.id, document.id), []) for document in corpus.documents]
        all_units += units
        if theme.scale:
            scaled_units += units
        themes.append(
            ThemeAgreement(
                theme.id,
                coverage=_measure(units, "nominal", readers, **bootstrap),
                scale=_measure(units, "ordinal", readers, **bootstrap) if theme.scale else None,
            )
        )
        for document, readings in zip(corpus.documents, units, strict=True):
            if disagreement(readings):
                given = {reading.reader_id: reading for reading in readings}
                disputes.append(
                    Dispute(
                        theme.id,
                        document.id,
                        tuple((reader, given.get(reader.id)) for reader in kept),
                        corpus.find_position(theme.id, document.id),
                    )
                )
    return Report(
        readers=kept,
        left_out=left_out,
        scale=_measure(scaled_units, "ordinal", readers, **bootstrap),
        coverage=_measure(all_units, "nominal", readers, **bootstrap),
        themes=tuple(themes),
        disputes=tuple(disputes),
        resamples=resamples,
        seed=seed,
    )


# -- as text and JSON ----------------------------------------------------------------------------


def reading_text(reading: Reading | Position | None) -> str:
    """A reading, or the adjudicated position, in a few words: "explicit, +1, medium"."""
    if reading is None:
        return "not read"
    parts: list[str] = [reading.coverage]
    if reading.scale_value is not None:
        parts += [format_point(reading.scale_value), reading.confidence]
    return ", ".join(parts)


def left_out_text(found: Report) -> str:
    """The readers agreement leaves out, each with why; empty when every reader counts."""
    return "; ".join(f"Left out: {reader.id}, {why}" for reader, why in found.left_out)


def to_text(corpus: Corpus, found: Report) -> str:
    """The report as the command line prints it."""
    if not corpus.readers:
        return (
            "This corpus has no independent readings, so there is no agreement to measure. "
            "Declare each reader in corpus.toml and put their reading in "
            "readings/<reader-id>.csv (see docs/corpus-format.md)."
        )
    lines = [f"Readers ({len(found.readers)}):"]
    lines += [f"  {reader.id}: {reader.name}. {reader.method}" for reader in found.readers]
    lines += [left_out] if (left_out := left_out_text(found)) else []
    for title, overall, pick in (
        ("Scale points: Krippendorff's alpha, ordinal", found.scale, lambda t: t.scale),
        ("Coverage: Krippendorff's alpha, nominal", found.coverage, lambda t: t.coverage),
    ):
        lines += ["", title, f"  all themes: {overall.describe()}"]
        for agreement in found.themes:
            alpha = pick(agreement)
            label = corpus.theme(agreement.theme_id).label
            lines.append(f"  {label}: {alpha.describe() if alpha else 'no scale'}")
    lines += [
        "",
        found.interval_note,
        "",
        f"Disputes ({len(found.disputes)}): readings {DISPUTE_POINTS} or more points apart, "
        "or on a different coverage",
    ]
    for dispute in found.disputes:
        theme = corpus.theme(dispute.theme_id).label
        document = corpus.document(dispute.document_id).perspective
        lines.append(f"  {theme} × {document}: {dispute.why}")
        lines += [f"    {reader.id}: {reading_text(r)}" for reader, r in dispute.readings]
        lines.append(f"    adjudicated (positions.csv): {reading_text(dispute.adjudicated)}")
    return "\n".join(lines)


def _alpha_json(alpha: Alpha | None) -> dict[str, Any] | None:
    if alpha is None:
        return None
    return {
        "alpha": alpha.value,
        "units": alpha.units,
        "interval": list(alpha.interval) if alpha.interval else None,
        "resamples": alpha.resamples,
        "note": alpha.reason,
    }


def _reading_json(reading: Reading | Position | None) -> dict[str, Any] | None:
    if reading is None:
        return None
    note = {"note": reading.note} if isinstance(reading, Reading) else {}
    return {
        "coverage": reading.coverage,
        "scale_value": reading.scale_value,
        "confidence": reading.confidence,
        **note,
    }


def to_json(found: Report) -> dict[str, Any]:
    """The report as data: alpha `null` where undefined, with the reason in `note`."""
    return {
        "readers": [
            {"id": reader.id, "name": reader.name, "method": reader.method}
            for reader in found.readers
        ],
        "left_out": [{"id": reader.id, "why": why} for reader, why in found.left_out],
        "units": "theme × document",
        "scale": {
            "level": "ordinal",
            "overall": _alpha_json(found.scale),
            "themes": {t.theme_id: _alpha_json(t.scale) for t in found.themes if t.scale},
        },
        "coverage": {
            "level": "nominal",
            "overall": _alpha_json(found.coverage),
            "themes": {t.theme_id: _alpha_json(t.coverage) for t in found.themes},
        },
        "disputes": [
            {
                "theme_id": dispute.theme_id,
                "document_id": dispute.document_id,
                "why": dispute.why,
                "readings": {
                    reader.id: _reading_json(reading) for reader, reading in dispute.readings
                },
                "adjudicated": _reading_json(dispute.adjudicated),
            }
            for dispute in found.disputes
        ],
    }
