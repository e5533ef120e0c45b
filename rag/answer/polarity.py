"""Pure: a claim that drops the negation of the passage sentence it restates, or says its opposite.

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


# Words of opposite sense, each family by its forms: a claim holding one whose passage sentence holds only the other
# says the reverse of it. An attacker's "Why did the government reject the SSRB's 3% recommendation for VSMs?" got
# "The government rejected the SSRB's 3% recommendation ... [1]" past every check, [1] saying "the government finally
# accepted pay recommendations from the SSRB"; "outright support" for the passage's "outright opposition" passed too.
_OPPOSITES = tuple((frozenset(a.split()), frozenset(b.split())) for a, b in (
    ("accept accepts accepted accepting acceptance approve approves approved approval agreed agree agrees",
     "reject rejects rejected rejecting rejection refuse refuses refused refusing refusal turned declined vetoed"),
    ("support supports supported supporting backed backs favour favours favoured welcomed welcomes welcome",
     "oppose opposes opposed opposing opposition against criticised criticises condemned condemns"),
    ("increase increases increased increasing rise rises rose risen rising grew grown grows growing",
     "decrease decreases decreased decreasing fall falls fell fallen falling cut cuts shrank shrunk shrinking "
     "dropped drops declining"),
    ("won win wins winning gained gains", "lost lose loses losing"),
    ("legal lawful allowed permitted eligible", "illegal unlawful banned prohibited forbidden ineligible"),
    ("higher more above greater", "lower less below fewer"),
))


def opposite_said(claim: str, passage: str) -> bool:
    """True when the claim holds a word whose opposite (_OPPOSITES) the passage sentence saying the rest of the claim
    holds, with no word of the claim's own sense: "rejected" where the passage says "accepted"."""
    claim = _MARKER.sub(" ", claim)
    claim_words = set(_words(claim))
    for a, b in _OPPOSITES:
        for own, other in ((a, b), (b, a)):
            used = claim_words & own
            if not used:
                continue
            terms = set(content_terms(claim)) - set(content_terms(" ".join(own | other)))
            said = sentence_saying(terms, passage, 0.8) if len(terms) >= 2 else ""
            words = set(_words(said))
            if said and words & other and not words & own:
                return True
    return False
