"""Per-issue parse report: what the parser understood, with suspicious items flagged. Pure."""

from __future__ import annotations

from rag.types import Article, Issue

SHORT_WORDS = 60


def parse_report(issue: Issue, articles: list[Article], chunk_counts: dict[str, int] | None = None) -> dict:
    """Issue + articles (+ chunks per article_id) -> a JSON-ready report."""
    rows = []
    for a in articles:
        words = len(a.text.split())
        flags = []
        if words < SHORT_WORDS:
            flags.append("short")
        if not a.headline.strip() or a.headline.strip() == a.paragraphs[0].text[:60].strip():
            flags.append("no headline")
        if a.page is None and a.section != "advert":
            flags.append("no page")
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
        "totals": {
            "articles": len(rows),
            "words": sum(r["words"] for r in rows),
            "chunks": sum(r["chunks"] or 0 for r in rows) if chunk_counts is not None else None,
            "flagged": sum(1 for r in rows if r["flags"]),
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
    t = report["totals"]
    chunks = "" if t["chunks"] is None else f", {t['chunks']} chunks"
    lines += ["", f"{t['articles']} articles, {t['words']} words{chunks}; {t['flagged']} flagged for a look"]
    return "\n".join(lines)
