"""How far readings of the theme table agree, in figures that say what they measure: counts of
exact and near agreement, Krippendorff's alpha for all readers, without the curators and for
every pair, each beside what a reader who knew only the direction of each curated point would
reach, and every theme × document position where the readings differ.

A unit is one theme × document position, and each reader gives it at most one value: the scale
point (ordinal; a reader who finds the theme absent gives none, a missing value) or the coverage
(nominal). Alpha counts only pairable units, those at least two readers gave a value, and is
undefined where it would say nothing: with one reader, with fewer than MIN_UNITS pairable units,
or when every pairable value is the same (then observed and expected disagreement are both 0, and
0/0 is no measure of agreement, not perfect agreement). Only readings made against the table's
own themes and scales are pooled (see `pooled`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import combinations
from typing import Any, Literal

import krippendorff
import numpy as np
import numpy.typing as npt

from perspectives.corpus.readings import scales_digest
from perspectives.metadata import CURATORS_READER
from perspectives.model import Corpus, Position, Reader, Reading, spread_of
from perspectives.schema import COVERAGE, SCALE_POINTS

Level = Literal["ordinal", "nominal"]

#: Below two pairable units alpha is 0 or undefined whatever the readers do.
MIN_UNITS = 2
#: Below this many pairable units a bootstrap over units has too little to resample.
MIN_INTERVAL_UNITS = 10
#: Below this many pairable units a theme's own alpha says too little: its splits are listed.
MIN_THEME_UNITS = 10
RESAMPLES = 1000
SEED = 1
#: The reader id of the direction-only baseline (never a declared reader: ids have no spaces).
DIRECTION_ONLY = "direction only"
#: Why a reading made against other themes or scales is left out.
STALE = (
    "made against other themes or scales than the table's: its scales_digest is not the "
    "digest of the current themes.csv and scales.csv"
)


@dataclass(frozen=True)
class Alpha:
    """Krippendorff's alpha over some units, or why there is none."""

    level: Level
    units: int  # pairable units: those at least two readers gave a value
    value: float | None = None  # None: undefined or withheld, `reason` says why
    interval: tuple[float, float] | None = None  # bootstrap 95% interval over units
    resamples: int = 0  # resamples the interval rests on: those where alpha is defined
    reason: str = ""  # why there is no value, or no interval
    withheld: bool = False  # defined perhaps, but over too few units to be worth giving

    def describe(self) -> str:
        """In words: "α = 0.74 over 12 units, 95% interval 0.52 to 0.88"; an interval left out
        for too few units goes unsaid (`Report.interval_note` says it once)."""
        if self.withheld:
            return f"no α: {self.reason}"
        if self.value is None:
            return f"α undefined: {self.reason}"
        text = f"α = {self.value:.2f} over {unit_count(self.units)}"
        if self.interval is None:
            return text
        low, high = self.interval
        return f"{text}, 95% interval {low:.2f} to {high:.2f}"


@dataclass(frozen=True)
class Tally:
    """On how many units the readers agree, of those at least two of them gave a value."""

    agree: int
    of: int

    def describe(self) -> str:
        return f"{self.agree} of {self.of}"


@dataclass(frozen=True)
class Group:
    """The figures of one set of readers, each over the units two of them or more gave a
    value."""

    label: str
    reader_ids: tuple[str, ...]
    points: Alpha  # ordinal, over the themes with a scale
    baseline: Alpha  # the same, the last reader replaced by the direction-only reader
    coverage: Alpha  # nominal, over every theme
    exact: Tally  # units whose points are all the same
    within_one: Tally  # units whose points are at most one apart
    same_coverage: Tally
    same_confidence: Tally  # over the units with two points or more


@dataclass(frozen=True)
class PositionReadings:
    """One theme × document position: each reading of it beside the table's settled value. A
    dispute where the readings differ (`why`)."""

    theme_id: str
    document_id: str
    readings: tuple[tuple[Reader, Reading | None], ...]  # every reader; None: not read
    adjudicated: Position | None  # positions.csv's row for the pair

    @property
    def why(self) -> str:
        return disagreement([reading for _, reading in self.readings if reading is not None])


@dataclass(frozen=True)
class ThemeAgreement:
    theme_id: str
    coverage: Alpha  # withheld under MIN_THEME_UNITS units
    points: Alpha | None  # None: the theme has no scale; withheld as coverage is
    splits: tuple[PositionReadings, ...]  # the theme's disputes


Span = tuple[int, int]  # a start and an end offset in a text


