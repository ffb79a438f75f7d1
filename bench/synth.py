"""A seeded synthetic corpus in the real format, far larger than any curated one.

Default size: 200 documents from 12 perspectives, 50 themes, 5,000 positions, 20,000 quotes
that occur verbatim (once) in their documents, about 10 MB of text, a lexicon of three terms per
theme, a reviewer's verdicts on a sample of the tags, a five-point stance scale per theme with
every position placed on it, and 100 dated events on one or two themes each, every text
referring to two of them. `validate` passes on it.

The lexicon tags as a curated one does: a document's terms for a theme it takes a position on
fall in 5–15% of its sentences and in nearly every quote of the theme, and a few stray terms of
other themes give the tags a reviewer rejects.

    python bench/synth.py OUT_DIR [--seed 7] [--scale 1.0]
"""

from __future__ import annotations

import argparse
import csv
import random
from pathlib import Path

from perspectives.schema import (
    AGREE_MAX_SPREAD,
    COMPARISONS,
    CONFIDENCE,
    DIVERGE_MIN_SPREAD,
    DOCUMENTS,
    EVENT_QUOTES,
    EVENTS,
    EXCLUDED_SPANS,
    LEXICON,
    LEXICON_REVIEWS,
    METADATA_FILE,
    POSITIONS,
    QUOTES,
    SCALES,
    THEMES,
    Resource,
)

COUNTRIES = (
    "India", "Russia", "China", "Japan", "South Korea", "United States",
    "Germany", "Brazil", "Indonesia", "Turkey", "South Africa", "Mexico",
)  # fmt: skip
SYLLABLES = ("ka", "lo", "ri", "sen", "ta", "mu", "vo", "pel", "dra", "ni", "qua", "zo", "bel")
# Lexicon terms use letters the vocabulary never does (g, w, j, c, f, h), so a term is found
# exactly where it was put; each ends in a consonant that takes the plain English endings.
TERM_SYLLABLES = ("gor", "wif", "jun", "cof", "gum", "hob", "jek", "wug", "fal", "gat", "jid")
ACRONYM_LETTERS = "GWJCFH"
ENDINGS = ("", "", "", "s", "'s", "ed", "ing")
QUOTE_TAGGED = 0.95  # share of quotes that carry a term of their theme: the lexicon's recall
EVENTS_PER_DOCUMENT = 2  # events each text refers to, each in a sentence no position quotes
STRAY = 0.02  # share of sentences with a term of a theme the document takes no position on


def _vocabulary(rng: random.Random, size: int = 3000) -> list[str]:
    words: set[str] = set()
    while len(words) < size:
        words.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(1, 4))))
    return sorted(words)


def _sentence(rng: random.Random, words: list[str]) -> str:
    chosen = [rng.choice(words) for _ in range(rng.randint(10, 22))]
    chosen[0] = chosen[0].capitalize()
    if rng.random() < 0.3:
        chosen[rng.randrange(1, len(chosen))] += ","
    return " ".join(chosen) + "."


class _Lexicon:
    """Three terms per theme, and the words that put one of them in a sentence."""

    def __init__(self, rng: random.Random, theme_ids: list[str]) -> None:
        self.rng = rng
        fresh = self._fresh(lambda: "".join(rng.choice(TERM_SYLLABLES) for _ in range(3)))
        acronyms = self._fresh(lambda: "".join(rng.choice(ACRONYM_LETTERS) for _ in range(3)))
        self.terms: dict[str, list[tuple[str, str]]] = {}  # theme id: [(term, match)]
        for index, theme_id in enumerate(theme_ids):
            third = (next(acronyms), "exact") if index % 3 == 0 else (next(fresh), "words")
            phrase = f"{next(fresh)} {next(fresh)}"
            self.terms[theme_id] = [(next(fresh), "words"), (phrase, "words"), third]

    @staticmethod
    def _fresh(draw):
        seen: set[str] = set()
        while True:
            word = draw()
            if word not in seen:
                seen.add(word)
                yield word

    def occurrence(self, theme_id: str) -> str:
        """One of the theme's terms as a text may write it: any ending, capital or hyphen."""
        term, match = self.rng.choice(self.terms[theme_id])
        if match == "exact":
            return term
        *head, last = term.split()
        written = " ".join([*head, last + self.rng.choice(ENDINGS)])
        if head and self.rng.random() < 0.3:
            written = written.replace(" ", "-")
        return written.capitalize() if self.rng.random() < 0.1 else written

    def put(self, sentence: str, theme_id: str) -> str:
        """The sentence with a term of the theme inside it (never first, never last)."""
        words = sentence.split(" ")
        words.insert(self.rng.randrange(1, len(words)), self.occurrence(theme_id))
        return " ".join(words)

    def rows(self) -> list[dict[str, str]]:
        return [
            {"theme_id": theme_id, "term": term, "match": match, "note": "Synthetic term."}
            for theme_id, terms in self.terms.items()
            for term, match in terms
        ]


