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
    """Who read the table and how, the figures of each set of readers, and the disputed
    readings of the chosen themes."""
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
        st.markdown("One reading only: agreement needs a second reading of the same texts.")
        return
    st.caption(escape_markdown(agreement_text.units_text(corpus, found)))
    widgets.literal_table(groups_table(found))
    st.caption(
        escape_markdown(
            f"α: Krippendorff's alpha (1: the readers always agree; 0: no better than chance). "
            f"{agreement_text.BASELINE_NOTE} {found.interval_note} The points plotted above are "
            "the adjudicated ones, from positions.csv."
        )
    )
    _disputes_panel(corpus, theme_ids)


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


def disputes_table(corpus: Corpus, disputes: Sequence[agreement.Dispute]) -> pd.DataFrame:
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
