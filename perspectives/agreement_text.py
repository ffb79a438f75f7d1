"""The agreement report in words, as the command line prints it and the Overview shows it, and
as JSON: every figure with what it counts, and each reading described from its protocol."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from perspectives.agreement import (
    MIN_THEME_UNITS,
    Alpha,
    EvidenceOverlap,
    Group,
    PositionReadings,
    Report,
    Tally,
    ThemeAgreement,
)
from perspectives.metadata import PROTOCOLS
from perspectives.model import Corpus, Position, Reader, Reading, format_point

BASELINE_NOTE = (
    "Direction-only baseline: beside each alpha on points, the alpha the same readers reach when "
    "the last of them is replaced by a reader who, wherever that reader gave a point, gives only "
    "the direction of the curated point in positions.csv (−1, 0 or +1). The nearer the two, the "
    "more the figure owes to the authors standing far apart rather than to the readers placing "
    "them alike."
)


def protocol_text(reader: Reader) -> str:
    """What the reader's protocol allows one to say of the reading, from the protocol alone."""
    return f"{reader.protocol} reading ({PROTOCOLS[reader.protocol]}), {reader.date.isoformat()}"


def protocols_text(readers: Sequence[Reader]) -> str:
    """What the readings' protocols allow one to say of their agreement: a reading is called
    blind only when its protocol says so."""
    blind = [reader.id for reader in readers if reader.protocol == "blind"]
    if len(blind) == len(readers):
        return (
            f"Every reading here is blind ({PROTOCOLS['blind']}): their agreement measures how "
            "far readers who work apart arrive at the same answers."
        )
    if not blind:
        return (
            f"No reading here is blind: each is open ({PROTOCOLS['open']}), so their agreement "
            "may owe something to what the readers saw."
        )
    return (
        f"{len(blind)} of {len(readers)} readings are blind ({', '.join(blind)}); the others are "
        "open, so agreement with them may owe something to what their readers saw."
    )


def group_label(group: Group) -> str:
    """ "all readers (curators, reader-b)", or a pair as "curators × reader-b"."""
    if group.label == "pair":
        return " × ".join(group.reader_ids)
    joined = " × " if len(group.reader_ids) == 2 else ", "
    return f"{group.label} ({joined.join(group.reader_ids)})"


def units_text(corpus: Corpus, found: Report) -> str:
    """What a unit is, how many there are, and at which level each value is compared."""
    return (
        f"Units: theme × document positions, {found.units} ({len(corpus.themes)} themes × "
        f"{len(corpus.documents)} documents), {found.scaled_units} of them on a theme with a "
        "scale. Scale points are compared as ordinal values (a reader who finds the theme absent "
        "gives no point), coverage as nominal. A count reads “n of m”: m units two readers or "
        "more gave a value, n on which they all agree."
    )


OVERLAP_MEASURE = (
    "the characters two sets of passages share over the characters either covers: 1 for the "
    "same passages, 0 for none shared"
)


def evidence_text(corpus: Corpus, found: Report) -> str:
    """How far the readers' evidence overlaps the table's quotes, and each other's: the mean
    and the lowest, where it is; empty when no reader chose evidence."""
    if not found.evidence:
        return ""
    with_quotes = [(v, o, reader) for o in found.evidence for reader, v in o.with_quotes]
    count = len(found.evidence)
    text = (
        f"Evidence overlap: {count} position{'s' if count != 1 else ''}, "
        f"{_spread(corpus, with_quotes)} with the table's quotes"
    )
    between = [(v, o, f"{a} and {b}") for o in found.evidence for a, b, v in o.between]
    if between:
        text += f"; {_spread(corpus, between)} between two readers' evidence"
    return f"{text}. Overlap: {OVERLAP_MEASURE}."


def _spread(corpus: Corpus, values: list[tuple[float, EvidenceOverlap, str]]) -> str:
    """ "mean 0.52, lowest 0.10 (Sanctions × Singh, reader-b)" of overlaps where they were."""
    mean = sum(value for value, _, _ in values) / len(values)
    low, where, who = min(values, key=lambda found: found[0])
    theme = corpus.theme(where.theme_id).label
    document = corpus.document(where.document_id).perspective
    return f"mean {mean:.2f}, lowest {low:.2f} ({theme} × {document}, {who})"


def left_out_text(found: Report) -> str:
    """The readers agreement leaves out, each with why; empty when every reader counts."""
    return "; ".join(f"Left out: {reader.id}, {why}" for reader, why in found.left_out)


def group_lines(group: Group) -> list[str]:
    return [
        f"{group_label(group)}:",
        f"  points: {group.points.describe()}; direction-only baseline: "
        f"{group.baseline.describe()}",
        f"  exact agreement on points: {group.exact.describe()} units; within one point: "
        f"{group.within_one.describe()}",
        f"  coverage: {group.coverage.describe()}; same coverage: "
        f"{group.same_coverage.describe()} units",
        f"  same confidence: {group.same_confidence.describe()} units with two points or more",
    ]


def split_text(corpus: Corpus, dispute: PositionReadings) -> str:
    """One disputed position in a line: "Gunjan Singh (India): curators 0 · reader-b +1"."""
    readings = " · ".join(
        f"{reader.id} {point_text(reading)}" for reader, reading in dispute.readings
    )
    return f"{corpus.document(dispute.document_id).perspective}: {readings}"


