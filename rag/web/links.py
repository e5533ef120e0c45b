"""A passage's links and where line, shared by a turn's source cards and its further reading (all escaped later).

safe_url keeps a link only if code built it; passage_link opens the article view at the passage, highlighted;
where is the issue and page a passage comes from; headline_shown (rag.answer.issue_names) is an article's headline as
members read it.
"""

from __future__ import annotations

from urllib.parse import quote

from rag.answer.issue_names import headline_shown, issue_named
from rag.types import Hit

__all__ = ["headline_shown", "passage_link", "safe_url", "where"]

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
