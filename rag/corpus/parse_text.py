"""Raw text extracted from a magazine PDF (the 2024 file) -> articles with pages. Pure.

Pages start on lines that begin with one space. On each page, headline blocks are found
(rag/corpus/parse_text_blocks.py) and each is attached to the body it names
(rag/corpus/parse_text_segments.py); the page's segments are then joined into articles.
"""

from __future__ import annotations

import re
from collections import Counter

from rag.corpus.cleaning import is_terminated, join_on, paragraph_end, starts_lower, vocabulary
from rag.corpus.layout import Draft, finish_articles
from rag.corpus.parse_text_blocks import (
    classify,
    page_furniture,
    raw_blocks,
    recurring_labels,
    split_pages,
    tidy_blocks,
)
from rag.corpus.parse_text_segments import OPEN_WORDS, SIGNOFF, segment_page
from rag.corpus.text_items import paragraphs
from rag.corpus.text_pages import running_lines
from rag.textnorm import tokens
from rag.types import Article

_EDITOR = re.compile(r"^[A-Z][\w’'. -]+, Editor\b")


def _continued(drafts: list[Draft]) -> Draft:
    """The article a continuation belongs to: step back over boxes closed by a sign-off."""
    for d in reversed(drafts[-4:]):
        last = d.paras[-1][0]
        if not is_terminated(last):
            return d
        if not SIGNOFF.search(last):
            break
    return drafts[-1]


def parse_text(text: str, issue_id: str, hints: dict | None = None) -> list[Article]:
    """Raw PDF text -> articles; hints (issue.toml [layout]) may correct page starts."""
    return parse_text_layout(text, issue_id, hints)[0]


def left_out(text: str, issue_id: str, hints: dict | None = None) -> list[dict]:
    """What the text parser leaves out as page furniture, for the parse report: {kind, page, text}."""
    return parse_text_layout(text, issue_id, hints)[1]


def parse_text_layout(text: str, issue_id: str, hints: dict | None = None) -> tuple[list[Article], list[dict]]:
    """Raw PDF text -> (articles, page furniture left out: calls to action and mastheads)."""
    hints = hints or {}
    vocab = vocabulary(text)
    first_page = int(hints["first_page"]) if "first_page" in hints else None
    split = split_pages(text, hints.get("not_page_starts", []))
    if "\f" in text:  # pdftotext's or pdf2txt.py's pages: their running headers and folios were read as text
        split, numbers = running_lines(split, first_page)
    else:
        numbers = list(range(first_page or 1, (first_page or 1) + len(split)))
    pages, dropped = [], []
    for n, p in zip(numbers, split):
        kept, furniture = page_furniture(classify(tidy_blocks(raw_blocks(p), vocab)))
        pages.append(classify(kept))  # kinds again: a block's neighbours may have gone
        dropped += [{"kind": kind, "page": n, "text": t} for kind, t in furniture]
    labels = recurring_labels(pages)
    drafts: list[Draft] = []
    for n, blocks in zip(numbers, pages):
        for i, seg in enumerate(segment_page(blocks, labels)):
            paras, lead = paragraphs(seg.blocks, vocab), paragraphs(seg.lead, vocab)
            if not paras and not lead:
                continue
            page_run_on = i == 0 and drafts and not is_terminated(drafts[-1].paras[-1][0]) \
                and not (drafts[-1].page is None and n is not None)  # an unnumbered cover's lines end there
            if drafts and not seg.headline and (seg.cont or page_run_on):
                d = _continued(drafts) if seg.cont else drafts[-1]
                d.paras += paras
                d.pages += [n] * len(paras)
                continue
            d = Draft(headline=seg.headline, page=n)
            d.paras = lead + paras
            d.pages = [n] * len(d.paras)
            drafts.append(d)
    for d in drafts:
        _merge_open(d, vocab)
        _drop_pull_quotes(d)
        _name_untitled(d, labels)
    _mark_adverts(drafts)
    return finish_articles(drafts, issue_id), dropped


def _name_untitled(d: Draft, labels: set[str]) -> None:
    """An untitled piece signed by the editor is the editorial; a box takes its printed label."""
    if d.headline:
        return
    if any(_EDITOR.match(p) for p, _ in d.paras):
        d.headline = "Editorial"
        return
    first = d.paras[0][0]
    label = next((lb for lb in labels if first.startswith(lb + " ")), "")
    d.headline = label


def _mark_adverts(drafts: list[Draft]) -> None:
    """Pieces on the last two pages after the last signed-off article ("//") are adverts."""
    signed = [i for i, d in enumerate(drafts) if any(p.rstrip().endswith("//") for p, _ in d.paras)]
    if not signed:
        return
    last_page = max((d.page or 0) for d in drafts)
    for d in drafts[signed[-1] + 1 :]:
        if (d.page or 0) >= last_page - 1:
            d.section, d.page, d.pages = "advert", None, [None] * len(d.paras)


def _drop_pull_quotes(d: Draft) -> None:
    """Drop "// ... //" pull quotes that repeat the article's own words."""
    rest = set(tokens(" ".join(p for p, _ in d.paras if not p.startswith("//"))))

    def repeats(p: str) -> bool:
        words = tokens(p)
        return p.startswith("//") and sum(w in rest for w in words) >= 0.85 * len(words)

    keep = [(p, s, pg) for (p, s), pg in zip(d.paras, d.pages) if not repeats(p)]
    d.paras, d.pages = [(p, s) for p, s, _ in keep], [pg for _, _, pg in keep]


def _merge_open(d: Draft, vocab: Counter) -> None:
    """Join paragraphs split by column breaks: an open sentence followed by a lower-case start. A list's items join its
    open lead-in and each other (one paragraph, kind "list"); only a lower-case continuation runs on into a list or a
    table row, and a row joins nothing before it."""
    paras, pages = [], []
    for (p, s), pg in zip(d.paras, d.pages or [d.page] * len(d.paras)):
        if paras:
            prev, kind = paras[-1]
            end = paragraph_end(prev)  # not prev whole: a paragraph grown by many pieces took minutes
            open_end, words = not is_terminated(end), end.split()
            if s == "item" and (kind == "list" or kind == "body" and open_end):  # "... etc.)" ends an item, not a list
                paras[-1] = (join_on(prev, p, vocab), "list")
                continue
            # A long sentence left open runs on across a column break even into a capital ("Ian" / "Dury").
            runs_on = kind == "body" and (len(words) >= 10 or (words and words[-1].lower() in OPEN_WORDS))
            if s == "body" and open_end and (starts_lower(p) or prev.endswith("-") or runs_on):
                paras[-1] = (join_on(prev, p, vocab), kind)
                continue
        paras.append((p, "list" if s == "item" else s))
        pages.append(pg)
    d.paras, d.pages = paras, pages
