"""Pure: "which issue was that in?", "what page is that on?", "where does that come from?" after an answer: the issue,
headline and page of the passages that answer cites, read off the answer itself, not searched again.

A session-25 batch's "which issue was that in?", after an answer on board-level managers' 3% pay rise, was searched as
the pay question again and got the same quotes, with no word of the issue.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Callable, Sequence

from rag.answer.article_list import passage_terms
from rag.answer.citations import is_refusal
from rag.answer.issue_names import headline_shown, issue_named
from rag.answer.pointers import cited_items
from rag.answer.terms import content_terms
from rag.textnorm import words_key
from rag.types import Chunk

_THAT = r"(?:that|this|it|those|these|that answer|this answer|that story|this story|that article|this article)"
# "where can I read more?" after an answer: the articles it cites (walk 26b: searched alone, it got quotes about a
# careers website, the same for two subjects)
_MORE = (r"|where\s+(?:can|could|do|should|would)\s+i\s+(?:read|find\s+out|learn|see)\s+more(?:\s+(?:about|on)\s+"
         + _THAT + r")?(?:\s+please)?"
         r"|where\s+(?:can|could|do|should)\s+i\s+read\s+(?:it|that|this|the\s+(?:whole|full)\s+(?:article|story|thing))"
         r"(?:\s+in\s+full)?")
_ASKS = re.compile(
    r"^\W*(?:(?:so|and|ok|okay|thanks|great)\W+)*(?:"
    r"(?:which|what)\s+(?:issue|edition|magazine|article|story|page)s?\s+(?:is|was|were|are)\s+" + _THAT
    + r"\s+(?:in|from|on)\b"
    r"|(?:which|what)\s+(?:issue|edition|magazine|article|story|page)s?\s+(?:did|does)\s+" + _THAT
    + r"\s+(?:come from|appear in|appear on)\b"
    r"|(?:in\s+)?(?:which|what)\s+(?:issue|edition|magazine)\s+(?:said|says|reported|covered)\s+" + _THAT + r"\b"
    r"|where\s+(?:is|was|does|did)\s+" + _THAT + r"\s+(?:from|come from|published|printed)\b"
    r"|what(?:'s|\s+is|\s+was|\s+are)\s+(?:the\s+)?(?:source|sources|reference|references)\s+(?:of|for)\s+" + _THAT
    + r"\b"
    + _MORE + r")\W*$", re.I)
_FEWEST = 3  # content terms a model's cited words must hold to be traced by their terms
_MATCHED = 0.6  # the idf-weighted share of a cited sentence's terms a passage must hold to be the one it came from


def asks_where_from(question: str) -> bool:
    """The question asks where the answer before came from: its issue, article or page."""
    return bool(_ASKS.match(" ".join(question.split())))


@dataclass(frozen=True)
class PassageWords:
    """Each passage's words (rag.textnorm.words_key) and content terms, and the passages holding each term: read once
    per index (a hundred issues' 15,000 passages took 5.8 s a question read each time)."""

    keys: list[str]
    terms: list[frozenset[str]]
    df: dict[str, int]


def passage_words(chunks: Sequence[Chunk], terms: Sequence[frozenset[str]] | None = None) -> PassageWords:
    """terms: each passage's content terms when already read (article_list.passage_terms, kept by FromArticle)."""
    terms = list(terms) if terms is not None else passage_terms(chunks)
    df: dict[str, int] = {}
    for ts in terms:
        for t in ts:
            df[t] = df.get(t, 0) + 1
    return PassageWords([words_key(c.text) for c in chunks], terms, df)


def cited_passages(answer: str, chunks: Sequence[Chunk], words: PassageWords | None = None,
                   admits: Callable[[Chunk], bool] = lambda c: True) -> list[Chunk]:
    """The passage each cited part of the answer comes from, one per article, in the answer's order: the passage
    holding a quote's words, else the one holding most of the cited sentence's terms (a model's own words); [] for a
    refusal or an answer citing nothing the archive holds. words: passage_words(chunks), when kept; admits: the
    passages a search may show (an issue filter)."""
    if is_refusal(answer):
        return []
    words = words or passage_words(chunks)
    keys, df = words.keys, words.df
    terms = [ts if admits(c) else frozenset() for c, ts in zip(chunks, words.terms)]
    by_marker: dict[int, list[str]] = {}  # a marker is one passage however often the answer cites it
    for n, text in cited_items(answer):
        by_marker.setdefault(n, []).append(text)
    found: list[Chunk] = []
    for texts in by_marker.values():
        wanted = [w for w in map(words_key, texts) if w]
        k = next((i for i, key in enumerate(keys) if any(w in key for w in wanted) and admits(chunks[i])), None)
        if k is None:  # the model's own words: the passage holding most of them ("Yes, that more than other staff
            # got [1]" alone matched an editorial holding "staff" and "got")
            asked = frozenset(content_terms(" ".join(texts)))
            k = _best_match(asked, terms, df, len(chunks)) if len(asked) >= _FEWEST else None
        if k is not None and all((c.issue_id, c.article_id) != (chunks[k].issue_id, chunks[k].article_id)
                                 for c in found):
            found.append(chunks[k])
    return found


def _best_match(asked: frozenset[str], terms: Sequence[frozenset[str]], df: dict[str, int], n: int) -> int | None:
    weight = {t: math.log(1 + n / (1 + df.get(t, 0))) for t in asked}
    total = sum(weight.values())
    if not total:
        return None
    shares = [sum(w for t, w in weight.items() if t in ts) / total for ts in terms]
    best = max(range(len(shares)), key=shares.__getitem__, default=None)
    return best if best is not None and shares[best] >= _MATCHED else None


_READ_MORE = re.compile(r"\bread\b|\bfind\s+out\b|\blearn\b|\bsee\s+more\b", re.I)


def where_from(passages: Sequence[Chunk], question: str = "") -> str:
    """'That comes from <issue>: "<headline>", page n [1].', or a paragraph per article when there are several;
    'You can read more in ...' when the question asks where to read more."""
    lines = [f'{issue_named(c.issue_title, c.date)}: "{headline_shown(c.headline)}"'
             f'{f", page {c.page}" if c.page else ""} [{i}]'
             for i, c in enumerate(passages, 1)]
    more = bool(_READ_MORE.search(question))
    if len(lines) == 1:
        return f"You can read more in {lines[0]}." if more else f"That comes from {lines[0]}."
    return "\n\n".join(["You can read more in the articles that answer comes from:" if more
                         else "That answer comes from:", *lines])