def _opening(sentence: str, sentences: list[str]) -> str:
    """The first words of a sentence, enough that no other sentence starts with them."""
    words = sentence.split(" ")
    for count in range(6, len(words) + 1):
        opening = " ".join(words[:count])
        if sum(other.startswith(opening) for other in sentences) == 1:
            return opening
    raise ValueError(f"another sentence starts with the whole of {sentence!r}")


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
    reviews_per_document: int = 5,
    events: int = 100,
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
    lexicon = _Lexicon(random.Random(f"{seed}-lexicon"), theme_ids)
    review_rows = []
    event_rng = random.Random(f"{seed}-events")
    event_ids = [f"event-{index:03d}" for index in range(events)]
    event_quote_rows = []
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
        counts = [next(per_position) for _ in range(per_document[index])]
        quoted = iter(rng.sample(range(len(sentences)), sum(counts)))
        taken = [
            (theme_id, [next(quoted) for _ in range(count)])
            for count, theme_id in zip(counts, rng.sample(theme_ids, len(counts)), strict=True)
        ]
        review_rows += _tag(lexicon, doc_id, sentences, taken, theme_ids, reviews_per_document)
        quoted_here = {number for _, numbers in taken for number in numbers}
        unquoted = [number for number in range(len(sentences)) if number not in quoted_here]
        event_quote_rows += [
            {"event_id": event_id, "document_id": doc_id, "quote": sentences[number]}
            for event_id, number in zip(
                event_rng.sample(event_ids, min(events, EVENTS_PER_DOCUMENT)),
                event_rng.sample(unquoted, min(events, EVENTS_PER_DOCUMENT)),
                strict=True,
            )
        ]
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
        for theme_id, quotes_taken in taken:
            position_rows.append(
                {
                    "theme_id": theme_id,
                    "document_id": doc_id,
                    "coverage": rng.choice(("explicit", "explicit", "implicit")),
                    "stance": " ".join(rng.sample(words, 4)),
                    "summary": _sentence(rng, words) + " " + _sentence(rng, words),
                    "rationale": _sentence(rng, words),
                    "scale_value": str(lexicon.rng.randint(-2, 2)),
                    "confidence": lexicon.rng.choice(CONFIDENCE),
                }
            )
            quote_rows += [
                {"theme_id": theme_id, "document_id": doc_id, "quote": sentences[number]}
                for number in quotes_taken
            ]
    _write(root, DOCUMENTS, document_rows)
    _write(root, EXCLUDED_SPANS, span_rows)
    _write(root, POSITIONS, position_rows)
    _write(root, QUOTES, quote_rows)
    _write(root, EVENTS, _events(event_rng, words, event_ids, theme_ids))
    _write(root, EVENT_QUOTES, event_quote_rows)
    _write(root, LEXICON, lexicon.rows())
    _write(root, LEXICON_REVIEWS, review_rows)
    _write(
        root,
        SCALES,
        [
            {"theme_id": theme_id, "value": str(value), "label": f"Point {value} of {theme_id}"}
            for theme_id in theme_ids
            for value in range(-2, 3)
        ],
    )
    points: dict[str, list[int]] = {theme_id: [] for theme_id in theme_ids}
    for row in position_rows:
        points[row["theme_id"]].append(int(row["scale_value"]))
    _write(
        root,
        COMPARISONS,
        [
            {
                "theme_id": theme_id,
                "agreement": _agreement(
                    rng.choice(("agree", "partly", "diverge")), points[theme_id]
                ),
                "synthesis": _sentence(rng, words),
            }
            for theme_id in theme_ids
        ],
    )
    return root


