"""Overview: where each perspective stands on each theme's scale, and where they part ways.

Only themes that declare a scale take part. An author who does not address a theme has no point
on its scale: they sit in a separate "not addressed" lane and never count as a 0.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property

import numpy as np
import pandas as pd

from perspectives.coverage import MEASURES
from perspectives.memo import PerObject
from perspectives.model import Corpus, Document, Position, Theme, format_point, spread_of
from perspectives.schema import Agreement

NOT_ADDRESSED = "not addressed"
SCALE_LANE = "scale"
COMPARED = "Addressed by every perspective"
ONE_SIDED = "Addressed by only some"
SHARE_MEASURE = "words"  # of coverage.MEASURES: long and short sentences weigh what they hold
SHARE_TITLE = "Share of the author's words"


def points_apart(spread: int) -> str:
    if spread == 0:
        return "at the same point"
    return f"{spread} point{'s' if spread != 1 else ''} apart"


@dataclass(frozen=True)
class ThemeSpread:
    """One scaled theme: who stands where, who is silent, and how far apart the placed ones are."""

    theme: Theme
    agreement: Agreement
    columns: tuple[tuple[Document, Position], ...]  # every perspective, in corpus order

    @cached_property
    def placed(self) -> tuple[tuple[Document, int], ...]:
        """The perspectives that address the theme, with their points on its scale."""
        return tuple(
            (doc, pos.scale_value) for doc, pos in self.columns if pos.scale_value is not None
        )

    @cached_property
    def absent(self) -> tuple[Document, ...]:
        return tuple(doc for doc, pos in self.columns if pos.scale_value is None)

    @cached_property
    def spread(self) -> int | None:
        """max − min of the points of the perspectives that address the theme; None below two."""
        values = [value for _, value in self.placed]
        return spread_of(values) if len(values) > 1 else None

    @property
    def one_sided(self) -> bool:
        return bool(self.absent)

    @property
    def group(self) -> str:
        return ONE_SIDED if self.one_sided else COMPARED


@PerObject
def theme_spreads(corpus: Corpus) -> tuple[ThemeSpread, ...]:
    """Every theme that declares a scale, in corpus order; once per corpus, for every session."""
    spreads = []
    for theme in corpus.themes:
        if not theme.scale:
            continue
        spreads.append(
            ThemeSpread(
                theme=theme,
                agreement=corpus.comparison(theme.id).agreement,
                columns=tuple(
                    (doc, position)
                    for doc in corpus.documents
                    if (position := corpus.find_position(theme.id, doc.id)) is not None
                ),
            )
        )
    return tuple(spreads)


def by_divergence(spreads: Sequence[ThemeSpread]) -> list[ThemeSpread]:
    """Themes every perspective addresses first, widest spread first; one-sided themes after,
    ordered the same way. Ties keep corpus order."""
    return sorted(spreads, key=lambda s: (s.one_sided, -(s.spread if s.spread is not None else -1)))


def _join(words: Sequence[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


#: Perspectives a theme's description names one by one; past that it counts them per point, so
#: that the list of 50 themes of a 200-document corpus is a page to read, not 10,000 names.
NAMED_AT_MOST = 12


def _perspectives(count: int) -> str:
    return f"{count} perspective{'s' if count != 1 else ''}"


def _placements(spread: ThemeSpread) -> str:
    if len(spread.placed) <= NAMED_AT_MOST:
        return "; ".join(
            f"{doc.perspective} at {format_point(value)} ({spread.theme.scale_label(value)})"
            for doc, value in spread.placed
        )
    counts = Counter(value for _, value in spread.placed)
    return "; ".join(
        f"{_perspectives(count)} at {format_point(value)} ({spread.theme.scale_label(value)})"
        for value, count in sorted(counts.items())
    )


def describe(spread: ThemeSpread) -> str:
    """One theme in words, after its label: how far apart, and where each perspective stands
    (named, up to NAMED_AT_MOST of them; else counted per point)."""
    absent = spread.absent
    if len(absent) > NAMED_AT_MOST:
        silent = _perspectives(len(absent))
    else:
        silent = _join([doc.perspective for doc in absent]) if absent else ""
    verb = "does" if len(absent) == 1 else "do"
    if not spread.placed:
        return "no perspective addresses it."
    if spread.spread is None:
        where = _placements(spread)
        return f"only {where}" + (f"; {silent} {verb} not address it." if silent else ".")
    text = f"{points_apart(spread.spread)}. {_placements(spread)}"
    return text + (f"; {silent} {verb} not address it." if silent else ".")


def headlines(corpus: Corpus, spreads: Sequence[ThemeSpread]) -> list[str]:
    """Where the perspectives diverge most and come closest, and which themes only some address;
    each theme named as it reads mid-sentence."""
    compared = [(s, s.spread) for s in spreads if not s.one_sided and s.spread is not None]
    sentences = []
    widest = max((spread for _, spread in compared), default=None)
    narrowest = min((spread for _, spread in compared), default=None)
    if len(compared) == 1:
        only = corpus.theme_in_sentence(compared[0][0].theme.id)
        sentences.append(
            f"They are {points_apart(compared[0][1])} on {only}, the one theme they all address."
        )
    elif widest is not None and widest == narrowest:
        sentences.append(f"They are {points_apart(widest)} on every theme they all address.")
    elif widest is not None and narrowest is not None:
        for verb, value in (("diverge most", widest), ("come closest", narrowest)):
            themes = [
                corpus.theme_in_sentence(s.theme.id) for s, spread in compared if spread == value
            ]
            each = " each" if len(themes) > 1 and value else ""
            sentences.append(f"They {verb} on {_join(themes)}: {points_apart(value)}{each}.")
    one_sided = [s for s in spreads if s.one_sided]
    if one_sided:
        sentences.append(
            "Only some perspectives address "
            + _join([corpus.theme_in_sentence(s.theme.id) for s in one_sided])
            + "."
        )
    return sentences


def dot_plot_data(
    spreads: Sequence[ThemeSpread],
    text_shares: Mapping[tuple[str, str], float] | None = None,
) -> pd.DataFrame:
    """One row per theme × perspective, in the order given. `text_shares` maps (theme id,
    document id) to the share of the author's text the theme takes (0–1), for marker size."""
    rows = []
    for rank, spread in enumerate(spreads):
        for document, position in spread.columns:
            value = position.scale_value
            rows.append(
                {
                    "theme_id": spread.theme.id,
                    "theme": spread.theme.label,
                    "rank": rank,
                    "group": spread.group,
                    "document_id": document.id,
                    "perspective": document.perspective,
                    "lane": NOT_ADDRESSED if value is None else SCALE_LANE,
                    "value": value,
                    "point": (
                        NOT_ADDRESSED
                        if value is None
                        else f"{format_point(value)} · {spread.theme.scale_label(value)}"
                    ),
                    "confidence": position.confidence,
                    "stance": position.stance,
                    "summary": position.summary,
                    "quote": position.quotes[0].text if position.quotes else "",
                    "share": (text_shares or {}).get((spread.theme.id, document.id)),
                }
            )
    frame = pd.DataFrame(rows)
    if not frame.empty:
        frame["value"] = frame["value"].astype("Int64")
        frame["share"] = frame["share"].astype("Float64")
    return frame


