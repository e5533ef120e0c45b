"""Pure: a claim's wording against its passage: words it puts in quotation marks that the passage does not hold in that
order, and a right it states that the passage states otherwise (rag.answer.claim_support's premise check)."""

from __future__ import annotations

import re

from rag.textnorm import normalize, tokens

# A quotation in a claim: double quotes, or single ones that no letter touches on the outside (not "MiP's")
_QUOTED = re.compile(r'"([^"]+)"|(?<![\w])\'([^\']+)\'(?![\w])')
_ELLIPSIS = re.compile(r"\.\.\.|\u2026|\[\s*\.\.\.\s*\]")
_QUOTE_WORDS = 3  # a quoted phrase shorter than this may be a term ("the 'wrong' band"), not words copied


_RIGHT_TO = re.compile(r"\bright to (\w+)", re.I)


def right_altered(claim: str, passage: str) -> bool:
    """A right the claim states that the passage states otherwise: "you have a right to flexible working from day
    one" (a walk) from "a day-one right to request flexible working". Each "right to X" of the claim must be one of
    the passage's."""
    held = {w.lower() for w in _RIGHT_TO.findall(passage)}
    return any(w.lower() not in held for w in _RIGHT_TO.findall(claim))


def quotes_altered(claim: str, passage: str) -> bool:
    """True when the claim puts in quotation marks words the passage does not hold in that order: a walk asked "and
    scotland?" after the Welsh pay award and was told the new minister recognised "the dedication of NHS Scotland
    staff ..." [1], the passage's "NHS Wales staff" changed inside the quotation. Each part of a quotation cut by
    an ellipsis is held on its own."""
    have = " ".join(tokens(passage))
    for match in _QUOTED.finditer(normalize(claim)):
        for part in _ELLIPSIS.split(match.group(1) or match.group(2)):
            words = tokens(part)
            if len(words) >= _QUOTE_WORDS and f" {' '.join(words)} " not in f" {have} ":
                return True
    return False
