"""What the Overview says of the independent readings: how far they agree, theme by theme and
overall, and where they part ways. A corpus without readings gets nothing from here."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import streamlit as st

from perspectives import agreement
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
    """Theme id → the readers' agreement on its scale points, for the theme list; nothing
    with fewer than two readers, which `summary` says once."""
    if found is None or len(found.readers) < 2:
        return {}
    return {
        t.theme_id: f"agreement between readers: {t.scale.describe()}"
        for t in found.themes
        if t.scale
    }


def summary(corpus: Corpus, found: agreement.Report, theme_ids: Sequence[str]) -> None:
    """The overall figures, and the disputed readings of the chosen themes."""
    st.subheader("How far independent readings agree", divider="gray")
    # A reader id is lowercase letters, digits and hyphens: safe as inline code.
    names = ", ".join(f"{escape_markdown(r.name)} (`{r.id}`)" for r in found.readers)
    if found.left_out:
        st.caption(escape_markdown(agreement.left_out_text(found)))
    if len(found.readers) < 2:
        st.markdown(
            f"One independent reading only, by {names}: agreement needs a "
            "second reading of the same texts."
        )
        return
    st.markdown(
        f"{len(found.readers)} readers read the texts independently of one another: "
        f"{names}. Krippendorff's alpha over every theme × text pair "
        "(1: they always agree; 0: no better than chance):\n"
        f"- scale points (ordinal): {escape_markdown(found.scale.describe())}\n"
        f"- coverage (nominal): {escape_markdown(found.coverage.describe())}"
    )
    st.caption(
        escape_markdown(
            f"{found.interval_note} A theme's alpha rests on its few units: read it with the "
            "count beside it. The points plotted above are the adjudicated ones, from "
            "positions.csv."
        )
    )
    disputes = _disputes(corpus, tuple(theme_ids))
    if disputes.empty:
        st.caption(
            f"No disputed readings on the chosen themes (none {agreement.DISPUTE_POINTS} or more "
            "points apart, none on a different coverage)."
        )
        return
    with st.expander(f"Disputed readings ({len(disputes)})"):
        st.caption(
            f"Where the readings are {agreement.DISPUTE_POINTS} or more points apart, or differ "
            "on coverage; each reader's cell reads coverage, point, confidence, and their note."
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
    """One row per disputed pair: each reader's reading and the adjudicated position."""
    rows = []
    for dispute in disputes:
        row = {
            "Theme": corpus.theme(dispute.theme_id).label,
            "Perspective": corpus.document(dispute.document_id).perspective,
            "Why": dispute.why,
        }
        for reader, reading in dispute.readings:
            note = f" · {reading.note}" if reading is not None and reading.note else ""
            row[reader.id] = agreement.reading_text(reading) + note
        row["Adjudicated (positions.csv)"] = agreement.reading_text(dispute.adjudicated)
        rows.append(row)
    return pd.DataFrame(rows)
