"""Who wrote an article: "who wrote the editorial?" answered from the article's own byline or sign-off.

An attacker's "who wrote the editorial?" was answered with the masthead's list of contributors: the question's one
subject word is in the editorials' headline, not their text, and the sign-off that answers it ("Craig Ryan, Editor")
is no sentence that reads like the question. The magazine says who wrote a piece in a few fixed ways: a standfirst
ending "..., writes Ramima Khanam.", a sign-off "Craig Ryan, Editor", an interview's "... talks to Craig Ryan about
...", a line opening "By Alison Moore". Pure functions over the index's passages.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Sequence

from rag.answer.terms import content_terms
from rag.sentences import passage_sentences
from rag.types import Chunk, Hit

_NAME = r"[A-Z][a-z][\w'\u2019-]*(?:\s+[A-Z][a-z][\w'\u2019-]*)+"
# "who wrote the editorial?", "who is the author of the piece on autism", "who interviewed Jenny Owen?"
_WHO_WROTE = re.compile(r"^\W*(?:and\s+|so\s+)?who\s+(?:wrote|writes|has written|had written|penned|authored|"
                        r"interviewed|(?:is|was|were|are)\s+the\s+(?:authors?|writers?)\s+of|"
                        r"(?:is|was)\s+(?:it|that|this)\s+(?:written|penned)\s+by)\s+(?P<what>.+?)\W*$", re.I)
# a follow-up about the article just quoted: "who wrote that article?", "who wrote it?"
_THAT_ARTICLE = re.compile(r"^(?:it|that|this|that (?:article|piece|story|interview|one)|this (?:article|piece|story|"
                           r"interview|one)|the (?:article|piece|story|interview))$", re.I)
# words naming the kind of writing, not which one: "the piece on autism" asks for the article on autism
_FRAME = frozenset(content_terms("article articles piece story stories interview column feature magazine issue "
                                 "healthcare manager bit report"))
_INTERVIEW = re.compile(rf"\btalks?\s+to\s+(?P<name>{_NAME})\s+about\b")  # "... talks to Craig Ryan about"
_BYLINES = (
    re.compile(rf",?\s+writes\s+(?P<name>{_NAME})\s*\.?\s*$"),  # a standfirst: "..., writes Ramima Khanam."
    re.compile(rf"^(?:[^.]*[.!?]\s+)?(?P<name>{_NAME}),\s+(?:Editor|Deputy Editor|editor)\b"),  # "Craig Ryan, Editor"
    _INTERVIEW,
    re.compile(rf"^By\s+(?P<name>{_NAME})\b"),
)
# A standfirst presenting the writer's piece: "Rhys McKenzie sets out MiP's view ...", "Jo Seery explains your legal
# rights ...", "Executive coach Gillian Smith offers her tips ...". Read in the article's first sentences only: further
# on, such a verb is someone in the story doing something.
_PRESENTS = re.compile(rf"(?P<name>{_NAME})\s+(?:(?:and|&)\s+{_NAME}\s+)?(?:sets? out|explains?|offers?|"
                       r"looks? (?:at|back|forward)|argues?|examines?|considers?|describes?|shares?|reflects?|asks?)\b")
_STANDFIRST = 2  # sentences
MAX_ARTICLES = 2  # "who wrote the editorial?": one editorial an issue
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


@dataclass(frozen=True)
class Byline:
    name: str  # who wrote the article
    sentence: str  # the article's words saying so
    chunk: Chunk  # the passage holding them


# a second question after the first: "who wrote Legal Eye and what did they cover?" asks more than a byline says
_AND_ASKS = re.compile(r"\b(?:and|but)\s+(?:what|how|why|when|where|which|who|did|does|do|is|are|was|were)\b", re.I)


def asked_article(question: str) -> str | None:
    """What a "who wrote ...?" question asks about ("the editorial", "that article"), or None (also for a question
    asking something more)."""
    m = _WHO_WROTE.match(" ".join(question.split()))
    return m.group("what").strip() if m and not _AND_ASKS.search(m.group("what")) else None


def about_last_answer(what: str) -> bool:
    """"who wrote that article?": the article the answer before quoted."""
    return bool(_THAT_ARTICLE.match(what))


def byline_of(chunks: Sequence[Chunk]) -> Byline | None:
    """The article's byline (chunks: its passages): the first of its sentences naming who wrote it."""
    for chunk in sorted(chunks, key=lambda c: c.position):
        for j, sentence in enumerate(passage_sentences(chunk.text)):
            first = chunk.position == min(c.position for c in chunks) and j < _STANDFIRST
            for pattern in _BYLINES + ((_PRESENTS,) if first else ()):
                m = pattern.search(sentence)
                if m and re.fullmatch(_NAME, m.group("name")):
                    return Byline(m.group("name"), sentence, chunk)
    return None


def articles_asked(what: str, hits: Sequence[Hit]) -> list[tuple[str, str]]:
    """The (issue, article id) of the retrieved articles a "who wrote <what>?" asks about, best first: those whose
    headline holds every word of what (but its frame words); else the first hit's article when its passage holds
    them all; else none (not an article the search found)."""
    years = set(_YEAR.findall(what))  # "the editorial in the 2026 issue": an article of that year's issue
    wanted = set(content_terms(_YEAR.sub(" ", what))) - _FRAME
    seen: list[tuple[str, str]] = []
    for h in hits:
        if years and h.date[:4] not in years:
            continue
        if (h.issue, h.article_id) not in seen:
            seen.append((h.issue, h.article_id))
    if not wanted:
        return []
    headline = {(h.issue, h.article_id): h.article for h in hits}
    by_headline = [key for key in seen if wanted <= set(content_terms(headline[key]))]
    if by_headline:
        return by_headline[:MAX_ARTICLES]
    first = next((h for h in hits if not years or h.date[:4] in years), None)
    if first is not None and wanted <= set(content_terms(f"{first.article} {first.text}")):
        return [(first.issue, first.article_id)]
    return []


# A claim about writing or interviewing may name the interviewer
_ABOUT_WRITING = re.compile(r"\b(?:talk|talks|talked|talking|spoke|interview\w*|wr(?:ote|ites?|iting|itten)|editor|"
                            r"author\w*|column\w*|byline)\b", re.I)


def named_only_as_interviewer(claim: str, passage: str) -> bool:
    """The claim names someone the passage names only as the one an interview was given to: a walk's "Chelsea and
    Westminster's MiP rep is Craig Ryan [1]", [1] saying "Chelsea and Westminster's MiP rep talks to Craig Ryan
    about ..." (the rep is Chris Withers). Not a claim about the interview itself ("Craig Ryan interviewed ...").
    (A piece's writer, "..., writes X" or "X, Editor", may well be said to say what it says.)"""
    if _ABOUT_WRITING.search(claim):
        return False
    interviewers = Counter(m.group("name") for m in _INTERVIEW.finditer(passage))
    return any(name in interviewers and passage.count(name) == interviewers[name]
               for name in set(re.findall(_NAME, claim)))
