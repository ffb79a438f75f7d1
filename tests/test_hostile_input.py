"""Hostile and mistaken input: each case breaks a copy of the embedded corpus in one way, as a
curator or an attacker might, and asserts what `validate` and the dashboard say about it: the
message where it belongs, exit status 1 (0 for a warning), no traceback, and every file of the
corpus exactly as it was."""

from __future__ import annotations

import codecs
import csv
import errno
import hashlib
import io
import os
import shutil
import stat
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from perspectives import compare, export, files, load
from perspectives.cli import main
from perspectives.markup import escape_markdown
from perspectives.model import Problem, tally
from perspectives.paths import EMBEDDED_CORPUS
from perspectives.schema import METADATA_FILE
from perspectives.ui import links
from perspectives.ui.pages import PAGES

from .conftest import open_page, problem_table, read_rows, set_cell, write_rows
from .test_readings import add_reader, declaration, positions_as_reading

PASSWD = Path("/etc/passwd")  # a file outside every corpus folder, which must never be shown


def snapshot(root: Path) -> dict[str, str]:
    """Every entry under `root` as it is on disk: a file's hash, a link's target, a kind."""
    entries = {}
    for folder, names, file_names in os.walk(root):
        for name in names + file_names:
            path = Path(folder, name)
            mode = path.lstat().st_mode
            if stat.S_ISLNK(mode):
                entries[str(path)] = "link to " + os.readlink(path)
            elif stat.S_ISREG(mode):
                entries[str(path)] = hashlib.sha256(path.read_bytes()).hexdigest()
            else:
                entries[str(path)] = stat.filemode(mode)
    return entries


# -- ways to break a corpus -------------------------------------------------------------------


def cell(file: str, row: int, column: str, value: str) -> Callable[[Path], None]:
    return lambda root: set_cell(root, file, row, column, value)


def link(name: str, target: Path, text_file: str | None = None) -> Callable[[Path], None]:
    """A link in the corpus folder to `target`; the first document's text_file names it."""

    def mutate(root: Path) -> None:
        (root / name).unlink(missing_ok=True)
        os.symlink(target, root / name)
        if text_file:
            set_cell(root, "documents.csv", 2, "text_file", text_file)

    return mutate


def fifo(name: str) -> Callable[[Path], None]:
    def mutate(root: Path) -> None:
        os.mkfifo(root / name)
        set_cell(root, "documents.csv", 2, "text_file", name)

    return mutate


def unreadable(name: str) -> Callable[[Path], None]:
    """The file loses every read permission (see `refuse_what_root_may_not_read`)."""
    return lambda root: (root / name).chmod(0)


def edit(name: str, old: str, new: str) -> Callable[[Path], None]:
    def mutate(root: Path) -> None:
        text = (root / name).read_text(encoding="utf-8")
        assert old in text, old
        (root / name).write_text(text.replace(old, new, 1), encoding="utf-8")

    return mutate


def encoded(name: str, prefix: bytes = b"", encoding: str = "utf-8") -> Callable[[Path], None]:
    def mutate(root: Path) -> None:
        text = (root / name).read_text(encoding="utf-8")
        (root / name).write_bytes(prefix + text.encode(encoding))

    return mutate


def separated_by(name: str, delimiter: str) -> Callable[[Path], None]:
    """The table saved again as some spreadsheets save it, with another separator."""

    def mutate(root: Path) -> None:
        buffer = io.StringIO()
        csv.writer(buffer, delimiter=delimiter).writerows(read_rows(root / name))
        (root / name).write_text(buffer.getvalue(), encoding="utf-8")

    return mutate


def header_with(name: str, extra: str) -> Callable[[Path], None]:
    """One more column in the header, and an empty cell for it in every row."""

    def mutate(root: Path) -> None:
        rows = read_rows(root / name)
        write_rows(root / name, [[*rows[0], extra]] + [[*row, ""] for row in rows[1:]])

    return mutate


def rename_header(name: str, old: str, new: str) -> Callable[[Path], None]:
    def mutate(root: Path) -> None:
        rows = read_rows(root / name)
        rows[0][rows[0].index(old)] = new
        write_rows(root / name, rows)

    return mutate


def both(*mutations: Callable[[Path], None]) -> Callable[[Path], None]:
    def mutate(root: Path) -> None:
        for mutation in mutations:
            mutation(root)

    return mutate


