"""The corpus format, declared once: files, columns, types and allowed values.

The loader, the validator, `init` and the format guide all read these declarations, so a column
added here is checked, written and documented everywhere without being repeated. The keys of
corpus.toml are declared beside them, in `perspectives.metadata`.
"""

from __future__ import annotations

from typing import Literal, get_args

from perspectives.columns import Field, Resource, listed
from perspectives.columns import FieldKind as FieldKind  # where the loader looks for it

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
    "running-head",
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
    "running-head": "running head or page number",
    "other": "not the author's text",
}


METADATA_FILE = "corpus.toml"
METADATA_DESCRIPTION = "the corpus's name, version, curators and licence"


SCALE_RANGE = f"a whole number from `{SCALE_BOUNDS[0]}` to `{SCALE_BOUNDS[1]}`"

#: Longest short name of a perspective: what fits a chart axis or a column head.
PERSPECTIVE_LABEL_LENGTH = 32

DOCUMENTS = Resource(
    file="documents.csv",
    description="one row per text: who wrote it, from which country, where it appeared",
    key=("id",),
    fields=(
        Field("id", "id", "An identifier for the text (see *Identifiers* above).", "weber-2023"),
        Field(
            "author",
            "text",
            "The author's name. Empty for an unsigned text (an editorial): the outlet stands in.",
            "Jonas Weber",
            required=False,
        ),
        Field(
            "role", "text", "The author's role or position.", "Transport economist", required=False
        ),
        Field(
            "affiliation",
            "text",
            "The institution the author writes from.",
            "Institut für Verkehr",
            required=False,
        ),
        Field("country", "text", "The country whose perspective the text represents.", "Germany"),
        Field("title", "text", "The title of the text.", "Night trains are a niche"),
        Field("outlet", "text", "Where it was published.", "Verkehrsblatt"),
        Field("published", "date", "Publication date: year, month or day.", "2023-05-10"),
        Field(
            "url",
            "url",
            "Web address of the text.",
            "https://example.org/night-trains",
            required=False,
        ),
        Field(
            "citation",
            "text",
            "The full reference, as a reader would cite it. Empty: one is made from the author, "
            "title, outlet and date (`add-document` writes it here, to correct).",
            "Weber, Jonas. “Night trains are a niche.” Verkehrsblatt, 10 May 2023.",
            required=False,
        ),
        Field(
            "text_file",
            "path",
            "Where the text is, relative to the corpus folder.",
            "texts/weber-2023.txt",
        ),
        Field(
            "label",
            "text",
            "A short name for the perspective on chips, column heads, legends and chart axes, "
            f"at most {PERSPECTIVE_LABEL_LENGTH} characters. Without one, the dashboard uses "
            "the author (or, for an unsigned text, the outlet) and the country, shortened to fit.",
            "Germany (Weber)",
            required=False,
            max_length=PERSPECTIVE_LABEL_LENGTH,
        ),
        Field(
            "language",
            "language",
            "The language of the text, as a BCP 47 tag (`en`, `ru`, `zh-Hans`, `ar`). Empty: "
            "guessed from the text. Only an English text is rated for readability.",
            "de",
            required=False,
        ),
        Field(
            "translation_of",
            "ref",
            "For a translation of another text of the corpus: the original's id. A translation "
            "is not a perspective of its own: it is read beside its original in the source "
            "reader, and holds no positions or quotes.",
            "weber-2023",
            required=False,
            references="documents.csv",
        ),
    ),
)

EXCLUDED_SPANS = Resource(
    file="excluded_spans.csv",
    description="parts of a text that are not the author's (headlines, comment forms…)",
    key=("document_id", "starts_with", "occurrence"),
    fields=(
        Field(
            "document_id",
            "ref",
            "The text the passage belongs to.",
            "durand-2023",
            references="documents.csv",
        ),
        Field(
            "kind",
            "enum",
            "What the passage is (see the list below).",
            "comment-form",
            choices=get_args(SpanKind),
        ),
        Field(
            "starts_with",
            "text",
            "The opening words of the passage, copied from the text. The passage starts where "
            "they first occur (see `occurrence`).",
            "Comments are closed",
        ),
        Field(
            "ends_with",
            "text",
            "The closing words, copied from the text. The passage ends where they first occur "
            "after the start of the opening words.",
            "community guidelines.",
        ),
        Field(
            "occurrence",
            "int",
            "When the opening words occur more than once (a page header that repeats the "
            "title): which occurrence starts the passage, counting from `1`. Empty means the "
            "first.",
            "2",
            required=False,
            bounds=(1, 9999),
        ),
        Field(
            "note",
            "text",
            "Why it is excluded, for other curators.",
            "Comment notice of the page.",
            required=False,
        ),
    ),
)