def text_shares(coverage_table: pd.DataFrame) -> dict[tuple[str, str], float]:
    """(theme id, document id) → share of the author's words in sentences the lexicon tags with
    the theme, from `coverage.coverage_table`: what `dot_plot_data` takes for marker size."""
    pairs = zip(coverage_table["theme_id"], coverage_table["document_id"], strict=True)
    shares = coverage_table[MEASURES[SHARE_MEASURE]].astype(float).tolist()
    return dict(zip(pairs, shares, strict=True))


def scale_matrix(corpus: Corpus) -> np.ndarray:
    """Documents × themes that declare a scale, both in corpus order: each perspective's point on
    each theme's scale, NaN where it has none."""
    rows = {document.id: row for row, document in enumerate(corpus.documents)}
    columns = {theme.id: column for column, theme in enumerate(t for t in corpus.themes if t.scale)}
    values = np.full((len(rows), len(columns)), np.nan)
    for position in corpus.positions:
        if position.scale_value is not None and position.theme_id in columns:
            values[rows[position.document_id], columns[position.theme_id]] = position.scale_value
    return values


@dataclass(frozen=True, eq=False)
class Alignment:
    """Every pair of perspectives over the scaled themes both address, as documents × documents
    matrices in corpus order."""

    documents: tuple[Document, ...]
    shared: np.ndarray  # how many themes both address
    distance: np.ndarray  # the sum, over those themes, of how many points apart they stand

    @property
    def mean_distance(self) -> np.ndarray:
        """Mean distance on the shared themes; NaN for a pair with none."""
        mean = np.full(self.distance.shape, np.nan)
        return np.divide(self.distance, self.shared, out=mean, where=self.shared > 0)

    def among(self, document_ids: Collection[str]) -> Alignment:
        """The pairs of the given perspectives only, still in corpus order."""
        kept = [i for i, document in enumerate(self.documents) if document.id in document_ids]
        rows = np.ix_(kept, kept)
        return Alignment(
            tuple(self.documents[i] for i in kept), self.shared[rows], self.distance[rows]
        )


@PerObject
def alignment(corpus: Corpus) -> Alignment:
    """Each pair of perspectives, worked out once per corpus for every session: a large corpus
    has tens of thousands of pairs, each over every theme."""
    values = scale_matrix(corpus)
    placed = (~np.isnan(values)).astype(float)
    shared = (placed @ placed.T).round().astype(np.int64)
    distance = np.zeros(shared.shape)
    for points in values.T:  # a theme at a time: documents × documents, never × themes too
        distance += np.nan_to_num(np.abs(points[:, None] - points[None, :]))
    return Alignment(corpus.documents, shared, distance)


def alignment_table(found: Alignment) -> pd.DataFrame:
    """The pairs as a symmetric matrix in long form, ready for a heatmap: each pair once in
    corpus order (as `itertools.combinations` lists them), each followed by its reverse."""
    first, second = np.triu_indices(len(found.documents), 1)
    # Each pair, then its reverse: (0, 1), (1, 0), (0, 2), (2, 0)…
    a = np.column_stack([first, second]).ravel()
    b = np.column_stack([second, first]).ravel()
    shared, mean = found.shared, found.mean_distance
    pair_means, pair_counts = mean[first, second].tolist(), shared[first, second].tolist()
    cells = [
        f"{value:.1f} apart · {count} theme{'s' if count != 1 else ''}"
        if count
        else "no shared theme"
        for value, count in zip(pair_means, pair_counts, strict=True)
    ]
    labels = np.array([document.perspective for document in found.documents], dtype=object)
    return pd.DataFrame(
        {
            "first": labels[a],
            "second": labels[b],
            "shared": shared[a, b],
            "mean_distance": mean[a, b],
            "cell": np.repeat(np.array(cells, dtype=object), 2),
        },
        columns=["first", "second", "shared", "mean_distance", "cell"],
    )
