"""Pure: "which articles are there about pay?", "list the articles on flexible working": the articles whose passages
the search for the topic finds, by headline and issue, each cited to its best passage.

Searched as a question, "list all the articles about pay" was answered with three quoted sentences on pay ("Pay is
just one part of the puzzle."), not the articles a member asked to see.
"""

from __future__ import annotations

import re
from typing import Iterable, Sequence

from rag.answer.issue_names import headline_shown, issue_named
from rag.answer.terms import content_terms
from rag.types import Chunk, Hit

_KINDS = r"(?:articles?|stories|story|pieces?|features?|items?|reports?|columns?)"
_ON = (r"(?:about|on|covering|concerning|regarding|(?:that |which )?(?:mentions?|covers?|discuss(?:es)?|talks? "
       r"about|deals? with)|mentioning|discussing|re:?|to do with)")
_ASKS = re.compile(
    r"^\W*(?:(?:can|could) you |please )?(?:list|show|find|give|tell)(?: me)?(?: all| any)?(?: of)?(?: the)?(?: "
    r"(?:healthcare manager|magazine|archive)(?:'s)?)? " + _KINDS + r" " + _ON + r" (?P<a>.+?)\W*$|"
    r"^\W*(?:what|which)(?: other)? " + _KINDS + r"(?: (?:are there|do you have|have you got|does the "
    r"(?:archive|magazine) have|did (?:mip|healthcare manager|the magazine) (?:publish|run)))? " + _ON +
    r" (?P<b>.+?)\W*$|"
    r"^\W*(?:is|are) there (?:an?y?|some) " + _KINDS + r" " + _ON + r" (?P<c>.+?)\W*$|"
    r"^\W*how many " + _KINDS + r"(?: (?:are there|were there|are|were|have there been|do you have|does the "
    r"(?:archive|magazine) have))? "
    + _ON + r" (?P<d>.+?)\W*$", re.I)
_HOW_MANY = re.compile(r"^\W*how many\b", re.I)
MAX_ARTICLES = 5
SEARCHED = 40  # passages searched for headlines naming the topic


def asked_topic(question: str) -> str | None:
    """The topic a request for a list of articles names ("list all the articles about pay" -> "pay"), or None."""
    m = _ASKS.match(" ".join(question.split()))
    if not m:
        return None
    topic = next(t for t in m.group("a", "b", "c", "d") if t is not None)
    topic = re.sub(r"(?:,? please|,? thanks?(?: you)?)$", "", topic, flags=re.I).strip(" ?.!,")
    return topic or None


def headlines_first(topic: str, hits: Sequence[Hit], top: int) -> list[Hit]:
    """The hits whose article's headline holds every term of the topic, in rank order, then the first top hits: a
    walk's "which articles are there about pay?" listed a Welsh election story and left out "Board-level NHS managers
    get 3% pay rise" and "General election further delays pay rise for NHS staff", whose passages ranked lower for
    the one word "pay" than passages mentioning it in passing."""
    wanted = frozenset(content_terms(topic))
    named = [h for h in hits if wanted and wanted <= frozenset(content_terms(h.article))]
    return named + [h for h in hits[:top] if h not in named]


def articles(hits: Sequence[Hit], limit: int = MAX_ARTICLES) -> list[Hit]:
    """The best-ranked passage of each article among the hits, in rank order, at most limit."""
    seen: set[tuple[str, str]] = set()
    out = []
    for hit in hits:
        key = (hit.issue, hit.article_id)
        if key not in seen:
            seen.add(key)
            out.append(hit)
        if len(out) == limit:
            break
    return out


def asks_how_many(question: str) -> bool:
    """"how many articles mention wes streeting?": a count, as well as the list."""
    return bool(_HOW_MANY.match(question))


def articles_using(topic: str, chunks: Sequence[Chunk], terms: Sequence[frozenset[str]]) -> list[Chunk]:
    """Each article holding every word of the topic in one passage, by its first such passage (a count a member can
    check). terms[i]: chunks[i]'s content terms (passage_terms, read once per index)."""
    wanted = frozenset(content_terms(topic))
    firsts: dict[tuple[str, str], Chunk] = {}
    for c, held in zip(chunks, terms):
        if wanted and wanted <= held:
            firsts.setdefault((c.issue_id, c.article_id), c)
    return list(firsts.values())


def passage_terms(chunks: Iterable[Chunk]) -> list[frozenset[str]]:
    """Each passage's content terms, for articles_using (about 0.4 ms a passage: read once, not per question)."""
    return [frozenset(content_terms(c.text)) for c in chunks]


def listed(topic: str, chosen: Sequence[Hit], count: int | None = None) -> str:
    """'Articles on pay ...:', then '"Headline", issue, page n [1]' for each, numbered as the passages are (1..n).
    count: how many articles use the topic's words, for "how many articles mention ...?" (a walk's got three quotes
    naming him and no count)."""
    lines = [f'"{headline_shown(h.article)}", {issue_named(h.issue_title, h.date)}'
             f'{f", page {h.page}" if h.page else ""} [{i}]'
             for i, h in enumerate(chosen, 1)]
    head = f"Articles on {topic} in the archive, the closest first:"
    if count is not None:
        many = "1 article in the archive uses" if count == 1 else f"{count} articles in the archive use"
        closest = f"; the closest {len(chosen)}:" if count > len(chosen) else ":"
        head = f"{many} the words \"{topic}\"{closest}"
    # one paragraph each: the chat shows a paragraph per blank-line-separated block, and runs single lines together
    return "\n\n".join([head, *lines])