@dataclass(frozen=True)
class EvidenceOverlap:
    """How far the evidence readers chose for one position overlaps the table's quotes for it,
    and each other's: shared characters over the characters either covers (`span_overlap`)."""

    theme_id: str
    document_id: str
    with_quotes: tuple[tuple[str, float], ...]  # (reader id, overlap), each who gave evidence
    between: tuple[tuple[str, str, float], ...]  # (reader id, reader id, overlap), each pair


@dataclass(frozen=True)
class Report:
    readers: tuple[Reader, ...]  # those pooled
    groups: tuple[Group, ...]  # all readers, then those other than the curators, then pairs
    themes: tuple[ThemeAgreement, ...]  # in corpus order
    disputes: tuple[PositionReadings, ...]  # in theme, then document order
    units: int  # theme × document positions
    scaled_units: int  # those on a theme with a scale
    left_out: tuple[tuple[Reader, str], ...] = ()  # readers not pooled, and why
    evidence: tuple[EvidenceOverlap, ...] = ()  # the positions a pooled reader gave evidence for
    resamples: int = RESAMPLES
    seed: int = SEED

    @property
    def scale(self) -> Alpha:
        """All readers' alpha on scale points."""
        return self.groups[0].points

    @property
    def coverage(self) -> Alpha:
        """All readers' alpha on coverage."""
        return self.groups[0].coverage

    @property
    def interval_note(self) -> str:
        return (
            f"95% intervals, for all readers together: percentiles of alpha over "
            f"{self.resamples:,} resamples of the units (seed {self.seed}); none under "
            f"{MIN_INTERVAL_UNITS} units."
        )


def unit_count(count: int) -> str:
    return f"{count} unit{'s' if count != 1 else ''}"


def krippendorff_alpha(
    counts: npt.NDArray[np.int_],
    level: Level,
    readers: int,
    resamples: int = RESAMPLES,
    seed: int = SEED,
) -> Alpha:
    """Alpha from value counts (one row per unit, one column per value of the domain, in order),
    with a percentile bootstrap interval over the pairable units, seeded so it can be repeated;
    none with `resamples` 0."""
    pairable = counts[counts.sum(axis=1) >= 2]
    units = len(pairable)
    if readers < 2:
        who = "one reader only" if readers else "no reader"
        return Alpha(level, units, reason=f"{who}: alpha compares two or more readings")
    if units < MIN_UNITS:
        return Alpha(
            level,
            units,
            reason=f"{unit_count(units)} with values from two or more readers; alpha needs "
            f"{MIN_UNITS}",
        )
    value = _alpha(pairable, level)
    if value is None:
        return Alpha(
            level,
            units,
            reason="every reading gives the same value (no variation, so alpha is 0/0)",
        )
    if not resamples:
        return Alpha(level, units, value)
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


def _tally(
    units: Units, value: Callable[[Reading], object], agree: Callable[[list[Any]], bool]
) -> Tally:
    """On how many units the readers' values agree, of those with two values or more."""
    given = [[v for reading in unit if (v := value(reading)) not in (None, "")] for unit in units]
    pairable = [values for values in given if len(values) >= 2]
    return Tally(sum(agree(values) for values in pairable), len(pairable))


def _same(values: list[Any]) -> bool:
    return len(set(values)) == 1


def _within_one(values: list[int]) -> bool:
    return spread_of(values) <= 1


def disagreement(readings: Sequence[Reading]) -> str:
    """How readings of one position differ, in words; empty when they do not."""
    reasons = []
    if len({reading.coverage for reading in readings}) > 1:
        reasons.append("coverage differs")
    points = [reading.scale_value for reading in readings if reading.scale_value is not None]
    if points and (apart := spread_of(points)):
        reasons.append(f"{apart} point{'s' if apart != 1 else ''} apart")
    return ", ".join(reasons)


def pooled(corpus: Corpus) -> tuple[tuple[Reader, ...], tuple[tuple[Reader, str], ...]]:
    """The readers made against the table's own themes and scales, and each one left out with
    why: readings made against other scales do not measure the same thing."""
    digest = scales_digest(corpus.themes)
    kept = tuple(reader for reader in corpus.readers if reader.scales_digest == digest)
    left_out = tuple((reader, STALE) for reader in corpus.readers if reader not in kept)
    return kept, left_out


Pair = tuple[str, str]  # theme id, document id


