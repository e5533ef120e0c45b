"""A passage's links and where line, shared by a turn's source cards and its further reading (all escaped later).

safe_url keeps a link only if code built it; passage_link opens the article view at the passage, highlighted;
where is the issue and page a passage comes from; headline_shown is an article's headline as members read it.
"""

from __future__ import annotations

import re
from urllib.parse import quote

from rag.answer.issue_names import issue_named
from rag.types import Hit

_LOWER_FIRST_WORD = re.compile(r"[a-z]+(?:['\u2019-][a-z]+)*(?![\w'\u2019-])")


def headline_shown(headline) -> str:
    """An article's headline as shown: one that starts with a word in lower case gets its capital (walk 26: a card, the
    article view and further reading read "standing up to discrimination at work: we've got your back", the index's
    headline as parsed); a word with a capital inside ("iPhone", "eLearning") is left as written.

    Example: "standing up to discrimination" -> "Standing up to discrimination"
    """
    text = "" if headline is None else str(headline)
    return text[:1].upper() + text[1:] if _LOWER_FIRST_WORD.match(text) else text


def safe_url(url: str | None, *, base: str = "") -> str | None:
    """A link only if code built it: our own /article/ view, or an http(s) publisher page."""
    if not url:
        return None
    own = f"{base}/article/"
    if url.startswith(own) or url.startswith("/article/"):
        return quote(url, safe="/:#?=&-_.~%+")
    if url.startswith(("https://", "http://")) and not any(ch in url for ch in " \"'<>\\`"):
        return url
    return None


def where(hit: Hit) -> str:
    """The issue as members read it, and the page: "Healthcare Manager issue 68, summer 2026 · page 4", not "... summer
    2026 · 2026-06-01 · page 4" (walk 20 read the ISO date as machine output; on a phone it took a line of its own)."""
    parts = [issue_named(hit.issue_title or hit.issue, hit.date)]
    if hit.page is not None:
        parts.append(f"page {hit.page}")
    return " · ".join(p for p in parts if p)


def passage_link(hit: Hit) -> str:
    """The article view link, asking the server to highlight the passage too (?hl=): it is shown whole."""
    if "#p-" in hit.url and "?" not in hit.url:
        return hit.url.replace("#p-", f"?hl={hit.chunk_id}#p-", 1)
    return hit.url
