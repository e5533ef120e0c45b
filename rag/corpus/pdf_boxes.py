"""Pure: which outlined rectangles of a PDF page are boxes (sidebars, adverts), frames or a grid's cells, and which
words each box holds.

A page may draw thousands of rectangles (a table, a puzzle, a background pattern): a tester's page of 12,000 had
each word matched against each rectangle one pair at a time, seconds of CPU holding the build lock, and every word
inside them read as an advert. Grids are found first (in bounded time), and words are matched to the boxes left
with numpy.
"""

from __future__ import annotations

from collections import Counter
from typing import Sequence

import numpy as np

from rag.corpus.pdf_words import Page, Rect, Word

MANY = 200  # outlined rectangles holding text on one page: a magazine page has a few boxes; more are a grid or pattern
_TOUCH = 1.0  # pt: cells of a table share their edges (each drawn as its own rectangle)


def place(r: Rect) -> tuple[int, int, int, int]:
    return round(r.x0 / 4), round(r.top / 4), round(r.x1 / 4), round(r.bottom / 4)  # the same place within ~2 pt


def page_frames(pages: Sequence[Page]) -> set[tuple[int, int, int, int]]:
    """Places of outlined rectangles over half a page that recur on 2+ pages and on 30%+ of them: a frame printed
    round the text area (on left and right pages, perhaps at two places), not a box. Read as a box, it held every word
    of its page, and the whole issue was left out as adverts ("no article text after removing page furniture")."""
    seen: Counter = Counter()
    for p in pages:
        seen.update({place(r) for r in p.rects if r.stroke and (r.x1 - r.x0) * (r.bottom - r.top) > 0.5 * p.width * p.height})
    return {at for at, n in seen.items() if n >= 2 and n >= 0.3 * len(pages)}


def boxes_and_cuts(page: Page, frames: set = frozenset()) -> tuple[list[Rect], list[Rect]]:
    """Outlined rectangles that may hold text (sidebars, adverts, or a grid's cells), and what cuts the page into
    regions when wide enough: those, pictures and horizontal rules (page_frames are neither)."""
    area = page.width * page.height
    real = [r for r in page.rects if r.x1 - r.x0 > 20 and r.bottom - r.top > 20 and (r.x1 - r.x0) * (r.bottom - r.top) < 0.9 * area
            and not (r.stroke and place(r) in frames)]
    rules = [r for r in page.rects if r.x1 - r.x0 > 20 and r.bottom - r.top <= 2]
    return [r for r in real if r.stroke], real + rules


def _array(rects: Sequence[Rect]) -> np.ndarray:
    return np.array([(r.x0, r.top, r.x1, r.bottom) for r in rects], dtype=float).reshape(-1, 4)


def _holders(words: Sequence[Word], boxes: np.ndarray) -> tuple[np.ndarray, set[int]]:
    """For each word, the index of the last box holding its centre (-1 for none); and every box holding a word."""
    last, holding = np.full(len(words), -1), np.zeros(len(boxes), dtype=bool)
    if not len(words) or not len(boxes):
        return last, set()
    centres = np.array([((w.x0 + w.x1) / 2, (w.top + w.bottom) / 2) for w in words])
    for at in range(0, len(words), 64):
        cx, cy = centres[at:at + 64, :1], centres[at:at + 64, 1:]
        held = (boxes[:, 0] <= cx) & (cx <= boxes[:, 2]) & (boxes[:, 1] <= cy) & (cy <= boxes[:, 3])
        last[at:at + 64] = np.where(held.any(axis=1), boxes.shape[0] - 1 - np.argmax(held[:, ::-1], axis=1), -1)
        holding |= held.any(axis=0)
    return last, set(np.flatnonzero(holding).tolist())


def _area(x: np.ndarray) -> np.ndarray:
    return (x[..., 2] - x[..., 0]) * (x[..., 3] - x[..., 1])