@dataclass(frozen=True)
class _Table:
    """The pooled readings of every theme × document, and the direction-only reader's."""

    pairs: tuple[Pair, ...]  # every theme × document, in corpus order
    scaled: frozenset[str]  # the themes with a scale
    given: dict[Pair, dict[str, Reading]]  # reader id → reading
    direction: dict[Pair, Reading]  # the sign of each curated point

    @classmethod
    def of(cls, corpus: Corpus, readers: Sequence[Reader]) -> _Table:
        ids = {reader.id for reader in readers}
        given: dict[Pair, dict[str, Reading]] = {}
        for reading in corpus.readings:
            if reading.reader_id in ids:
                pair = (reading.theme_id, reading.document_id)
                given.setdefault(pair, {})[reading.reader_id] = reading
        direction = {
            (p.theme_id, p.document_id): Reading(
                DIRECTION_ONLY, p.theme_id, p.document_id, p.coverage, _sign(p.scale_value)
            )
            for p in corpus.positions
            if p.scale_value is not None
        }
        return cls(
            tuple((t.id, d.id) for t in corpus.themes for d in corpus.documents),
            frozenset(theme.id for theme in corpus.themes if theme.scale),
            given,
            direction,
        )

    def units(self, ids: Sequence[str], pairs: Sequence[Pair]) -> Units:
        return [[self.given[p][i] for i in ids if i in self.given.get(p, {})] for p in pairs]

    @property
    def scaled_pairs(self) -> list[Pair]:
        return [pair for pair in self.pairs if pair[0] in self.scaled]

    def baseline(self, ids: Sequence[str]) -> Units:
        """The scaled units with the last of `ids` replaced by the direction-only reader, where
        that reader gave a point."""
        if not ids:
            return self.units(ids, self.scaled_pairs)
        *kept, replaced = ids
        units = self.units(kept, self.scaled_pairs)
        for unit, pair in zip(units, self.scaled_pairs, strict=True):
            read = self.given.get(pair, {}).get(replaced)
            if read is not None and read.scale_value is not None and pair in self.direction:
                unit.append(self.direction[pair])
        return units


def _sign(value: int | None) -> int | None:
    return None if value is None else (value > 0) - (value < 0)


def group_of(
    ids: tuple[str, ...],
    points: Units,
    coverage: Units,
    baseline: Units,
    label: str = "pair",
    **bootstrap: Any,
) -> Group:
    """The figures of the readers `ids` from their units: on points (themes with a scale), on
    coverage (every theme), and on points with the direction-only reader in the last one's
    place; the bootstrap, if asked for, for the points and coverage alone."""
    readers = len(ids)
    return Group(
        label,
        ids,
        points=_measure(points, "ordinal", readers, **bootstrap),
        baseline=_measure(baseline, "ordinal", readers, resamples=0),
        coverage=_measure(coverage, "nominal", readers, **bootstrap),
        exact=_tally(points, lambda r: r.scale_value, _same),
        within_one=_tally(points, lambda r: r.scale_value, _within_one),
        same_coverage=_tally(coverage, lambda r: r.coverage, _same),
        same_confidence=_tally(points, lambda r: r.confidence, _same),
    )


def reader_sets(readers: Sequence[Reader]) -> dict[tuple[str, ...], str]:
    """The sets of readers the report gives figures for, each with its label: all of them, those
    other than the curators (when the curators' reading is pooled beside two others or more),
    and every pair (when there are three readers or more)."""
    ids = tuple(reader.id for reader in readers)
    sets = {ids: "all readers"}
    others = tuple(i for i in ids if i != CURATORS_READER)
    if len(others) > 1 and others != ids:
        sets.setdefault(others, "readers other than the curators")
    if len(ids) > 2:
        for pair in combinations(ids, 2):
            sets.setdefault(pair, "pair")
    return sets


def _theme(
    theme_id: str, scaled: bool, units: Units, splits: list[PositionReadings], readers: int
) -> ThemeAgreement:
    """A theme's alpha where it has MIN_THEME_UNITS pairable units (without an interval: the
    bootstrap is for all readers over all units); under that, its splits."""

    def measure(level: Level) -> Alpha:
        alpha = _measure(units, level, readers, resamples=0)
        if alpha.units >= MIN_THEME_UNITS:
            return alpha
        why = f"{unit_count(alpha.units)}, fewer than the {MIN_THEME_UNITS} a theme's alpha needs"
        return Alpha(level, alpha.units, reason=why, withheld=True)

    points = measure("ordinal") if scaled else None
    return ThemeAgreement(theme_id, measure("nominal"), points, tuple(splits))