@dataclass(frozen=True)
class Case:
    item: int  # which of the numbered problems it guards
    name: str
    mutate: Callable[[Path], None]
    where: str  # file:row:column, as validate prints it
    message: str  # words the message holds
    hint: str = ""  # words the hint holds
    warning: bool = False
    alone: bool = False  # the only problem: nothing else follows from it


NESTED_TOML = '[corpus]\ntitle = "T"\nversion = "1"\ndescription = ' + "[" * 5000 + "]" * 5000
SPAN = "singh-2018,headline,China-North Korea Relations under Xi Jinping,Xi Jinping,1,"
QUOTE_ROW = "sanctions,singh-2018,Xi was the first Chinese leader to follow the sanctions"

CASES = [
    # 1. Nothing outside the corpus folder is read, however a path leads there.
    Case(
        1,
        "text linked to /etc/passwd",
        link("texts/leak.txt", PASSWD, "texts/leak.txt"),
        "documents.csv:2:text_file",
        "texts/leak.txt leads outside the corpus folder (to /etc/passwd)",
        "copy the file into the corpus folder",
        alone=True,
    ),
    Case(
        1,
        "text under a linked folder",
        link("texts/root", Path("/"), "texts/root/etc/passwd"),
        "documents.csv:2:text_file",
        "texts/root/etc/passwd leads outside the corpus folder (to /etc/passwd)",
        alone=True,
    ),
    Case(
        1,
        "text linked to /proc/self/environ",
        link("texts/environ.txt", Path("/proc/self/environ"), "texts/environ.txt"),
        "documents.csv:2:text_file",
        "texts/environ.txt leads outside the corpus folder (to /proc/",
        alone=True,
    ),
    Case(
        1,
        "table linked to /etc/passwd",
        link("themes.csv", PASSWD),
        "themes.csv:-:-",
        "themes.csv leads outside the corpus folder (to /etc/passwd)",
        alone=True,
    ),
    Case(
        1,
        "text linked to nothing",
        link("texts/gone.txt", Path("texts/nowhere.txt"), "texts/gone.txt"),
        "documents.csv:2:text_file",
        "texts/gone.txt is a link to texts/nowhere.txt, which does not exist",
        alone=True,
    ),
    # 2. A cell longer than the csv module reads.
    Case(
        2,
        "cell over 131,072 characters",
        cell("themes.csv", 3, "description", "x" * 140_000),
        "themes.csv:3:-",
        "a cell in row 3 is longer than 131,072 characters",
        "shorten it",
        alone=True,
    ),
    # 3. Files that cannot be read, names too long, TOML nested too deeply.
    Case(
        3,
        "themes.csv unreadable",
        unreadable("themes.csv"),
        "themes.csv:-:-",
        "cannot read themes.csv: permission denied",
        "make the file readable",
        alone=True,
    ),
    Case(
        3,
        "corpus.toml unreadable",
        unreadable(METADATA_FILE),
        "corpus.toml:-:-",
        "cannot read corpus.toml: permission denied",
        alone=True,
    ),
    Case(
        3,
        "text unreadable",
        unreadable("texts/singh-2018.txt"),
        "texts/singh-2018.txt:-:-",
        "cannot read texts/singh-2018.txt: permission denied",
        alone=True,
    ),
    Case(
        3,
        "file name too long",
        cell("documents.csv", 2, "text_file", "texts/" + "x" * 300 + ".txt"),
        "documents.csv:2:text_file",
        "the file name is too long",
        alone=True,
    ),
    Case(
        3,
        "corpus.toml nested too deeply",
        lambda root: (root / METADATA_FILE).write_text(NESTED_TOML, encoding="utf-8"),
        "corpus.toml:-:-",
        "invalid TOML: brackets nested too deeply to read",
        alone=True,
    ),
    # 5. Year 0000 does not exist; datetime and pandas would fail on it later.
    Case(
        5,
        "published in year 0000",
        cell("documents.csv", 2, "published", "0000"),
        "documents.csv:2:published",
        "there is no year 0000",
        alone=True,
    ),
    Case(
        5,
        "event in year 0000",
        cell("events.csv", 2, "date", "0000-06-25"),
        "events.csv:2:date",
        "there is no year 0000",
        alone=True,
    ),
    # 8. A quote left open is never read on into the following cells and rows.
    Case(
        8,
        "unterminated quote in themes.csv",
        edit("themes.csv", "south-korea,South Korea,China’s", 'south-korea,South Korea,"China’s'),
        "themes.csv:3:-",
        "unterminated quote, opened at row 3",
        'a quote mark inside a cell is written twice ("")',
        alone=True,
    ),
    Case(
        8,
        "unterminated quote in quotes.csv",
        edit("quotes.csv", QUOTE_ROW, QUOTE_ROW.replace(",Xi", ',"Xi')),
        "quotes.csv:2:-",
        "unterminated quote, opened at row 2",
        alone=True,
    ),
    Case(
        8,
        "text after a closing quote",
        edit("quotes.csv", QUOTE_ROW, QUOTE_ROW.replace(",Xi was", ',"Xi" was')),
        "quotes.csv:2:-",
        "text after the closing quote of a cell in row 2",
        alone=True,
    ),
    # 10. Accepted though wrong, until now.
    Case(
        10,
        "column named twice",
        header_with("themes.csv", "label"),
        "themes.csv:1:label",
        "the header names this column 2 times (columns 2 and 5)",
        alone=True,
    ),
    Case(
        10,
        "version a number",
        edit(METADATA_FILE, 'version = "1.2.0"', "version = 1.2"),
        "corpus.toml:-:version",
        "must be text in double quotes, not a number",
        'e.g. version = "1.0.0"',
        alone=True,
    ),
    Case(
        10,
        "curators a name",
        edit(METADATA_FILE, 'curators = ["Perspectives maintainers"]', 'curators = "P. M."'),
        "corpus.toml:-:curators",
        "must be a list of names, not text",
        alone=True,
    ),
    Case(
        10,
        "full-width digits in a date",
        cell("documents.csv", 2, "published", "２０１８-10-01"),
        "documents.csv:2:published",
        "invalid date",
        alone=True,
    ),
    Case(
        10,
        "Arabic-Indic digit as a scale point",
        cell("positions.csv", 2, "scale_value", "١"),
        "positions.csv:2:scale_value",
        "not a whole number: '١'",
        alone=True,
    ),
    Case(
        10,
        "NUL inside a cell",
        cell("themes.csv", 2, "label", "Sanc\x00tions"),
        "themes.csv:2:label",
        "the cell holds an invisible control character (U+0000)",
        alone=True,
    ),
    # 11. What the corpus holds never acts on the terminal.
    Case(
        11,
        "escape sequence in a header cell",
        rename_header("themes.csv", "question", "question\x1b[2J"),
        "themes.csv:1:question\\x1b[2J",
        "unknown column",
    ),
    # 14. Excluded spans say where they land.
    Case(
        14,
        "span opening words twice",
        edit("excluded_spans.csv", SPAN, SPAN.replace(",1,", ",,")),
        "excluded_spans.csv:2:starts_with",
        "warning: the opening words occur 2 times (lines 1, 21); the span starts at the first",
        "give the occurrence column the number of the one you mean",
        warning=True,
    ),
    Case(
        14,
        "span occurrence beyond the last",
        edit("excluded_spans.csv", SPAN, SPAN.replace(",1,", ",3,")),
        "excluded_spans.csv:2:occurrence",
        "the opening words occur only 2 time(s) (line(s) 1, 21)",
        "give a number from 1 to 2",
        alone=True,
    ),
    Case(
        14,
        "span opening words cut inside a word",
        cell("excluded_spans.csv", 5, "starts_with", "Leave a Repl"),
        "excluded_spans.csv:5:starts_with",
        "opening words not found in the text",
        "closest passage, 96% similar: 'Leave a [Reply]'",
    ),
    Case(
        14,
        "span closing words not found",
        cell("excluded_spans.csv", 5, "ends_with", "Required fields are markd"),
        "excluded_spans.csv:5:ends_with",
        "closing words not found after the opening words (line 23)",
        "(the quote has 'markd' where the text has 'marked')",
    ),
    # 15. A spreadsheet's other separators and encodings, named in one line.
    Case(
        15,
        "semicolons",
        separated_by("themes.csv", ";"),
        "themes.csv:1:-",
        "the columns are separated by semicolons (;), not by commas",
        "field delimiter ','",
        alone=True,
    ),
    Case(
        15,
        "UTF-16",
        encoded("themes.csv", codecs.BOM_UTF16_LE, "utf-16-le"),
        "themes.csv:-:-",
        "encoded as UTF-16, not UTF-8",
        alone=True,
    ),
    Case(
        15,
        "UTF-16 without a byte-order mark",
        encoded("quotes.csv", encoding="utf-16-le"),
        "quotes.csv:-:-",
        "encoded as UTF-16 or UTF-32",
        alone=True,
    ),
    Case(
        15,
        "two byte-order marks",
        encoded("themes.csv", codecs.BOM_UTF8 * 2),
        "themes.csv:1:-",
        "starts with two byte-order marks",
        alone=True,
    ),
    # 16. A mistyped id: the id it most likely means, and no knock-on problems.
    Case(
        16,
        "mistyped theme id",
        cell("positions.csv", 7, "theme_id", "double_freeze"),
        "positions.csv:7:theme_id",
        "unknown theme 'double_freeze'",
        "did you mean 'double-freeze'? It is defined in themes.csv",
        alone=True,
    ),
    Case(
        16,
        "mistyped theme id in a position and its quotes",
        both(
            cell("positions.csv", 7, "theme_id", "double_freeze"),
            cell("quotes.csv", 20, "theme_id", "double_freeze"),
            cell("quotes.csv", 21, "theme_id", "double_freeze"),
        ),
        "quotes.csv:21:theme_id",
        "unknown theme 'double_freeze'",
        "did you mean 'double-freeze'?",
    ),
    # 17. A quote under the wrong document.
    Case(
        17,
        "quote filed under the other document",
        cell("quotes.csv", 2, "document_id", "asmolov-2019"),
        "quotes.csv:2:quote",
        "quote not found in asmolov-2019, but it occurs verbatim in singh-2018",
        "set document_id to singh-2018",
        alone=True,
    ),
    # 18. A quote from text that is not the author's names the span's row and kind, once.
    Case(
        18,
        "quote in the comment form",
        cell("quotes.csv", 2, "quote", "Your email address will not be published"),
        "quotes.csv:2:quote",
        "quote lies in text that is not the author's: excluded_spans.csv row 5 (comment form)",
        "quote the author's own words",
        alone=True,
    ),
    # 20. A text_file that is not a regular file.
    Case(
        20,
        "text_file a folder",
        cell("documents.csv", 2, "text_file", "texts"),
        "documents.csv:2:text_file",
        "texts is not a regular file (a folder)",
        alone=True,
    ),
    Case(
        20,
        "text_file a named pipe",
        fifo("texts/pipe.txt"),
        "documents.csv:2:text_file",
        "texts/pipe.txt is not a regular file (a named pipe)",
        alone=True,
    ),
    # The writes issue's items from here on.
    # W6. Two perspectives of one name would break every chart keyed by it.
    Case(
        6,
        "two texts by one author from one country",
        both(
            cell("documents.csv", 3, "author", "Gunjan Singh"),
            cell("documents.csv", 3, "country", "India"),
        ),
        "documents.csv:3:label",
        "the perspective name 'Gunjan Singh (India)' is also that of row 2 (singh-2018)",
        "e.g. 'Gunjan Singh (India) 2019' here and 'Gunjan Singh (India) 2018' there",
        alone=True,
    ),
    # W8. What Python would raise is said in a curator's words.
    Case(
        8,
        "a text that links to itself",
        link("texts/loop.txt", Path("loop.txt"), "texts/loop.txt"),
        "documents.csv:2:text_file",
        "cannot open texts/loop.txt: its links lead round in a circle",
        alone=True,
    ),
    Case(
        8,
        "a table that links to itself",
        link("themes.csv", Path("themes.csv")),
        "themes.csv:-:-",
        "cannot open themes.csv: its links lead round in a circle",
        alone=True,
    ),
    Case(
        8,
        "readings/ a link to itself",
        both(lambda root: shutil.rmtree(root / "readings"), link("readings", Path("readings"))),
        "readings:-:-",
        "cannot open readings: its links lead round in a circle",
        alone=True,
    ),
    Case(
        8,
        "readings/ unreadable",
        unreadable("readings"),
        "readings:-:-",
        "cannot read readings: permission denied",
        "make the file readable",
        alone=True,
    ),
    Case(
        8,
        "a text_file longer than PATH_MAX",
        cell("documents.csv", 2, "text_file", "texts/" + "a/" * 2100 + "x.txt"),
        "documents.csv:2:text_file",
        "cannot open a path of 4",
        "use a shorter path",
        alone=True,
    ),
    Case(
        8,
        "a reader id over 255 bytes",
        edit(
            METADATA_FILE,
            "[readers.reader-b]",
            f"[readers.{'r' * 300}]\n{declaration('r' * 300)}\n[readers.reader-b]",
        ),
        f"readings/{'r' * 300}.csv:-:-",
        "the file name is too long",
        alone=True,
    ),
    # W14. Messages that name what is really there.
    Case(
        14,
        "a named pipe named like a reading",
        lambda root: os.mkfifo(root / "readings/x.csv"),
        "readings/x.csv:-:-",
        "readings/x.csv is not a regular file (a named pipe)",
        alone=True,
    ),
    Case(
        14,
        "a link to itself named like a reading",
        link("readings/x.csv", Path("x.csv")),
        "readings/x.csv:-:-",
        "cannot open readings/x.csv: its links lead round in a circle",
        alone=True,
    ),
    Case(
        14,
        "a declared reader's reading a named pipe",
        both(
            lambda root: (root / "readings/reader-b.csv").unlink(),
            lambda root: os.mkfifo(root / "readings/reader-b.csv"),
        ),
        "readings/reader-b.csv:-:-",
        "readings/reader-b.csv is not a regular file (a named pipe)",
        alone=True,
    ),
    Case(
        14,
        "a chain of links whose middle exists",
        both(
            link("texts/mid.txt", Path("nowhere.txt")),
            link("texts/a.txt", Path("mid.txt"), "texts/a.txt"),
        ),
        "documents.csv:2:text_file",
        "texts/a.txt is a link to mid.txt, a link to nowhere.txt, which does not exist",
        alone=True,
    ),
    # W15. A text with no words.
    Case(
        15,
        "a text of spaces and invisible characters",
        lambda root: (root / "texts/singh-2018.txt").write_text(" \u00a0\u200b\n\u2060"),
        "documents.csv:2:text_file",
        "texts/singh-2018.txt holds no words, only spaces or invisible characters",
        "put the text itself in the file",
        alone=True,
    ),
    # W16. A text under a hidden name, which the change stamp would never see change.
    Case(
        16,
        "a text under a hidden name",
        both(
            lambda root: (root / "texts/singh-2018.txt").rename(root / "texts/.singh-2018.txt"),
            cell("documents.csv", 2, "text_file", "texts/.singh-2018.txt"),
        ),
        "documents.csv:2:text_file",
        "'texts/.singh-2018.txt' has a hidden name",
        "without the leading dot",
        alone=True,
    ),
]


