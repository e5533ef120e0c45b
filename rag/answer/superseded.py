"""Pure: a contact line a newer issue restates with another name or address supersedes the older issue's.

Walk 28: "how do I become an MiP rep?" was answered "contact MiP's organiser Katia Widlak at k.widlak@..." from summer
2024, while issue 68 (2026) says "contact MiP's acting national organiser, Rosie Kirk: r.kirk@...". Both lines were in
the passages the model read. The older line is taken out of what the model and the quotes read when a newer passage
among them says the same with another phone number or email, for a question on what to do or whom to reach now; a
question about a year, across issues, or of who held a role ("Which national organisers has MiP had?") keeps both.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Sequence

from rag.answer.claim_support import FULL_NAME
from rag.answer.terms import content_terms
from rag.contact_details import EMAIL, asks_for_details, details_of
from rag.sentences import split_sentences
from rag.types import Hit

SAME = 0.6  # share of two lines' words (names and details aside) that makes them one line restated


# how to do something, or whom to turn to, now: "how do I become an MiP rep?", "who should I email?"
_NOW = re.compile(r"^\W*(?:how (?:do|can|could|should|would) (?:i|we|you|members?|one)|(?:who|where) (?:do|should|can|"
                  r"could|would) (?:i|we))\b", re.I)


def asks_for_now(question: str) -> bool:
    """A question on how to do something or whom to reach now, or asking for a contact detail."""
    return bool(_NOW.match(question)) or asks_for_details(question)


def _words(sentence: str) -> set[str]:
    """A line's words without its names and contact details: what it says, not whom it names."""
    return set(content_terms(FULL_NAME.sub(" ", EMAIL.sub(" ", sentence))))


def _restated(old: str, new: str) -> bool:
    a, b = _words(old), _words(new)
    return bool(a and b) and len(a & b) / len(a | b) >= SAME


def without_stale_details(hits: Sequence[Hit]) -> list[Hit]:
    """The hits, each older passage without the lines holding a phone number or email that a newer passage among
    them restates with another; a passage left with nothing is dropped."""
    lines = [(h, s) for h in hits for s in split_sentences(h.text) if details_of(s)]
    out = []
    for hit in hits:
        stale = [s for h, s in lines if h is hit and any(
            other.date > hit.date and details_of(t) != details_of(s) and _restated(s, t) for other, t in lines)]
        text = hit.text
        for s in stale:
            text = text.replace(s, "").strip()
        if text.strip(" \u2026"):
            out.append(dataclasses.replace(hit, text=text) if stale else hit)
    return out
