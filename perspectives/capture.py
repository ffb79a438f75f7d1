"""Bring a text into a corpus: read it as captured, and spot what is likely not the author's.

A plain-text or Markdown file is kept byte for byte. A saved web page is reduced to its main
text with trafilatura (offline), one paragraph per block, and its metadata (title, author, date,
site, address, language) is offered to prefill the document's row. A PDF's text layer is
extracted page by page (see `perspectives.pdf`), and the PDF kept beside the text. Captured
pages carry a headline, a byline, a comment form…: `boilerplate` suggests which paragraphs to
declare in excluded_spans.csv, each with the reason, for the curator to confirm.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter, deque
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from rapidfuzz import fuzz

from perspectives import anchor, files, language, pdf
from perspectives.dates import parse_partial_date
from perspectives.sentences import paragraphs, word_count

if TYPE_CHECKING:
    from lxml.html import HtmlElement  # type: ignore[import-untyped]

#: File kinds a text may be captured from, by suffix.
TEXT_SUFFIXES = (".txt", ".md")
HTML_SUFFIXES = (".html", ".htm")
PDF_SUFFIX = ".pdf"
SUFFIXES = (*TEXT_SUFFIXES, *HTML_SUFFIXES, PDF_SUFFIX)

_TITLE_SIMILARITY = 90
_SHORT = 30  # words: a headline, a byline or a notice is short
_NOTICE = 80  # words: a disclaimer or a publication note may run longer
#: A date written in ISO form, cut before its time of day: "2019", "2019-06", "2019-06-07T10:00".
_ISO_DATE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?(?![\d-])")
#: A schema.org datePublished in a page's JSON-LD, as written.
_JSON_PUBLISHED = re.compile(r'"datePublished"\s*:\s*"([^"]*)"')
#: Meta tags that name a page's author, as news and journal sites write them.
_AUTHOR_METAS = frozenset(
    {"author", "article:author", "dc.creator", "dcterms.creator", "citation_author", "byl"}
    | {"parsely-author", "sailthru.author", "og:article:author", "book:author"}
)
_WORDED_DATE = 25  # characters: "September 30th, " or "30th of September " before a year
_CRUMB = 4  # words: each item of a breadcrumb is a short name
#: What joins a breadcrumb's items, spaced apart ("Home > Opinion"; "and/or" is no breadcrumb).
_CRUMB_JOIN = re.compile(r"\s+[>›»/|]\s+")
_CRUMB_ITEM = re.compile(r"[^.!?:;]+")  # a name, not a sentence
#: Words of a page's print and share tools; a line of them alone, naming one of _TOOL_ACTIONS.
_TOOL_ACTIONS = frozenset(
    {"print", "share", "email", "e-mail", "tweet", "facebook", "twitter", "linkedin"}
    | {"whatsapp", "reddit", "bookmark"}
)
_TOOL_WORDS = _TOOL_ACTIONS | {"this", "page", "article", "story", "on", "via", "copy", "link"}
_TOOL_WORDS |= {"save", "comments", "comment", "friendly", "version", "x", "mail", "or"}
_TOOL_WORD = re.compile(r"[a-z]+(?:-[a-z]+)?")


class CaptureError(ValueError):
    """The file cannot be read as a text: the message says why and what to do."""


@dataclass(frozen=True)
class Captured:
    """A text ready to store, and what its source says about it (documents.csv columns)."""

    data: bytes  # the bytes to store under texts/
    suffix: str  # the stored file's suffix
    metadata: dict[str, str] = field(default_factory=dict)
    # The file the text was extracted from, by its suffix, when it is kept beside the text.
    original: tuple[str, bytes] | None = None

    @property
    def text(self) -> str:
        return files.decode(self.data)


@dataclass(frozen=True)
class Boilerplate:
    """Paragraphs `first` to `last` (from 0) that look like text that is not the author's."""

    kind: str  # one of schema.SPAN_KINDS
    first: int
    last: int
    reason: str


def capture(name: str, data: bytes) -> Captured:
    """The text of an uploaded or given file, by its name's suffix, and what it says of itself:
    a web page's metadata, and the text's language (the page's own, else guessed)."""
    captured = _read(name, data)
    if captured.metadata.get("language"):
        return captured
    guessed = language.detect(captured.text)
    if not guessed:
        return captured
    return replace(captured, metadata=captured.metadata | {"language": guessed})


