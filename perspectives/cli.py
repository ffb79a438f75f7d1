"""Command line: argument parsing only; the work is done by the library."""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import re
import sys
from pathlib import Path

from perspectives import (
    agreement,
    agreement_text,
    capture,
    curate,
    datapackage,
    export,
    files,
    qdpx_import,
    starter,
    store,
    suggest,
)
from perspectives.compare import select
from perspectives.corpus import load, validate
from perspectives.corpus.readings import scales_digest
from perspectives.model import Corpus, CorpusError, errors, tally, visible
from perspectives.paths import corpus_dir
from perspectives.schema import DOCUMENTS, EXCLUDED_SPANS, Field


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
        written = starter.write_starter(target, empty=args.empty)
    except starter.StarterRefused as error:
        print(visible(str(error)), file=sys.stderr)
        return 1
    shown = visible(str(target))
    print(f"Wrote a starter corpus ({len(written)} files) to {shown}. Next:")
    print("  curate it in the dashboard's Curate page, in this order: texts, excluded spans,")
    print("  themes, positions, comparisons:")
    print(f"    make run CURATE=1 DATA={shown}    (in a clone of Perspectives), or")
    print(f"    streamlit run app.py --server.address 127.0.0.1 -- --data {shown} --curate")
    print(f"  or edit its files, then: python -m perspectives validate {shown}")
    print(f"  read it: streamlit run app.py -- --data {shown}")
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


def _agreement(args: argparse.Namespace) -> int:
    root = corpus_dir(args.dir)
    corpus = _load_or_report(root)
    if corpus is None:
        return 1
    if args.scales_digest:
        print(scales_digest(corpus.themes))
        return 0
    found = agreement.report(corpus)
    if args.format == "json":
        print(json.dumps(agreement_text.to_json(found), ensure_ascii=False, indent=2))
    else:
        print(agreement_text.to_text(corpus, found))
    return 0


def _suggest(args: argparse.Namespace) -> int:
    corpus = _load_or_report(corpus_dir(args.dir))
    if corpus is None:
        return 1
    unknown = [
        f"unknown {kind} {value!r}; known: {', '.join(item.id for item in known)}"
        for kind, value, known in (
            ("theme", args.theme, corpus.themes),
            ("document", args.doc, corpus.documents),
        )
        if value not in {item.id for item in known}
    ]
    for message in unknown:
        print(visible(message), file=sys.stderr)
    if unknown:
        return 1
    ranked = suggest.Index(corpus.documents).suggest(corpus, args.theme, args.doc)[: args.top]
    if args.format == "json":
        print(
            json.dumps(
                [_suggestion_json(rank, item) for rank, item in enumerate(ranked, 1)],
                ensure_ascii=False,
                indent=2,
            )
        )
        return 0
    for rank, item in enumerate(ranked, start=1):
        quoted = " (already quoted)" if item.quoted else ""
        print(visible(f"{rank}. [{item.score:.2f}] {item.sentence.plain()}{quoted}"))
        print(visible(f"   why: {item.why()}"))
    return 0


def _suggestion_json(rank: int, item: suggest.Suggestion) -> dict[str, object]:
    similar = None
    if item.quote is not None:
        similar = {
            "document_id": item.quote.document_id,
            "quote": item.quote.text,
            "similarity": round(item.quote_similarity, 4),
        }
    return {
        "rank": rank,
        "sentence": item.sentence.plain(),
        "start": item.sentence.start,
        "end": item.sentence.end,
        "score": round(item.score, 4),
        "terms": list(item.terms),
        "theme_similarity": round(item.theme_similarity, 4),
        "similar_quote": similar,
        "quoted": item.quoted,
        "quoted_for": [theme.id for theme in item.quoted_for],
    }


#: What a save or an undo refuses with, each said in one line.
WRITE_REFUSALS = (
    curate.CurationError,
    store.StaleFilesError,
    store.JournalError,
    files.Refused,
)
#: The largest text add-document reads: far more than any article.
SOURCE_LIMIT = 64 << 20


def _refusal(error: Exception) -> str:
    """A refusal on one line, with its hint, made safe to print."""
    if isinstance(error, files.Refused):
        return visible(f"{error.message} ({error.hint})")
    return visible(str(error))


