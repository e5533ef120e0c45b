"""Pure: a claim that drops the negation of the passage sentence it restates.

A walk asked "do 8a managers get overtime" and the local model answered "Yes, 8A managers get overtime [1].", [1]
saying "most managers moving into Band 8A lose all eligibility to overtime and un-social hours payments": every
term of the claim is in that sentence, so every word-share check passed it.
"""

from __future__ import annotations

import re

from rag.answer.restated import sentence_saying
from rag.answer.terms import content_terms
from rag.textnorm import normalize

# Words that take away what follows them: "lose all eligibility to overtime", "no change in direction", "not paid"
_CUES = frozenset(("no not never none nor without cannot can't won't don't doesn't didn't isn't aren't wasn't weren't "
                   "lose loses losing lost ineligible denied refused scrapped abolished axed ended stopped").split())
_REACH = 4  # words after a cue that it takes away
_WORD = re.compile(r"[\w'\u2019-]+")
_MARKER = re.compile(r"\[\d+(?:\s*[,;-]\s*\d+)*\]")


def _words(text: str) -> list[str]:
    return [w.replace("\u2019", "'") for w in _WORD.findall(normalize(text).lower())]


def negation_dropped(claim: str, passage: str) -> bool:
    """True when the claim states, with no negating word of its own, what the passage's sentence holding most of its
    terms takes away: a cue (_CUES) within _REACH words before one of the claim's terms there."""
    claim = _MARKER.sub(" ", claim)
    claim_words = _words(claim)
    if any(w in _CUES for w in claim_words):
        return False
    terms = set(content_terms(claim))
    said = sentence_saying(terms, passage, 0.8) if len(terms) >= 2 else ""
    if not said:
        return False  # not one sentence's words: left to the other checks
    words = _words(said)
    for i, w in enumerate(words):
        if w in _CUES and any(set(content_terms(x)) & terms for x in words[i + 1: i + 1 + _REACH]):
            return True
    return False
