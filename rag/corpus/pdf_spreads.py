"""A PDF exported as spreads (two magazine pages side by side on each PDF page, the cover alone): each spread read as
the two pages it is.

Read whole, a spread's six columns ran two pages' articles into each other: a tester's issue so exported was published
as 21 articles for 15, headlines cut in two ("secretary stresses", "money"), "Editorial Whitehall nationality rules",
pages numbered by spread, without a word. Pure: pages in, pages out.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from rag.corpus.pdf_words import Page, Rect, rows

_SAME = 0.03  # relative difference in size that is the same paper


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= _SAME * max(a, b)


def is_spread(page: Page, sizes: set[tuple[float, float]], across_ok: bool = False) -> bool:
    """Twice as wide as another page size of the PDF and as tall (the cover exported alone); or, when every page is so
    wide, landscape at two portrait pages' proportions with words on both sides of its middle and none across it
    (across_ok: some may cross, as a headline set over both pages does, when the PDF's other spreads are clean)."""
    if any(_close(page.width, 2 * w) and _close(page.height, h) for w, h in sizes):
        return True
    middle = page.width / 2
    if not (1.3 <= page.width / page.height <= 1.6) or not page.words:
        return False
    across = any(w.x0 < middle - 1 < middle + 1 < w.x1 for w in page.words)
    return (across_ok or not across) and any(w.x1 <= middle for w in page.words) and any(w.x0 >= middle for w in page.words)


def _crossing(page: Page) -> set[int]:
    """id() of the words of the lines that run across a spread's middle (a headline over both pages): a word across
    it, or words either side of it less than an em apart."""
    middle = page.width / 2
    out: set[int] = set()
    for row in rows(list(page.words)):
        left = [w for w in row if (w.x0 + w.x1) / 2 < middle]
        right = [w for w in row if (w.x0 + w.x1) / 2 >= middle]
        if left and right and right[0].x0 - left[-1].x1 < max(w.size for w in row):
            out.update(id(w) for w in row)
    return out


def _half(page: Page, index: int, right: bool) -> Page:
    """One side of a spread as a page of its own: its words (by their centre) and rectangles (cut at the middle)."""
    middle = page.width / 2
    shift = middle if right else 0.0
    crossing = _crossing(page)  # goes whole to the left page, where it starts
    words = tuple(replace(w, x0=w.x0 - shift, x1=w.x1 - shift) for w in page.words
                  if ((w.x0 + w.x1) / 2 >= middle and id(w) not in crossing) == right)
    rects = tuple(Rect(max(r.x0, shift) - shift, r.top, min(r.x1, shift + middle) - shift, r.bottom, r.stroke)
                  for r in page.rects if (r.x1 > middle if right else r.x0 < middle))
    return Page(index, middle, page.height, words, rects, page.garbled, page.unmapped)


def spread_halves(pages: list[Page]) -> list[Page]:
    """Pages with each spread cut into its two pages, numbered again from 1 in order."""
    sizes = {(p.width, p.height) for p in pages}  # one or two sizes: a 3,000-page PDF is not compared pair by pair
    spreads = [is_spread(p, sizes) for p in pages]
    clean = Counter((round(p.width), round(p.height)) for p, s in zip(pages, spreads) if s)
    for i, p in enumerate(pages):  # a spread with a headline across its gutter, among clean spreads of its size
        if not spreads[i] and clean[(round(p.width), round(p.height))] >= max(2, 0.5 * len(pages)):
            spreads[i] = is_spread(p, sizes, across_ok=True)
    if not any(spreads):
        return pages
    out: list[Page] = []
    for p, spread in zip(pages, spreads):
        if spread:
            out += [_half(p, len(out) + 1, False), _half(p, len(out) + 2, True)]
        else:
            out.append(replace(p, index=len(out) + 1))
    return out
