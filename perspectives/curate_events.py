"""What the Timeline and Theme coverage read, made from the Curate page: an event with the quotes
that refer to it (events.csv and event_quotes.csv in one save), and lexicon terms for a theme,
suggested from the words that set the theme's quotes apart from the texts they come from, in
the language those texts share."""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass

from perspectives import language, store
from perspectives.curate import CurationError, Snapshot, check_new_id
from perspectives.lexicon import strip_accents, term_pattern
from perspectives.model import Corpus, LexiconTerm, Quote
from perspectives.schema import EVENT_QUOTES, EVENTS, LEXICON
from perspectives.sentences import first_words, last_words

# A word: letters with the marks of their spelling, and its parts joined by an apostrophe or a
# hyphen; a digit or an underscore parts words. Chinese and Japanese are cut in pairs of
# characters (language.character_pairs).
_WORD = re.compile(rf"[\w{language.MARKS}]++(?:['’-][\w{language.MARKS}]++)*+")
_PARTS_WORDS = re.compile(r"[\d_]")
_IDEOGRAPHIC = re.compile(rf"[{language.IDEOGRAPHS}]++")
_SHORTEST = 3  # letters of the shortest word worth suggesting (Korean: two syllables)
TERMS_SUGGESTED = 10
QUOTE_LABEL_WORDS = 10  # of a quote, where an event's quotes are chosen
_LABEL_CHARACTERS = 80  # of a quote's label, in a script written without spaces


@dataclass(frozen=True)
class EventDraft:
    """An event as the curator leaves it; its quotes as (document id, the author's words)."""

    id: str
    date: str
    label: str
    description: str = ""
    theme_ids: tuple[str, ...] = ()
    date_source: str = ""
    quotes: tuple[tuple[str, str], ...] = ()


def add_event(snapshot: Snapshot, draft: EventDraft) -> store.Change:
    """The event's row in events.csv and a row in event_quotes.csv for each quote that refers to
    it, in one change; the date, the themes and the quotes are checked by the validator."""
    check_new_id(snapshot, EVENTS, draft.id)
    row = {
        "id": draft.id,
        "date": draft.date.strip(),
        "label": draft.label.strip(),
        "description": draft.description.strip(),
        "theme_ids": " ".join(draft.theme_ids),
        "date_source": draft.date_source.strip(),
    }
    tables = {EVENTS.file: snapshot.table(EVENTS).appended(row)}
    quotes = snapshot.table(EVENT_QUOTES)
    for document_id, words in dict.fromkeys(draft.quotes):
        cells = {"event_id": draft.id, "document_id": document_id, "quote": " ".join(words.split())}
        quotes = quotes.appended(cells)
    if draft.quotes:
        tables[EVENT_QUOTES.file] = quotes
    referred = f", referred to by {len(draft.quotes)} quote(s)" if draft.quotes else ""
    return snapshot.change(f"add event {draft.id}{referred}", tables)


def add_terms(
    snapshot: Snapshot, theme_id: str, terms: Iterable[str], language: str = ""
) -> store.Change:
    """Rows of lexicon.csv for the terms the theme does not have yet (each once, on one line),
    each looked for in texts in `language` (a BCP 47 tag, checked by the validator as every
    save is; "" for texts in every language)."""
    language = language.strip()
    lexicon = snapshot.table(LEXICON)
    new = [
        term
        for term in dict.fromkeys(" ".join(term.split()) for term in terms)
        if term and not lexicon.find({"theme_id": theme_id, "term": term})
    ]
    if not new:
        raise CurationError(f"no term that {theme_id} does not have yet")
    for term in new:
        lexicon = lexicon.appended({"theme_id": theme_id, "term": term, "language": language})
    in_language = f" (language {language})" if language else ""
    return snapshot.change(
        f"lexicon of {theme_id}: {', '.join(new)}{in_language}", {LEXICON.file: lexicon}
    )


def quote_choices(corpus: Corpus) -> list[tuple[Quote, str]]:
    """The passages an event may be referred to by: every quote of the corpus, document by
    document, a passage quoted for several themes once, each with a label for a list: the
    perspective and the quote's opening words; where two of the document's passages open alike,
    their first and last words, and a number if those are alike too. A label stays about as
    long as an opening: a longer one makes the box wrap, and a press of the button below it
    misses."""
    quotes = list(
        {
            (quote.document_id, quote.text): quote
            for document in corpus.documents
            for position in corpus.positions
            if position.document_id == document.id
            for quote in position.quotes
        }.values()
    )
    openings = [(q.document_id, first_words(q.text, QUOTE_LABEL_WORDS)) for q in quotes]
    alike = {opening for opening, times in Counter(openings).items() if times > 1}
    named = [
        (document_id, _first_and_last_words(q.text) if (document_id, words) in alike else words)
        for q, (document_id, words) in zip(quotes, openings, strict=True)
    ]
    return [
        (quote, f"{corpus.document(quote.document_id).perspective}: {label}")
        for quote, label in zip(quotes, _numbered(named), strict=True)
    ]


def _first_and_last_words(text: str) -> str:
    half, characters = QUOTE_LABEL_WORDS // 2, _LABEL_CHARACTERS // 2
    first = first_words(text, half, characters).removesuffix(" …")
    return f"{first} … {last_words(text, half, characters).removeprefix('… ')}"


def _numbered(named: list[tuple[str, str]]) -> list[str]:
    """Each (document, words) as “words”, numbered in order where the document has others with
    the same words."""
    times, seen = Counter(named), Counter[tuple[str, str]]()
    labels = []
    for name in named:
        seen[name] += 1
        labels.append(f"“{name[1]}”" + (f" ({seen[name]})" if times[name] > 1 else ""))
    return labels