def _events(
    rng: random.Random, words: list[str], event_ids: list[str], theme_ids: list[str]
) -> list[dict[str, str]]:
    """Events from 2010 to 2024, each on one or two themes, dated to the day, month or year
    (a year or month is the span a reader sees as a bar), each with a source for its date."""
    rows = []
    for index, event_id in enumerate(event_ids):
        year, month, day = rng.randint(2010, 2024), rng.randint(1, 12), rng.randint(1, 28)
        date = rng.choice((f"{year}-{month:02d}-{day:02d}",) * 7 + (f"{year}-{month:02d}",) * 2
                          + (f"{year}",))  # fmt: skip
        rows.append(
            {
                "id": event_id,
                "date": date,
                "label": f"Event {index}",
                "description": _sentence(rng, words),
                "theme_ids": " ".join(
                    rng.sample(theme_ids, min(len(theme_ids), rng.randint(1, 2)))
                ),
                "date_source": f"Synthetic record {index}",
            }
        )
    return rows


def _agreement(drawn: str, points: list[int]) -> str:
    """The drawn agreement, or "partly" where the points' spread contradicts it."""
    spread = max(points) - min(points) if points else 0
    if (drawn == "agree" and spread > AGREE_MAX_SPREAD) or (
        drawn == "diverge" and spread < DIVERGE_MIN_SPREAD
    ):
        return "partly"
    return drawn


def _tag(
    lexicon: _Lexicon,
    doc_id: str,
    sentences: list[str],
    taken: list[tuple[str, list[int]]],
    theme_ids: list[str],
    reviews: int,
) -> list[dict[str, str]]:
    """Put terms into the document's sentences (in place) and return a reviewer's verdicts on
    `reviews` of the tags outside the quotes: accepted where the document takes a position on
    the theme, rejected where the term is a stray."""
    rng = lexicon.rng
    addressed = {theme_id for theme_id, _ in taken}
    others = [theme_id for theme_id in theme_ids if theme_id not in addressed]
    quoted = {number for _, numbers in taken for number in numbers}
    free = [number for number in range(len(sentences)) if number not in quoted]
    placed: list[tuple[int, str]] = []
    for theme_id, numbers in taken:
        for number in numbers:
            if rng.random() < QUOTE_TAGGED:
                sentences[number] = lexicon.put(sentences[number], theme_id)
        share = rng.uniform(0.05, 0.15)
        for number in rng.sample(free, min(len(free), round(share * len(sentences)))):
            placed.append((number, theme_id))
    strays = rng.sample(free, round(STRAY * len(sentences))) if others else []
    placed += [(number, rng.choice(others)) for number in strays]
    for number, theme_id in placed:
        sentences[number] = lexicon.put(sentences[number], theme_id)
    accepted = [tag for tag in placed if tag[1] in addressed]
    rejected = [tag for tag in placed if tag[1] not in addressed]
    rejecting = min(len(rejected), round(reviews / 3))
    chosen = [
        *((tag, "accept") for tag in rng.sample(accepted, min(len(accepted), reviews - rejecting))),
        *((tag, "reject") for tag in rng.sample(rejected, rejecting)),
    ]
    return [
        {
            "document_id": doc_id,
            "theme_id": theme_id,
            "opening": _opening(sentences[number], sentences),
            "verdict": verdict,
            "reason": "On the theme." if verdict == "accept" else "A stray term.",
        }
        for (number, theme_id), verdict in chosen
    ]


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
        "events": max(2, round(100 * args.scale)),
    }
    generate(args.out, seed=args.seed, **scaled)
    print(args.out)


if __name__ == "__main__":
    main()
