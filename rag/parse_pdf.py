"""PDF issues: positioned words (pdfplumber) -> columns -> lines -> articles.

Only read_pdf_words touches the file; everything after it is pure.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from statistics import median

from rag.cleaning import is_terminated, join_lines, starts_lower, vocabulary
from rag.errors import InputError
from rag.layout import Draft, finish_articles
from rag.types import Article

_FURNITURE = re.compile(r"^(\d{1,3}|healthcare manager\b.*|.*\|\s*issue \d+.*|issue \d+ \|.*)$", re.I)


@dataclass(frozen=True)
class Word:
    text: str
    x0: float
    x1: float
    top: float
    size: float


@dataclass(frozen=True)
class Line:
    text: str
    top: float
    size: float
    page: int


def read_pdf_words(path: Path) -> list[tuple[int, float, list[Word]]]:
    """(page number, page width, words) per page; clear InputErrors for unreadable PDFs."""
    import pdfplumber  # heavy-ish and only needed for PDF issues
    from pdfminer.pdfdocument import PDFPasswordIncorrect

    data = path.read_bytes()
    if not data.strip():
        raise InputError(f"{path} is empty: copy the full PDF again")
    if not data.startswith(b"%PDF"):
        raise InputError(f"{path} is not a PDF (no %PDF header): check the file, or give it a .txt/.md name")
    pages = []
    try:
        with pdfplumber.open(path) as pdf:
            for n, page in enumerate(pdf.pages, start=1):
                raw = page.extract_words(extra_attrs=["size"], use_text_flow=False)
                words = [Word(w["text"], w["x0"], w["x1"], w["top"], w["size"]) for w in raw]
                pages.append((n, float(page.width), words))
    except PDFPasswordIncorrect as e:
        raise InputError(f"{path} is encrypted: ask the publisher for an unprotected copy, or decrypt it (qpdf --decrypt)") from e
    except Exception as e:  # pdfminer raises many kinds of syntax errors on damaged files; pdfplumber wraps them
        cause = e.args[0] if e.args and isinstance(e.args[0], Exception) else e  # PdfminerException(PDFPasswordIncorrect())
        if isinstance(cause, PDFPasswordIncorrect) or "password" in str(cause).lower() or "encrypt" in type(cause).__name__.lower():
            raise InputError(f"{path} is encrypted: ask for an unprotected copy, or decrypt it (qpdf --decrypt)") from e
        raise InputError(f"{path} is damaged or truncated ({type(e).__name__}): download or export the PDF again") from e
    if not any(words for _, _, words in pages):
        raise InputError(f"{path} has no extractable text (a scan?): run OCR first, e.g. ocrmypdf, then ingest again")
    return pages


def column_split(words: list[Word], width: float) -> float | None:
    """x of the gutter when the page has two columns: a wide empty band near the middle."""
    if len(words) < 8:
        return None
    lo, hi = width * 0.3, width * 0.7
    step = 2.0
    xs = [lo + i * step for i in range(int((hi - lo) / step))]
    free = [x for x in xs if not any(w.x0 - 1 < x < w.x1 + 1 for w in words)]
    if not free:
        return None
    runs, start = [], free[0]
    for a, b in zip(free, free[1:] + [None]):
        if b is None or b - a > step + 0.01:
            runs.append((start, a))
            start = b
    s, e = max(runs, key=lambda r: r[1] - r[0])
    left = sum(1 for w in words if w.x1 <= s)
    right = sum(1 for w in words if w.x0 >= e)
    return (s + e) / 2 if e - s >= 8 and left >= 4 and right >= 4 else None


def _rows(words: list[Word]) -> list[list[Word]]:
    rows: list[list[Word]] = []
    for w in sorted(words, key=lambda w: (w.top, w.x0)):
        if rows and abs(rows[-1][0].top - w.top) <= max(2.0, w.size * 0.3):
            rows[-1].append(w)
        else:
            rows.append([w])
    return [sorted(r, key=lambda w: w.x0) for r in rows]


def _line(row: list[Word], page: int) -> Line:
    return Line(" ".join(w.text for w in row), row[0].top, max(w.size for w in row), page)


def page_lines(page: int, width: float, words: list[Word]) -> list[Line]:
    """Words of one page -> lines in reading order: full-width rows, then each band column by column."""
    if not words:
        return []
    body_size = median(w.size for w in words)
    gutter = column_split([w for w in words if w.size <= body_size * 1.1], width)
    if gutter is None:
        return [_line(r, page) for r in _rows(words)]
    lines: list[Line] = []
    band: list[Word] = []

    def flush() -> None:
        left = [w for w in band if w.x1 <= gutter]
        right = [w for w in band if w.x1 > gutter]
        lines.extend(_line(r, page) for r in _rows(left) + _rows(right))
        band.clear()

    for row in _rows(words):
        if any(w.x0 < gutter < w.x1 for w in row):  # a headline or rule across both columns
            flush()
            lines.append(_line(row, page))
        else:
            band.extend(row)
    flush()
    return lines


def lines_to_articles(lines: list[Line], issue_id: str) -> list[Article]:
    """Lines -> articles: bigger type starts an article, vertical gaps start paragraphs."""
    repeats = Counter(ln.text.lower() for ln in lines)
    pages_seen = len({ln.page for ln in lines})
    body = [ln for ln in lines if not _FURNITURE.match(ln.text.strip()) and not (pages_seen > 2 and repeats[ln.text.lower()] >= pages_seen - 1)]
    if not body:
        return []
    body_size = median(ln.size for ln in body)
    vocab = vocabulary("\n".join(ln.text for ln in body))
    drafts: list[Draft] = []
    para: list[Line] = []
    head: list[Line] = []

    def flush_para() -> None:
        if para:
            if not drafts:
                drafts.append(Draft(headline="", page=para[0].page))
            d = drafts[-1]
            text = join_lines([p.text for p in para], vocab)
            if d.paras and not is_terminated(d.paras[-1][0]) and (starts_lower(text) or d.paras[-1][0].endswith("-")):
                d.paras[-1] = (join_lines([d.paras[-1][0], text], vocab), "body")  # paragraph runs on into the next column
            else:
                d.paras.append((text, "body"))
                d.pages.append(para[0].page)
            para.clear()

    prev: Line | None = None
    for ln in body:
        if ln.size >= body_size * 1.25:
            flush_para()
            if head and prev is not None and prev.size >= body_size * 1.25 and ln.page == prev.page:
                head.append(ln)
            else:
                head = [ln]
                drafts.append(Draft(headline="", page=ln.page))
            drafts[-1].headline = " ".join(h.text for h in head)
        else:
            head = []
            gap = prev is not None and prev.size < body_size * 1.25 and (ln.page != prev.page or ln.top - prev.top > ln.size * 1.9 or ln.top < prev.top)
            if gap:
                flush_para()
            para.append(ln)
        prev = ln
    flush_para()
    return finish_articles(drafts, issue_id)


def parse_pdf(path: Path, issue_id: str) -> list[Article]:
    """A PDF issue -> articles with real page numbers."""
    lines = [ln for n, width, words in read_pdf_words(path) for ln in page_lines(n, width, words)]
    articles = lines_to_articles(lines, issue_id)
    if not articles:
        raise InputError(f"{path} has no article text after removing page furniture: check the PDF")
    return articles
