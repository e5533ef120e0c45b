"""A PDF's text as pdftotext or pdfminer's pdf2txt.py write it (a form feed between pages): its running headers,
section labels and page numbers, which the raw-text parser (tuned on a text without them) read as headlines and text.

A tester's third issue, extracted so, was published as 40 articles for 15, eleven headed "Healthcare Manager · Summer
2026" (the running header) and three "Heads up" or "Analysis & opinion" (the section label beside it), each page one
ahead of its printed number (the unnumbered cover). Pure: pages of lines in, pages of lines and page numbers out.
"""

from __future__ import annotations

import re
from collections import Counter

EDGE = 3  # lines at each end of a page where headers, footers and folios sit
_FOLIO = re.compile(r"^\s*(\d{1,3})\s*$")
_END_NUMBER = re.compile(r"^\d{1,3}(?= )|(?<= )\d{1,3}$|^\d{1,3}$")  # a folio, alone or in a header's line
_LABEL = re.compile(r"^[A-Z][^.!?:;,]*$")  # "Heads up", "Analysis & opinion": no sentence, no clause


def _edges(lines: list[str]) -> list[int]:
    filled = [i for i, ln in enumerate(lines) if ln.strip()]
    return sorted(set(filled[:EDGE] + filled[-EDGE:]))


def _key(line: str) -> str:
    """A line as headers are compared: without a page number at either end ("12 Healthcare Manager", "... 13")."""
    return _END_NUMBER.sub("", " ".join(line.split()).casefold()).strip()


def running_lines(pages: list[list[str]], first_page: int | None = None) -> tuple[list[list[str]], list[int | None]]:
    """(pages without their running header, section labels and folios; each page's printed number).

    A running header: a line of 8 words or fewer at the edge of max(3, 30%) of the pages, a page number at either end
    of it aside (pdftotext writes a footer's folio in its line: "12 Healthcare Manager"). Only beside one: a section
    label (4 words or fewer, no sentence) at the edge of two or more pages, and a lone number at a page's first or last
    line. Page numbers: the folios (lone, else in the header's line) when two or more agree on their distance from the
    page's place in the file (pages before the first then have none: a cover), else first_page on (1 when not given),
    one a page.
    """
    at_edge = [{_key(pg[i]) for i in _edges(pg)} for pg in pages]
    counts = Counter(k for keys in at_edge for k in keys)
    need = max(3, 0.3 * len(pages))
    headers = {k for k, n in counts.items() if k and n >= need and len(k.split()) <= 8}
    start = 1 if first_page is None else first_page
    if not headers:
        return pages, list(range(start, start + len(pages)))
    labels = {k for k, n in counts.items() if k and n >= 2 and len(k.split()) <= 4}
    kept, folios = [], {}
    for pos, (pg, keys) in enumerate(zip(pages, at_edge)):
        # the header anywhere on the page: pdf2txt.py writes a page's text boxes in its own order, so on some pages
        # the header comes mid-page (a tester's page 5: read as a headline, the label above it as text)
        inside = {i for i, ln in enumerate(pg) if ln.strip() and _key(ln) in headers}
        edges = set(_edges(pg)) if keys & headers or inside else set()
        filled = sorted(edges)
        ends = {filled[0], filled[-1]} if filled else set()
        drop = inside | {i for i in edges if (_key(pg[i]) in labels and _LABEL.match(pg[i].strip()))
                         or (i in ends and _FOLIO.match(pg[i]))}
        folios.update({pos: int(_FOLIO.match(pg[i]).group(1)) for i in drop if _FOLIO.match(pg[i])})
        for i in sorted(drop):  # else a folio set in the header's own line
            end = _END_NUMBER.search(" ".join(pg[i].split()))
            if pos not in folios and end and _key(pg[i]) in headers:
                folios[pos] = int(end.group())
        kept.append([ln for i, ln in enumerate(pg) if i not in drop])
    offsets = Counter(f - pos for pos, f in folios.items())
    offset, agree = offsets.most_common(1)[0] if offsets else (0, 0)
    if first_page is not None or agree < 2:
        return kept, list(range(start, start + len(pages)))
    return kept, [pos + offset if pos + offset >= 1 else None for pos in range(len(pages))]