def _read(name: str, data: bytes) -> Captured:
    suffix = "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if suffix in HTML_SUFFIXES:
        return from_html(data)
    if suffix == PDF_SUFFIX:
        try:
            return from_pdf(data)
        except pdf.PdfError as error:
            raise CaptureError(f"{name}: {error}") from None
    if suffix not in TEXT_SUFFIXES:
        raise CaptureError(f"{name}: unsupported file kind; use {', '.join(SUFFIXES)}")
    try:
        text = files.decode(data)
    except files.Refused as refused:
        raise CaptureError(f"{name}: {refused.message}; {refused.hint}") from None
    if not text.strip():
        raise CaptureError(f"{name}: the file holds no text")
    return Captured(data, suffix)


def from_html(data: bytes) -> Captured:
    """The main text of a saved web page, one paragraph per block, and its metadata."""
    import trafilatura  # imported here: only a saved web page needs it

    extracted = trafilatura.bare_extraction(data, with_metadata=True)
    if extracted is None or isinstance(extracted, dict):  # a dict only when asked for one
        raise CaptureError("no main text found in the web page; save the page's text instead")
    lines = (extracted.text or "").splitlines()
    blocks = [" ".join(line.split()) for line in lines if line.strip()]
    if not blocks:
        raise CaptureError("no main text found in the web page; save the page's text instead")
    if set(blocks) <= _navigation(data):
        raise CaptureError(
            f"no main text found in the web page, only its navigation ({blocks[0][:40]!r}); "
            "save the page's text instead"
        )
    tree = trafilatura.load_html(data)
    metadata = {
        "title": extracted.title or "",
        "author": extracted.author or _declared_author(tree),
        "outlet": extracted.sitename or "",
        "published": _published(tree, extracted.date or ""),
        "url": extracted.url or "",
        "language": _page_language(tree),
    }
    text = "\n\n".join(blocks) + "\n"
    return Captured(text.encode("utf-8"), ".txt", {k: v for k, v in metadata.items() if v})


def from_pdf(data: bytes) -> Captured:
    """The text of a PDF, pages apart by form feeds, and what its metadata names of the
    document's row (title, author, the day it was made, publisher, language); the PDF itself
    is kept beside the text."""
    extracted = pdf.extract(data)
    metadata = {
        "title": extracted.title,
        "author": extracted.author,
        "published": extracted.published,
        "outlet": extracted.publisher,
        "language": extracted.language if language.well_formed(extracted.language) else "",
    }
    return Captured(
        extracted.text.encode("utf-8"),
        ".txt",
        {column: value for column, value in metadata.items() if value},
        (PDF_SUFFIX, data),
    )


def _page_language(tree: HtmlElement | None) -> str:
    """The language the page declares on its root element (`<html lang="ru">`), if well formed."""
    declared = "" if tree is None else (tree.get("lang") or tree.get("xml:lang") or "").strip()
    return declared if language.well_formed(declared) else ""


def _published(tree: HtmlElement | None, found: str) -> str:
    """The page's date of publication at the precision the page gives it, never finer.

    trafilatura's date (`found`, from htmldate) is always a whole day: a month alone ("2019-06")
    gets today's day from dateutil's defaults, a year or a month read by a pattern gets the 1st.
    So the date the page's metadata declares in ISO form is taken as written; otherwise `found`
    is cut to the precision at which the page writes it: its day, its month, or its year."""
    if tree is None:
        return ""
    declared = _declared_date(tree)
    if declared or not found:
        return declared
    return _as_written(tree, dt.date.fromisoformat(found[:10]))


