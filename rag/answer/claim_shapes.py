"""Pure: sentences of a model's answer that are not claims of their own: a headline copied, a sentence that says
again what an earlier one said, a quotation split at its full stop (read by rag.answer.citations.validate)."""

from __future__ import annotations

from typing import Sequence

from rag.textnorm import normalize
from rag.types import Hit


def copies_a_heading(claim: str, hits: Sequence[Hit]) -> bool:
    """True when the claim is a headline or subheading of a passage, word for word: "Flexible working rights [1]" was a
    walk's whole answer to "what are my flexible working rights" (a name answers a question asking for one)."""
    said = normalize(claim).strip(" .:").casefold()
    if len(said.split()) > 8:
        return False
    return any(normalize(line).strip(" .:").casefold() == said for h in hits
               for line in (h.article, *h.text.split("\n")) if not line.rstrip().endswith(("!", "?", ".")))


def said_before(terms: frozenset[str], told: Sequence[frozenset[str]]) -> bool:
    """True when an earlier sentence of the answer held every term of this one (three at least): it says nothing new.
    A walk got "The SSRB report also highlighted the long-term decline in senior manager pay [1]." and "It reported
    that salaries for trust chief executives have fallen by 13% in real terms [1]" after the sentences they repeat.
    A long sentence (LONG_REPEAT terms or more) whose one new term in ten is a word, not a figure, repeats too: "The
    act is designed to eliminate discrimination ... as well as harassment [2]" after "The purpose of the act is to
    eliminate discrimination ... as well as harassment [2]" (the local model, a session-25 batch)."""
    if len(terms) < 3:
        return False
    for earlier in told:
        new = terms - earlier
        if not new or (len(terms) >= LONG_REPEAT and len(new) * 10 <= len(terms)
                       and not any(t[0].isdigit() for t in new)):
            return True
    return False


LONG_REPEAT = 10


def quotes_whole(sentences: list[str]) -> list[str]:
    """A quotation of two sentences is one claim: '"Got an event to share? Send details to the editor." [1]' gets
    no marker of its own inside the quote marks."""
    out: list[str] = []
    for s in sentences:
        if out and out[-1].count('"') % 2:
            out[-1] = f"{out[-1]} {s}"
        else:
            out.append(s)
    return out