@pytest.fixture(autouse=True)
def refuse_what_root_may_not_read(monkeypatch):
    """Tests run as root, whom no permission stops: refuse, as the system would refuse anyone
    else, to open a file without read permission or to create one in a folder without write
    permission, at the one place perspectives.files opens files."""
    real_open = files._open

    def checked(path: Path, flags: int, folder: int | None = None) -> int:
        creating = bool(flags & os.O_CREAT)
        guarded = path.parent if creating else path
        needed = stat.S_IWUSR if creating else stat.S_IRUSR
        if guarded.exists() and not guarded.stat().st_mode & needed:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
        return real_open(path, flags, folder)

    monkeypatch.setattr(files, "_open", checked)


def validate_output(root: Path, capsys) -> tuple[int, list[str], str]:
    status = main(["validate", str(root)])
    captured = capsys.readouterr()
    return status, captured.out.splitlines(), captured.err


@pytest.fixture
def read_corpus(corpus_copy: Path) -> Path:
    """The embedded corpus with a reader's reading, for the cases that spoil the readings."""
    add_reader(corpus_copy, "reader-b", positions_as_reading(corpus_copy))
    return corpus_copy


@pytest.mark.parametrize("case", CASES, ids=[f"{case.item}-{case.name}" for case in CASES])
def test_validate_says_what_is_wrong_and_changes_nothing(case: Case, read_corpus, capsys):
    corpus_copy = read_corpus
    case.mutate(corpus_copy)
    before = snapshot(corpus_copy)
    status, lines, errors = validate_output(corpus_copy, capsys)
    assert snapshot(corpus_copy) == before
    assert status == (0 if case.warning else 1), lines
    assert "Traceback" not in errors and errors == ""
    reported = [line for line in lines if line.startswith(case.where + ": ")]
    assert reported, f"nothing at {case.where}:\n" + "\n".join(lines)
    assert any(case.message in line and case.hint in line for line in reported), reported
    if case.alone:
        assert len(lines) == 2, lines  # the problem, and the count
    output = "\n".join(lines)
    assert PASSWD.read_text().splitlines()[0] not in output
    assert not any(ord(char) < 32 for char in output.replace("\n", ""))


