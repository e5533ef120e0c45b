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


_SENTENCES_ASKED = re.compile(r"\bin (one|a single|a|two|three) (?:short )?(?:sentence|line)s?\b")
_HOW_MANY = {"one": 1, "a single": 1, "a": 1, "two": 2, "three": 3}


def sentences_asked(question: str) -> int | None:
    """How many sentences a request for plainer words asks the answer to take ("summarise that in one sentence" -> 1),
    or None. Walk 31's got three sentences from the local model."""
    q = normalize(question)
    m = _SENTENCES_ASKED.search(q) if asks_for_plainer_words(question) else None
    return _HOW_MANY[m.group(1)] if m else None


def nothing_to_reword(q: str, history: Sequence[tuple[str, str]], total_ms: Callable[[], float],
                      version: str) -> list[Event]:
    """A request for plainer words with no answer before it to reword (none yet, or the last was refused): said so,
    not searched. A walk's "summarise that in one sentence" after a refusal was searched as "summarise that in one
    sentence (make sign nda)" and refused with no word of why. [] for any other question."""
    if not asks_for_plainer_words(q) or (history and not is_refusal(history[-1][1])):
        return []
    return without_search(q, NOT_IN_ARCHIVE, refused=True, notice=notices.NOTHING_TO_REWORD, total_ms=total_ms(),
                          version=version)


# Words a member opens with before the question itself: "sorry, another question - what were the pay rises in 2024?"
# was refused (walk 26b: its "another question" read as what it asked), "ok different thing - is there anything on
# menopause support at work" searched with "different thing"
_LEAD_IN = re.compile(
    r"^\W*(?:(?:sorry|ok|okay|right|thanks|thank you|great|cool|hi|hello|also|and|so|oh|hmm|anyway|one more thing|"
    r"(?:ok |okay |right )?(?:(?:a |one )?(?:more|another|other|different|new|quick|last|separate|further)|next) "
    r"(?:question|thing|topic|subject|one)s?(?: (?:for you|now|please))?|"
    r"(?:on )?(?:a|another) (?:different|separate|new) (?:note|subject|topic)|changing (?:the )?subject)"
    r"\s*[,.!:;\u2013\u2014-]+\s*)+(?=\S)", re.I)


def without_lead_in(question: str) -> str:
    """The question without the words a member opens with before it ("sorry, another question - what were the pay
    rises in 2024?" -> "what were the pay rises in 2024?"); as it was when nothing would be left."""
    rest = _LEAD_IN.sub("", question, count=1)
    return rest if rest.strip() and rest != question and len(rest.split()) >= 2 else question


# "go back to the pay question", "go back to the first thing i asked, is it the same for bank staff": an earlier
# question of the conversation, asked again or followed up (walk 26b: the first was searched as typed and answered
# from another issue's pay review body, the second refused)
_BACK = re.compile(r"^\W*(?:(?:can|could) we |let'?s |lets |please |i want to |i'?d like to )?"
                   r"(?:go|get|come|going) back to (?:the|my|our|that) (?P<which>(?:[\w'-]+ ){0,4}?)"
                   r"(?:question|thing|one|topic|subject|point)s?(?: (?:i|we) (?:asked|had|were on)(?: about)?)?"
                   r"(?: (?:again|please))?\s*(?:[,.:;?!\u2013\u2014-]+\s*(?P<rest>.*))?$", re.I)
_FIRST, _BEFORE = frozenset(("first", "original", "1st")), frozenset(("previous", "last", "earlier", "other", "old"))


def gone_back(question: str, history: Sequence[tuple[str, str]]) -> tuple[str, list[tuple[str, str]]]:
    """(what to ask, the conversation it leans on): for "go back to the <which> question[, <rest>]", the earlier
    question meant (the first, the one before the last, or the latest naming <which>'s words) asked again, or <rest>
    asked as its follow-up; the question and conversation as they were when none is meant."""
    m = _BACK.match(" ".join(question.split()))
    if not m or not history:
        return question, list(history)
    words = m.group("which").lower().split()
    asked = [i for i, (user, _) in enumerate(history) if not _BACK.match(" ".join(user.split()))]
    named = frozenset(content_terms(" ".join(w for w in words if w not in _FIRST | _BEFORE)))
    if named:
        chosen = [i for i in asked if named <= set(content_terms(history[i][0]))][-1:]
    elif _FIRST & set(words):
        chosen = asked[:1]
    else:
        chosen = asked[-2:-1] or asked[-1:]
    if not chosen:
        return question, list(history)
    i = chosen[0]
    rest = (m.group("rest") or "").strip()
    return (rest, list(history[: i + 1])) if rest else (history[i][0], list(history[:i]))
