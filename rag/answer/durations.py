"""Pure: a time span a model's claim gives for what the question asks, where the passage gives it only of something
else. Asked "is there a time limit for a tribunal claim?", the local model wrote "It can be up to two months [3]", [3]
saying a claim may be brought when the employer "failed to notify you of their decision within two months" (the lead's
member questions, session 35): the two months are the employer's to decide in, not the claim's."""

from __future__ import annotations

from rag.answer.terms import content_terms
from rag.sentences import passage_sentences
from rag.textnorm import normalize

# the words asking for a time span, which say nothing of whose it is
_ASKING = frozenset(content_terms("how long time limit limits deadline deadlines timescale timescales timeframe"))


def duration_of_something_else(claim: str, passage: str, question: str) -> bool:
    """True when the question asks how long (or for a time limit), the claim gives a time span the passage holds, and
    each sentence giving it names what the question asks about, but never within a few words of it (a list item read
    after its lead-in: "Your employer must: respond within two months" for "how long does my employer have to
    decide?")."""
    # (imported when called: answer_kinds and evidence import rag.answer.citations, which imports this module's caller)
    from rag.answer.answer_kinds import DURATION, answer_next_to_terms, asks_how_long
    from rag.answer.evidence import list_units

    if not asks_how_long(question):
        return False
    spans = {normalize(m.group(0)) for m in DURATION.finditer(claim)}
    terms = frozenset(content_terms(question)) - _ASKING
    if not spans or not terms:
        return False
    sentences = passage_sentences(passage)
    leads = {k: unit[0] for unit in list_units(sentences) for k in unit[1:]}  # each list item's lead-in
    pieces = [f"{sentences[leads[k]]} {s}" if k in leads else s for k, s in enumerate(sentences)]
    giving = [p for p in pieces if any(span in normalize(p) for span in spans)]
    # Judged only where the passage says it in the question's words: a reworded question ("how long did the former
    # stage-lighting man run hepatology?") shares none with "he managed liver services for three years"
    return bool(giving) and all(terms & set(content_terms(p)) and not answer_next_to_terms(p, "duration", terms)
                                for p in giving)