@pytest.mark.parametrize(
    "case", [c for c in CASES if not c.warning], ids=[c.name for c in CASES if not c.warning]
)
def test_the_dashboard_shows_the_same_problem_in_its_error_panel(
    case: Case, read_corpus, monkeypatch
):
    corpus_copy = read_corpus
    case.mutate(corpus_copy)
    before = snapshot(corpus_copy)
    monkeypatch.setenv("PERSPECTIVES_DATA", str(corpus_copy))
    at = open_page("compare").run()
    assert snapshot(corpus_copy) == before
    assert not at.exception
    (error,) = at.error
    assert "cannot be shown" in error.value
    file, row, column = case.where.split(":", 2)
    table = problem_table(at)
    place = [file, row.replace("-", ""), column.replace("-", "")]
    shown = table[(table[["file", "row", "column"]] == place).all(axis=1)]
    assert any(case.message.removeprefix("warning: ") in text for text in shown["problem"])
    assert PASSWD.read_text().splitlines()[0] not in "\n".join(at.markdown.values)


@pytest.mark.parametrize(
    ("event", "published"),
    [("0001-06-25", "0001"), ("9999-12-31", "9999-12"), ("2018-06-25", "9999")],
    ids=["year 0001", "year 9999's last day", "published in 9999"],
)
def test_a_valid_corpus_at_either_end_of_the_calendar_shows_every_page(
    corpus_copy, monkeypatch, event, published
):
    set_cell(corpus_copy, "events.csv", 2, "date", event)
    set_cell(corpus_copy, "documents.csv", 2, "published", published)
    monkeypatch.setenv("PERSPECTIVES_DATA", str(corpus_copy))
    for url_path in ("compare", "timeline", "overview"):
        at = open_page(url_path).run()
        assert not at.exception, url_path
        assert not at.error, url_path


