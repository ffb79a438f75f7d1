"""Inputs that once made `validate` hang, built on a copy of the embedded corpus.

Each builder writes a corpus that is wrong or merely large in one way and returns its folder;
`validate` must report on it within HOSTILE_TARGET_S seconds. The sizes are those that took
from 28 s to over 120 s before the checks were bounded.

    python bench/hostile.py [--quick]
"""

from __future__ import annotations

import argparse
import csv
import itertools
import random
import re
import shutil
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from perspectives.corpus import validate  # noqa: E402
from perspectives.paths import EMBEDDED_CORPUS  # noqa: E402

HOSTILE_TARGET_S = 2.0
_SYLLABLES = ("ka", "lo", "ri", "sen", "ta", "mu", "vo", "pel", "dra", "ni", "qua", "zo", "bel")


def _copy(target: Path) -> Path:
    shutil.copytree(EMBEDDED_CORPUS, target)
    return target


def _words(count: int, seed: int = 3) -> list[str]:
    """`count` distinct made-up words, none of them an English word or an inflection of another."""
    rng = random.Random(seed)
    words: set[str] = set()
    while len(words) < count:
        words.add("".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(3, 5))) + "x")
    return sorted(words)


def _append_rows(path: Path, rows: list[list[str]]) -> None:
    with path.open("a", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)


def lexicon_terms(target: Path, terms: int) -> Path:
    """One theme with `terms` distinct lexicon terms: every pair is checked for duplicates."""
    root = _copy(target)
    _append_rows(root / "lexicon.csv", [["sanctions", word, "", ""] for word in _words(terms)])
    return root


def long_bad_quote(target: Path, characters: int) -> Path:
    """A quote of `characters` characters that is nowhere in its text: the closest-passage hint
    searches for it."""
    root = _copy(target)
    rng = random.Random(5)
    words = _words(400)
    quote = ""
    while len(quote) < characters:
        quote += rng.choice(words) + " "
    _append_rows(root / "quotes.csv", [["sanctions", "singh-2018", quote[:characters].strip()]])
    return root


def reviews_of_a_long_text(target: Path, megabytes: int, reviews: int = 60) -> Path:
    """Singh's text repeated to `megabytes` MB, each sentence of a copy opening with words of
    its own ("Part 3, sentence 12:"), with `reviews` lexicon reviews of such sentences; every
    tenth review's opening starts no sentence, which sends the check looking inside them."""
    root = _copy(target)
    text_path = root / "texts" / "singh-2018.txt"
    original = text_path.read_text(encoding="utf-8")
    parts = [original]
    size = len(original)
    while size < megabytes * 1_000_000:
        parts.append(_numbered_copy(original, len(parts)))
        size += len(parts[-1])
    text_path.write_text("".join(parts), encoding="utf-8")
    rows = [
        [
            "singh-2018",
            "sanctions",
            f"Part {number}, sentence 1:" if number % 10 else f"nowhere {number}",
            "accept",
            "A test verdict.",
        ]
        for number in range(1, reviews + 1)
    ]
    _append_rows(root / "lexicon_reviews.csv", rows)
    return root


def _numbered_copy(text: str, copy: int) -> str:
    counter = itertools.count(1)
    return f"\n\nCopy {copy}. " + re.sub(
        r"\. (?=[A-Z])", lambda _: f". Part {copy}, sentence {next(counter)}: ", text
    )


def many_bad_quotes(target: Path, rows: int) -> Path:
    """`rows` quotes, none of which occurs in its text."""
    root = _copy(target)
    words = _words(2000)
    rng = random.Random(11)
    _append_rows(
        root / "quotes.csv",
        [
            ["sanctions", "singh-2018", " ".join(rng.choice(words) for _ in range(12))]
            for _ in range(rows)
        ],
    )
    return root


