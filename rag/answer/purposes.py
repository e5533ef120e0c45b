"""Pure: a contact line written for another purpose than the member's question.

The magazine prints whom to contact for one purpose at a time: "If you're interested in becoming a rep, contact MiP's
acting national organiser, Rosie Kirk: r.kirk@miphealth.org.uk." It holds "contact" and "MiP", so it scored high for
"who should I contact at MiP if I'm being bullied?" (walk 31, whose follow-up "what's their email?" then gave Rosie
Kirk's address) and for "who do I speak to about joining MiP?" (walk 30). The line answers whom to contact only for what
its leading condition names: when no word of that condition (past the words any request for help uses) is in the
question, the line is for someone else.
"""

from __future__ import annotations

import re
from typing import AbstractSet

from rag.answer.terms import content_terms
from rag.contact_details import CONTACT_WORDS, details_of, holds_details
from rag.sentences import split_sentences

# "If you're interested in becoming a rep, ...", "If you want to join, ...", "For help with a claim, ...": the condition
# runs to the first comma, colon or dash
_CONDITION = re.compile(r"^\s*(?:if|for|to)\s+(?P<condition>[^,:;\u2013\u2014]{3,120}?)\s*[,:;\u2013\u2014]", re.I)
# a line telling whom to reach: a contact verb, or a detail (an address, a phone number)
_REACH = re.compile(r"\b(?:contact|e-?mail|call|ring|phone|write to|speak to|talk to|get in touch)\b", re.I)
# what any request for help says of itself: no purpose of its own ("If you need more support, contact ...")
_ANY_REQUEST = frozenset(content_terms(
    "you you're interested interest want wish like need needing would more further find out information help support "
    "advice advise question questions query queries concern concerns worried member members"))
# the words of a line that only say how to reach the union, which any contact question shares
_REACHING = frozenset(content_terms(CONTACT_WORDS + " speak talk mip union managers partnership"))


def _purpose_and_rest(sentence: str) -> tuple[frozenset[str], str]:
    """The terms of a contact line's leading condition that name a purpose ("becom", "rep" in "If you're interested
    in becoming a rep, contact ..."), and the text after it; no terms when the sentence tells no one whom to reach or
    has no such condition."""
    match = _CONDITION.match(sentence)
    if not match or not (_REACH.search(sentence[match.end():]) or holds_details(sentence)):
        return frozenset(), sentence
    return frozenset(content_terms(match.group("condition"))) - _ANY_REQUEST, sentence[match.end():]


def condition_terms(sentence: str) -> frozenset[str]:
    """_purpose_and_rest's terms."""
    return _purpose_and_rest(sentence)[0]


def for_other_purpose(sentence: str, question_terms: AbstractSet[str]) -> bool:
    """The sentence is a contact line for a purpose the question does not name (no term of its condition is one of
    question_terms; a term and a longer one it begins count as one: "rep" and "represent"), nor does the question ask
    of anything else the line says past how to reach MiP ("who is rosie kirk": the line names her role)."""
    purpose, rest = _purpose_and_rest(sentence)
    if not purpose or any(_same(t, u) for t in purpose for u in question_terms):
        return False
    return not (frozenset(content_terms(rest)) - _REACHING) & question_terms


def _same(a: str, b: str) -> bool:
    short, long = sorted((a, b), key=len)
    return long.startswith(short) and len(short) >= 3


def detail_for_other_purpose(claim: str, passage: str, question: str) -> bool:
    """The claim gives a phone number or email address that the passage gives only in contact lines for a purpose the
    question does not name (for_other_purpose): the local model answered "how do I join?" (after "what is MiP?") with
    "To join MiP, contact Rosie Kirk at r.kirk@miphealth.org.uk [2]", [2] saying "If you're interested in becoming a
    rep, contact MiP's acting national organiser, Rosie Kirk: r.kirk@..." (the lead's member questions, session 34)."""
    given = details_of(claim)
    if not given or not question:
        return False
    lines = [s for s in split_sentences(passage) if details_of(s) & given]
    asked = frozenset(content_terms(question))
    return bool(lines) and all(for_other_purpose(s, asked) for s in lines)