def _add_document(args: argparse.Namespace) -> int:
    root = corpus_dir(args.dir)
    source = Path(args.file)
    try:
        captured = capture.capture(source.name, files.read_regular(source, SOURCE_LIMIT))
    except files.Refused as refused:
        print(visible(f"{refused.message} ({refused.hint})"), file=sys.stderr)
        return 1
    except capture.CaptureError as error:
        print(visible(str(error)), file=sys.stderr)
        return 1
    given = {
        column: value
        for column in DOCUMENTS.columns
        if (value := getattr(args, column, None)) is not None
    }
    metadata = curate.with_citation({**captured.metadata, **given})
    try:
        change = curate.add_document(
            curate.read(root), metadata, captured.data, captured.suffix, captured.original
        )
        # a corpus with errors (a new, empty one among them) may take a text: no error added
        saved = store.save(root, change, validate(root))
    except store.RefusedError as error:
        for problem in error.problems:
            print(visible(str(problem)), file=sys.stderr)
        print(error, file=sys.stderr)
        return 1
    except WRITE_REFUSALS as error:
        print(_refusal(error), file=sys.stderr)
        return 1
    stored = ", ".join(path for path in saved.files if path != DOCUMENTS.file)
    print(visible(f"Added {metadata['id']}: {stored} and a row of {DOCUMENTS.file} in {root}"))
    for column, found in (("citation", "made from its fields"), ("language", "found or guessed")):
        if column not in given and metadata.get(column):
            print(visible(f"{column.capitalize()}, {found} (correct it there): {metadata[column]}"))
    spans = curate.suggested_spans(
        captured.text, metadata.get("title", ""), metadata.get("author", "")
    ) + curate.running_spans(captured.text)
    _print_spans(metadata["id"], spans)
    if still := errors(saved.warnings):
        print(visible(f"The corpus still has {len(still)} error(s): see `validate {root}`"))
    return 0


def _print_spans(document_id: str, spans: list[curate.SuggestedSpan]) -> None:
    """The suggested rows of excluded_spans.csv, as CSV in the table's column order."""
    if not spans:
        print(f"No passage looks like text that is not the author's; see {EXCLUDED_SPANS.file}.")
        return
    print(f"Suggested rows for {EXCLUDED_SPANS.file} (check them, then add them):")
    rows = io.StringIO()
    writer = csv.writer(rows, lineterminator="\n")
    for span in spans:
        writer.writerow(
            [
                document_id,
                span.kind,
                span.starts_with,
                span.ends_with,
                span.occurrence or "",
                f"Paragraph(s) {span.first}–{span.last}: {span.reason}.",
            ]
        )
    for line in rows.getvalue().splitlines():
        print(visible(line))


def _undo(args: argparse.Namespace) -> int:
    root = corpus_dir(args.dir)
    try:
        entry = store.undo(root)
    except (store.NothingToUndoError, *WRITE_REFUSALS) as error:
        print(_refusal(error), file=sys.stderr)
        return 1
    print(visible(f"Undid “{entry.description}”: restored {', '.join(entry.files)} in {root}"))
    return 0


def _import_qdpx(args: argparse.Namespace) -> int:
    target = Path(args.dir)
    try:
        imported = qdpx_import.import_file(Path(args.file), target)
    except qdpx_import.ImportRefused as refusal:
        print(visible(f"Not imported: {refusal}"), file=sys.stderr)
        return 1
    print(
        f"Wrote {visible(str(target))}: {len(imported.documents)} documents, "
        f"{len(imported.themes)} candidate themes, {len(imported.quotes)} quotes to review in "
        f"{qdpx_import.REVIEW_FILE}. Next: python -m perspectives validate {visible(str(target))}"
    )
    return 0


def _datapackage(args: argparse.Namespace) -> int:
    root = corpus_dir(args.dir)
    corpus = _load_or_report(root)
    if corpus is None:
        return 1
    try:
        target = datapackage.write(root, corpus.meta.title, corpus.meta.version)
    except OSError as error:
        print(
            visible(f"cannot write {root / datapackage.FILE}: {files.reason(error)}"),
            file=sys.stderr,
        )
        return 1
    print(f"Wrote {visible(str(target))}: frictionless validate {visible(str(target))} checks it")
    return 0


#: Where a command finds the corpus when not told, said in full in each command's help.
_CORPUS_DIR = "corpus folder (default: $PERSPECTIVES_DATA or the embedded corpus)"
_GUIDE_REFERENCE = re.compile(r"\s*\(see [^)]*\)")


