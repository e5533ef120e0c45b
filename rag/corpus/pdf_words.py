"""Positioned words of a PDF page and the lines they form: the values the PDF modules share."""

from __future__ import annotations

import re
from dataclasses import dataclass

# What pdfminer writes for a glyph whose font maps it to no character (no ToUnicode map, Identity-H encoding)
_GLYPH_NUMBER = re.compile(r"\(cid:\d+\)")


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
    garbled: bool = False  # its compressed text failed its checksum (rag/corpus/pdf_streams.py)
    unmapped: bool = False  # its text was glyph numbers, left out (glyph_numbered)
    said: tuple[str, ...] = ()  # what the PDF reader warned of while reading it (rag/corpus/pdf_log.py)
    scattered: int | None = None  # its text read letter by letter (letter_by_letter), left out: its /Rotate


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
            near = abs(ref.top - w.top) <= 0.35 * min(ref.size, w.size) and abs(ref.bottom - w.bottom) <= 0.5 * max(ref.size, w.size)
            if similar and near:
                row.append(w)
                break
        else:
            out.append([w])
    return [sorted(r, key=lambda w: w.x0) for r in out]


def fragments(row: list[Word], gap: float, body: float = float("inf")) -> list[list[Word]]:
    """A row cut where the space between two words is wider than gap times their size; for large
    type, gap times the body size or 0.45 of its own size, whichever is more (a gutter between
    two columns of headline type is no wider than elsewhere, a word space in it is)."""
    out = [[row[0]]]
    for a, b in zip(row, row[1:]):
        size = min(a.size, b.size)
        if b.x0 - a.x1 > gap * min(size, max(body, 0.45 * size)):
            out.append([b])
        else:
            out[-1].append(b)
    return out


SPACE = 0.18  # em: a gap this wide between two characters is a space (a font's space is 0.22-0.33 em; kerning ~0)


def words_from_chars(chars: list[Word], tolerance: float = 3.0) -> list[Word]:
    """Characters -> words as pdfplumber's extract_words makes them (use_text_flow=False, split on
    font and size too): lines by top within tolerance, then left to right, cut at spaces and gaps.

    A gap is a space when wider than tolerance or SPACE em of the type, whichever is less: a PDF that draws its words
    with no space character between them (positions only) set in 9 pt had its spaces (2.5-2.9 pt) under pdfplumber's
    3 pt, so its words ran together ("MiPchiefexecutiveJonRestellsaid": a tester's find). pdfminer itself reads a
    gap over 0.1 em as a space."""
    out: list[Word] = []
    cluster: list[Word] = []
    for c in sorted(chars, key=lambda c: c.top) + [None]:
        if c is not None and (not cluster or c.top - cluster[-1].top <= tolerance):
            cluster.append(c)
            continue
        cur: list[Word] = []
        line = sorted(cluster, key=lambda ch: ch.x0)
        tracking = _tracking(line, tolerance)
        for ch in line + [None]:
            split = ch is None or ch.text.isspace() or (cur and (
                ch.x0 - cur[-1].x1 > tracking.get(id(ch), 0.0) + min(tolerance, SPACE * ch.size)
                or ch.font != cur[-1].font or ch.size != cur[-1].size))
            if split and cur:
                out.append(Word("".join(x.text for x in cur), cur[0].x0, max(x.x1 for x in cur),
                                min(x.top for x in cur), max(x.bottom for x in cur), cur[0].size, cur[0].font))
                cur = []
            if ch is not None and not ch.text.isspace():
                cur.append(ch)
        cluster = [c] if c is not None else []
    return out


def _tracking(line: list[Word], tolerance: float) -> dict[int, float]:
    """Letter-spaced type (a label or headline tracked 0.25 em and more): id(char) -> the tracking of its run, the
    median gap between its letters, when that gap would read as a space. A word space there is a gap wider than the
    tracking by a space; each letter was read as a word ("S p e c i a l r e p o r t"). A run is the line's
    characters of one font and size without a gap of two ems (a gutter); other runs get none, but for a short word
    (_short_tracked)."""
    out: dict[int, float] = {}
    run: list[Word] = []  # letters, space characters left out
    gaps: list[float] = []  # between letters with no space character between them
    spaced = False
    for ch in line + [None]:
        if ch is not None and ch.text.isspace():
            spaced = True
            continue
        if ch is not None and run and ch.font == run[-1].font and ch.size == run[-1].size and ch.x0 - run[-1].x1 < 2 * ch.size:
            gaps += [] if spaced else [ch.x0 - run[-1].x1]
            run.append(ch)
        else:
            gaps.sort()
            if len(gaps) >= 3 and gaps[len(gaps) // 2] > min(tolerance, SPACE * run[0].size):
                out.update((id(c), gaps[len(gaps) // 2]) for c in run)
            elif _short_tracked(run, gaps, min(tolerance, SPACE * run[0].size) if run else 0.0):
                out.update((id(c), gaps[-1]) for c in run)
            run, gaps = ([ch] if ch is not None else []), []
        spaced = False
    return out


def _short_tracked(run: list[Word], gaps: list[float], space: float) -> bool:
    """A run too short for a median (two or three letters: "PAY", "AI" tracked as a label) is one tracked word when it
    holds no space character, every gap is over a word space but under an em, and its gaps are alike; it was read
    letter by letter ("P A Y")."""
    return (2 <= len(run) <= 3 and len(gaps) == len(run) - 1 and all(c.text.isalpha() for c in run)
            and gaps[0] > space and gaps[-1] < run[0].size and gaps[-1] <= 1.25 * gaps[0])


def glyph_numbered(words) -> bool:
    """True when most of a page's characters are glyph numbers ("(cid:43)(cid:72)"): fonts without a Unicode map, so
    its text cannot be read; a tester's PDF so was published as passages of "(cid:43)(cid:72)(cid:79)..."."""
    text = "".join(w.text for w in words)
    numbers = len(_GLYPH_NUMBER.findall(text))
    return numbers > 0 and numbers > len(_GLYPH_NUMBER.sub("", text))


def letter_by_letter(words) -> bool:
    """True when most of a page's words (20 or more) are single letters: its text was read across its lines, as on a
    page drawn upright but marked to be shown turned (/Rotate 90); a tester's one-page issue so became 13 articles of
    "c s a sss m M and ...". The magazine test PDFs' pages have at most 10% single letters, that page 78%."""
    texts = [w.text.strip(".,;:!?'\"()\u2018\u2019\u201c\u201d") for w in words]
    return len(texts) >= 20 and sum(len(t) == 1 and t.isalpha() for t in texts) > 0.5 * len(texts)
