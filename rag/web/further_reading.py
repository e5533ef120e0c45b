"""Further reading beside a refusal: the nearest articles, each once, linked at its nearest passage (escaped).

A turn keeps them as "further": [{article, where, url}]; they are never numbered or cited.
"""

from __future__ import annotations

import html
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


def further_html(items: Sequence[dict]) -> str:
    """The further reading under a refusal: links to the app's own article view only."""
    rows = []
    for f in items:
        own = safe_url(f.get("url"))
        if own and "/article/" in own:
            rows.append(f'<li><a class="further-link" href="{_e(own)}">{_e(headline_shown(f.get("article")))}</a>'
                        f'<div class="further-meta">{_e(f.get("where"))}</div></li>')
    if not rows:
        return ""
    return ('<details class="further" open><summary>Further reading: the nearest articles, which may not answer it'
            f'</summary><ul class="further-list">{"".join(rows)}</ul></details>')
