"""The corpus format, declared once: files, columns, types and allowed values.

The loader, the validator, `init` and the format guide all read these declarations, so a column
added here is checked, written and documented everywhere without being repeated.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, get_args

FieldKind = Literal["id", "text", "date", "enum", "ref", "refs", "url", "path", "int"]

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"

# Closed sets of values: each declared once as a type; the runtime tuples are derived from it.
Coverage = Literal["explicit", "implicit", "absent"]
Agreement = Literal["agree", "partly", "diverge", "one-sided"]
Confidence = Literal["low", "medium", "high"]
Verdict = Literal["accept", "reject"]
LexiconMatch = Literal["words", "exact"]
SpanKind = Literal[
    "headline",
    "byline",
    "repeated-lede",
    "link-to-other-article",
    "publication-note",
    "comment-form",
    "disclaimer",
    "other",
]

COVERAGE: tuple[Coverage, ...] = get_args(Coverage)
AGREEMENT: tuple[Agreement, ...] = get_args(Agreement)
CONFIDENCE: tuple[Confidence, ...] = get_args(Confidence)
VERDICT: tuple[Verdict, ...] = get_args(Verdict)
LEXICON_MATCH: tuple[LexiconMatch, ...] = get_args(LexiconMatch)

#: The stance scale every theme may declare: five ordinal points, each with a label.
SCALE_BOUNDS = (-2, 2)
SCALE_POINTS = tuple(range(SCALE_BOUNDS[0], SCALE_BOUNDS[1] + 1))

#: Largest spread of scale points that `agree` allows, and smallest that `diverge` needs.
AGREE_MAX_SPREAD = 1
DIVERGE_MIN_SPREAD = 2

#: The label readers see for each kind of captured text that is not the author's words.
SPAN_KINDS: dict[SpanKind, str] = {
    "headline": "headline",
    "byline": "byline",
    "repeated-lede": "repeated lede",
    "link-to-other-article": "link to another article",
    "publication-note": "publication note",
    "comment-form": "comment form",
    "disclaimer": "publisher's disclaimer",
    "other": "not the author's text",
}


@dataclass(frozen=True)
class Field:
    name: str
    kind: FieldKind
    description: str
    example: str
    required: bool = True
    choices: tuple[str, ...] = ()
    references: str | None = None  # for "ref" and "refs": the file whose "id" column it names
    bounds: tuple[int, int] | None = None  # for kind "int": smallest and largest value allowed


@dataclass(frozen=True)
class Resource:
    file: str
    description: str
    fields: tuple[Field, ...]
    key: tuple[str, ...]
    required: bool = True  # an optional file may be left out; its feature is then not shown

    @property
    def columns(self) -> tuple[str, ...]:
        return tuple(field.name for field in self.fields)


METADATA_FILE = "corpus.toml"

#: Keys of the `[corpus]` table in corpus.toml: (key, required, description, example).
METADATA_KEYS: tuple[tuple[str, bool, str, str], ...] = (
    ("title", True, "Name of the corpus.", "China and North Korea under Xi Jinping"),
    ("version", True, "Version of the curated tables; raise it when they change.", "1.0.0"),
    ("description", False, "One or two sentences on what the corpus compares.", "Two analyses…"),
    ("curators", False, "Who curated the tables (a list of names).", '["A. Curator"]'),
    ("license", False, "Licence of the curated tables.", "CC BY 4.0"),
    ("created", False, "Date of this version (ISO: YYYY, YYYY-MM or YYYY-MM-DD).", "2026-11-25"),
)

DOCUMENTS = Resource(
    file="documents.csv",
    description="One row per source text: who wrote it, from which perspective, where it appeared.",
    key=("id",),
    fields=(
        Field(
            "id", "id", "Stable identifier, lowercase letters, digits and hyphens.", "singh-2018"
        ),
        Field("author", "text", "Author's name.", "Gunjan Singh"),
        Field("role", "text", "Author's role or position.", "Research Associate"),
        Field(
            "affiliation",
            "text",
            "Institution the author writes from.",
            "Institute of Chinese Studies",
        ),
        Field("country", "text", "Country of perspective.", "India"),
        Field(
            "title", "text", "Title of the text.", "China-North Korea Relations under Xi Jinping"
        ),
        Field("outlet", "text", "Where it was published.", "ICS blog"),
        Field(
            "published", "date", "Publication date, ISO: YYYY, YYYY-MM or YYYY-MM-DD.", "2018-10-01"
        ),
        Field(
            "url", "url", "Web address of the text (http or https).", "https://…", required=False
        ),
        Field("citation", "text", "Full reference as a reader would cite it.", "Singh, G. (2018)…"),
        Field(
            "text_file",
            "path",
            "The captured text, relative to the corpus folder.",
            "texts/singh-2018.txt",
        ),
    ),
)

EXCLUDED_SPANS = Resource(
    file="excluded_spans.csv",
    description=(
        "Parts of a captured text that are not the author's words (headlines, comment forms, links "
        "to other articles, repeated ledes, disclaimers). They are shown muted and never analysed."
    ),
    key=("document_id", "starts_with"),
    fields=(
        Field(
            "document_id",
            "ref",
            "Document the span belongs to.",
            "singh-2018",
            references="documents.csv",
        ),
        Field("kind", "enum", "What the span is.", "comment-form", choices=get_args(SpanKind)),
        Field(
            "starts_with",
            "text",
            "Opening words of the span, exactly as in the text; the span starts at their first "
            "occurrence.",
            "Leave a Reply",
        ),
        Field(
            "ends_with",
            "text",
            "Closing words of the span: the first place they occur after the opening ends it.",
            "Required fields are marked *",
        ),
        Field(
            "note", "text", "Why it is excluded.", "Comment form of the blog page.", required=False
        ),
    ),
)

THEMES = Resource(
    file="themes.csv",
    description="The themes to compare, in the order the dashboard shows them.",
    key=("id",),
    fields=(
        Field("id", "id", "Stable identifier used in links (?theme=…).", "sanctions"),
        Field("label", "text", "Short name shown as the heading.", "Sanctions"),
        Field(
            "description",
            "text",
            "One line on what the theme covers.",
            "Pressure through UN sanctions…",
        ),
        Field(
            "question",
            "text",
            "The question each stance answers.",
            "Should pressure through sanctions be kept, or relaxed in return for steps?",
        ),
    ),
)

POSITIONS = Resource(
    file="positions.csv",
    description="The curated theme table: one row per theme and document.",
    key=("theme_id", "document_id"),
    fields=(
        Field("theme_id", "ref", "Theme of the position.", "sanctions", references="themes.csv"),
        Field(
            "document_id",
            "ref",
            "Document taking the position.",
            "singh-2018",
            references="documents.csv",
        ),
        Field(
            "coverage",
            "enum",
            "How the author treats the theme: explicit, implicit, or absent (not addressed).",
            "explicit",
            choices=COVERAGE,
        ),
        Field("stance", "text", "Short answer to the theme's question.", "Keep the pressure"),
        Field(
            "summary", "text", "1–3 sentences in the curator's own words.", "Singh credits Xi with…"
        ),
        Field(
            "rationale",
            "text",
            "One line on why the stance label and the scale point fit the text.",
            "She presents…",
        ),
        Field(
            "scale_value",
            "int",
            "Point on the theme's scale (scales.csv), -2 to 2; empty exactly when coverage is "
            "absent.",
            "1",
            required=False,
            bounds=SCALE_BOUNDS,
        ),
        Field(
            "confidence",
            "enum",
            "How clearly the text supports the point: low, medium or high; empty when absent.",
            "medium",
            required=False,
            choices=CONFIDENCE,
        ),
    ),
)

QUOTES = Resource(
    file="quotes.csv",
    description=(
        "Evidence for the positions, one quote per row, in display order. Each quote must occur "
        "verbatim in the author's text (spacing and typographic quotes or dashes may differ)."
    ),
    key=("theme_id", "document_id", "quote"),
    fields=(
        Field(
            "theme_id",
            "ref",
            "Theme of the position the quote supports.",
            "sanctions",
            references="themes.csv",
        ),
        Field("document_id", "ref", "Document quoted.", "singh-2018", references="documents.csv"),
        Field(
            "quote",
            "text",
            "The exact words, copied from the text.",
            "Xi was the first Chinese leader…",
        ),
        Field(
            "prefix",
            "text",
            "Words just before the quote in the text, to pick one occurrence of a quote that "
            "occurs more than once.",
            "supporter since the",
            required=False,
        ),
        Field(
            "suffix",
            "text",
            "Words just after the quote in the text, to pick one occurrence of a quote that "
            "occurs more than once.",
            "on North Korea.",
            required=False,
        ),
    ),
)

COMPARISONS = Resource(
    file="comparisons.csv",
    description="One row per theme: how far the perspectives agree, and why.",
    key=("theme_id",),
    fields=(
        Field("theme_id", "ref", "Theme compared.", "sanctions", references="themes.csv"),
        Field(
            "agreement",
            "enum",
            "agree, partly, diverge, or one-sided (only some authors address the theme).",
            "diverge",
            choices=AGREEMENT,
        ),
        Field(
            "synthesis", "text", "1–3 sentences naming what differs, and when it matters, why.", "…"
        ),
    ),
)

EVENTS = Resource(
    file="events.csv",
    description=(
        "Dated events the authors refer to, and events between the texts that bear on a theme, "
        "so a reader can see what happened between one text and the next."
    ),
    key=("id",),
    required=False,
    fields=(
        Field("id", "id", "Stable identifier of the event.", "singapore-summit"),
        Field(
            "date",
            "date",
            "When it happened (its first day, for an event of several days), at the precision "
            "known: YYYY, YYYY-MM or YYYY-MM-DD.",
            "2018-06-12",
        ),
        Field("label", "text", "Short name shown on the timeline.", "Trump–Kim summit, Singapore"),
        Field(
            "description",
            "text",
            "One or two sentences on what happened, in the curator's words.",
            "First meeting of a sitting US president and a North Korean leader…",
            required=False,
        ),
        Field(
            "theme_ids",
            "refs",
            "Themes the event bears on: theme ids separated by spaces; empty for none.",
            "denuclearisation high-level-visits",
            required=False,
            references="themes.csv",
        ),
        Field(
            "date_source",
            "text",
            "Where the date comes from when the texts do not give it (or give it less "
            "precisely): a public record a reader can check. Required for an event no text "
            "quotes.",
            "UN Security Council resolution 2375 (11 September 2017)",
            required=False,
        ),
    ),
)

EVENT_QUOTES = Resource(
    file="event_quotes.csv",
    description=(
        "Where each author refers to an event: one quote per row, verbatim in the author's text "
        "and occurring there once, like the evidence in quotes.csv."
    ),
    key=("event_id", "document_id", "quote"),
    required=False,
    fields=(
        Field("event_id", "ref", "Event referred to.", "singapore-summit", references="events.csv"),
        Field(
            "document_id",
            "ref",
            "Document that refers to it.",
            "singh-2018",
            references="documents.csv",
        ),
        Field(
            "quote",
            "text",
            "The author's exact words that refer to the event.",
            "the meeting between Kim and Trump in June 2018",
        ),
    ),
)

LEXICON = Resource(
    file="lexicon.csv",
    description=(
        "Words and phrases that signal a theme, used to find the sentences that touch it. "
        "Optional: without it the coverage page says how to add one."
    ),
    key=("theme_id", "term"),
    required=False,
    fields=(
        Field("theme_id", "ref", "Theme the term signals.", "sanctions", references="themes.csv"),
        Field("term", "text", "A word or phrase as it appears in a text.", "sanctions regime"),
        Field(
            "match",
            "enum",
            "words (default): any case, with plural, possessive, -ed and -ing endings; "
            "exact: this case and form only, for acronyms such as US.",
            "words",
            required=False,
            choices=LEXICON_MATCH,
        ),
        Field("note", "text", "Why the term signals the theme.", "UN measures.", required=False),
    ),
)

LEXICON_REVIEWS = Resource(
    file="lexicon_reviews.csv",
    description=(
        "A reviewer's verdict on each sentence the lexicon tags with a theme outside the curated "
        "quotes, so that the coverage page can show the lexicon's precision. Optional: without "
        "it the page shows only the share of tags that fall on a curated quote."
    ),
    key=("document_id", "theme_id", "opening"),
    required=False,
    fields=(
        Field(
            "document_id",
            "ref",
            "Document the tagged sentence belongs to.",
            "asmolov-2019",
            references="documents.csv",
        ),
        Field(
            "theme_id",
            "ref",
            "Theme the lexicon tags the sentence with.",
            "bilateral-ties",
            references="themes.csv",
        ),
        Field(
            "opening",
            "text",
            "The first words of the tagged sentence, copied from the text; enough of them that "
            "only one sentence of the author's text starts with them.",
            "The constant emphasis on the historical",
        ),
        Field(
            "verdict",
            "enum",
            "accept: the sentence is about the theme; reject: the lexicon tagged it wrongly.",
            "accept",
            choices=VERDICT,
        ),
        Field(
            "reason",
            "text",
            "One line on why the sentence is, or is not, about the theme.",
            "The close friendship between the two countries.",
        ),
    ),
)

SCALES = Resource(
    file="scales.csv",
    description=(
        "The stance scale of each theme: five ordinal points, -2 to 2, each labelled as an "
        "answer to the theme's question. A theme without rows here has no scale."
    ),
    key=("theme_id", "value"),
    fields=(
        Field(
            "theme_id", "ref", "Theme the scale belongs to.", "sanctions", references="themes.csv"
        ),
        Field("value", "int", "Point on the scale, -2 to 2.", "-1", bounds=SCALE_BOUNDS),
        Field(
            "label", "text", "Short answer this point stands for.", "Relax them in return for steps"
        ),
    ),
    required=False,
)

#: Every table of a corpus, in the order they are loaded and documented.
RESOURCES: tuple[Resource, ...] = (
    DOCUMENTS,
    EXCLUDED_SPANS,
    THEMES,
    POSITIONS,
    QUOTES,
    COMPARISONS,
    EVENTS,
    EVENT_QUOTES,
    LEXICON,
    LEXICON_REVIEWS,
    SCALES,
)
