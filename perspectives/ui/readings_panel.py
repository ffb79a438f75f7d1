"""What the Overview says of the readings of the table: who made each and under which protocol,
how far they agree (counts, alpha beside its direction-only baseline, for all readers, without
the curators and for every pair) and where they differ. A corpus without readings gets nothing
from here."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import streamlit as st

from perspectives import agreement, agreement_text
from perspectives.markup import escape_markdown
from perspectives.model import Corpus
from perspectives.ui import widgets


# A resource: the report is immutable, so every rerun can share the one object.
@widgets.kept_view(max_entries=8)
def _report(corpus: Corpus) -> agreement.Report:
    """The bootstrap takes a moment: once per version of the files."""
    return agreement.report(corpus)


def report(corpus: Corpus) -> agreement.Report | None:
    """None when the corpus has no readings: the page then says nothing about agreement."""
    return _report(corpus) if corpus.readers else None


def theme_notes(found: agreement.Report | None) -> dict[str, str]:
    """Theme id → how far the readers agree on its scale points, for the theme list: alpha
    where the theme has units enough, else how many of its positions they split on; nothing
    with fewer than two readers, which `summary` says once."""
    if found is None or len(found.readers) < 2:
        return {}
    return {
        theme.theme_id: f"between readers: {_theme_note(theme.points)}, "
        + (f"split on {len(theme.splits)}" if theme.splits else "no splits")
        for theme in found.themes
        if theme.points
    }


def _theme_note(alpha: agreement.Alpha) -> str:
    if alpha.withheld:
        return f"{agreement.unit_count(alpha.units)}, too few for a theme's α"
    return alpha.describe()


def summary(corpus: Corpus, found: agreement.Report, theme_ids: Sequence[str]) -> None:
    """Who read the table and how, the figures of each set of readers, the disputed readings of
    the chosen themes, and every reading beside the settled position."""
    st.subheader("How far the readings of the table agree", divider="gray")
    # A reader id is lowercase letters, digits and hyphens: safe as inline code.
    st.markdown(
        "\n".join(
            f"- {escape_markdown(r.name)} (`{r.id}`): "
            f"{escape_markdown(agreement_text.protocol_text(r))}"
            for r in found.readers
        )
    )
    if found.left_out:
        st.caption(escape_markdown(agreement_text.left_out_text(found)))
    if found.readers:
        st.markdown(escape_markdown(agreement_text.protocols_text(found.readers)))
    if len(found.readers) < 2:
        st.markdown(
            f"{'One reading' if found.readers else 'No reading'} to compare: agreement needs "
            "two readings of the same texts, made against the same themes and scales."
        )
    else:
        _figures(corpus, found)
        _disputes_panel(corpus, theme_ids)
    _adjudication_panel(corpus, theme_ids)


def _figures(corpus: Corpus, found: agreement.Report) -> None:
    st.caption(escape_markdown(agreement_text.units_text(corpus, found)))
    widgets.literal_table(groups_table(found))
    if evidence := agreement_text.evidence_text(corpus, found):
        st.caption(escape_markdown(evidence))
    st.caption(
        escape_markdown(
            f"α: Krippendorff's alpha (1: the readers always agree; 0: no better than chance). "
            f"{agreement_text.BASELINE_NOTE} {found.interval_note} The points plotted above are "
            "the adjudicated ones, from positions.csv."
        )
    )


def groups_table(found: agreement.Report) -> pd.DataFrame:
    """One row per set of readers: each figure, with its counts."""
    return pd.DataFrame(
        [
            {
                "Readers": agreement_text.group_label(group),
                "Points: α (ordinal)": group.points.describe(),
                "Direction-only baseline": group.baseline.describe(),
                "Same point": group.exact.describe(),
                "Within one point": group.within_one.describe(),
                "Coverage: α (nominal)": group.coverage.describe(),
                "Same coverage": group.same_coverage.describe(),
                "Same confidence": group.same_confidence.describe(),
            }
            for group in found.groups
        ]
    )


def _adjudication_panel(corpus: Corpus, theme_ids: Sequence[str]) -> None:
    table = _adjudication(corpus, tuple(theme_ids))
    with st.expander(f"Each reading beside the settled position ({len(table)})"):
        st.caption(
            "Every position of the chosen themes: the point the table settled on "
            "(positions.csv), each reader's own point (or coverage, where they give none), and "
            "the readers whose reading differs from the settled one."
        )
        widgets.ready_table(table)


@widgets.kept_view
def _adjudication(corpus: Corpus, theme_ids: tuple[str, ...]) -> pd.DataFrame:
    """The readings of the chosen themes beside the settled positions, made ready for the page,
    once per version of the files and set of themes."""
    left_out = {reader.id for reader, _ in _report(corpus).left_out}
    chosen = [p for p in agreement.adjudication(corpus) if p.theme_id in theme_ids]
    return widgets.ready(adjudication_table(corpus, chosen, left_out))


def adjudication_table(
    corpus: Corpus, positions: Sequence[agreement.PositionReadings], left_out: set[str]
) -> pd.DataFrame:
    """One row per position: the settled value, each reader's, and who differs from it; the
    column of a reader left out of agreement says so."""
    rows = []
    for position in positions:
        row = {
            "Theme": corpus.theme(position.theme_id).label,
            "Perspective": corpus.document(position.document_id).perspective,
            "Settled (positions.csv)": agreement_text.point_text(position.adjudicated),
        }
        for reader, reading in position.readings:
            column = f"{reader.id} (left out)" if reader.id in left_out else reader.id
            row[column] = agreement_text.point_text(reading)
        row["Differs"] = ", ".join(agreement.differing(position))
        rows.append(row)
    return pd.DataFrame(rows)


def _disputes_panel(corpus: Corpus, theme_ids: Sequence[str]) -> None:
    disputes = _disputes(corpus, tuple(theme_ids))
    if disputes.empty:
        st.caption("No disputed readings on the chosen themes: every reading agrees.")
        return
    with st.expander(f"Disputed readings ({len(disputes)})"):
        st.caption(
            "Every position where the readings differ on coverage or point; each reader's cell "
            "reads coverage, point, confidence, and their note, beside the settled position."
        )
        widgets.ready_table(disputes)


@widgets.kept_view
def _disputes(corpus: Corpus, theme_ids: tuple[str, ...]) -> pd.DataFrame:
    """The disputed readings of the chosen themes, made ready for the page, once per version of
    the files and set of themes."""
    found = _report(corpus)
    chosen = [d for d in found.disputes if d.theme_id in theme_ids]
    return widgets.ready(disputes_table(corpus, chosen))


def disputes_table(corpus: Corpus, disputes: Sequence[agreement.PositionReadings]) -> pd.DataFrame:
    """One row per disputed position: each reader's reading and the adjudicated position."""
    rows = []
    for dispute in disputes:
        row = {
            "Theme": corpus.theme(dispute.theme_id).label,
            "Perspective": corpus.document(dispute.document_id).perspective,
            "Why": dispute.why,
        }
        for reader, reading in dispute.readings:
            note = f" · {reading.note}" if reading is not None and reading.note else ""
            row[reader.id] = agreement_text.reading_text(reading) + note
        row["Adjudicated (positions.csv)"] = agreement_text.reading_text(dispute.adjudicated)
        rows.append(row)
    return pd.DataFrame(rows)