def _field_help(field: Field) -> str:
    """A column's description as an option's help that stands alone in a terminal: without
    the guide's references to its other parts and its Markdown code marks; an id says its form
    (what the guide's *Identifiers* says)."""
    text = _GUIDE_REFERENCE.sub("", field.description).replace("`", "")
    if field.kind == "id":
        text = f"{text.rstrip('.')}: lowercase letters, digits and single hyphens"
        text += f" ({field.example})."
    return text


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m perspectives", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    validate = commands.add_parser(
        "validate", help="check a corpus folder and report every problem"
    )
    validate.add_argument("dir", nargs="?", help=_CORPUS_DIR)
    validate.set_defaults(run=_validate)

    init = commands.add_parser("init", help="write a small valid corpus to start from")
    init.add_argument("dir", help="folder to create (refused if it exists and is not empty)")
    init.add_argument(
        "--empty",
        action="store_true",
        help="write the tables' headers only, without the example documents and themes",
    )
    init.set_defaults(run=_init)

    exporter = commands.add_parser(
        "export",
        help="write the comparison, with every quote, as "
        + ", ".join(kind.label for kind in export.FORMATS.values()),
    )
    exporter.add_argument("dir", nargs="?", help=_CORPUS_DIR)
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

    agree = commands.add_parser(
        "agreement",
        help="how far the readings of the table agree: counts, Krippendorff's alpha beside a "
        "direction-only baseline, and the disputes",
    )
    agree.add_argument("dir", nargs="?", help=_CORPUS_DIR)
    agree.add_argument(
        "--format", choices=["text", "json"], default="text", help="output (default: text)"
    )
    agree.add_argument(
        "--scales-digest",
        action="store_true",
        help="print only the digest of the current themes and scales, to record with a reading",
    )
    agree.set_defaults(run=_agreement)

    suggester = commands.add_parser(
        "suggest", help="rank a document's sentences as evidence for a theme, and say why"
    )
    suggester.add_argument("dir", nargs="?", help=_CORPUS_DIR)
    suggester.add_argument("--theme", required=True, metavar="ID", help="theme id")
    suggester.add_argument("--doc", required=True, metavar="ID", help="document id")
    suggester.add_argument(
        "--top", type=int, default=suggest.DEFAULT_TOP, metavar="N", help="how many (default 10)"
    )
    suggester.add_argument(
        "--format", choices=["text", "json"], default="text", help="output (default text)"
    )
    suggester.set_defaults(run=_suggest)

    adder = commands.add_parser(
        "add-document",
        help="copy a text into the corpus and add its row to documents.csv",
    )
    adder.add_argument("dir", nargs="?", help=_CORPUS_DIR)
    adder.add_argument(
        "file", help="the text: .txt, .md, a saved web page (.html) or a PDF with a text layer"
    )
    for field in DOCUMENTS.fields:
        option = "--" + field.name.replace("_", "-")
        if field.name == "id":
            adder.add_argument(option, required=True, metavar="ID", help=_field_help(field))
        else:
            adder.add_argument(option, dest=field.name, metavar="TEXT", help=_field_help(field))
    adder.set_defaults(run=_add_document)

    packager = commands.add_parser(
        "datapackage", help="write datapackage.json: the tables as a Frictionless data package"
    )
    packager.add_argument("dir", nargs="?", help=_CORPUS_DIR)
    packager.set_defaults(run=_datapackage)

    importer = commands.add_parser(
        "import-qdpx", help="make a corpus to curate from a REFI-QDA project (.qdpx)"
    )
    importer.add_argument("file", help="the .qdpx file")
    importer.add_argument("dir", help="folder to create (refused if it exists and is not empty)")
    importer.set_defaults(run=_import_qdpx)

    undo = commands.add_parser("undo", help="put back the files as they were before the last save")
    undo.add_argument("dir", nargs="?", help=_CORPUS_DIR)
    undo.set_defaults(run=_undo)
    return parser


#: A command whose reader went away (`… | head`) ends as one killed by SIGPIPE would.
BROKEN_PIPE_STATUS = 128 + 13


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        status = args.run(args)
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader has what it wanted; anything still buffered goes nowhere, not to a
        # traceback at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return BROKEN_PIPE_STATUS
    return status
