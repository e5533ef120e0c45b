"""Pure: what a claim reports someone as saying, and who "he" or "she" is, held to the passage cited for it.

A walk asked "what did he say about AI in the NHS?" (he: Jason Killens) and got "Jason Killens ... believes that AI
can help in the NHS [1]. He emphasizes the importance of ... trusted AI tools ... [2]": passage [1] is Killens'
profile, with no word on AI, and passage [2] quotes another man. The speaker's name and title made up most of the
first claim's words, so the passage held "enough" of them; what he was said to say was in neither.
"""

from __future__ import annotations

import re

from rag.answer.claim_support import FULL_NAME, SAYING, last_name, lexical_support, words_of

# Verbs of saying (claim_support.SAYING, the attribution check's), and of believing and stressing
_VERBS = (SAYING + r"|say|tell|warn|argue|explain|insist|claim|believes?|believed|thinks?|thought|feels?|felt|"
          r"emphasi[sz]es|emphasi[sz]ed|stresses|stressed|notes|noted|highlights|highlighted|suggests|suggested")
# "X believes (that) P", "X said P": P is what the claim says X said
_REPORTING = re.compile(rf"^.{{0,120}}?\b(?:{_VERBS})\s+(?:that\s+)?(?P<said>.{{12,}})$", re.I)
_PRONOUN_SPEAKER = re.compile(rf"^\W*(?:he|she)\b(?:\s+\w+){{0,3}}?\s+(?:{_VERBS})\b", re.I)
_OPENERS = {"what", "who", "when", "where", "why", "how", "which", "did", "does", "is", "was", "has", "and", "tell"}


def reported_words(claim: str) -> str:
    """What the claim reports someone as saying or thinking ("AI can help in the NHS"), or ""."""
    m = _REPORTING.match(claim)
    return m.group("said") if m else ""


def asked_speaker(claim: str, question: str) -> str:
    """The surname of the person the question names, when the claim gives its words to "he" or "she" ("He
    emphasizes ..." answering "What did Jason Killens say about AI?"), or ""."""
    if not _PRONOUN_SPEAKER.match(claim):
        return ""
    for run in FULL_NAME.findall(question):
        words = [w for w in run.split() if w.lower() not in _OPENERS]
        if len(words) >= 2:
            return last_name(" ".join(words))
    return ""


# "what did Jon Restell say about job cuts?", "what does Chris Withers think of MiP?": what a named person said
_VIEWS_ASKED = re.compile(r"^\W*what\s+(?:did|does|do|has|have|had|will|would)\s+(?P<who>.+?)\s+"
                          r"(?:say|said|think|thought|feel|felt|believe|believed|argue|argued|write|written|wrote)\s+"
                          r"(?:about|of|on)\b", re.I)


def views_asked_of(question: str) -> str:
    """The surname of the person whose views the question asks, as written ("What does Chris Withers say about MiP?"
    -> "Withers"), or "" (no one named in full: "what did he say about it?", "what did MiP say about pay?")."""
    m = _VIEWS_ASKED.match(" ".join(question.split()))
    if not m:
        return ""
    runs = [r for r in FULL_NAME.findall(m.group("who")) if len(r.split()) >= 2]
    return re.sub(r"['\u2019]s$", "", runs[0].split()[-1]) if len(runs) == 1 else ""


def reported_held(claim: str, question: str, passage: str, threshold: float) -> bool:
    """The passage holds what the claim reports (threshold of its words), and names the question's person when the
    claim gives the words to "he" or "she"."""
    said = reported_words(claim)
    if said and lexical_support(said, passage) < threshold:
        return False
    speaker = asked_speaker(claim, question) if question else ""
    return not speaker or speaker in words_of(passage)
