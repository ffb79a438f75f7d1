"""Command line: argument parsing only; the work is done by the library."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from perspectives import export, files, starter
from perspectives.compare import select
from perspectives.corpus import load
from perspectives.model import Corpus, CorpusError, tally, visible
from perspectives.paths import corpus_dir


def _load_or_report(root: Path) -> Corpus | None:
    """The corpus, or None after printing every problem that keeps it from loading."""
    try:
        return load(root)
    except CorpusError as error:
        for problem in error.problems:
            print(problem)
        print(f"{tally(error.problems)} in {visible(str(root))}")
        return None


def _validate(args: argparse.Namespace) -> int:
    root = corpus_dir(args.dir)
    corpus = _load_or_report(root)
    if corpus is None:
        return 1
    for warning in corpus.warnings:
        print(warning)
    print(
        f"OK {visible(str(root))}: {corpus.summary_line()}"
        + (f"; {len(corpus.warnings)} warning(s)" if corpus.warnings else "")
    )
    return 0


def _init(args: argparse.Namespace) -> int:
    target = Path(args.dir)
    try:
        written = starter.write_starter(target)
    except starter.StarterRefused as error:
        print(visible(str(error)), file=sys.stderr)
        return 1
    print(f"Wrote a starter corpus ({len(written)} files) to {target}. Next:")
    print(f"  edit its files, then: python -m perspectives validate {target}")
    print(f"  open it: streamlit run app.py -- --data {target}")
    return 0


def _export(args: argparse.Namespace) -> int:
    root = corpus_dir(args.dir)
    corpus = _load_or_report(root)
    if corpus is None:
        return 1
    selection = select(corpus, args.theme, args.doc)
    asked_for = {
        "theme": (selection.unknown_themes, [theme.id for theme in corpus.themes]),
        "document": (selection.unknown_documents, [doc.id for doc in corpus.documents]),
    }
    refusals = [
        f"unknown {kind}(s): {', '.join(unknown)}; known: {', '.join(known)}"
        for kind, (unknown, known) in asked_for.items()
        if unknown
    ]
    for refusal in refusals:
        print(visible(refusal), file=sys.stderr)
    if refusals:
        return 1
    content = export.selection_file(corpus, selection, args.format)
    if args.output is None:
        sys.stdout.buffer.write(content)
        sys.stdout.flush()
        return 0
    target = Path(args.output)
    try:
        files.write_new(target, content, outside=root, replace=args.force)
    except files.Refused as refusal:
        print(visible(f"{refusal.message} ({refusal.hint})"), file=sys.stderr)
        return 1
    print(f"Wrote {visible(str(target))}", file=sys.stderr)
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

    init = commands.add_parser("init", help="write a small valid corpus to start from")
    init.add_argument("dir", help="folder to create (refused if it exists and is not empty)")
    init.set_defaults(run=_init)

    exporter = commands.add_parser(
        "export", help="write the comparison as Markdown, CSV or JSON, with every quote"
    )
    exporter.add_argument("dir", nargs="?", help="corpus folder (default: as for validate)")
    exporter.add_argument(
        "--format", required=True, choices=list(export.FORMATS), help="file format"
    )
    exporter.add_argument(
        "--theme",
        nargs="+",
        action="extend",
        metavar="ID",
        help="theme id(s) to export (default: every theme)",
    )
    exporter.add_argument(
        "--doc",
        nargs="+",
        action="extend",
        metavar="ID",
        help="document id(s) whose perspectives to export (default: every document)",
    )
    exporter.add_argument(
        "-o", "--output", metavar="FILE", help="write here (default: stdout); never into the corpus"
    )
    exporter.add_argument(
        "--force", action="store_true", help="replace FILE if it exists (default: refuse)"
    )
    exporter.set_defaults(run=_export)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.run(args)
