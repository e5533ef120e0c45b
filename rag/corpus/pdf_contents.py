"""A PDF issue's contents page: the page that lists the headlines printed on other pages.

It was read as an article of its own, headed by a cover line ("Issue 68 · Summer 2026"), its passages the headlines and
page numbers run together ("Editorial HEADS UP 2 Overseas staff face dismissal ... 3 3 4 New UK health secretary ..."),
so a search for any article's words could find the contents instead (a tester's find). Pure: lines in, lines out.
"""

from __future__ import annotations

import re

from rag.corpus.pdf_words import Line
from rag.textnorm import normalize

MIN_LISTED = 4  # headlines of other pages a page must list: a cover names two or three, a teaser line one
REACH = 60.0  # pt: a line this near the contents list, in its width, is part of it (its title, a teaser)
_SLACK = 5.0  # pt


def _words(text: str) -> list[str]:
    return [w for w in re.findall(r"\w+", normalize(text)) if not w.isdigit()]


def _names(line: list[str], headline: list[str]) -> bool:
    """Whether a line of the page gives a headline (shortened, or with its page number): nearly all its words are the
    headline's and it holds most of them."""
    if len(line) < 2 or not headline:
        return False
    held = set(headline)
    inside = sum(w in held for w in line)
    return inside >= 0.8 * len(line) and len(set(line) & held) >= 0.5 * len(held)


def contents_lines(lines: list[Line], headlines: list[tuple[int, str]]) -> tuple[list[Line], list[Line]]:
    """(the lines kept, the lines of a contents list): on a page where MIN_LISTED or more lines each name a different
    headline printed on another page, the lines within the area those lines cover, grown up by each line of their
    width within REACH of it (the list's title, one-word entries) and down by the last entry's own lines (its teaser),
    and lone page numbers anywhere on it.
    The page's other lines (an editorial beside the contents) are kept: dropped with the page, it was lost.

    Example: page 2's left column "Contents", "Editorial 2", "Overseas staff face dismissal ... 3", ... -> its lines
    are the second list.
    """
    heads = [(page, _words(text)) for page, text in headlines]
    pages: dict[int, list[tuple[Line, list[str]]]] = {}
    for ln in lines:
        pages.setdefault(ln.page, []).append((ln, _words(ln.text)))
    out: list[Line] = []
    for page, rows in pages.items():
        naming, named = [], set()
        for ln, words in rows:
            hit = {i for i, (p, h) in enumerate(heads) if p != page and _names(words, h)}
            naming += [ln] if hit else []
            named |= hit
        if len(named) < MIN_LISTED:
            continue
        x0, x1 = min(ln.x0 for ln in naming) - _SLACK, max(ln.x1 for ln in naming) + _SLACK
        band = [ln for ln, _ in rows if x0 <= ln.x0 and ln.x1 <= x1]
        top, bottom = min(ln.top for ln in naming), max(ln.bottom for ln in naming)
        grown = True
        while grown:  # the list's title and one-word entries ("Editorial") above
            near = [ln for ln in band if top - REACH <= ln.bottom and ln.top <= bottom]
            grown = min(ln.top for ln in near) < top
            top = min(top, *(ln.top for ln in near))
        # below, only the last entry's own lines (its teaser): within one entry's height of its top, in no larger type,
        # not the lines after it (an editorial set under the list, within REACH, was dropped with it line by line)
        last, size = max(ln.top for ln in naming), max(ln.size for ln in naming)
        for ln in sorted((ln for ln in band if last < ln.top < last + min(REACH, _pitch(naming)) - _SLACK),
                         key=lambda ln: ln.top):
            if ln.size > size + 0.5:
                break  # a headline: what follows is no part of the list
            bottom = max(bottom, ln.bottom)
        out += [ln for ln, words in rows if not words and ln.text.strip()
                or (x0 <= ln.x0 and ln.x1 <= x1 and top <= ln.top and ln.bottom <= bottom)]
    gone = {id(ln) for ln in out}
    return [ln for ln in lines if id(ln) not in gone], out


def _pitch(naming: list[Line]) -> float:
    """The distance from one entry of the list to the next (the median between the lines naming headlines)."""
    tops = sorted(ln.top for ln in naming)
    steps = sorted(b - a for a, b in zip(tops, tops[1:]) if b - a > _SLACK)
    return steps[len(steps) // 2] if steps else REACH


def by_page(lines: list[Line]) -> dict[int, str]:
    """The text of lines, page by page in page order (what --report lists as left out)."""
    out: dict[int, list[str]] = {}
    for ln in sorted(lines, key=lambda ln: ln.page):
        out.setdefault(ln.page, []).append(ln.text)
    return {page: " ".join(texts) for page, texts in out.items()}