def _near(a: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """(rows, boxes): whether box `row` touches or crosses each box, neither holding the other; 64 rows at a time."""
    out = np.zeros((len(rows), len(a)), dtype=bool)
    for at in range(0, len(rows), 64):
        r = a[rows[at:at + 64]][:, None, :]
        b = a[None, :, :]
        meet = (b[..., 0] <= r[..., 2] + _TOUCH) & (r[..., 0] <= b[..., 2] + _TOUCH) \
            & (b[..., 1] <= r[..., 3] + _TOUCH) & (r[..., 1] <= b[..., 3] + _TOUCH)
        holds = (r[..., :2] - _TOUCH <= b[..., :2]).all(axis=-1) & (b[..., 2:] <= r[..., 2:] + _TOUCH).all(axis=-1)
        held = (b[..., :2] - _TOUCH <= r[..., :2]).all(axis=-1) & (r[..., 2:] <= b[..., 2:] + _TOUCH).all(axis=-1)
        out[at:at + 64] = meet & ~holds & ~held
    return out


def grid_cells(boxes: Sequence[Rect], holding: set[int]) -> set[int]:
    """Which of the boxes holding words (holding) are cells of a grid, not sidebars or adverts: a box touching or
    crossing two or more others (neither holding the other), or touching or crossing such a box: a table drawn cell by
    cell, a puzzle, a pattern of rectangles; and a box half filled or more by two or more such cells, the table's border (read as a
    box, the whole table was left out as an advert). When more than MANY boxes hold text, or the boxes they touch are more than
    4 x MANY, every one is a cell. Boxes are compared only with the boxes holding text and their neighbours, so a page
    of thousands of rectangles takes milliseconds."""
    if len(holding) > MANY:
        return set(holding)
    a, rows = _array(boxes), np.array(sorted(holding), dtype=int)
    touching = _near(a, rows)
    around = np.union1d(rows, np.flatnonzero(touching.any(axis=0)))
    if len(around) > 4 * MANY:
        return set(holding)
    hubs = around[_near(a, around).sum(axis=1) >= 2]
    cells = (touching.sum(axis=1) >= 2) | touching[:, hubs].any(axis=1)
    grid = np.union1d(rows[cells], hubs)
    r, g = a[rows][:, None, :], a[grid][None, :, :]  # a box filled by two or more cells is the grid's border
    inside = (r[..., :2] - _TOUCH <= g[..., :2]).all(axis=-1) & (g[..., 2:] <= r[..., 2:] + _TOUCH).all(axis=-1)
    border = (inside.sum(axis=1) >= 2) & ((inside * _area(g)).sum(axis=1) >= 0.5 * _area(r[:, 0, :]))
    return set(rows[cells | border].tolist())


def _touches(a: Rect, b: Rect) -> bool:
    return b.x0 <= a.x1 + _TOUCH and a.x0 <= b.x1 + _TOUCH and b.top <= a.bottom + _TOUCH and a.top <= b.bottom + _TOUCH


def stacked(boxes: list[Rect]) -> list[Rect]:
    """A sidebar drawn as two or three boxes of one width edge to edge (a title bar over its body, perhaps a footer
    bar), touching no other, the first the shortest and under half the tallest, as the one box it is. Read box by box,
    the title bar held a headline without body and the body no headline, and both were left out as adverts: a tester's
    two sidebars were lost from the archive. Pages of over 50 boxes are left as they are."""
    if len(boxes) > 50:
        return boxes
    below = {i: j for i, a in enumerate(boxes) for j, b in enumerate(boxes) if i != j and abs(a.x0 - b.x0) <= _TOUCH
             and abs(a.x1 - b.x1) <= _TOUCH and abs(a.bottom - b.top) <= _TOUCH}
    runs, used = {}, set()
    for i in range(len(boxes)):
        if i in below.values():
            continue
        run = [i]
        while run[-1] in below and len(run) <= 3:
            run.append(below[run[-1]])
        parts = [boxes[k] for k in run]
        heights = [r.bottom - r.top for r in parts]
        alone = not any(_touches(boxes[k], b) for k in run for j, b in enumerate(boxes) if j not in run)
        if 2 <= len(run) <= 3 and alone and heights[0] == min(heights) and heights[0] < 0.5 * max(heights):
            runs[i] = Rect(parts[0].x0, parts[0].top, max(r.x1 for r in parts), parts[-1].bottom, parts[0].stroke)
            used.update(run)
    return [runs.get(k, b) for k, b in enumerate(boxes) if k in runs or k not in used]


def boxed_words(page: Page, boxes: list[Rect]) -> tuple[list[Word], list[tuple[Rect, list[Word]]]]:
    """A page's words -> (the words in the flow, [(box, the words it holds)]) once a grid's cells are taken out of
    boxes (their words are read in the flow) and stacked boxes joined; a word in nested boxes goes to the last one
    drawn."""
    boxes = stacked(boxes)
    holder, holding = _holders(page.words, _array(boxes))
    cells = grid_cells(boxes, holding)
    if cells:
        boxes = [b for k, b in enumerate(boxes) if k not in cells]
        holder, _ = _holders(page.words, _array(boxes))
    held: dict[int, list[Word]] = {}
    for w, k in zip(page.words, holder.tolist()):
        held.setdefault(k, []).append(w)
    return held.pop(-1, []), [(boxes[k], held[k]) for k in sorted(held)]
