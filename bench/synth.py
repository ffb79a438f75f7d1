"""A seeded synthetic corpus in the real format, far larger than any curated one.

Default size: 200 documents from 12 perspectives, 50 themes, 5,000 positions, 20,000 quotes
that occur verbatim (once) in their documents, about 10 MB of text. `validate` passes on it.

    python bench/synth.py OUT_DIR [--seed 7] [--scale 1.0]
"""

from __future__ import annotations

import argparse
import csv
import random
from pathlib import Path

from perspectives.schema import (
    COMPARISONS,
    DOCUMENTS,
    EXCLUDED_SPANS,
    METADATA_FILE,
    POSITIONS,
    QUOTES,
    THEMES,
    Resource,
)

COUNTRIES = (
    "India", "Russia", "China", "Japan", "South Korea", "United States",
    "Germany", "Brazil", "Indonesia", "Turkey", "South Africa", "Mexico",
)  # fmt: skip
SYLLABLES = ("ka", "lo", "ri", "sen", "ta", "mu", "vo", "pel", "dra", "ni", "qua", "zo", "bel")


def _vocabulary(rng: random.Random, size: int = 3000) -> list[str]:
    words = set()
    while len(words) < size:
        words.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(1, 4))))
    return sorted(words)


def _sentence(rng: random.Random, words: list[str]) -> str:
    chosen = [rng.choice(words) for _ in range(rng.randint(10, 22))]
    chosen[0] = chosen[0].capitalize()
    if rng.random() < 0.3:
        chosen[rng.randrange(1, len(chosen))] += ","
    return " ".join(chosen) + "."


def _share(total: int, parts: int) -> list[int]:
    """`total` split into `parts` counts that differ by at most one."""
    return [total // parts + (index < total % parts) for index in range(parts)]


def _write(root: Path, resource: Resource, rows: list[dict[str, str]]) -> None:
    with (root / resource.file).open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(resource.columns))
        writer.writeheader()
        writer.writerows({name: row.get(name, "") for name in resource.columns} for row in rows)


def generate(
    root: Path,
    *,
    seed: int = 7,
    documents: int = 200,
    themes: int = 50,
    positions: int = 5000,
    quotes: int = 20000,
    text_bytes: int = 10_000_000,
) -> Path:
    """Write the corpus into `root` (created; must not exist or be empty) and return it."""
    rng = random.Random(seed)
    words = _vocabulary(rng)
    root.mkdir(parents=True, exist_ok=True)
    (root / "texts").mkdir(exist_ok=True)
    (root / METADATA_FILE).write_text(
        '[corpus]\ntitle = "Synthetic benchmark corpus"\nversion = "1.0.0"\n'
        f'description = "Generated with seed {seed}."\ncurators = ["bench/synth.py"]\n',
        encoding="utf-8",
    )
    theme_ids = [f"theme-{index:02d}" for index in range(themes)]
    _write(
        root,
        THEMES,
        [
            {
                "id": theme_id,
                "label": f"Theme {index}",
                "description": _sentence(rng, words),
                "question": _sentence(rng, words)[:-1] + "?",
            }
            for index, theme_id in enumerate(theme_ids)
        ],
    )
    if positions > documents * themes or quotes > positions * 50:
        raise ValueError("more positions than theme × document pairs, or too many quotes each")
    per_document = _share(positions, documents)  # themes each document takes a position on
    per_position = iter(_share(quotes, positions))  # quotes for each position in turn
    seen: set[str] = set()
    document_rows, span_rows, position_rows, quote_rows = [], [], [], []
    for index in range(documents):
        doc_id = f"doc-{index:03d}"
        sentences: list[str] = []
        size = 0
        while size < text_bytes // documents:
            sentence = _sentence(rng, words)
            if sentence in seen:
                continue
            seen.add(sentence)
            sentences.append(sentence)
            size += len(sentence) + 1
        paragraphs = [" ".join(sentences[i : i + 6]) for i in range(0, len(sentences), 6)]
        headline = f"Headline of document {index}"
        disclaimer = f"Views expressed in document {index} are the author's own."
        (root / "texts" / f"{doc_id}.txt").write_text(
            "\n\n".join([headline, *paragraphs, disclaimer]) + "\n", encoding="utf-8"
        )
        document_rows.append(
            {
                "id": doc_id,
                "author": f"Author {index}",
                "role": "Analyst",
                "affiliation": f"Institute {index % 37}",
                "country": COUNTRIES[index % len(COUNTRIES)],
                "title": f"Synthetic analysis {index}",
                "outlet": "Benchmark Review",
                "published": f"{2015 + index % 10}-{1 + index % 12:02d}-{1 + index % 28:02d}",
                "citation": f"Author {index}. Synthetic analysis {index}. Benchmark Review.",
                "text_file": f"texts/{doc_id}.txt",
            }
        )
        span_rows += [
            {"document_id": doc_id, "kind": kind, "starts_with": span, "ends_with": span}
            for kind, span in (("headline", headline), ("disclaimer", disclaimer))
        ]
        counts = [next(per_position) for _ in range(per_document[index])]
        quoted = iter(rng.sample(sentences, sum(counts)))
        for count, theme_id in zip(counts, rng.sample(theme_ids, len(counts)), strict=True):
            position_rows.append(
                {
                    "theme_id": theme_id,
                    "document_id": doc_id,
                    "coverage": rng.choice(("explicit", "explicit", "implicit")),
                    "stance": " ".join(rng.sample(words, 4)),
                    "summary": _sentence(rng, words) + " " + _sentence(rng, words),
                    "rationale": _sentence(rng, words),
                }
            )
            quote_rows += [
                {"theme_id": theme_id, "document_id": doc_id, "quote": next(quoted)}
                for _ in range(count)
            ]
    _write(root, DOCUMENTS, document_rows)
    _write(root, EXCLUDED_SPANS, span_rows)
    _write(root, POSITIONS, position_rows)
    _write(root, QUOTES, quote_rows)
    _write(
        root,
        COMPARISONS,
        [
            {
                "theme_id": theme_id,
                "agreement": rng.choice(("agree", "partly", "diverge")),
                "synthesis": _sentence(rng, words),
            }
            for theme_id in theme_ids
        ],
    )
    return root


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--scale", type=float, default=1.0, help="fraction of the default size")
    args = parser.parse_args()
    scaled = {
        "documents": max(2, round(200 * args.scale)),
        "positions": max(2, round(5000 * args.scale)),
        "quotes": max(2, round(20000 * args.scale)),
        "text_bytes": max(20_000, round(10_000_000 * args.scale)),
    }
    generate(args.out, seed=args.seed, **scaled)
    print(args.out)


if __name__ == "__main__":
    main()
