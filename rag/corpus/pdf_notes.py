"""Pure: a PDF page's footnotes, one text per note, each given to the article on its page that cites its mark ("...
the winter months.1"), else to the one whose columns it sits under, else to the article the reading reached there (the
page's last). They all went to that last one: a note under two stacked articles, or across a two-column page's foot,
went to the lower or right-hand article whatever cited it."""

from __future__ import annotations

import re
from collections import Counter
from typing import Sequence

from rag.corpus.cleaning import join_lines
from rag.corpus.layout import Draft
from rag.corpus.pdf_words import Line

# A note's mark: "1 ", "12. ", "¹", "*", "†", "[3]", or "Source:" / "Notes:" heading a page's notes
NOTE_MARK = re.compile(r"^(?:\d{1,2}[.)]?\s+\S|[\u00b9\u00b2\u00b3\u2070-\u2079]+\s*\S|[*\u2020\u2021]\s*\S"
                       r"|\[\d{1,2}\]\s*\S|(?:sources?|notes?|references?)\s*:)", re.I)
_MARK = re.compile(r"^(?:\[(\d{1,2})\]|(\d{1,2})[.)]?\s|([\u00b9\u00b2\u00b3\u2070-\u2079]+)|([*\u2020\u2021]))")
_SUPER = str.maketrans("0123456789", "\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078\u2079")
_PLAIN = str.maketrans("\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078\u2079", "0123456789")


def notes(lines: Sequence[Line], vocab: Counter) -> list[tuple[str, list[Line]]]:
    """A footnotes block -> each note's text and lines (a note wraps onto lines that open on no mark)."""
    out: list[list[Line]] = []
    for ln in lines:
        if not out or NOTE_MARK.match(ln.text):
            out.append([])
        out[-1].append(ln)
    return [(join_lines([ln.text for ln in n], vocab), n) for n in out]


def mark_of(note: str) -> str | None:
    """The note's mark as its reference in the text would read: "1" (of "1 ", "[1]", "¹"), "*", "†"; None for
    "Sources:"."""
    m = _MARK.match(note)
    if not m:
        return None
    return m.group(1) or m.group(2) or (m.group(3).translate(_PLAIN) if m.group(3) else m.group(4))


def _cites(mark: str, text: str) -> bool:
    """The text holds a reference to the mark: a number glued to a word or stop ("months.1", "award2"), bracketed or
    superscript; a symbol glued to a word."""
    if mark.isdigit():
        return bool(re.search(rf"(?:(?<=[a-z.,;:!?)\u2019\u201d'\"]){mark}|\[{mark}\]|{mark.translate(_SUPER)})(?!\d)",
                              text))
    return bool(re.search(rf"(?<=\S){re.escape(mark)}", text))


def _overlap(a: Sequence[Line], b: Sequence[Line]) -> float:
    return min(max(ln.x1 for ln in a), max(ln.x1 for ln in b)) - max(min(ln.x0 for ln in a), min(ln.x0 for ln in b))


def owner(note: str, lines: Sequence[Line], on_page: Sequence[tuple[Draft, list[Line]]], reached: Draft,
          marks: Sequence[str | None] = (), k: int = 0) -> Draft:
    """The article a note belongs to, of those with text on its page (each with its lines there); reached: the one
    the reading had reached at the note; marks: the marks of the page's notes in print order, this one the k-th."""
    if len(on_page) < 2:
        return reached
    mark = mark_of(note)
    if mark is not None:
        citing = [d for d, ls in on_page if _cites(mark, " ".join(ln.text for ln in ls))]
        if len(citing) == 1:
            return citing[0]
        if len(citing) > 1 and list(marks).count(mark) == len(citing):
            # each article numbering its own notes: the page's first note "1" is the first citing article's
            return citing[list(marks[:k]).count(mark)]
    widths = sorted(((_overlap(lines, ls), k) for k, (_, ls) in enumerate(on_page)), reverse=True)
    if widths[0][0] > 0 and widths[0][0] > 1.5 * max(widths[1][0], 0.0):  # under one article's columns alone
        return on_page[widths[0][1]][0]
    return reached