def test_an_unreadable_corpus_folder_is_one_clear_problem(corpus_copy, monkeypatch, capsys):
    corpus_copy.chmod(0)
    before = snapshot(corpus_copy)
    status, lines, errors = validate_output(corpus_copy, capsys)
    assert status == 1 and errors == ""
    assert lines == [
        f"{corpus_copy}:-:-: cannot read the corpus folder: permission denied "
        "(make it readable, e.g. chmod u+rx FOLDER)",
        f"1 problem(s) in {corpus_copy}",
    ]
    monkeypatch.setenv("PERSPECTIVES_DATA", str(corpus_copy))
    at = open_page(links.OVERVIEW).run()
    assert not at.exception
    assert list(problem_table(at)["problem"]) == [
        "cannot read the corpus folder: permission denied"
    ]
    corpus_copy.chmod(0o755)
    assert snapshot(corpus_copy) == before


def test_two_texts_by_one_author_told_apart_by_labels_show_every_chart(corpus_copy, monkeypatch):
    header_with("documents.csv", "label")(corpus_copy)
    for row, label in ((2, "Singh 2018"), (3, "Singh 2019")):
        set_cell(corpus_copy, "documents.csv", row, "author", "Gunjan Singh")
        set_cell(corpus_copy, "documents.csv", row, "country", "India")
        set_cell(corpus_copy, "documents.csv", row, "label", label)
    monkeypatch.setenv("PERSPECTIVES_DATA", str(corpus_copy))
    for url_path in (links.OVERVIEW, links.TIMELINE, links.COVERAGE):
        at = open_page(url_path).run()
        assert not at.exception, url_path
        assert not at.error, url_path