THEMES = Resource(
    file="themes.csv",
    description="the themes you compare, in the order the dashboard shows them",
    key=("id",),
    fields=(
        Field(
            "id",
            "id",
            "An identifier for the theme; it is what links use (`?theme=border-timetables`).",
            "border-timetables",
        ),
        Field("label", "text", "A short name, shown as the theme's heading.", "Border timetables"),
        Field(
            "description",
            "text",
            "One line on what the theme covers.",
            "How national networks hand trains over at the border.",
        ),
        Field(
            "question",
            "text",
            "The question each author's stance answers.",
            "Is the border the main obstacle?",
        ),
    ),
)

POSITIONS = Resource(
    file="positions.csv",
    description="for each theme and each text: does the author address it, and how",
    key=("theme_id", "document_id"),
    fields=(
        Field("theme_id", "ref", "The theme.", "border-timetables", references="themes.csv"),
        Field("document_id", "ref", "The text.", "weber-2023", references="documents.csv"),
        Field(
            "coverage",
            "enum",
            "How the author treats the theme (see below).",
            "explicit",
            choices=COVERAGE,
        ),
        Field(
            "stance",
            "text",
            "A short answer to the theme's question, in your words.",
            "The border is the real obstacle",
        ),
        Field(
            "summary",
            "text",
            "One to three sentences, in your words, on what the author says.",
            "Weber calls the border the real obstacle…",
        ),
        Field(
            "rationale",
            "text",
            "One line on why the stance label fits the text (and, with a scale, why this point).",
            "He says so in as many words.",
        ),
        Field(
            "scale_value",
            "int",
            f"Where the stance sits on the theme's scale: {SCALE_RANGE} (see `scales.csv`). "
            "Empty when `absent`.",
            "1",
            required=False,
            bounds=SCALE_BOUNDS,
        ),
        Field(
            "confidence",
            "enum",
            f"How sure you are of that point: {listed(CONFIDENCE)}. Empty when `absent`.",
            "medium",
            required=False,
            choices=CONFIDENCE,
        ),
    ),
)

QUOTES = Resource(
    file="quotes.csv",
    description="the evidence: exact sentences copied from the texts",
    key=("theme_id", "document_id", "quote"),
    fields=(
        Field(
            "theme_id",
            "ref",
            "The theme of the position the quote supports.",
            "border-timetables",
            references="themes.csv",
        ),
        Field("document_id", "ref", "The text quoted.", "weber-2023", references="documents.csv"),
        Field(
            "quote",
            "text",
            "The exact words, copied from the text.",
            "The real obstacle is at the border",
        ),
        Field(
            "prefix",
            "text",
            "A few words just before the quote, when the quote occurs more than once.",
            "In winter,",
            required=False,
        ),
        Field(
            "suffix",
            "text",
            "A few words just after the quote, when the quote occurs more than once.",
            "and nowhere else.",
            required=False,
        ),
        Field(
            "translation",
            "text",
            "An English rendering of a quote in another language, shown under it.",
            "The real obstacle is at the border",
            required=False,
        ),
        Field(
            "translator",
            "text",
            "Who made the translation; empty when the curator did. Needs a `translation`.",
            "Anna Smith",
            required=False,
        ),
        Field(
            "note",
            "text",
            "A curator's note on the quote, for other curators and in the export.",
            "Said before the 2023 timetable change.",
            required=False,
        ),
    ),
)

COMPARISONS = Resource(
    file="comparisons.csv",
    description="for each theme: do the authors agree, and why",
    key=("theme_id",),
    fields=(
        Field(
            "theme_id", "ref", "The theme compared.", "border-timetables", references="themes.csv"
        ),
        Field(
            "agreement",
            "enum",
            "How far the perspectives agree (see below).",
            "agree",
            choices=AGREEMENT,
        ),
        Field(
            "synthesis",
            "text",
            "One to three sentences naming what differs and, when it matters, why. May be left "
            "empty until the theme has a position for every document.",
            "All three see the border as a cost…",
            required=False,
        ),
    ),
)