def point_text(reading: Reading | Position | None) -> str:
    """A reading, or the settled position, in a word: its point, else its coverage."""
    if reading is None:
        return "not read"
    return reading.coverage if reading.scale_value is None else format_point(reading.scale_value)


_MEASURED = {"ordinal": "with points", "nominal": "with coverage"}


def theme_text(corpus: Corpus, theme: ThemeAgreement) -> str:
    """A theme's alphas where it has units enough, and where its readers split."""
    alphas = [theme.coverage] if theme.points is None else [theme.points, theme.coverage]
    words = [
        f"{'points' if alpha.level == 'ordinal' else 'coverage'}: {alpha.describe()}"
        for alpha in alphas
        if not alpha.withheld
    ]
    withheld = [f"{alpha.units} {_MEASURED[alpha.level]}" for alpha in alphas if alpha.withheld]
    if withheld:
        words.append(
            f"too few units for its alpha ({', '.join(withheld)}; {MIN_THEME_UNITS} needed)"
        )
    splits = "; ".join(split_text(corpus, dispute) for dispute in theme.splits)
    return "; ".join(words) + (f"; splits: {splits}" if splits else "; no splits")


def reading_text(reading: Reading | Position | None) -> str:
    """A reading, or the adjudicated position, in a few words: "explicit, +1, medium"."""
    if reading is None:
        return "not read"
    parts: list[str] = [reading.coverage]
    if reading.scale_value is not None:
        parts += [format_point(reading.scale_value), reading.confidence]
    return ", ".join(parts)


def to_text(corpus: Corpus, found: Report) -> str:
    """The report as the command line prints it."""
    if not corpus.readers:
        return (
            "This corpus has no readings of its table, so there is no agreement to measure. "
            "Declare each reader in corpus.toml and put their reading in "
            "readings/<reader-id>.csv (see docs/corpus-format.md)."
        )
    lines = [f"Readers ({len(found.readers)}):"]
    lines += [f"  {r.id}: {r.name}; {protocol_text(r)}. {r.method}" for r in found.readers]
    lines += [left_out] if (left_out := left_out_text(found)) else []
    if not found.readers:
        return "\n".join([*lines, "No reading is left to compare."])
    lines.append(protocols_text(found.readers))
    lines += ["", units_text(corpus, found), "", BASELINE_NOTE]
    for group in found.groups:
        lines += ["", *group_lines(group)]
    lines += ["", evidence] if (evidence := evidence_text(corpus, found)) else []
    lines += ["", f"Themes (a theme's alpha from {MIN_THEME_UNITS} units; under that, its splits):"]
    lines += [f"  {corpus.theme(t.theme_id).label}: {theme_text(corpus, t)}" for t in found.themes]
    lines += [
        "",
        found.interval_note,
        "",
        f"Disputes ({len(found.disputes)}): positions where the readings differ on coverage or "
        "point",
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


def _tally_json(tally: Tally) -> dict[str, int]:
    return {"agree": tally.agree, "of": tally.of}


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


def _group_json(group: Group) -> dict[str, Any]:
    return {
        "readers": list(group.reader_ids),
        "label": group_label(group),
        "points": _alpha_json(group.points),
        "direction_only_baseline": _alpha_json(group.baseline),
        "coverage": _alpha_json(group.coverage),
        "exact": _tally_json(group.exact),
        "within_one_point": _tally_json(group.within_one),
        "same_coverage": _tally_json(group.same_coverage),
        "same_confidence": _tally_json(group.same_confidence),
    }


def _dispute_json(dispute: PositionReadings) -> dict[str, Any]:
    return {
        "theme_id": dispute.theme_id,
        "document_id": dispute.document_id,
        "why": dispute.why,
        "readings": {reader.id: _reading_json(reading) for reader, reading in dispute.readings},
        "adjudicated": _reading_json(dispute.adjudicated),
    }


def _evidence_json(overlap: EvidenceOverlap) -> dict[str, Any]:
    return {
        "theme_id": overlap.theme_id,
        "document_id": overlap.document_id,
        "with_quotes": dict(overlap.with_quotes),
        "between_readers": [
            {"readers": [one, other], "overlap": value} for one, other, value in overlap.between
        ],
    }


def to_json(found: Report) -> dict[str, Any]:
    """The report as data: alpha `null` where undefined or withheld, with why in `note`."""
    return {
        "readers": [
            {
                "id": reader.id,
                "name": reader.name,
                "method": reader.method,
                "date": reader.date.isoformat(),
                "protocol": reader.protocol,
                "scales_digest": reader.scales_digest,
            }
            for reader in found.readers
        ],
        "left_out": [{"id": reader.id, "why": why} for reader, why in found.left_out],
        "units": {
            "unit": "theme × document position",
            "count": found.units,
            "scaled": found.scaled_units,
            "levels": {"points": "ordinal", "coverage": "nominal"},
        },
        "baseline": BASELINE_NOTE,
        "groups": [_group_json(group) for group in found.groups],
        "themes": {
            t.theme_id: {
                "points": _alpha_json(t.points),
                "coverage": _alpha_json(t.coverage),
                "splits": [d.document_id for d in t.splits],
            }
            for t in found.themes
        },
        "disputes": [_dispute_json(dispute) for dispute in found.disputes],
        **(
            {
                "evidence_overlap": {
                    "measure": OVERLAP_MEASURE,
                    "positions": [_evidence_json(overlap) for overlap in found.evidence],
                }
            }
            if found.evidence
            else {}
        ),
    }
