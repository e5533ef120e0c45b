"""Draft articles shared by the parsers, and the pure step that turns them into Articles."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rag.cleaning import article_id
from rag.textnorm import tokens
from rag.types import Article, Paragraph

_STOP = frozenset(
    "the a an and or of to in on for with by at from is are was be as it its this that "
    "our your you we he she they their his her nhs mip says say said talks about how why "
    "what more new".split()
)


@dataclass
class Draft:
    headline: str
    section: str = ""
    paras: list[tuple[str, str]] = field(default_factory=list)  # (text, style)
    page: int | None = None
    pages: list[int | None] = field(default_factory=list)  # per paragraph, when known
    level: int = 1
    interrupted: "Draft | None" = None
    box: bool = False
    magazine: bool = False


def content_words(text: str) -> set[str]:
    """Distinctive lower-case words of a text (stop words and short tokens dropped)."""
    return {t for t in tokens(text) if len(t) > 2 and t not in _STOP}


def match_score(query: str, draft: Draft) -> float:
    """Share of the query's content words found in the draft's headline and standfirst."""
    q = content_words(query)
    if not q:
        return 0.0
    head = draft.headline + " " + " ".join(t for t, _ in draft.paras[:2])
    return len(q & content_words(head)) / len(q)


def finish_articles(drafts: list[Draft], issue_id: str) -> list[Article]:
    """Drafts -> frozen Articles with stable ids; empty drafts are dropped."""
    out: list[Article] = []
    for d in drafts:
        paras = []
        for j, (text, _style) in enumerate(d.paras):
            text = re.sub(r"\s+", " ", text).strip()
            if not text:
                continue
            page = d.pages[j] if j < len(d.pages) and d.pages[j] is not None else d.page
            paras.append(Paragraph(text=text, page=page))
        if not paras:
            continue
        headline = d.headline.strip() or paras[0].text[:60]
        out.append(
            Article(
                issue_id=issue_id,
                article_id=article_id(len(out) + 1, headline),
                headline=headline,
                paragraphs=tuple(paras),
                page=d.page,
                section=d.section,
            )
        )
    return out


def apply_contents(drafts: list[Draft], entries: list[dict]) -> None:
    """Placeholder."""
    return None