@pytest.mark.parametrize("spec", PAGES, ids=[spec.url_path for spec in PAGES])
def test_every_page_takes_a_theme_in_its_link_as_the_guide_says(spec, monkeypatch):
    monkeypatch.delenv("PERSPECTIVES_DATA", raising=False)
    at = open_page(spec.url_path)
    at.query_params["theme"] = "no-such-theme"
    at.run()
    assert not at.exception
    notices = [warning.value for warning in at.warning]
    assert escape_markdown("Ignored unknown theme(s) in the link: no-such-theme") in notices


# -- 19. The error panel counts as validate does and marks warnings ------------------------------


def test_the_error_panel_counts_problems_and_warnings_as_validate_does(
    corpus_copy, monkeypatch, capsys
):
    set_cell(corpus_copy, "positions.csv", 2, "coverage", "partial")
    edit("excluded_spans.csv", SPAN, SPAN.replace(",1,", ",,"))(corpus_copy)
    status, lines, _ = validate_output(corpus_copy, capsys)
    assert status == 1
    assert lines[-1] == f"1 problem(s), 1 warning(s) in {corpus_copy}"
    monkeypatch.setenv("PERSPECTIVES_DATA", str(corpus_copy))
    at = open_page("compare").run()
    (error,) = at.error
    assert "has 1 problem(s), 1 warning(s) and cannot be shown" in error.value
    table = problem_table(at)
    assert sorted(table[""]) == ["error", "⚠️ warning"]
    (hint,) = table[table["column"] == "starts_with"]["how to fix"]
    assert hint.endswith("or lengthen the opening words"), "the hint is shown whole"