EVENTS = Resource(
    file="events.csv",
    description="dated events the texts refer to, or that fall between them",
    key=("id",),
    required=False,
    fields=(
        Field(
            "id",
            "id",
            "A short name for the event: lowercase letters, digits and hyphens.",
            "singapore-summit",
        ),
        Field(
            "date",
            "date",
            "When it happened (the first day, for an event of several days), as precisely as "
            "known: `2018`, `2018-06` or `2018-06-12`.",
            "2018-06-12",
        ),
        Field(
            "label", "text", "A short name shown on the timeline.", "Trump–Kim summit, Singapore"
        ),
        Field(
            "description",
            "text",
            "One or two sentences on what happened, in your words.",
            "First meeting of a sitting US president…",
            required=False,
        ),
        Field(
            "theme_ids",
            "refs",
            "The themes the event bears on: theme ids separated by spaces. Leave empty for none.",
            "denuclearisation high-level-visits",
            required=False,
            references="themes.csv",
        ),
        Field(
            "date_source",
            "text",
            "Where the date comes from when the texts do not give it, or give it less precisely: "
            "a public record a reader can check. Required for an event that no text refers to "
            "(see below).",
            "UN Security Council resolution 2375 (11 September 2017)",
            required=False,
        ),
    ),
)

EVENT_QUOTES = Resource(
    file="event_quotes.csv",
    description="where each author refers to an event",
    key=("event_id", "document_id", "quote"),
    required=False,
    fields=(
        Field(
            "event_id",
            "ref",
            "The event, as named in `events.csv`.",
            "singapore-summit",
            references="events.csv",
        ),
        Field(
            "document_id",
            "ref",
            "The text that refers to it.",
            "singh-2018",
            references="documents.csv",
        ),
        Field(
            "quote",
            "text",
            "The author's exact words, copied from the text.",
            "the meeting between Kim and Trump in June 2018",
        ),
    ),
)

LEXICON = Resource(
    file="lexicon.csv",
    description="words and phrases that signal each theme",
    key=("theme_id", "term"),
    required=False,
    fields=(
        Field(
            "theme_id", "ref", "The theme the term signals.", "sanctions", references="themes.csv"
        ),
        Field("term", "text", "A word or phrase as it appears in a text.", "sanctions regime"),
        Field(
            "match",
            "enum",
            f"How the term is matched (see below); empty means `{LEXICON_MATCH[0]}`.",
            "words",
            required=False,
            choices=LEXICON_MATCH,
        ),
        Field(
            "language",
            "language",
            "The language of the texts the term is looked for in, as a BCP 47 tag (`en`, `ru`, "
            "`zh-Hans`, `ar`): a text's `language`, or the one guessed from it, is that tag or "
            "within it (`zh` takes `zh-Hans`, not the other way). Empty: texts in every "
            "language. Only an English term, or one with no language, takes English endings.",
            "zh",
            required=False,
        ),
        Field("note", "text", "Why the term signals the theme.", "UN measures.", required=False),
    ),
)

LEXICON_REVIEWS = Resource(
    file="lexicon_reviews.csv",
    description="a reviewer's verdict on each sentence the lexicon tags",
    key=("document_id", "theme_id", "opening"),
    required=False,
    fields=(
        Field(
            "document_id",
            "ref",
            "The text the sentence belongs to.",
            "asmolov-2019",
            references="documents.csv",
        ),
        Field(
            "theme_id",
            "ref",
            "The theme the lexicon tags the sentence with.",
            "bilateral-ties",
            references="themes.csv",
        ),
        Field(
            "opening",
            "text",
            "The first words of the sentence, copied from the text: enough of them that only one "
            "sentence of the author's text starts with them.",
            "The constant emphasis on the historical",
        ),
        Field("verdict", "enum", "Your verdict (see below).", "accept", choices=VERDICT),
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
    description="a five-point stance scale for each theme",
    key=("theme_id", "value"),
    fields=(
        Field(
            "theme_id",
            "ref",
            "The theme the scale belongs to.",
            "sanctions",
            references="themes.csv",
        ),
        Field("value", "int", f"The point: {listed(SCALE_POINTS)}.", "-1", bounds=SCALE_BOUNDS),
        Field(
            "label",
            "text",
            "The answer that point stands for, in a few words.",
            "Relax them in return for steps",
        ),
    ),
    required=False,
)

NOTES = Resource(
    file="notes.csv",
    description="curators' notes on a text, a theme, or a theme in one text",
    key=("document_id", "theme_id"),
    required=False,
    fields=(
        Field(
            "document_id",
            "ref",
            "The text the note is about; empty for a note on the theme alone.",
            "weber-2023",
            required=False,
            references="documents.csv",
        ),
        Field(
            "theme_id",
            "ref",
            "The theme the note is about; empty for a note on the text alone.",
            "border-timetables",
            required=False,
            references="themes.csv",
        ),
        Field("note", "text", "The note.", "Written before the 2023 timetable change."),
    ),
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
    NOTES,
)
