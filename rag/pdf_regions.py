"""Pure page geometry for PDF issues: words -> regions -> columns -> lines in reading order.

A page is cut into horizontal regions at full-width elements (wide text, wide boxes, wide
pictures); each region finds its own columns from the gaps in the x-projection of its
body-size words; a line that crosses a gutter is itself full-width and cuts the region again.
"""

from __future__ import annotations

from dataclasses import dataclass
from statistics import median

WIDE = 0.62  # share of the text width above which a line or box spans columns
MIN_GUTTER = 0.8  # narrowest gutter, in body-size ems


@dataclass(frozen=True)
class Word:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    font: str = ""


@dataclass(frozen=True)
class Rect:
    x0: float
    top: float
    x1: float
    bottom: float
    stroke: bool  # an outlined box; filled-only rectangles are pictures or tints


@dataclass(frozen=True)
class Page:
    index: int  # 1-based position in the PDF
    width: float
    height: float
    words: tuple[Word, ...]
    rects: tuple[Rect, ...] = ()


@dataclass(frozen=True)
class Line:
    words: tuple[Word, ...]
    page: int  # PDF page index
    region: int  # order of its region on the page
    column: int  # 0-based column within the region
    columns: int  # columns in the region
    col_x0: float
    spans: bool  # full-width: crosses a gutter or wider than a column

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @property
    def x0(self) -> float:
        return min(w.x0 for w in self.words)

    @property
    def x1(self) -> float:
        return max(w.x1 for w in self.words)

    @property
    def top(self) -> float:
        return min(w.top for w in self.words)

    @property
    def bottom(self) -> float:
        return max(w.bottom for w in self.words)

    @property
    def size(self) -> float:
        """The size most of the line's characters are set in."""
        by: dict[float, int] = {}
        for w in self.words:
            by[round(w.size, 1)] = by.get(round(w.size, 1), 0) + len(w.text)
        return max(by, key=by.get)

    @property
    def bold(self) -> bool:
        return _share(self.words, is_bold) > 0.5

    @property
    def italic(self) -> bool:
        return _share(self.words, is_italic) > 0.5


def is_bold(font: str) -> bool:
    return any(k in font.lower() for k in ("bold", "black", "heavy", "semibold"))


def is_italic(font: str) -> bool:
    return any(k in font.lower() for k in ("italic", "oblique"))


def _share(words, test) -> float:
    chars = sum(len(w.text) for w in words) or 1
    return sum(len(w.text) for w in words if test(w.font)) / chars


def body_size(words: list[Word]) -> float:
    """The size most characters are set in: the body type."""
    by: dict[float, int] = {}
    for w in words:
        by[round(w.size * 2) / 2] = by.get(round(w.size * 2) / 2, 0) + len(w.text)
    return max(by, key=by.get) if by else 10.0


def rows(words: list[Word]) -> list[list[Word]]:
    """Words grouped into lines by vertical overlap, each sorted left to right."""
    out: list[list[Word]] = []
    for w in sorted(words, key=lambda w: (w.top, w.x0)):
        for row in reversed(out[-4:]):
            ref = row[0]
            similar = max(ref.size, w.size) <= 1.25 * min(ref.size, w.size)  # a pull quote beside body text is not its line
            if similar and abs(ref.top - w.top) <= 0.35 * min(ref.size, w.size) and abs(ref.bottom - w.bottom) <= 0.5 * max(ref.size, w.size):
                row.append(w)
                break
        else:
            out.append([w])
    return [sorted(r, key=lambda w: w.x0) for r in out]


def fragments(row: list[Word], gap: float) -> list[list[Word]]:
    """A row cut where the space between two words is wider than gap (times their size)."""
    out = [[row[0]]]
    for a, b in zip(row, row[1:]):
        if b.x0 - a.x1 > gap * min(a.size, b.size):
            out.append([b])
        else:
            out[-1].append(b)
    return out


def gutters(words: list[Word], body: float, loose: bool = False) -> list[tuple[float, float]]:
    """Empty vertical bands between columns: x-projection gaps with 3+ lines of text each side.

    loose lets a few lines cross a band (a short full-width line above columns), to find them.
    """
    if len(words) < 6:
        return []
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
        left = {round(w.top) for w in words if w.x1 <= g0 + 1}
        right = {round(w.top) for w in words if w.x0 >= g1 - 1}
        if len(left) >= 3 and len(right) >= 3:
            out.append((float(g0), float(g1)))
    return out


def _crosses(frag: list[Word], gaps: list[tuple[float, float]]) -> bool:
    x0, x1 = frag[0].x0, frag[-1].x1
    return any(x0 < g0 - 1 and x1 > g1 + 1 for g0, g1 in gaps)