@pytest.mark.parametrize(
    ("severities", "counted"),
    [
        (["error"], "1 problem(s)"),
        (["error", "warning", "error"], "2 problem(s), 1 warning(s)"),
        (["warning"], "0 problem(s), 1 warning(s)"),
    ],
)
def test_one_count_of_problems_and_warnings(severities, counted):
    assert tally(Problem("f", 1, "c", "m", "h", severity) for severity in severities) == counted


# -- 6. export -o and init write only where it is safe ---------------------------------------


@pytest.fixture
def outside(tmp_path) -> Path:
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    (folder / "report.md").write_text("an earlier report\n", encoding="utf-8")
    return folder


EXPORT_TARGETS = [
    # (what, the -o value given the corpus and a folder outside it, extra options, message)
    ("onto a folder", lambda corpus, out: out, [], "is a folder"),
    ("into a missing folder", lambda corpus, out: out / "missing" / "r.md", [], "does not exist"),
    ("over an existing file", lambda corpus, out: out / "report.md", [], "already exists"),
    (
        "over themes.csv",
        lambda corpus, out: corpus / "themes.csv",
        ["--force"],
        "inside the corpus",
    ),
    ("into the corpus", lambda corpus, out: corpus / "new.md", [], "lies inside the corpus folder"),
    ("unwritable folder", lambda corpus, out: out / "locked" / "r.md", [], "permission denied"),
]


@pytest.mark.parametrize(
    ("target", "options", "message"),
    [case[1:] for case in EXPORT_TARGETS],
    ids=[case[0] for case in EXPORT_TARGETS],
)
def test_export_refuses_an_unsafe_target_and_changes_nothing(
    corpus_copy, outside, capsys, target, options, message
):
    (outside / "locked").mkdir(mode=0o555)
    path = target(corpus_copy, outside)
    before = snapshot(corpus_copy) | snapshot(outside)
    status = main(["export", str(corpus_copy), "--format", "markdown", "-o", str(path), *options])
    captured = capsys.readouterr()
    assert status == 1
    assert message in captured.err and "Traceback" not in captured.err
    assert captured.out == ""
    assert snapshot(corpus_copy) | snapshot(outside) == before


def test_export_replaces_a_file_with_force_and_leaves_nothing_else(corpus_copy, outside, capsys):
    target = outside / "report.md"
    argv = ["export", str(corpus_copy), "--format", "markdown", "-o", str(target), "--force"]
    assert main(argv) == 0
    assert target.read_text(encoding="utf-8").startswith("# China and North Korea")
    assert sorted(path.name for path in outside.iterdir()) == ["report.md"], "no temporary file"


INIT_TARGETS = [
    ("under a file", lambda tmp: tmp / "a-file" / "corpus", "a part of the path is a file"),
    ("under /proc", lambda tmp: Path("/proc/perspectives-corpus"), "cannot write"),
    ("a dangling link", lambda tmp: tmp / "dangling", "is a link to"),
    ("without permission", lambda tmp: tmp / "locked" / "corpus", "permission denied"),
]


@pytest.mark.parametrize(
    ("target", "message"), [case[1:] for case in INIT_TARGETS], ids=[c[0] for c in INIT_TARGETS]
)
def test_init_refuses_an_unusable_target_and_writes_nothing(
    tmp_path, capsys, monkeypatch, target, message
):
    (tmp_path / "a-file").write_text("not a folder\n", encoding="utf-8")
    (tmp_path / "locked").mkdir(mode=0o555)
    os.symlink(tmp_path / "nowhere", tmp_path / "dangling")
    real_mkdir = Path.mkdir

    def mkdir(self: Path, *args, **kwargs) -> None:  # root is never refused: refuse as for others
        if self.parent.exists() and not self.parent.stat().st_mode & stat.S_IWUSR:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(self))
        real_mkdir(self, *args, **kwargs)

    monkeypatch.setattr(Path, "mkdir", mkdir)
    before = snapshot(tmp_path)
    status = main(["init", str(target(tmp_path))])
    captured = capsys.readouterr()
    assert status == 1
    assert message in captured.err and "Traceback" not in captured.err
    assert snapshot(tmp_path) == before


