"""Pure column finding for one horizontal band of a page: gutters from the x-projection of its
body-size words; a line crossing a gutter is full-width and cuts the band (recursively)."""

from __future__ import annotations

from rag.corpus.pdf_words import Rect, Word

MIN_GUTTER = 0.8  # narrowest gutter, in body-size ems
WHITE = 1.5  # empty strip across a band, in body sizes, between stories stacked in the same columns


def gutters(words: list[Word], body: float, loose: bool = False, sides: list[Word] | None = None) -> list[tuple[float, float]]:
    """Empty vertical bands between columns: x-projection gaps of words with lines of sides (all the
    band's words) each side, 3+ of them unless the band is only a few lines high.

    loose lets a few lines cross a band (a short full-width line above columns), to find them.
    """
    if len(words) < 6:
        return []
    sides = sides if sides is not None else words
    need = 1 if len({round(w.top) for w in sides}) <= 6 else 3
    lo, hi = int(min(w.x0 for w in words)), int(max(w.x1 for w in words)) + 2
    cover = [0] * (hi - lo + 1)
    for w in words:
        cover[int(w.x0) - lo] += 1
        cover[int(w.x1) + 1 - lo] -= 1
    tops = {round(w.top) for w in words}
    tolerance = len(tops) // 20 if loose else 0
    runs, start, count = [], None, 0
    for x in range(hi - lo):
        count += cover[x]
        if count <= tolerance and start is None:
            start = x
        elif count > tolerance and start is not None:
            runs.append((start + lo, x + lo))
            start = None
    out = []
    for g0, g1 in runs:
        if g1 - g0 < MIN_GUTTER * body or g0 <= lo + 1:
            continue
        left = {round(w.top) for w in sides if w.x1 <= g0 + 1}
        right = {round(w.top) for w in sides if w.x0 >= g1 - 1}
        if len(left) >= need and len(right) >= need:
            out.append((float(g0), float(g1)))
    return out


def _crosses(frag: list[Word], gaps: list[tuple[float, float]]) -> bool:
    x0, x1 = frag[0].x0, frag[-1].x1
    return any(x0 < g0 - 1 and x1 > g1 + 1 for g0, g1 in gaps)


def story_breaks(frags: list[list[Word]], body: float, rects: list[Rect]) -> list[float]:
    """y of white strips across the whole band where text ends in most columns above and the
    leftmost text below opens with display type: one story set under another in the same columns."""
    x0, x1 = min(f[0].x0 for f in frags), max(f[-1].x1 for f in frags)
    spans = sorted([(f[0].top, _bottom(f)) for f in frags] + [(r.top, r.bottom) for r in rects if r.x1 > x0 and r.x0 < x1])
    out, reach = [], spans[0][1]
    for top, bottom in spans[1:]:
        if top - reach >= WHITE * body:
            above = [f for f in frags if reach - 2.5 * body <= _bottom(f) <= reach]
            below = sorted((f for f in frags if top <= f[0].top <= top + 2.5 * body), key=lambda f: (f[0].x0, f[0].top))
            if _cover(above) >= 0.6 * (x1 - x0) and below and below[0][0].size >= 1.15 * body:
                out.append((reach + top) / 2)
        reach = max(reach, bottom)
    return out


def _bottom(frag: list[Word]) -> float:
    return max(w.bottom for w in frag)


def _cover(frags: list[list[Word]]) -> float:
    """Width covered by the fragments' x-extents together."""
    total, reach = 0.0, float("-inf")
    for a, b in sorted((f[0].x0, f[-1].x1) for f in frags):
        total += max(0.0, b - max(a, reach))
        reach = max(reach, b)
    return total


def band_columns(frags: list[list[Word]], body: float, rects: list[Rect] = (), together: dict | None = None,
                 depth: int = 0) -> list[tuple[str, list]]:
    """One band of fragments -> [("cols", [column word lists]) | ("span", [fragment])] top to bottom.

    together maps a fragment's id to the lines of its headline: when one crosses a gutter, all do.
    """
    together = together or {}
    breaks = story_breaks(frags, body, list(rects)) if depth < 12 else []
    if breaks:
        edges = [float("-inf"), *breaks, float("inf")]
        parts = [[f for f in frags if lo <= mid(f) < hi] for lo, hi in zip(edges, edges[1:])]
        return [x for part in parts if part for x in band_columns(part, body, rects, together, depth + 1)]
    words = [w for f in frags for w in f]
    typical = [w for w in words if 0.87 * body <= w.size <= 1.15 * body]
    sample = typical if len(typical) >= 6 else words
    gaps = gutters(sample, body, sides=words)
    loose = gutters(sample, body, loose=True, sides=words)
    crossing = [f for f in frags if _crosses(f, gaps) or _crosses(f, loose)]
    if crossing:
        ids = {id(x) for f in crossing for x in together.get(id(f), [f])}
        crossing = [f for f in frags if id(f) in ids]
    if crossing and depth < 12:
        out: list[tuple[str, list]] = []
        cut = sorted(crossing, key=lambda f: f[0].top)
        rest = [f for f in frags if not any(f is c for c in cut)]
        lo = float("-inf")
        for c in cut + [None]:
            hi = c[0].top if c is not None else float("inf")
            part = [f for f in rest if lo <= mid(f) < hi]
            if part:
                out.extend(band_columns(part, body, rects, together, depth + 1))
            if c is not None:
                out.append(("span", c))
                lo = hi
        return out
    edges = [g for g in gaps]
    cols: list[list[Word]] = [[] for _ in range(len(edges) + 1)]
    for f in frags:
        for w, cx in _centres(f, edges):
            cols[sum(1 for g0, _ in edges if cx > g0)].append(w)
    return [("cols", [c for c in cols if c])]


def _centres(frag: list[Word], gaps: list[tuple[float, float]]) -> list[tuple[Word, float]]:
    """Where each word of a line fragment is placed: by the fragment's centre when it reaches into a gutter from one
    side only (a footnote line in small type set a little wider than its column: its tail went to the next column,
    moving that column's edge, so each of its lines read as a paragraph); word by word when it holds words on both
    sides of a gutter."""
    both = any(any(w.x1 <= g0 + 1 for w in frag) and any(w.x0 >= g1 - 1 for w in frag) for g0, g1 in gaps)
    if both:
        return [(w, (w.x0 + w.x1) / 2) for w in frag]
    cx = (frag[0].x0 + frag[-1].x1) / 2
    return [(w, cx) for w in frag]


def mid(frag: list[Word]) -> float:
    return (frag[0].top + frag[0].bottom) / 2