def _columns(frags: list[list[Word]], body: float, depth: int = 0) -> list[tuple[str, list]]:
    """One band of fragments -> [("cols", [column word lists]) | ("span", [fragment])] top to bottom."""
    words = [w for f in frags for w in f]
    typical = [w for w in words if 0.87 * body <= w.size <= 1.15 * body]
    sample = typical if len(typical) >= 6 else words
    gaps = gutters(sample, body)
    loose = gutters(sample, body, loose=True)
    crossing = [f for f in frags if _crosses(f, gaps) or _crosses(f, loose)]
    if crossing and depth < 12:
        out: list[tuple[str, list]] = []
        cut = sorted(crossing, key=lambda f: f[0].top)
        rest = [f for f in frags if not any(f is c for c in cut)]
        lo = float("-inf")
        for c in cut + [None]:
            hi = c[0].top if c is not None else float("inf")
            part = [f for f in rest if lo <= _mid(f) < hi]
            if part:
                out.extend(_columns(part, body, depth + 1))
            if c is not None:
                out.append(("span", c))
                lo = hi
        return out
    edges = [g for g in gaps]
    cols: list[list[Word]] = [[] for _ in range(len(edges) + 1)]
    for w in words:
        cx = (w.x0 + w.x1) / 2
        cols[sum(1 for g0, _ in edges if cx > g0)].append(w)
    return [("cols", [c for c in cols if c])]


def _spanning(frags: list[list[Word]], width: float) -> set[int]:
    """Fragments wider than a column, plus the short last line of a full-width paragraph under one."""
    out = {id(f) for f in frags if f[-1].x1 - f[0].x0 > WIDE * width}
    prev = None
    for f in sorted(frags, key=lambda f: f[0].top):
        if prev is not None and id(prev) in out and id(f) not in out and abs(f[0].x0 - prev[0].x0) < 2 \
                and f[0].font == prev[0].font and abs(f[0].size - prev[0].size) < 0.1 and 0 < f[0].top - prev[0].top < 1.6 * f[0].size:
            out.add(id(f))
        prev = f
    return out


def _alone(frags: list[list[Word]], body: float, rects: list[Rect]) -> set[int]:
    """Display type with nothing beside any of its lines (a short headline over columns) cuts the
    page like a wide line; a pull quote has body text beside it on some line."""
    groups: list[list[list[Word]]] = []
    for f in sorted((f for f in frags if f[0].size >= 1.15 * body), key=lambda f: f[0].top):
        g = groups[-1][-1] if groups else None
        if g is not None and g[0].font == f[0].font and abs(g[0].size - f[0].size) < 0.1 \
                and abs(g[0].x0 - f[0].x0) < 2 and 0 < f[0].top - g[0].top < 1.6 * f[0].size:
            groups[-1].append(f)
        else:
            groups.append([f])

    def beside(f: list[Word]) -> bool:
        return any(g is not f and g[0].top < f[0].bottom and g[0].bottom > f[0].top for g in frags) \
            or any(r.top < f[0].bottom and r.bottom > f[0].top for r in rects)

    return {id(f) for grp in groups if not any(beside(f) for f in grp) for f in grp}


def _mid(frag: list[Word]) -> float:
    return (frag[0].top + frag[0].bottom) / 2


def page_lines(page: Page, words: list[Word], body: float, blocks: list[Rect]) -> list[Line]:
    """A page's flow words -> lines in reading order (regions top down, columns left to right).

    blocks are the page's boxes and pictures: wide ones cut the page into regions like full-width text.
    """
    if not words:
        return []
    left = min(w.x0 for w in words)
    width = max(w.x1 for w in words) - left
    frags = [f for r in rows(words) for f in fragments(r, 1.0)]
    spanning = _spanning(frags, width) | _alone(frags, body, blocks)
    wide = sorted(
        [(f[0].top, "frag", f) for f in frags if id(f) in spanning]
        + [(b.top, "block", b) for b in blocks if b.x1 - b.x0 > WIDE * width],
        key=lambda t: t[0],
    )
    narrow = [f for f in frags if id(f) not in spanning]
    parts: list[tuple[str, list]] = []
    lo = float("-inf")
    for top, kind, item in wide + [(float("inf"), "end", None)]:
        band = [f for f in narrow if lo <= _mid(f) < top]
        if band:
            parts.extend(_columns(band, body))
        if kind == "frag":
            parts.append(("span", item))
        lo = top
    lines: list[Line] = []
    for region, (kind, content) in enumerate(parts):
        if kind == "span":
            lines.append(Line(tuple(content), page.index, region, 0, 1, content[0].x0, True))
            continue
        for c, col in enumerate(content):
            x0 = min(w.x0 for w in col)
            for r in rows(col):
                lines.append(Line(tuple(r), page.index, region, c, len(content), x0, False))
    return _merge_spans(lines)


def _merge_spans(lines: list[Line]) -> list[Line]:
    """Consecutive full-width lines form one region, as a headline over two lines does."""
    out: list[Line] = []
    region = -1
    prev: Line | None = None
    for ln in lines:
        if prev is None or ln.region != prev.region and not (ln.spans and prev.spans):
            region += 1
        out.append(Line(ln.words, ln.page, region, ln.column, ln.columns, ln.col_x0, ln.spans))
        prev = ln
    return out


def line_pitch(lines: list[Line]) -> float:
    """Typical distance between consecutive lines of one column."""
    steps = [b.top - a.top for a, b in zip(lines, lines[1:])
             if (a.page, a.region, a.column) == (b.page, b.region, b.column) and 0 < b.top - a.top < 3 * a.size]
    return median(steps) if steps else 12.0
