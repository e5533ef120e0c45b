"""Pure: "tell me more" after an answer asks for what it did not say. It is searched as the question before it (a
follow-up of no words of its own), so the same passages came first and walk 30 was given the answer before word for
word ("Yes, job cuts are a risk to cyber security [1]" and the same two quotes). The passages the answer before quoted
go after the others the search found, so the next ones are read first; when fewer than two others are left, or the
others do not answer it (the refusal decision), the order is kept: there is no more to say than the answer before
said."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Callable, Sequence

from rag.answer.retrieve import Retrieval
from rag.textnorm import normalize
from rag.types import Hit

# The whole message asks for more of the same: "tell me more", "more please", "go on", "what else?", "anything else?",
# "say more", "more detail", "can you expand on that?"
_MORE = re.compile(r"^\W*(?:(?:and|ok|okay|please|so)\W+)*(?:(?:can|could) you\W+)?(?:tell me more|more please|more|"
                   r"go on|what else|anything else|say more|more details?|expand(?: on (?:that|this|it))?|"
                   r"elaborate(?: on (?:that|this|it))?)(?:\W+please)?\W*$", re.I)
# A quote in an answer: straight or curly double quotes around at least a few words
_QUOTED = re.compile(r"[\"\u201c]([^\"\u201c\u201d]{24,}?)[\"\u201d]")
_PREFIX = 40  # characters of a quote looked for in a passage (the quote may have been cut or joined after them)


def asks_for_more(question: str) -> bool:
    """True when the whole message asks for more of what the answer before was about."""
    return bool(_MORE.match(question))


def quoted_in(answer: str) -> list[str]:
    """The passages' words an answer quoted, each as normalize() reads it, cut to its first _PREFIX characters."""
    return [normalize(q)[:_PREFIX] for q in _QUOTED.findall(answer) if normalize(q)]


def not_said_first(hits: Sequence[Hit], previous_answer: str, keep: int = 2) -> tuple[Hit, ...]:
    """The hits with those the answer before quoted moved after the rest, unless fewer than `keep` others are left."""
    said = quoted_in(previous_answer)
    if not said:
        return tuple(hits)
    quoted = [any(q in text for q in said) for text in map(normalize, (h.text for h in hits))]
    fresh = [h for h, q in zip(hits, quoted) if not q]
    if len(fresh) < keep:
        return tuple(hits)
    return tuple(fresh) + tuple(h for h, q in zip(hits, quoted) if q)


def more_of(found: Retrieval, previous_answer: str, refuses: Callable[[Retrieval], bool]) -> Retrieval:
    """The search for "tell me more" with what the answer before quoted read last, unless what is left would be
    refused (refuses: the pipeline's refusal decision on a search)."""
    hits = not_said_first(found.hits, previous_answer)
    if hits == tuple(found.hits):
        return found
    moved = replace(found, hits=hits)
    return found if refuses(moved) else moved
