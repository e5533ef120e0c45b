"""Raw text extracted from a magazine PDF (the 2024 file) -> articles with pages. Pure.

Pages start on lines that begin with one space; headlines are short title-like blocks,
printed before or (often) after their article's body.
"""

from __future__ import annotations

import re
from collections import Counter

from rag.cleaning import is_terminated, join_lines, starts_lower, strip_bullet, vocabulary
from rag.layout import Draft, finish_articles, match_score
from rag.textnorm import normalize
from rag.types import Article

_PAGE_START = re.compile(r"^ (?=[^\s\ufffd])")
_SIGNOFF = re.compile(r"(//|\[[A-Z]{2}\])\s*$")


def split_pages(text: str, not_page_starts: list[str] = ()) -> list[list[str]]:
    """Lines grouped by page: a page starts on a line beginning with exactly one space."""
    skip = [normalize(s) for s in not_page_starts]
    pages: list[list[str]] = [[]]
    prev = ""
    for line in text.splitlines():
        # A line after an indented one continues a glyph bullet ("   work solely..."), not a page.
        if _PAGE_START.match(line) and pages[-1] and not prev.startswith(" ") and not any(normalize(line).startswith(s) for s in skip):
            pages.append([])
        pages[-1].append(line)
        prev = line
    return [p for p in pages if any(ln.strip() for ln in p)]


def _blocks(lines: list[str]) -> list[list[str]]:
    out: list[list[str]] = [[]]
    for line in lines:
        if line.strip():
            out[-1].append(line.rstrip())
        elif out[-1]:
            out.append([])
    return [b for b in out if b]


def is_title(block: list[str]) -> bool:
    """Short, title-like block: few words, short lines, no sentence end, no line-break hyphen."""
    text = " ".join(ln.strip() for ln in block)
    words = text.split()
    if not 2 <= len(words) <= 14 or len(block) > 4:
        return False
    if any(len(ln.strip()) > 48 or re.search(r"[a-z]-$", ln.strip()) for ln in block):
        return False
    if re.search(r"[.,;:]$", text) or "@" in text or "//" in text or re.search(r"\.\w{2,3}\b", text):
        return False
    return bool(re.match(r"[\"“‘A-Z0-9]", text)) and not re.match(r"\d{1,2} \w+ \d{4}$", text)


def _paragraphs(block: list[str], vocab: Counter) -> list[str]:
    """A block -> paragraphs; bullet lines become their own "- " items."""
    out: list[list[str]] = []
    for line in block:
        body, bullet = strip_bullet(line.replace("\t", " "))
        if bullet or not out or re.match(r"^\s*\d+\. [A-Z]", line) and len(line) < 60:
            out.append([("- " if bullet else "") + body])
        else:
            out[-1].append(line)
    return [join_lines(p, vocab) for p in out]


def segment_page(blocks: list[list[str]]) -> list[tuple[str, list[list[str]], bool]]:
    """Blocks of one page -> (headline, body blocks, headline_printed_before) segments."""
    kinds = []
    for i, b in enumerate(blocks):
        title = is_title(b)
        nxt = blocks[i + 1] if i + 1 < len(blocks) else None
        if title and nxt is not None and starts_lower(" ".join(nxt)):
            title = False  # the first lines of a paragraph that carries on
        kinds.append("title" if title else "body")
    segments: list[tuple[str, list[list[str]], bool]] = [("", [], False)]
    trailing: list[str] = []
    for i, (b, kind) in enumerate(zip(blocks, kinds)):
        text = " ".join(ln.strip() for ln in b)
        if kind == "title":
            later_body = any(k == "body" and len(" ".join(blocks[j]).split()) > 25 for j, k in enumerate(kinds) if j > i)
            if later_body and i + 1 < len(blocks) and kinds[i + 1] == "body":
                segments.append((text, [], True))
            elif kinds[i + 1 : i + 2] == ["title"] and len(text.split()) <= 3:
                continue  # kicker above a headline ("Cyber security")
            else:
                trailing.append(text)
            continue
        segments[-1][1].append(b)
    head, body, _ = segments[0]
    if trailing and body:
        best = max(trailing, key=lambda t: (match_score(t, Draft(headline="", paras=[(" ".join(map(" ".join, body)), "body")])), len(t)))
        segments[0] = (best, body, False)
    return [s for s in segments if s[1] or s[0]]


def parse_text(text: str, issue_id: str, hints: dict | None = None) -> list[Article]:
    """Raw PDF text -> articles; hints (issue.toml [layout]) may correct page starts."""
    hints = hints or {}
    vocab = vocabulary(text)
    first_page = int(hints.get("first_page", 1))
    drafts: list[Draft] = []
    for n, page_lines in enumerate(split_pages(text, hints.get("not_page_starts", [])), start=first_page):
        for headline, body, _before in segment_page(_blocks(page_lines)):
            paras = [p for b in body for p in _paragraphs(b, vocab) if p]
            if not paras:
                continue
            cur = drafts[-1] if drafts else None
            carries_on = cur is not None and (starts_lower(paras[0]) or not is_terminated(cur.paras[-1][0]))
            if not headline and carries_on:
                for p in paras:
                    cur.paras.append((p, "body"))
                    cur.pages.append(n)
                continue
            d = Draft(headline=headline or paras[0][:60], page=n)
            d.paras = [(p, "body") for p in paras]
            d.pages = [n] * len(paras)
            drafts.append(d)
    for d in drafts:
        _merge_open(d, vocab)
    return finish_articles(drafts, issue_id)


def _merge_open(d: Draft, vocab: Counter) -> None:
    """Join paragraphs split by column breaks: an open sentence followed by a lower-case start."""
    paras, pages = [], []
    for (p, s), pg in zip(d.paras, d.pages or [d.page] * len(d.paras)):
        if paras and not is_terminated(paras[-1][0]) and not paras[-1][0].startswith("- ") and (starts_lower(p) or paras[-1][0].endswith("-")):
            paras[-1] = (join_lines([paras[-1][0], p], vocab), s)
            continue
        paras.append((p, s))
        pages.append(pg)
    d.paras, d.pages = paras, pages