def _stems(words: Collection[str]) -> list[str]:
    """Words as a term would name them that the quotes write with more: a Korean or Arabic
    word without the particles written on to it (see language.without_particles), where that
    leaves a word long enough to offer."""
    stems = (language.without_particles(word) for word in words)
    return [stem for stem in dict.fromkeys(stems) if stem not in words and _offered(stem)]


def _offered(word: str) -> bool:
    """Whether a word is long enough to offer as a term: three letters, or two Korean
    syllables."""
    return len(word) >= _SHORTEST or (len(word) > 1 and language.hangul(word[0]))


def _words(text: str, english: bool) -> list[str]:
    """The words of a text as a lexicon term would name them: lower case, accents and vowel
    points kept out; in English, no possessive ending and no stop word; in Chinese and
    Japanese, each pair of characters side by side."""
    stop = _stop_words() if english else frozenset()
    plain = _PARTS_WORDS.sub(" ", language.without_points(strip_accents(text)))
    pairs = []
    if not plain.isascii() and _IDEOGRAPHIC.search(plain):
        runs = _IDEOGRAPHIC.findall(plain)
        pairs = [pair for run in runs for pair in language.character_pairs(run)]
        plain = _IDEOGRAPHIC.sub(" ", plain)
    lowered = (w.lower().replace("’", "'") for w in _WORD.findall(plain))
    return pairs + [
        word
        for word in (_possessive(w) if english else w for w in lowered)
        if _offered(word) and word not in stop
    ]


def _possessive(word: str) -> str:
    """A word without its possessive ending, which a term matches anyway."""
    return word[:-2] if word.endswith("'s") else word.rstrip("'")


def _stop_words() -> frozenset[str]:
    # scikit-learn is imported when terms are first suggested, not with every page.
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    return ENGLISH_STOP_WORDS


def _forms(candidates: Iterable[str], vocabulary: Iterable[str], tag: str) -> dict[str, set[str]]:
    """Each candidate with the words of the vocabulary it matches as a lexicon term of kind
    `words` in the language `tag` (itself, and in English its plural, …): what Theme coverage
    would count for it."""
    by_start: dict[str, list[str]] = defaultdict(list)
    for word in vocabulary:  # by its first letters, and by its stem's (an Arabic particle's)
        for start in {word[:2], language.without_particles(word)[:2]}:
            by_start[start].append(word)
    return {
        word: {word} | {other for other in by_start[word[:2]] if pattern.fullmatch(other)}
        for word in candidates
        for pattern in [term_pattern(LexiconTerm("", word, language=tag))]
    }


def distinctive_words(
    quotes: Sequence[str], texts: Sequence[str], count: int = TERMS_SUGGESTED, language: str = ""
) -> list[str]:
    """The words that most set these quotes apart from the texts they come from, each counted
    with the forms it matches as a term of `language` (a plural, …): its count in the quotes,
    times the log of how much more often it occurs in them than in the texts. Words no more
    frequent in the quotes than in the texts are left out, and a word whose forms a better one
    matches; ties go to the word met first in the quotes. A Korean or Arabic word is also
    offered without the particles written on to it (`_stems`), which as a term finds it with
    them (제재 for 제재는 and 제재를, الحرية for والحرية)."""
    english = LexiconTerm("", "", language=language).english  # as a term of it is English
    quoted = Counter(word for quote in quotes for word in _words(quote, english))
    written = Counter(word for text in texts for word in _words(text, english))
    in_quotes, in_texts = sum(quoted.values()), sum(written.values())
    if not in_quotes or not in_texts:
        return []
    candidates = [*quoted, *_stems(quoted)]
    forms = _forms(candidates, quoted.keys() | written.keys(), language)
    scores = {}
    for word, matched in forms.items():
        times = sum(quoted[form] for form in matched)
        if not times:  # a stem the quotes write in no form its pattern finds
            continue
        lift = (times / in_quotes) / (max(sum(written[form] for form in matched), times) / in_texts)
        if lift > 1:
            scores[word] = times * math.log(lift)
    first = {word: index for index, word in enumerate(candidates)}
    chosen: list[str] = []
    for word in sorted(scores, key=lambda word: (-scores[word], first[word])):
        if not any(forms[word] & forms[better] for better in chosen):
            chosen.append(word)
    return chosen[:count]


def quoted_language(corpus: Corpus, theme_id: str) -> str:
    """The language of the texts the theme's quotes come from, which terms suggested from them
    are in: their one language (declared, else guessed), or "" when they are in several (or
    the theme has no quote)."""
    tags = {
        tag.lower(): tag
        for position in corpus.positions
        if position.theme_id == theme_id and position.quotes
        for tag in [corpus.document(position.document_id).written_in]
    }
    return next(iter(tags.values())) if len(tags) == 1 else ""


def suggested_terms(corpus: Corpus, theme_id: str, count: int = TERMS_SUGGESTED) -> list[str]:
    """Terms to offer for a theme: the distinctive words of its quotes against the authors'
    own text, in the language of the quotes' texts (`quoted_language`), less the words its
    lexicon's terms already match."""
    quotes = [q.text for p in corpus.positions if p.theme_id == theme_id for q in p.quotes]
    texts = [d.text[start:end] for d in corpus.documents for start, end in d.body_ranges]
    known = [term_pattern(term) for term in corpus.lexicon if term.theme_id == theme_id]
    found = distinctive_words(quotes, texts, count + len(known), quoted_language(corpus, theme_id))
    return [word for word in found if not any(p.fullmatch(word) for p in known)][:count]
