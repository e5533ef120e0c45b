"""Further reading beside a refusal: the nearest articles, each once, linked at its nearest passage (escaped).

A turn keeps them as "further": [{article, where, url}]; they are never numbered or cited.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from typing import Sequence

from rag.types import Hit
from rag.web.links import headline_shown, passage_link, safe_url, where

FURTHER_ARTICLES = 3  # articles offered beside a refusal (the pipeline sends its 3 nearest passages)


def _e(value) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def further_reading(hits: Sequence[Hit], *, base: str = "", limit: int = FURTHER_ARTICLES) -> list[dict]:
    """The nearest articles beside a refusal, each once, linked at its nearest passage; never numbered or cited."""
    out, seen = [], set()
    for h in hits:
        if (h.issue, h.article_id) in seen:
            continue
        seen.add((h.issue, h.article_id))
        out.append({"article": h.article, "where": where(h), "url": safe_url(passage_link(h), base=base)})
        if len(out) == limit:
            break
    return out


_ISSUE_SHORT = re.compile(r"(?:issue \d+, )?(?:spring|summer|autumn|winter) \d{4}", re.IGNORECASE)


def issue_short(where_line: str) -> str:
    """The issue in a where line, short enough for a link's words.

    Example: "Healthcare Manager issue 68, summer 2026 · page 3" -> "issue 68, summer 2026"
    """
    issue = str(where_line or "").split(" · page ")[0].strip()
    found = _ISSUE_SHORT.search(issue)
    return found.group(0) if found else issue.removeprefix("Healthcare Manager").strip(" ,")


def link_names(items: Sequence[dict]) -> list[str]:
    """Each item's headline as shown, with its issue when an item from another issue has the same one: walk 32's
    further reading listed "Editorial" twice (the two issues' editorials), told apart only by the small line under
    each, and a screen reader's list of links read the two alike. Passages of one article keep its headline alone."""
    shown = [headline_shown(f.get("article")) for f in items]
    issues = [issue_short(f.get("where")) for f in items]
    twice = Counter(h.casefold() for h, _ in dict.fromkeys(zip(shown, issues)))  # once per headline and issue
    return [f"{h} ({i})" if twice[h.casefold()] > 1 and i else h for h, i in zip(shown, issues)]


def further_html(items: Sequence[dict]) -> str:
    """The further reading under a refusal: links to the app's own article view only."""
    rows = []
    for f, name in zip(items, link_names(items)):
        own = safe_url(f.get("url"))
        if own and "/article/" in own:
            rows.append(f'<li><a class="further-link" href="{_e(own)}">{_e(name)}</a>'
                        f'<div class="further-meta">{_e(f.get("where"))}</div></li>')
    if not rows:
        return ""
    return ('<details class="further" open><summary>Further reading: the nearest articles, which may not answer it'
            f'</summary><ul class="further-list">{"".join(rows)}</ul></details>')