def _declared_date(tree: HtmlElement) -> str:
    """The first date of publication the page's meta tags or JSON-LD declare in ISO form, as
    precise as written ("2019-06" stays a month); the names are those htmldate reads."""
    from htmldate.core import DATE_ATTRIBUTES, ITEMPROP_ATTRS_ORIGINAL

    names = DATE_ATTRIBUTES | ITEMPROP_ATTRS_ORIGINAL
    metas = (
        meta.get("content") or meta.get("datetime") or ""
        for meta in tree.iter("meta")
        if (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").lower() in names
    )
    scripts = tree.xpath('.//script[@type="application/ld+json"]')
    ld = (value for script in scripts for value in _JSON_PUBLISHED.findall(script.text or ""))
    return next(filter(None, map(_iso_date, (*metas, *ld))), "")


def _declared_author(tree: HtmlElement | None) -> str:
    """The author the page's meta tags or JSON-LD name, for a page whose author trafilatura
    leaves out (it drops names it does not take for names: 김철수 and 王小明, where it keeps
    Иван Петров). Several are joined as trafilatura joins them; an address (a profile page) is
    no name."""
    if tree is None:
        return ""
    metas = [
        meta.get("content") or ""
        for meta in tree.iter("meta")
        if (meta.get("name") or meta.get("property") or "").lower() in _AUTHOR_METAS
    ]
    scripts = tree.xpath('.//script[@type="application/ld+json"]')
    ld = [name for script in scripts for name in _linked_data_authors(script.text or "")]
    names = [" ".join(name.split()) for name in (*metas, *ld)]
    kept = [name for name in names if name and "://" not in name and not name.startswith("@")]
    return "; ".join(dict.fromkeys(kept))


def _linked_data_authors(text: str) -> list[str]:
    """The names of the authors a JSON-LD block gives (schema.org `author`: a name, a person
    or an organisation with one, or a list of them), wherever they stand in it."""
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):  # not JSON, or nested past what Python reads
        return []
    names, pending = [], deque([data])
    while pending:
        item = pending.popleft()
        if isinstance(item, list):
            pending += item
        elif isinstance(item, dict):
            for author in _as_list(item.get("author")):
                named = author.get("name") if isinstance(author, dict) else author
                if isinstance(named, str):
                    names.append(named)
            pending += [value for key, value in item.items() if key != "author"]
    return names


def _as_list(value: object) -> list[object]:
    return value if isinstance(value, list) else [] if value is None else [value]


def _iso_date(value: str) -> str:
    """The date `value` opens with in ISO form, as precise as written; "" if none or no such
    date (2019-02-30)."""
    written = _ISO_DATE.match(value.strip())
    try:
        return parse_partial_date(written.group()).isoformat() if written else ""
    except ValueError:
        return ""


def _as_written(tree: HtmlElement, day: dt.date) -> str:
    """`day` cut to the precision at which the page writes it: in digits anywhere in its source
    (2019-06-07, 2019/6/7, 20190607, 07.06.2019, 6/7/2019; 2019-06, 06/2019; 2019, in an
    address too), or with its month in words in its text ("June 7, 2019", "7 juin 2019", as
    htmldate reads such dates); "" where the page does not write its year."""
    import lxml.html  # type: ignore[import-untyped]

    source = lxml.html.tostring(tree, encoding="unicode")
    y, m, d = day.year, f"0?{day.month}", f"0?{day.day}"
    ymd, dmy = rf"{y}(?P<s>[-/.]){m}(?P=s){d}", rf"{d}(?P<t>[-/.]){m}(?P=t){y}"
    digits = rf"(?:{ymd}|{day:%Y%m%d}|{dmy}|{m}/{d}/{y})"
    if re.search(rf"(?<!\d){digits}(?!\d)", source) or _in_words("".join(tree.itertext()), day):
        return day.isoformat()
    if re.search(rf"(?<!\d)(?:{y}[-/.]{m}|{m}[-/.]{y})(?!\d)", source):
        return f"{day:%Y-%m}"
    return str(y) if re.search(rf"(?<!\d){y}(?!\d)", source) else ""


def _in_words(text: str, day: dt.date) -> bool:
    """Whether the text writes `day` with its month in words, as htmldate reads such dates."""
    from htmldate.extractors import regex_parse

    wanted = dt.datetime(day.year, day.month, day.day)
    return any(
        regex_parse(text[max(0, year.start() - _WORDED_DATE) : year.end()]) == wanted
        for year in re.finditer(rf"(?<!\d){day.year}(?!\d)", text)
    )


def _navigation(data: bytes) -> set[str]:
    """The texts of a web page's links, menus, headers and footers, spaces collapsed: what an
    extractor that found no article falls back to."""
    import lxml.html  # type: ignore[import-untyped]  # trafilatura's own parser

    tree = lxml.html.fromstring(data)
    return {
        " ".join(element.text_content().split())
        for element in tree.iter("a", "nav", "menu", "header", "footer", "button", "label")
    }


