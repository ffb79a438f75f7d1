"""Ready-made citations of the corpus version and of each source, as plain text and BibTeX.

A reader who reuses the curated tables cites the version they used; a reader who quotes an author
cites the source. Both come from the corpus's own metadata, so they change with it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from perspectives.dates import PartialDate
from perspectives.model import Corpus, CorpusMeta, Document

# BibTeX counts every brace, escaped or not, so braces and backslashes become text commands.
_BIBTEX_SPECIAL = {
    "\\": r"\textbackslash{}",
    "{": r"\textbraceleft{}",
    "}": r"\textbraceright{}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
_BIBTEX_PATTERN = re.compile("|".join(re.escape(char) for char in _BIBTEX_SPECIAL))
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


@dataclass(frozen=True)
class Citation:
    label: str  # what is cited, for a heading
    text: str
    bibtex: str


def escape_bibtex(text: str) -> str:
    """Text that BibTeX and LaTeX print as written, inside a braced field."""
    return _BIBTEX_PATTERN.sub(lambda match: _BIBTEX_SPECIAL[match.group()], " ".join(text.split()))


def _bibtex_url(url: str) -> str:
    """URLs stay verbatim (url fields are typeset as such); only brace-breaking characters go."""
    return url.replace("\\", "%5C").replace("{", "%7B").replace("}", "%7D")


def _corpus_key(meta: CorpusMeta) -> str:
    """Key from the first words of the title and the version: china-and-north-korea-v1.0.0."""
    words = re.findall(r"[a-z0-9]+", meta.title.lower())[:4] or ["corpus"]
    version = ".".join(re.findall(r"[a-z0-9]+", meta.version.lower()))
    return "-".join(words) + (f"-v{version}" if version else "")


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "?", "!")) else text + "."


def _date_fields(date: PartialDate | None) -> list[tuple[str, str]]:
    """year, month (as BibTeX's month macro) and an ISO date for biblatex."""
    if date is None:
        return []
    fields = [("year", f"{{{date.year}}}")]
    if date.month is not None:
        fields.append(("month", _MONTHS[date.month - 1]))
    fields.append(("date", f"{{{date.isoformat()}}}"))
    return fields


def _entry(key: str, fields: list[tuple[str, str]]) -> str:
    body = ",\n".join(f"  {name} = {value}" for name, value in fields)
    return f"@misc{{{key},\n{body}\n}}"


def _braced(text: str, protect_case: bool = False) -> str:
    """A field value; titles get a second pair of braces so styles keep their capitals."""
    escaped = escape_bibtex(text)
    return f"{{{{{escaped}}}}}" if protect_case else f"{{{escaped}}}"


def corpus_text(meta: CorpusMeta) -> str:
    """Plain-text reference to this version of the curated corpus."""
    year = str(meta.created.year) if meta.created else "n.d."
    parts = [
        f"{', '.join(meta.curators)} ({year})." if meta.curators else f"({year}).",
        _sentence(meta.title),
        f"Curated corpus, version {meta.version}.",
    ]
    if meta.license:
        parts.append(_sentence(f"License: {meta.license}"))
    return " ".join(parts)


def corpus_bibtex(meta: CorpusMeta) -> str:
    """BibTeX entry for this version of the corpus. Curators may be a group, so each name is
    kept whole rather than split into first and last names."""
    fields = []
    if meta.curators:
        names = " and ".join(f"{{{escape_bibtex(name)}}}" for name in meta.curators)
        fields.append(("author", f"{{{names}}}"))
    fields.append(("title", _braced(meta.title, protect_case=True)))
    fields.append(("version", _braced(meta.version)))
    fields += _date_fields(meta.created)
    note = f"Curated corpus, version {meta.version}" + (
        f". License: {meta.license}" if meta.license else ""
    )
    fields.append(("note", _braced(note)))
    return _entry(_corpus_key(meta), fields)


def reference(author: str, title: str, outlet: str, published: PartialDate | None) -> str:
    """A reference made from a source's fields, for a row that gives none: the author (none for
    an unsigned text, which its outlet stands for), the title in quotes, the outlet and the
    date as given. The address is added where the reference is shown (`document_text`)."""
    title = " ".join(title.split())
    ended = title if title.endswith((".", "?", "!", "…")) else title + "."
    quoted = f"“{ended}”" if title else ""
    date = published.display() if published else ""
    where = ", ".join(part for part in (outlet.strip(), date) if part)
    parts = [_sentence(author) if author.strip() else "", quoted, _sentence(where) if where else ""]
    return " ".join(part for part in parts if part)


def document_text(document: Document) -> str:
    """The curator's full reference, with the address when the reference lacks it."""
    if document.url and document.url not in document.citation:
        return f"{document.citation} {document.url}"
    return document.citation


def document_bibtex(document: Document) -> str:
    """BibTeX entry for one source, keyed by its document id."""
    # An unsigned text has no author field: styles then sort and label it by its title.
    fields = [("author", _braced(document.author))] if document.author else []
    fields += [
        ("title", _braced(document.title, protect_case=True)),
        ("howpublished", _braced(document.outlet)),
        *_date_fields(document.published),
    ]
    if document.url:
        fields.append(("url", f"{{{_bibtex_url(document.url)}}}"))
    return _entry(document.id, fields)


def citations(corpus: Corpus) -> list[Citation]:
    """The corpus version first, then each source in corpus order."""
    meta = corpus.meta
    return [
        Citation(f"{meta.title} (version {meta.version})", corpus_text(meta), corpus_bibtex(meta)),
        *(
            Citation(f"{doc.by}: {doc.title}", document_text(doc), document_bibtex(doc))
            for doc in corpus.documents
        ),
    ]