def _disk_full_after(syncs: int) -> Callable[[pytest.MonkeyPatch], None]:
    """The disk fills once `syncs` files or folders have been synced."""

    def arrange(monkeypatch: pytest.MonkeyPatch) -> None:
        done = []
        real_fsync = os.fsync

        def fsync(descriptor: int) -> None:
            if len(done) >= syncs:
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
            done.append(descriptor)
            real_fsync(descriptor)

        monkeypatch.setattr(os, "fsync", fsync)

    return arrange


def _rename_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    def rename(*args, **kwargs) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "rename", rename)


# (name, the target in the temporary folder, how the system fails, what the refusal says)
INIT_FAILURES = [
    ("a name too long", lambda tmp: tmp / ("n" * 300), None, "the file name is too long"),
    ("a path too long", lambda tmp: tmp.joinpath(*["n"] * 2100), None, "too long"),
    ("the disk full at the first file", lambda tmp: tmp / "c", _disk_full_after(0), "No space"),
    ("the disk full half-way", lambda tmp: tmp / "new" / "c", _disk_full_after(4), "No space"),
    ("the last rename refused", lambda tmp: tmp / "new" / "c", _rename_refused, "No space"),
]


@pytest.mark.parametrize(
    ("target", "failure", "message"),
    [case[1:] for case in INIT_FAILURES],
    ids=[case[0] for case in INIT_FAILURES],
)
def test_init_that_fails_leaves_no_half_written_folder(
    tmp_path, capsys, monkeypatch, target, failure, message
):
    (tmp_path / "x.txt").write_text("a file beside the target\n", encoding="utf-8")
    before = snapshot(tmp_path)
    if failure is not None:
        failure(monkeypatch)
    status = main(["init", str(target(tmp_path))])
    monkeypatch.undo()
    captured = capsys.readouterr()
    assert status == 1
    assert message in captured.err and "Traceback" not in captured.err
    assert len(captured.err.splitlines()) == 1 and captured.out == ""
    assert snapshot(tmp_path) == before


# -- 9. The Markdown export: every table and heading intact, text as written ---------------------

LINE_BREAKS = [
    ("documents.csv", 2, "author", "Gunjan\nSingh"),
    ("themes.csv", 2, "label", "Sanctions\n| and a pipe"),
    ("themes.csv", 3, "label", "South\n\nKorea #"),
    ("documents.csv", 3, "country", "Russia\n- in a list"),
]


def test_line_breaks_in_names_and_labels_break_no_table_or_heading(corpus_copy):
    for file, row, column, value in LINE_BREAKS:
        set_cell(corpus_copy, file, row, column, value)
    edit(METADATA_FILE, 'title = "China', 'title = "Two\\nlines: China')(corpus_copy)
    corpus = load(corpus_copy)
    text = export.to_markdown(export.build(corpus, compare.select(corpus)))
    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    kinds = [token.type for token in tokens]
    assert kinds.count("table_open") == len(corpus.themes)
    headings = {
        level: [
            "".join(child.content for child in tokens[index + 1].children or ())
            for index, token in enumerate(tokens)
            if token.type == "heading_open" and token.tag == level
        ]
        for level in ("h1", "h2")
    }
    assert headings["h2"][:3] == ["Sanctions | and a pipe", "South Korea #", "The “double freeze”"]
    (title,) = headings["h1"]
    assert title.startswith("Two lines: China and North Korea")
    rows = [token for token in tokens if token.type == "tr_open"]
    cells = [token for token in tokens if token.type in ("th_open", "td_open")]
    assert len(cells) == len(rows) * (len(corpus.documents) + 1), "every row has every column"


def test_the_markdown_export_reads_as_written_and_keeps_addresses_clickable():
    corpus = load(EMBEDDED_CORPUS)
    text = export.to_markdown(export.build(corpus, compare.select(corpus)))
    for plain in (
        "Corpus version 1.2.0",
        "remain their authors' and publishers'",
        "*China-North Korea Relations under Xi Jinping*",
        "**Gunjan Singh (India)**",
    ):
        assert plain in text, plain
    assert not any(escaped in text for escaped in ("\\:", "\\/", "\\.", "\\'", "\\-", "\\("))
    html = MarkdownIt("commonmark").enable("table").render(text)
    for document in corpus.documents:
        assert f'<a href="{document.url}">{document.url}</a>' in html
