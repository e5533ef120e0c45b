"""A claim that only restates the question ("Yes, MiP welcomed the new NHS bill" for "did MiP welcome the new NHS
bill?"): its words match any passage on the topic, so a passage backs it only by saying it, in one place and not
under a hedge ("The ransom was paid" is not said by "... until a ransom is paid")."""

from __future__ import annotations

import re
from typing import Mapping

from rag.answer.terms import content_terms
from rag.sentences import split_sentences
from rag.textnorm import normalize

RESTATED_SUPPORT = 1.0  # of a restating claim's terms, in one sentence (or two adjacent ones) of a cited passage


def loose_terms(text: str) -> set[str]:
    """content_terms without a silent e ("welcome" as "welcomed" stems): for these checks alone, as the shared
    stemmer's weights were fitted as it is."""
    return {t[:-1] if len(t) >= 4 and t.endswith("e") else t for t in content_terms(text)}


def sentence_saying(terms: set[str], passage: str, at_least: float) -> str:
    """The passage's sentence holding the most of terms (the first, of equals), when it holds at least that share of
    them; "" otherwise (no sentence, or the claim sums up several)."""
    best, held = "", 0
    for sentence in split_sentences(passage):
        n = len(terms & set(content_terms(sentence)))
        if n > held:
            best, held = sentence, n
    return best if terms and held >= at_least * len(terms) else ""


# "She added:", "he said": words given to someone the passage named before
_PRONOUN_SAID = re.compile(r"\b(?:he|she|they)\s+(?:said|says|added|adds|told|tells|warned|warns|argued|argues|"
                           r"explained|explains|continued|went on)\b|\b(?:said|says|added|adds)\s+(?:he|she)\b", re.I)


def said_by_someone_before(sentence: str, name: str, passage: str) -> bool:
    """True when the sentence gives its words to "he" or "she" and the passage names name only after it: a pronoun
    points back, so the words are someone else's ("She added: ..." before "... Jon Restell said")."""
    if not _PRONOUN_SAID.search(sentence):
        return False
    text = normalize(passage)
    at = text.find(normalize(sentence)[:60])
    mentions = [m.start() for m in re.finditer(rf"\b{re.escape(name)}\b", text, re.I)]
    return at >= 0 and bool(mentions) and min(mentions) > at


def restates(claim: str, question: str) -> bool:
    """True when the claim says nothing the question did not ("Yes, MiP welcomed the new NHS bill" for "did MiP
    welcome the new NHS bill?"): every term of it is the question's. Its words then match any passage on the topic."""
    terms = loose_terms(claim)
    return bool(terms) and terms <= loose_terms(question)


# Words that make a clause say something is not, or may not be, so: "until a ransom is paid", "rules out the payment"
_HEDGE = re.compile(r"\b(until|unless|if|whether|not|no|never|nor|without|rules? out|ruled out|refuse[sd]?|denie[sd]|"
                    r"deny)\b|n't\b", re.I)


def said_in_one_place(claim: str, passage: str, at_least: float = RESTATED_SUPPORT) -> bool:
    """True when one sentence of the passage, or two adjacent ones, holds at_least of the claim's terms: a claim that
    only restates the question is backed by a sentence that says it, not by a passage sharing its topic. Said under
    a hedge the claim lacks, it is not said ("The ransom was paid" from "... until a ransom is paid")."""
    terms = loose_terms(claim)
    sentences = split_sentences(passage)
    windows = [(s,) for s in sentences] + list(zip(sentences, sentences[1:]))
    hedged = bool(_HEDGE.search(claim))
    return not terms or any(len(terms & loose_terms(" ".join(w))) >= at_least * len(terms)
                            and (hedged or not _said_hedged(terms, " ".join(w)))
                            and not narrowed(claim, max(w, key=lambda s: len(terms & loose_terms(s)))) for w in windows)


_WORD = re.compile(r"[\w\u2019'%-]+")
_COMPOUND = re.compile(r"[^\W\d_]+-[^\W\d_]+")  # "board-level", "low-paid", "front-line"


def narrowed(claim: str, text: str, judged: frozenset[str] | None = None) -> bool:
    """True when the text (a sentence) says it of a narrower group than the claim does: every time it names one of
    the claim's words, a compound the claim lacks comes before it. A walk's "did managers get a pay rise in 2026?" was
    answered "Yes, managers got a pay rise in 2026 [1]", [1] saying "Board-level managers in England are set for a 3%
    pay rise for 2026-27—lower than most other NHS staff". judged: only these of the claim's terms (loose_terms) are
    read."""
    said = loose_terms(claim)
    words = _WORD.findall(text)
    before: dict[str, list[str]] = {}
    for prev, word in zip(["", *words], words):
        for term in loose_terms(word) & (said if judged is None else said & judged):
            before.setdefault(term, []).append(prev)
    return any(all(_COMPOUND.fullmatch(prev) and not loose_terms(prev) <= said for prev in prevs)
               for prevs in before.values())


def _said_hedged(terms: frozenset[str], text: str) -> bool:
    """True when each clause holding the claim's terms (the most of them) is hedged (_HEDGE)."""
    clauses = [c for c in re.split(r"[,;:\u2014()]|\s[\u2013-]\s", text) if c.strip()]
    most = max((len(terms & loose_terms(c)) for c in clauses), default=0)
    return most > 0 and all(_HEDGE.search(c) for c in clauses if len(terms & loose_terms(c)) == most)


# An answer to "why ...?" takes the question's premise as given and adds a reason: "MiP went on strike over the NHS
# England cuts because they felt stressed and betrayed [3]" (a walk's false premise: no passage says MiP went on
# strike; the passage cited says members feel stressed and betrayed).
_WHY = re.compile(r"^\W*(?:why|how come)\b|\bwhat (?:led|caused|prompted|made)\b", re.I)
_CAUSE = re.compile(r"\b(?:because|due to|owing to|as a result of|in response to|so that)\b", re.I)


def premise_terms(claim: str, question: str, df: Mapping[str, int]) -> frozenset[str]:
    """For a claim answering "why ...?" with "... because ...": the rarest terms over the archive (df: passages
    holding each term; ties all count) of what it takes as given, shared with the question, or none. A term no
    passage uses is the rarest: the claim then needs a cited passage using it (a paraphrase falls back to the
    passages' own words)."""
    cause = _CAUSE.search(claim)
    if not cause or not _WHY.search(question):
        return frozenset()
    given = set(content_terms(claim[:cause.start()])) & set(content_terms(question))
    rarest = min((df.get(t, 0) for t in given), default=0)
    return frozenset(t for t in given if df.get(t, 0) == rarest)
