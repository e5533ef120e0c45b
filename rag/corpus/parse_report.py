"""Per-issue parse report: what the parser understood, with suspicious items flagged. Pure."""

from __future__ import annotations

import re
from collections import Counter
from typing import Sequence

from rag.corpus.cleaning import is_terminated
from rag.types import Article, Issue

SHORT_WORDS = 60
LONG_HEADLINE_WORDS = 16  # more than a printed headline line holds: text glued on, or two headlines
_WORD = re.compile(r"[A-Za-z][A-Za-z’'-]*")
_OPENING = re.compile(r"^[\"“‘]?([A-Z][a-z]+)\b")


def glued_drop_cap(articles: Sequence[Article]) -> dict[str, str]:
    """Articles opening on a word the issue uses nowhere else, while the word after its first letter is one it uses
    (article_id -> that word): a drop cap glued to the next word with letters lost between them ("**U**to 500 NHS
    England staff", most likely printed "Up to 500"). No rule can tell which letters were lost, so the text is left as it
    is and the report points at it.

    Example: an article opening "Uto 500 staff ...", in an issue using "to" elsewhere -> {article_id: "Uto"}
    """
    words = Counter(w.lower() for a in articles for p in a.paragraphs for w in _WORD.findall(p.text))
    out = {}
    for a in articles:
        for p in a.paragraphs[:2]:  # a drop cap opens the body, after a standfirst if there is one
            m = _OPENING.match(p.text)
            if m and words[m.group(1).lower()] == 1 and words[m.group(1)[1:].lower()] >= 2:
                out[a.article_id] = m.group(1)
    return out


def parse_report(issue: Issue, articles: list[Article], chunk_counts: dict[str, int] | None = None,
                 dropped: Sequence[dict] = ()) -> dict:
    """Issue + articles (+ chunks per article_id, + what the parser left out) -> a JSON-ready report."""
    rows = []
    glued = glued_drop_cap(articles)
    for a in articles:
        words = len(a.text.split())
        flags = []
        if words < SHORT_WORDS:
            flags.append("short")
        if len(a.headline.split()) > LONG_HEADLINE_WORDS:
            flags.append("long headline")
        if a.section != "advert" and not is_terminated(a.paragraphs[-1].text):
            flags.append("ends mid-sentence")
        if not a.headline.strip() or a.headline.strip() == a.paragraphs[0].text[:60].strip():
            flags.append("no headline")
        if a.page is None and a.section != "advert":
            flags.append("no page")
        if a.article_id in glued:
            flags.append(f"opens on {glued[a.article_id]!r}, a word used nowhere else: a drop cap with letters lost? "
                         "check the source")
        rows.append(
            {
                "article_id": a.article_id,
                "headline": a.headline,
                "section": a.section,
                "page": a.page,
                "words": words,
                "chunks": (chunk_counts or {}).get(a.article_id),
                "flags": flags,
            }
        )
    return {
        "issue": issue.issue_id,
        "title": issue.title,
        "date": issue.date,
        "source": issue.source_file,
        "articles": rows,
        "dropped": [dict(d) for d in dropped],  # e.g. {"kind": "advert", "page": 3, "text": "..."}
        "totals": {
            "articles": len(rows),
            "words": sum(r["words"] for r in rows),
            "chunks": sum(r["chunks"] or 0 for r in rows) if chunk_counts is not None else None,
            "flagged": sum(1 for r in rows if r["flags"]),
            "left out": len(dropped),
        },
    }


def render_parse_report(report: dict) -> str:
    """A plain-text table a maintainer can read at a glance."""
    lines = [f"{report['title']} ({report['date']}), source {report['source']}", ""]
    lines.append(f"{'page':>4}  {'words':>5}  {'chunks':>6}  {'section':<18}  headline")
    for r in report["articles"]:
        page = "-" if r["page"] is None else str(r["page"])
        chunks = "-" if r["chunks"] is None else str(r["chunks"])
        flag = f"   <- {', '.join(r['flags'])}" if r["flags"] else ""
        lines.append(f"{page:>4}  {r['words']:>5}  {chunks:>6}  {r['section'][:18]:<18}  {r['headline'][:70]}{flag}")
    for d in report.get("dropped", []):
        page = "-" if d.get("page") is None else str(d["page"])
        lines.append(f"{page:>4}  left out ({d['kind']}): {d['text'][:70]}")
    t = report["totals"]
    chunks = "" if t["chunks"] is None else f", {t['chunks']} chunks"
    left = f"; {t['left out']} left out" if t.get("left out") else ""
    lines += ["", f"{t['articles']} articles, {t['words']} words{chunks}; {t['flagged']} flagged for a look{left}"]
    return "\n".join(lines)