def spans_not_found(target: Path, rows: int) -> Path:
    """`rows` excluded spans whose opening and closing words occur nowhere in the text."""
    root = _copy(target)
    words = _words(2000)
    rng = random.Random(13)
    _append_rows(
        root / "excluded_spans.csv",
        [
            [
                "singh-2018",
                "headline",
                " ".join(rng.choice(words) for _ in range(4)),
                " ".join(rng.choice(words) for _ in range(4)),
                "",
                "",
            ]
            for _ in range(rows)
        ],
    )
    return root


def text_without_spaces(target: Path, megabytes: int) -> Path:
    """Singh's text with its whitespace taken out, repeated to `megabytes` MB: one word, in
    which no quote, span or review of the corpus is found."""
    root = _copy(target)
    path = root / "texts" / "singh-2018.txt"
    glued = re.sub(r"\s+", "", path.read_text(encoding="utf-8"))
    size = megabytes * 1_000_000
    path.write_text((glued * (size // len(glued) + 1))[:size], encoding="utf-8")
    return root


def unrelated_files(target: Path, count: int) -> Path:
    """A folder of `count` files the corpus does not name, beside its own files: a rerun's
    change stamp and a save's check must not look into it."""
    root = _copy(target)
    folder = root / "unrelated"
    folder.mkdir()
    for number in range(count):
        (folder / f"{number}.txt").write_bytes(b"x")
    return root


def _seconds(root: Path) -> float:
    start = time.perf_counter()
    validate(root)
    return time.perf_counter() - start


def _reviews_seconds(scratch: Path, megabytes: int) -> float:
    """What lexicon_reviews.csv (the corpus's own reviews, and 60 of the long text) adds to
    validating a corpus with one long text: every other check of such a text (folding it,
    anchoring quotes) is paid with or without it."""
    with_reviews = reviews_of_a_long_text(scratch / "with-reviews", megabytes)
    without = reviews_of_a_long_text(scratch / "without-reviews", megabytes, reviews=0)
    (without / "lexicon_reviews.csv").unlink()
    validate(without)  # the text folded once, and cached, for both
    return _seconds(with_reviews) - _seconds(without)


#: (figure, how to measure it at a size, full size, quick size); the sizes are terms,
#: characters, megabytes and rows.
CASES: tuple[tuple[str, Callable[[Path, int], float], int, int], ...] = (
    (
        "validate_s[800 lexicon terms in a theme]",
        lambda scratch, size: _seconds(lexicon_terms(scratch, size)),
        800,
        300,
    ),
    (
        "validate_s[30 kB quote not in the text]",
        lambda scratch, size: _seconds(long_bad_quote(scratch, size)),
        30_000,
        10_000,
    ),
    (
        "validate_s[90 kB quote not in the text]",
        lambda scratch, size: _seconds(long_bad_quote(scratch, size)),
        90_000,
        20_000,
    ),
    ("reviews_s[lexicon reviews of a 20 MB text]", _reviews_seconds, 20, 2),
    (
        "validate_s[100,000 quotes not in the text]",
        lambda scratch, size: _seconds(many_bad_quotes(scratch, size)),
        100_000,
        10_000,
    ),
    (
        "validate_s[100,000 spans not in the text]",
        lambda scratch, size: _seconds(spans_not_found(scratch, size)),
        100_000,
        10_000,
    ),
    (
        "validate_s[20 MB text without a space]",
        lambda scratch, size: _seconds(text_without_spaces(scratch, size)),
        20,
        2,
    ),
)


def hostile_figures(scratch: Path, quick: bool = False) -> dict[str, float]:
    """Seconds each case takes, one run each (before the checks were bounded, they took from
    half a minute to several)."""
    return {
        name: measure(scratch / f"hostile-{number}", quick_size if quick else size)
        for number, (name, measure, size, quick_size) in enumerate(CASES)
    }


def main() -> None:
    import tempfile

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller inputs")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        for name, value in hostile_figures(Path(scratch), args.quick).items():
            print(f"{name:<48}  {value:>8.2f}  target < {HOSTILE_TARGET_S}", flush=True)


if __name__ == "__main__":
    main()
