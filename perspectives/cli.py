"""Command line: argument parsing only; the work is done by the library."""

from __future__ import annotations

import argparse

from perspectives.corpus import CorpusError, load
from perspectives.paths import corpus_dir


def _validate(args: argparse.Namespace) -> int:
    root = corpus_dir(args.dir)
    try:
        corpus = load(root)
    except CorpusError as error:
        for problem in error.problems:
            print(problem)
        warnings = sum(problem.severity == "warning" for problem in error.problems)
        counts = f"{len(error.problems) - warnings} problem(s)"
        print(counts + (f", {warnings} warning(s)" if warnings else "") + f" in {root}")
        return 1
    for warning in corpus.warnings:
        print(warning)
    print(
        f"OK {root}: {corpus.summary_line()}"
        + (f"; {len(corpus.warnings)} warning(s)" if corpus.warnings else "")
    )
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m perspectives", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    validate = commands.add_parser(
        "validate", help="check a corpus folder and report every problem"
    )
    validate.add_argument(
        "dir", nargs="?", help="corpus folder (default: $PERSPECTIVES_DATA or the embedded corpus)"
    )
    validate.set_defaults(run=_validate)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.run(args)
