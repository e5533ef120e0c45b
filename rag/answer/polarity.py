"""Pure: a claim that drops the negation of the passage sentence it restates, or says its opposite.

A walk asked "do 8a managers get overtime" and the local model answered "Yes, 8A managers get overtime [1].", [1]
saying "most managers moving into Band 8A lose all eligibility to overtime and un-social hours payments": every
term of the claim is in that sentence, so every word-share check passed it.
"""

from __future__ import annotations

import re

from rag.answer.restated import sentence_saying
from rag.answer.terms import content_terms
from rag.sentences import split_sentences
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


# A change one way or the other: a figure's rise or fall
_CHANGE = ("increase increases increased increasing rise rises rose risen rising grew grown grows growing",
           "decrease decreases decreased decreasing fall falls fell fallen falling cut cuts shrank shrunk shrinking "
           "dropped drops declining")
_RISE, _FALL = (frozenset(words.split()) for words in _CHANGE)
# Words of opposite sense, each family by its forms: a claim holding one whose passage sentence holds only the other
# says the reverse of it. An attacker's "Why did the government reject the SSRB's 3% recommendation for VSMs?" got
# "The government rejected the SSRB's 3% recommendation ... [1]" past every check, [1] saying "the government finally
# accepted pay recommendations from the SSRB"; "outright support" for the passage's "outright opposition" passed too.
_OPPOSITES = tuple((frozenset(a.split()), frozenset(b.split())) for a, b in (
    ("accept accepts accepted accepting acceptance approve approves approved approval agreed agree agrees",
     "reject rejects rejected rejecting rejection refuse refuses refused refusing refusal turned declined vetoed"),
    ("support supports supported supporting backed backs favour favours favoured welcomed welcomes welcome",
     "oppose opposes opposed opposing opposition against criticised criticises condemned condemns"),
    _CHANGE,
    ("won win wins winning gained gains", "lost lose loses losing"),
    ("legal lawful allowed permitted eligible", "illegal unlawful banned prohibited forbidden ineligible"),
    ("higher more above greater", "lower less below fewer"),
))


def opposite_said(claim: str, passage: str) -> bool:
    """True when the claim holds a word whose opposite (_OPPOSITES) the passage sentence saying the rest of the claim
    holds, with no word of the claim's own sense: "rejected" where the passage says "accepted"; or compares the other
    way round (comparison_reversed)."""
    claim = _MARKER.sub(" ", claim)
    if comparison_reversed(claim, passage) or figure_moved_other_way(claim, passage):
        return True
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


def figure_moved_other_way(claim: str, passage: str) -> bool:
    """True when the claim says a figure went one way (a rise, a cut) with no word of the other, and every sentence of
    the passage giving that figure says only the other way: the local model answered "what's the pay rise for nurses
    this year?" with "The pay rise for nurses this year is 14% [2]", [2] saying "those for nursing directors have
    shrunk by 14%" (the sentence holds too few of the claim's words for the check above; the lead's member questions,
    session 34). A figure said both ways in the passage is left to the other checks."""
    claim = _MARKER.sub(" ", claim)
    claim_words = set(_words(claim))
    figures = {t for t in content_terms(claim) if t[0].isdigit()}
    if not figures or claim_words & _CUES:
        return False
    giving = [set(_words(s)) for s in split_sentences(passage) if figures & set(content_terms(s))]
    for own, other in ((_RISE, _FALL), (_FALL, _RISE)):
        if (claim_words & own and not claim_words & other and giving
                and all(words & other and not words & own for words in giving)):
            return True
    return False


# Comparisons: "<word> than <what>". The local model answered "is that more than other staff got?" (the board-level
# managers' 3%) with "Yes, that more than other staff got [1].", [1] saying "a 3% pay rise ... lower than most other
# NHS staff": the claim's one term, "staff", is too few for the sentence check above.
_MORE = frozenset("more higher greater bigger larger above better".split())
_LESS = frozenset("less lower fewer smaller below worse".split())
_OBJECT = 5  # words after "than" naming what is compared with
_PLAIN_WORD = re.compile(r"[\w'%]+")
_CLAUSE = re.compile(r"[,;:()\u2014\u2013]|\s-\s")  # what is compared with ends at the clause's end


def _plain_words(text: str) -> list[str]:
    return _PLAIN_WORD.findall(normalize(text).lower())


def _comparisons(text: str) -> list[tuple[frozenset[str], set[str]]]:
    return [c for clause in _CLAUSE.split(text) for c in _compared(_plain_words(clause))]


def _compared(words: list[str]) -> list[tuple[frozenset[str], set[str]]]:
    """(the sense, the terms of what is compared with) for each "<more|less word> than ..." in the words."""
    out = []
    for i, w in enumerate(words):
        sense = _MORE if w in _MORE else _LESS if w in _LESS else None
        if sense is None:
            continue
        # "more than", "a bigger rise than"
        than = next((j for j in range(i + 1, min(i + 4, len(words))) if words[j] == "than"), None)
        if than is not None:
            # a figure is no subject: "more than two months" and "less than two years" compare different things
            out.append((sense, {t for t in content_terms(" ".join(words[than + 1: than + 1 + _OBJECT]))
                                if not t[0].isdigit()}))
    return out


def comparison_reversed(claim: str, passage: str) -> bool:
    """True when the claim, with no negating word, says "more than X" (or "less than X") and the passage says only the
    other: "lower than ... X", of the same X (a term of what follows "than" in both)."""
    claim_words = _plain_words(_MARKER.sub(" ", claim))
    if any(w in _CUES or w.replace("n't", "") != w for w in claim_words):
        return False
    passage_said = _comparisons(passage)
    for sense, compared in _comparisons(_MARKER.sub(" ", claim)):
        if not compared:
            continue
        same = [s for s, c in passage_said if c & compared]
        if same and all(s is not sense for s in same):
            return True
    return False
