"""Pure: follow-ups that need nothing merged from the conversation: one naming its own subject ("what about autistic
colleagues, how should I support them?"), and a request to have the last answer said in plainer words."""

from __future__ import annotations

import re
from typing import Callable, Sequence

from rag.answer import notices
from rag.answer.citations import NOT_IN_ARCHIVE, content_terms, is_refusal
from rag.answer.events import Event, without_search
from rag.textnorm import normalize

# "what about autistic colleagues, how should I support them?": a subject, then a question of its own about it
_ABOUT_THEN_ASKS = re.compile(r"^(?:and |but |so )?(?:what|how) about (?P<x>[^,;:?]+?)\s*[,;:]\s*(?P<q>(?:how|what|who|"
                              r"when|where|why|which|can|could|should|do|does|is|are|will|would|may)\b.+)$", re.I)
_REFERS_BACK = frozenset("same too also else either other that this those these there".split())
_IT = {"they": "", "them": "", "it": "", "their": "'s", "its": "'s"}


def self_contained(question: str) -> str:
    """A follow-up naming its own subject, rewritten to stand alone, or "": "what about autistic colleagues, how should
    I support them?" -> "how should I support autistic colleagues?". Its "them" is the subject it names, not something
    of the conversation's (a walk's was searched with the words of the question before it tacked on: "(Equality Act
    treated differently work race)"). Not when the question also points elsewhere ("what about nurses, do they get
    the same?")."""
    m = _ABOUT_THEN_ASKS.match(" ".join(question.split()).rstrip(" ?!."))
    if not m or not content_terms(m.group("x")):
        return ""
    words = re.findall(r"[\w']+|[^\w\s]+", m.group("q"))
    lowered = [w.lower() for w in words]
    pronouns = [i for i, w in enumerate(lowered) if w in _IT]
    if len(pronouns) != 1 or _REFERS_BACK & set(lowered) or not content_terms(m.group("q")):
        return ""
    i, subject = pronouns[0], m.group("x").strip()
    ending = _IT[lowered[i]]
    words[i] = subject + ("'" if ending and subject.endswith("s") else ending)
    text = " ".join(words)
    return re.sub(r"\s+([^\w\s])", r"\1", text).rstrip(" ?") + "?"


# "can you explain more simply", "in plain english please", "i don't understand": the last answer, said again plainer
_PLAINER = re.compile(
    r"^(?:(?:can|could|would|will) you |please )?(?:(?:explain|say|put|word|rephrase|reword|simplify|summari[sz]e)"
    r"(?: (?:it|that|this|the answer))?(?: (?:again|more|a bit|please))*(?: (?:simply|simpler|plainly|clearly|"
    r"differently|briefly|shorter|in (?:plain|simple|everyday|layman'?s?|normal) (?:english|words|terms|language)|"
    r"in (?:fewer|a few|simpler|plainer) words|in (?:one|a single|a|two|three|a few|a couple of) (?:sentences?|lines?)|"
    r"for me|like i'?m (?:5|five)))*|"  # "summarise that in two sentences" was refused (walk 26b)
    r"(?:(?:in )?(?:plain|simple|simpler|everyday) (?:english|words|terms)|simpler|more simply|eli5|"
    r"i (?:don'?t|do not|dont) (?:understand|get it)(?: (?:that|this|it))?|"
    r"what does (?:that|this) mean))(?: please)?$")


def asks_for_plainer_words(question: str) -> bool:
    """A request to have the last answer said again more simply ("can you explain more simply", "in plain english
    please", "i don't understand"), asking nothing new: a walk's was refused, "The archive does not cover this."."""
    q = normalize(question).strip(" ?!.")
    return bool(q) and bool(_PLAINER.match(q)) and q not in ("explain", "say", "put", "word")


def nothing_to_reword(q: str, history: Sequence[tuple[str, str]], total_ms: Callable[[], float],
                      version: str) -> list[Event]:
    """A request for plainer words with no answer before it to reword (none yet, or the last was refused): said so,
    not searched. A walk's "summarise that in one sentence" after a refusal was searched as "summarise that in one
    sentence (make sign nda)" and refused with no word of why. [] for any other question."""
    if not asks_for_plainer_words(q) or (history and not is_refusal(history[-1][1])):
        return []
    return without_search(q, NOT_IN_ARCHIVE, refused=True, notice=notices.NOTHING_TO_REWORD, total_ms=total_ms(),
                          version=version)
