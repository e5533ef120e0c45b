"""Pure: the people a follow-up and the conversation name, whether a text asks, and whether a model's rewrite of a
follow-up can stand in for it (rag.answer.followups.standalone)."""

from __future__ import annotations

import re
from typing import Sequence

from rag.answer.citations import STOPWORDS, content_terms
from rag.textnorm import normalize, tokens

PERSON_PRONOUNS = frozenset("he she him her his hers himself herself".split())
_NAME = re.compile(r"\b[A-Z][a-z]+(?:\s+(?:[A-Z][a-z]+|of|for|and)){0,3}\s+[A-Z][a-z]+\b")

_ASKS = re.compile(r"^(who|whom|whose|what|when|where|which|why|how|is|are|was|were|do|does|did|can|could|should|"
                   r"would|will|has|have|had|may|must|shall)\b")


def asks(text: str) -> bool:
    """True when the text is a question (ends with "?" or opens with a question word), not a statement.

    Example: asks("Who said the cuts were reckless?") -> True; asks("Jon Restell said the cuts were reckless.") -> False
    """
    t = normalize(text).strip()
    return t.endswith("?") or bool(_ASKS.match(t))


def names_before_pronoun(question: str) -> bool:
    """True when the question names someone before its first "he" / "she": the pronoun is the question's own ("Who
    replaced Wes Streeting and what did he do before?" is no follow-up; a walk got it merged with the turn before)."""
    first = next((m.start() for m in re.finditer(r"[\w']+", question) if m.group(0).lower() in PERSON_PRONOUNS),
                 len(question))
    return bool(_NAME.search(question[:first]))


def names_in(text: str) -> list[str]:
    """The names in a text, a capitalised opening word ("The", "In") aside: "The King's Fund's Sarah Woolnough said"
    -> ["Sarah Woolnough"], not "The King" (a walk's follow-up searched for, and was answered with, "The King Sarah
    Woolnough")."""
    out = []
    for m in _NAME.finditer(text):
        words = m.group(0).split()
        while words and words[0].lower() in STOPWORDS:
            words = words[1:]
        if len(words) >= 2:
            out.append(" ".join(words))
    return out


# "their", "his": someone the conversation named ("and their email?" after the reps' contact)
_SOMEONE = frozenset("he she him her his hers they them their theirs".split())


def names_whom(rewrite: str, question: str, last: tuple[str, str]) -> bool:
    """Whether a rewrite of a follow-up that refers to someone names whom, when the last turn named anyone: "and
    their email?" after an answer giving the reps' organiser, Rosie Kirk, came back from the model without her name (a
    walk), and was answered with the advice line's address."""
    if not any(w in _SOMEONE for w in tokens(question)) or names_before_pronoun(question):
        return True
    named = names_in(last[1]) + names_in(last[0])
    said = set(re.findall(r"[a-z]+", rewrite.lower()))  # "Kirk's" names Kirk
    return not named or any(name.split()[-1].lower() in said for name in named)


_INVENTED = 1  # terms a rewrite may add that neither the follow-up nor the conversation holds


def fills_in(rewrite: str, question: str, history: Sequence[tuple[str, str]]) -> bool:
    """Whether the rewrite fills in what the follow-up refers to: it brings a term from the conversation that the
    follow-up lacks. "who wrote it?" after a question on NHS England's abolition came back as "Who wrote the
    article?" (a walk), which names nothing from the conversation and was answered with another article's author."""
    said = {t for pair in history for t in content_terms(" ".join(pair))}
    added = set(content_terms(rewrite)) - set(content_terms(question))
    # ... and little the conversation never said: "and for VSMs?" came back as "What is the pay rise for VSMs (Visiting
    # Staff Managers) this year?" (a walk), an invented meaning that found nothing; one word ("article") may be new
    return bool(added & said) and len(added - said) <= _INVENTED