_PATTERNS: tuple[tuple[str, re.Pattern[str], int, str], ...] = (
    (
        "comment-form",
        re.compile(
            r"leave a (?:reply|comment)|comments? (?:are|is) closed|required fields are marked"
            r"|your email address will not be published|post a comment",
            re.IGNORECASE,
        ),
        _SHORT,
        "reads like a comment form",
    ),
    (
        "publication-note",
        re.compile(
            r"(?:originally|first) (?:published|appeared)(?: online)? (?:in|on|at|by|as)\b"
            r"|(?:re)?printed (?:with|by) (?:kind )?permission|republished"
            # a note that introduces the text it stands before, ending with a colon
            r"|^the following [^.!?]{0,60}\b(?:appeared|ran|was (?:first )?published)\b.*:$",
            re.IGNORECASE,
        ),
        _NOTICE,
        "says where the text first appeared",
    ),
    (
        "disclaimer",
        re.compile(
            r"views expressed|do not necessarily reflect|opinions expressed|disclaimer",
            re.IGNORECASE,
        ),
        _NOTICE,
        "reads like the publisher's disclaimer",
    ),
    (
        "link-to-other-article",
        re.compile(r"^(?:read (?:more|also)|related(?: articles?)?|see also)\b", re.IGNORECASE),
        _SHORT,
        "points to another article",
    ),
)


def boilerplate(text: str, title: str = "", author: str = "") -> list[Boilerplate]:
    """Paragraphs that are likely not the author's, consecutive ones of a kind and reason as
    one range: a headline (a short line that repeats the title, near the top or anywhere, or
    that occurs twice), a byline near the top, a breadcrumb, print and share tools, comment
    forms, notes on first publication, disclaimers, links to other articles."""
    blocks = [text[start:end] for start, end in paragraphs(text)]
    lines = [_headline(block) for block in blocks]
    twice = {line for line, count in Counter(lines).items() if line and count > 1}
    found: list[Boilerplate] = []
    for index, block in enumerate(blocks):
        words = word_count(block)
        kind_reason = _kind(block, words, index, title, author)
        if kind_reason is None and lines[index] in twice:
            kind_reason = "headline", "a short line that occurs again in the text"
        if kind_reason is None:
            continue
        kind, reason = kind_reason
        last = found[-1] if found else None
        if last and (last.kind, last.reason, last.last) == (kind, reason, index - 1):
            found[-1] = Boilerplate(kind, last.first, index, reason)
        else:
            found.append(Boilerplate(kind, index, index, reason))
    return found


def _kind(block: str, words: int, index: int, title: str, author: str) -> tuple[str, str] | None:
    plain = anchor.fold(block)
    if title and words <= _SHORT:
        similarity = fuzz.ratio(plain.lower(), anchor.fold(title).lower())
        if similarity >= _TITLE_SIMILARITY:
            return "headline", "repeats the title"
    tools = _TOOL_WORD.findall(plain.lower())
    if tools and set(tools) <= _TOOL_WORDS and not _TOOL_ACTIONS.isdisjoint(tools):
        return "other", "print and share tools"
    crumbs = _CRUMB_JOIN.split(plain)
    if len(crumbs) > 1 and all(_crumb(item) for item in crumbs):
        return "other", "a breadcrumb: the site's navigation"
    if index < 4 and words <= _SHORT:
        if re.match(r"by\s", plain, re.IGNORECASE):
            return "byline", "starts with 'By'"
        if author and anchor.fold(author).lower() in plain.lower() and words <= _SHORT // 2:
            return "byline", "names the author in a short line near the top"
    for kind, pattern, longest, reason in _PATTERNS:
        if words <= longest and pattern.search(plain):
            return kind, reason
    return None


def _crumb(item: str) -> bool:
    """Whether the text reads as one item of a breadcrumb: a short name, not a sentence."""
    return 0 < word_count(item) <= _CRUMB and _CRUMB_ITEM.fullmatch(item) is not None


def _headline(block: str) -> str:
    """The block, folded, when it reads as a headline (a short line that ends without a full
    stop), else "": a headline printed twice is found by this key."""
    plain = anchor.fold(block).lower()
    words = word_count(plain)
    return plain if 0 < words <= _SHORT and "\n" not in block and plain[-1] not in ".!?:" else ""
