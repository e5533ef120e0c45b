"""Pure: a profile's standfirst names its interviewer, not whom it is about ("Chelsea and Westminster's MiP rep talks to
Craig Ryan about his unorthodox path into management ..."); for a "who" question it is read with the sentence after it,
which names them ("... Chris Withers jokes, ...")."""

from __future__ import annotations

import re

from rag.answer.claim_support import FULL_NAME

# the interviewer a profile's standfirst names, not whom it is about: "Chelsea and Westminster's MiP rep talks to Craig
# Ryan about his unorthodox path into management ..."
_INTERVIEWER = re.compile(r"\b(?:talks?|talked|speaks?|spoke|chats?|chatted) (?:to|with) $|\binterviewed by $")


_NOT_A_PERSON = frozenset("committee trust service services union network board group council department party fund "
                          "office hospital hospitals centre unit england wales scotland ireland health care ambulance "
                          "nhs confederation partnership".split())


def _people(text: str) -> list[re.Match]:
    """The runs of capitalised words that may be a person's name ("Craig Ryan"), not a body's ("MiP National
    Committee", "Westminster's MiP")."""
    return [m for m in FULL_NAME.finditer(text)
            if all(re.fullmatch(r"[A-Z][a-z]+(?:['\u2019]s)?", w) for w in m.group(0).split())
            and m.group(0).split()[-1].lower() not in _NOT_A_PERSON]


def _names_only_the_interviewer(text: str) -> bool:
    """A sentence whose only people named are its interviewer (its subject named by role alone)."""
    names = _people(text)
    return bool(names) and all(_INTERVIEWER.search(text[:m.start()]) for m in names)


def with_whom_named(statements: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """A "who" question's statements, a profile's standfirst naming only its interviewer read with the next statement
    when that one names someone: walk 28's "who is the MiP rep at Chelsea and Westminster?" was answered with the
    standfirst alone, the rep (Chris Withers) named in the sentence after it."""
    out, k = [], 0
    while k < len(statements):
        j, text = statements[k]
        nxt = statements[k + 1][1] if k + 1 < len(statements) else ""
        if _names_only_the_interviewer(text) and _people(nxt) and not _names_only_the_interviewer(nxt):
            text, k = f"{text} {nxt}", k + 1
        out.append((j, text))
        k += 1
    return out
