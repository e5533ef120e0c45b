"""Pure page geometry for PDF issues: words -> regions -> columns -> lines in reading order.

A page is cut into horizontal regions at full-width elements (wide text, wide boxes, wide
pictures); each region finds its own columns from the gaps in the x-projection of its
body-size words; a line that crosses a gutter is itself full-width and cuts the region again.
"""

from __future__ import annotations

from collections import Counter
from statistics import median

from rag.corpus.cleaning import joins_without_space
from rag.corpus.pdf_columns import band_columns, mid
from rag.corpus.pdf_words import Line, Page, Rect, Word, fragments, rows

WIDE = 0.62  # share of the text width above which a line or box spans columns


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


def display_groups(frags: list[list[Word]], body: float) -> list[list[list[Word]]]:
    """Lines of display type that belong together: same font and size, same left edge, one under another."""
    groups: list[list[list[Word]]] = []
    for f in sorted((f for f in frags if f[0].size >= 1.15 * body), key=lambda f: f[0].top):
        for g in reversed(groups):
            last = g[-1][0]
            if last.font == f[0].font and abs(last.size - f[0].size) < 0.1 and abs(last.x0 - f[0].x0) < 0.25 * f[0].size \
                    and 0 < f[0].top - last.top < 1.6 * f[0].size:
                g.append(f)
                break
        else:
            groups.append([f])
    return groups


def _alone(frags: list[list[Word]], groups: list[list[list[Word]]], rects: list[Rect]) -> set[int]:
    """Display type with nothing beside any of its lines (a short headline over columns) cuts the
    page like a wide line; a pull quote has body text beside it on some line."""

    def beside(f: list[Word]) -> bool:
        return any(g is not f and g[0].top < f[0].bottom and g[0].bottom > f[0].top for g in frags) \
            or any(r.top < f[0].bottom and r.bottom > f[0].top for r in rects)

    return {id(f) for grp in groups if not any(beside(f) for f in grp) for f in grp}


def page_lines(page: Page, words: list[Word], body: float, blocks: list[Rect], vocab: Counter | None = None) -> list[Line]:
    """A page's flow words -> lines in reading order (regions top down, columns left to right).

    blocks are the page's boxes and pictures: wide ones cut the page into regions like full-width text;
    vocab (the issue's word counts) decides whether a drop cap "A" or "I" is a word of its own.
    """
    if not words:
        return []
    left = min(w.x0 for w in words)
    width = max(w.x1 for w in words) - left
    frags = [f for r in rows(words) for f in fragments(r, 1.0, body)]
    groups = display_groups(frags, body)
    together = {id(f): g for g in groups for f in g}  # a headline spans as a whole or not at all
    spanning = _spanning(frags, width) | _alone(frags, groups, blocks)
    spanning |= {id(f) for g in groups if any(id(x) in spanning for x in g) for f in g}
    runs: dict[int, list] = {}  # a spanning headline is one cut, however many lines it has
    for f in frags:
        if id(f) in spanning:
            run = together.get(id(f), [f])
            runs.setdefault(id(run[0]), run)
    wide = sorted(
        [(run[0][0].top, "frags", run) for run in runs.values()]
        + [(b.top, "block", b) for b in blocks if b.x1 - b.x0 > WIDE * width],
        key=lambda t: t[0],
    )
    narrow = [f for f in frags if id(f) not in spanning]
    parts: list[tuple[str, list]] = []
    lo = float("-inf")
    for top, kind, item in wide + [(float("inf"), "end", None)]:
        band = [f for f in narrow if lo <= mid(f) < top]
        if band:
            parts.extend(band_columns(band, body, blocks, together))
        if kind == "frags":
            parts.extend(("span", f) for f in item)
        lo = top
    lines: list[Line] = []
    for region, (kind, content) in enumerate(parts):
        if kind == "span":
            lines.append(Line(tuple(content), page.index, region, 0, 1, content[0].x0, True))
            continue
        for c, col in enumerate(content):
            x0 = min(w.x0 for w in col)
            for r in drop_caps(rows(col), body, vocab or Counter()):
                lines.append(Line(tuple(r), page.index, region, c, len(content), x0, False))
    return _merge_spans(lines)


def drop_caps(rs: list[list[Word]], body: float, vocab: Counter) -> list[list[Word]]:
    """A drop cap (one large letter beside a paragraph's first lines) joins the first line beside it:
    glued to its word, except "A" and "I" when the issue's words say they stand alone."""
    out = list(rs)
    for r in rs:
        cap = r[0]
        if len(r) != 1 or cap.size < 1.8 * body or len(cap.text) != 1 or not cap.text.isalpha():
            continue
        beside = [x for x in out if x is not r and x[0].x0 >= cap.x1 - 1 and x[0].top < cap.bottom and x[0].bottom > cap.top]
        if not beside:
            continue
        first = min(beside, key=lambda x: x[0].top)
        w = first[0]
        if cap.text.upper() not in ("A", "I") or joins_without_space(cap.text, w.text, vocab):
            new = [Word(cap.text + w.text, cap.x0, w.x1, w.top, w.bottom, w.size, w.font), *first[1:]]
        else:
            new = [Word(cap.text, cap.x0, cap.x1, w.top, w.bottom, w.size, w.font), *first]
        out[next(i for i, x in enumerate(out) if x is first)] = new
        out = [x for x in out if x is not r]
    return out


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