def adjudication(
    corpus: Corpus, readers: Sequence[Reader] | None = None
) -> tuple[PositionReadings, ...]:
    """Position by position, in theme and then document order, every reading of `readers` (by
    default every declared reader, those left out of agreement too) beside the table's settled
    value: what an adjudicator works from. A pair that neither the table nor any reading holds
    is left out."""
    chosen = corpus.readers if readers is None else tuple(readers)
    given: dict[Pair, dict[str, Reading]] = {}
    for reading in corpus.readings:
        given.setdefault((reading.theme_id, reading.document_id), {})[reading.reader_id] = reading
    rows = []
    for pair in ((theme.id, doc.id) for theme in corpus.themes for doc in corpus.documents):
        read = given.get(pair, {})
        settled = corpus.find_position(*pair)
        readings = tuple((reader, read.get(reader.id)) for reader in chosen)
        if settled is not None or any(reading for _, reading in readings):
            rows.append(PositionReadings(*pair, readings, settled))
    return tuple(rows)


def differing(position: PositionReadings) -> list[str]:
    """The readers whose reading differs from the settled position, on coverage or point."""
    settled = position.adjudicated
    if settled is None:
        return [reader.id for reader, reading in position.readings if reading is not None]
    return [
        reader.id
        for reader, reading in position.readings
        if reading is not None
        and (reading.coverage, reading.scale_value) != (settled.coverage, settled.scale_value)
    ]


def span_overlap(ours: Sequence[Span], theirs: Sequence[Span]) -> float:
    """The characters two sets of spans share over those either covers: 1 for the same
    passages, 0 when they are disjoint (or both empty). Spans within a set may overlap."""
    one = {offset for start, end in ours for offset in range(start, end)}
    other = {offset for start, end in theirs for offset in range(start, end)}
    either = one | other
    return len(one & other) / len(either) if either else 0.0


def evidence_overlaps(corpus: Corpus, readers: Sequence[Reader]) -> tuple[EvidenceOverlap, ...]:
    """For each position, in theme then document order, where one of `readers` chose evidence:
    the overlap of each one's evidence with the table's quotes, and of each pair's."""
    ids = [reader.id for reader in readers]
    chosen: dict[Pair, dict[str, list[Span]]] = {}
    for reading in corpus.readings:
        if reading.reader_id in ids and reading.evidence:
            spans = [(found.start, found.end) for found in reading.evidence]
            chosen.setdefault((reading.theme_id, reading.document_id), {})[reading.reader_id] = (
                spans
            )
    quoted = {
        (p.theme_id, p.document_id): [(q.anchor.start, q.anchor.end) for q in p.quotes]
        for p in corpus.positions
    }
    overlaps = []
    for pair in ((t.id, d.id) for t in corpus.themes for d in corpus.documents):
        given = sorted(chosen.get(pair, {}).items(), key=lambda item: ids.index(item[0]))
        if given:
            quotes = quoted.get(pair, [])
            overlaps.append(
                EvidenceOverlap(
                    *pair,
                    tuple((reader, span_overlap(spans, quotes)) for reader, spans in given),
                    tuple(
                        (one, other, span_overlap(ours, theirs))
                        for (one, ours), (other, theirs) in combinations(given, 2)
                    ),
                )
            )
    return tuple(overlaps)


def report(corpus: Corpus, resamples: int = RESAMPLES, seed: int = SEED) -> Report:
    """Agreement of the pooled readings: for each set of readers, on every theme and over all
    units, and every disputed position."""
    kept, left_out = pooled(corpus)
    table = _Table.of(corpus, kept)
    ids = [reader.id for reader in kept]
    disputes = [position for position in adjudication(corpus, kept) if position.why]
    bootstrap = {"resamples": resamples, "seed": seed}
    groups = [
        group_of(
            members,
            table.units(members, table.scaled_pairs),
            table.units(members, table.pairs),
            table.baseline(members),
            label,
            **(bootstrap if index == 0 else {"resamples": 0}),  # all readers: the bootstrap
        )
        for index, (members, label) in enumerate(reader_sets(kept).items())
    ]
    themes = [
        _theme(
            theme.id,
            bool(theme.scale),
            table.units(ids, [pair for pair in table.pairs if pair[0] == theme.id]),
            [dispute for dispute in disputes if dispute.theme_id == theme.id],
            len(kept),
        )
        for theme in corpus.themes
    ]
    return Report(
        readers=kept,
        groups=tuple(groups),
        themes=tuple(themes),
        disputes=tuple(disputes),
        units=len(table.pairs),
        scaled_units=len(table.scaled_pairs),
        left_out=left_out,
        evidence=evidence_overlaps(corpus, kept),
        resamples=resamples,
        seed=seed,
    )
