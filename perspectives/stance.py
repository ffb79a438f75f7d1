"""Stance: whether an English sentence evaluates, judges or predicts, by the words that do so.

An editorial's position often lies in a sentence without one word of its topic ("We are highly
skeptical that he will keep his word this time."): the topic is in the sentences around it, the
stance in its own words. `markers` finds those words, from a small lexicon in five groups drawn
from the literature on stance and evaluation in English (Biber's stance adverbials and modals,
Hyland's hedges and boosters, Martin and White's appraisal):

- the writer speaking: "we believe", "in our view", "I doubt", "we are skeptical";
- obligation and necessity: "should", "must", "ought to", "need to", "cannot";
- prediction and refusal: "will not", "won't", "is bound to", "is unlikely to";
- evaluation: "mistake", "naive", "dangerous", "welcome", "credible", "hollow";
- hedges and boosters: "perhaps", "probably", "arguably"; "frankly", "clearly", "surely".

The lexicon is English and applies to English text only: `suggest` asks `language.is_english`
first. Matching is on whole words, case and typographic apostrophes folded.
"""

from __future__ import annotations

import re

#: The stance lexicon, by group; each entry a regular expression over lower-cased words.
LEXICON: dict[str, tuple[str, ...]] = {
    "the writer speaking": (
        r"(?:we|i) (?:believe|think|doubt|fear|hope|suspect|expect|trust|urge|welcome|regret)",
        r"(?:we|i) (?:are|am|remain) (?:\w+ )?(?:skeptical|sceptical|convinced|unconvinced"
        r"|confident|doubtful|wary|hopeful|concerned|worried|pleased|disappointed)",
        r"in (?:our|my) (?:view|opinion|judgment|judgement)",
        r"it seems to (?:us|me)",
    ),
    "obligation and necessity": (
        r"should(?:n't)?",
        r"must(?:n't)?",
        r"ought to",
        r"needs? to",
        r"cannot|can't",
        r"(?:has|have) to",
    ),
    "prediction and refusal": (
        r"will not|won't|would not|wouldn't",
        r"(?:is|are) (?:bound|certain|sure|unlikely|likely) to",
        r"remains? to be seen",
    ),
    "evaluation": (
        r"mistakes?|mistaken|wrong|naive|na[iï]vet[eé]|foolish|unwise|wise|reckless",
        r"dangerous|danger|risky|welcome|laudable|commendable|regrettable|deplorable",
        r"disappointing|encouraging|worrying|troubling|alarming|credible|credibility",
        r"hollow|empty|dubious|doubtful|skeptical|sceptical|skepticism|scepticism",
        r"illusions?|folly|fiasco|failure|triumph|achievement|breakthrough|gamble",
        r"deserves?|justified|unjustified|irresponsible|responsible|sensible|absurd",
    ),
    "hedges and boosters": (
        r"perhaps|probably|possibly|arguably|presumably|apparently|seemingly",
        r"frankly|candidly|honestly|clearly|certainly|surely|undoubtedly|obviously|plainly",
        r"indeed|of course",
        r"no doubt|without doubt|in fact|at best|at worst|all too",
    ),
}

_PATTERN = re.compile(
    r"\b(?:" + "|".join(entry for group in LEXICON.values() for entry in group) + r")\b"
)


def markers(text: str) -> tuple[str, ...]:
    """The stance words of the lexicon found in the text, each once, in the order they occur."""
    folded = text.lower().replace("\u2019", "'")
    return tuple(dict.fromkeys(found.group(0) for found in _PATTERN.finditer(folded)))
