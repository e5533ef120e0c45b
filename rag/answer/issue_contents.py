"""Pure: "what's in the latest issue?", "summarise issue 68": the issue's articles by headline and page, each cited to
its first passage, from the index's own list.

A walk's "summarise issue 68 for me" was searched as a question on the articles and answered with two quotes from
one article, and a notice that no source uses the word "summarise".
"""

from __future__ import annotations

import re
from typing import Sequence

from rag.answer.about_archive import issues_listed
from rag.answer.issue_names import headline_shown, month_year
from rag.answer.terms import content_terms
from rag.types import Chunk, Issue

_ASKS = re.compile(
    r"^\W*(?:(?:can|could|would) you |please )?(?:summari[sz]e|sum up|give me (?:an )?overview of|overview of|"
    r"what(?:'s|s| is| was| are| were) (?:in|inside|covered in|in the pages of)|"
    r"(?:what|which) (?:articles?|stories|features?) (?:are|were) (?:there )?in|"
    r"(?:list|show)(?: me)?(?: all)?(?: of)? (?:the )?(?:articles?|stories|contents?) (?:in|of|from)|"
    r"(?:the |table of )?contents? (?:of|for)|tell me about|what(?:'s|s| is| was) new in)\s+(?P<which>.+?)\W*$"
    # "what's the latest issue about?" (a session-25 batch's got two quotes on pay anomalies and toxic change)
    r"|^\W*what(?:'s|s| is| was)\s+(?P<about>.+?)\s+(?:all\s+)?about\W*$", re.I)
_AN_ISSUE = re.compile(r"\b(?:issue|edition|magazine|number|no\.)\b", re.I)
_NUMBER = re.compile(r"\b(?:issue|number|no\.?)\s*(\d{1,4})\b", re.I)
_NEWEST = re.compile(r"\b(?:latest|newest|current|most recent|recent|new|this|last)\b", re.I)
_SEASON = re.compile(r"\b(spring|summer|autumn|fall|winter)\b", re.I)
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


# the words naming an issue (any other is a topic: "what's in this issue about pay?")
_ABOUT_AN_ISSUE = frozenset(content_terms("issue edition magazine number no latest newest current most recent new this "
                                          "last spring summer autumn fall winter healthcare manager mip me us please "
                                          "general election special"))


def asked_issue(question: str, issues: Sequence[Issue]) -> Issue | str | None:
    """The issue a request for an issue's contents names; the number asked when the archive has no such issue (as a
    str); None when the question asks something else, or names no one issue."""
    m = _ASKS.match(" ".join(question.split()))
    which = (m.group("which") or m.group("about")) if m else ""
    if not which or not _AN_ISSUE.search(which):
        return None
    years, numbers = set(_YEAR.findall(which)), [n.group(1) for n in _NUMBER.finditer(which)]
    if set(content_terms(which)) - _ABOUT_AN_ISSUE - years - set(numbers):
        return None  # "what's in this issue on flexible working": a topic, for the search
    if numbers:
        named = [i for i in issues if i.number == int(numbers[0])]
        return named[0] if named else numbers[0]
    season = _SEASON.search(which)
    if years or season:
        named = [i for i in issues if (not years or i.date[:4] in years)
                 and (not season or season.group(1).lower().replace("fall", "autumn") in i.season.lower())]
        return named[0] if len(named) == 1 else None
    if _NEWEST.search(which) and issues:
        return max(issues, key=lambda i: i.date)
    return None


def first_passages(issue: Issue, chunks: Sequence[Chunk]) -> list[Chunk]:
    """Each article of the issue by its first passage, in page order (articles with no page last, in index order)."""
    firsts: dict[str, Chunk] = {}
    for c in chunks:
        if c.issue_id == issue.issue_id and (c.article_id not in firsts or c.position < firsts[c.article_id].position):
            firsts[c.article_id] = c
    order = {aid: k for k, aid in enumerate(firsts)}
    return sorted(firsts.values(), key=lambda c: (c.page is None, c.page or 0, order[c.article_id]))


def listed(issue: Issue, firsts: Sequence[Chunk]) -> str:
    """'<issue> (published June 2026) holds 27 articles:', then '"Headline", page n [1]' for each, a paragraph each."""
    count = "1 article" if len(firsts) == 1 else f"{len(firsts)} articles"
    lines = [f'"{headline_shown(c.headline)}"{f", page {c.page}" if c.page else ""} [{k}]'
             for k, c in enumerate(firsts, 1)]
    head = (f"{issue.title} (published {month_year(issue.date)}) holds {count}, by page. Ask about any of them, or "
            f"which articles are there about a topic:")
    return "\n\n".join([head, *lines])


def no_such_issue(number: str, issues: Sequence[Issue]) -> str:
    """The answer for an issue number the archive does not hold: which it does."""
    held = issues_listed(issues)
    return f"The archive has no issue {number}. It holds: {held}." if held else f"The archive has no issue {number}."
