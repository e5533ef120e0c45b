"""A PDF's page tree, walked with pdfminer before pdfplumber reads the pages: a file of far more pages than an issue,
or a page whose size or turn cannot be read (which pdfplumber fails on with a bare TypeError or IndexError), is
refused here with what is wrong and where."""

from __future__ import annotations

import itertools
from numbers import Number
from pathlib import Path

from rag.corpus.pdf_log import reader_log
from rag.corpus.pdf_streams import pages_said
from rag.errors import InputError

MAX_PAGES = 1000  # ten times the longest issue: more is a book, a year's issues bound together, or a damaged file
_BOXES = ("MediaBox", "CropBox", "TrimBox", "BleedBox", "ArtBox")


def check_page_tree(path: Path, max_pages: int = MAX_PAGES) -> None:
    """Refuse a PDF of more than max_pages pages (RAG_MAX_PDF_PAGES) before any is read: 100,000 near-empty pages (16 MB, under the size
    limit, each under the text limit) were read whole, pdfplumber listing them for 86 s and 440 MB before the first
    (tester 33's open item); counted here as pdfminer walks the page tree, stopping past the limit (5 s). A page
    without a size (no /MediaBox, itself or inherited) or with a box or /Rotate that is no number was "damaged or
    truncated (TypeError)" (tester 34's open item): it is named, with what it lacks."""
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser

    class Checked(PDFPage):  # pdfminer's own page fails (a TypeError) on a size that is no list of numbers
        def __init__(self, doc, pageid, attrs, label) -> None:
            self.fault = page_fault(attrs)
            if not self.fault:
                super().__init__(doc, pageid, attrs, label)

    faults: dict[str, list[int]] = {}
    with reader_log(), path.open("rb") as f:  # what it logs of the page tree is said when pdfplumber walks it again
        document = PDFDocument(PDFParser(f))
        for what, parts in (("document information (/Info: title, author, dates)", document.info),
                            ("page labels (/PageLabels)", [document.catalog.get("PageLabels")])):
            if _unfolds_past(parts, _MAX_INFO):  # the labels are read as the first page is: 22 deep took minutes
                raise InputError(f"{path}: its {what} name their own parts over and over, more than {_MAX_INFO:,} of "
                                 "them (a real PDF's: a dozen or so), so it was not read: the file is damaged or is no "
                                 "magazine issue: export or download the PDF again")
        pages = Checked.create_pages(document)
        for n, page in enumerate(itertools.islice(pages, max_pages + 1), start=1):
            if n > max_pages:
                raise InputError(f"{path} has more than {max_pages:,} PDF pages (RAG_MAX_PDF_PAGES={max_pages}), so "
                                 "it was not read: a magazine issue has some 20-100 (this may be a year's issues bound "
                                 "together, or a damaged export): give each issue a folder with its own pages (qpdf "
                                 "--empty --pages IN.pdf 1-100 -- OUT.pdf), export or download the PDF again, or "
                                 f"raise the limit, e.g. RAG_MAX_PDF_PAGES={2 * max_pages} rag ingest ...")
            if page.fault:
                faults.setdefault(page.fault, []).append(n)
    if faults:
        said = "; ".join(f"PDF page{'s' if len(where) > 1 else ''} {pages_said(where)} {fault}"
                         for fault, where in faults.items())
        raise InputError(f"{path} cannot be read: {said}: the PDF reader needs each page's size and boxes as "
                         "four numbers (a viewer may still show the page, guessing), so the file was written by a "
                         "faulty tool or is damaged: export or download the PDF again")


# What the document information and the page labels may unfold to, each part counted where it is named: pdfplumber
# reads the information whole as it opens a file, resolving every reference where it stands, so lists each naming the
# next twice (a 1.5 KB PDF) took over 2 minutes and 3.5 GB 26 deep and never finished 40 deep; pdfminer reads the
# labels' tree so as it lists the pages, 22 deep in over a minute (tester 35).
_MAX_INFO = 100_000
_DEEPEST = 900  # pdfplumber stops at Python's recursion limit (1,000 calls deep), and reads on


def _unfolds_past(info: list, budget: int) -> bool:
    """Whether these objects unfold past budget parts, read as pdfplumber and pdfminer read them: each reference
    resolved where it stands (a part named twice is read twice), no deeper than _DEEPEST."""
    todo = [(x, 0) for x in info]
    while todo:
        obj, depth = todo.pop()
        budget -= 1
        if budget < 0:
            return True
        try:
            obj = obj.resolve() if hasattr(obj, "resolve") else obj
        except Exception:  # an object not found, or damaged: pdfplumber says it and reads on
            continue
        if depth < _DEEPEST and isinstance(obj, (list, dict)):
            todo += [(x, depth + 1) for x in (obj.values() if isinstance(obj, dict) else obj)]
    return False


def page_fault(attrs: dict) -> str:
    """What is wrong with a page's size, boxes or turn, as pdfplumber would fail on it ("" when nothing is).
    Example: {"MediaBox": [0, 0, 612]} -> "has a /MediaBox of 3 numbers, not 4 ([0, 0, 612])"."""
    from pdfminer.pdftypes import resolve1  # one level, as pdfminer reads a box: resolve_all (pdfplumber's, and
    # this check's at first) unfolds a box whose parts name one list twice, over and over, exponentially (tester 35)

    for name in _BOXES:
        if name not in attrs and name != "MediaBox":
            continue
        box = resolve1(attrs.get(name))
        box = [resolve1(x) for x in box] if isinstance(box, list) else box
        if box is None and name == "MediaBox":
            return "gives no size (no /MediaBox, its own or its parent's)"
        if not isinstance(box, (list, tuple)) or not all(_number(x) for x in box):
            return f"has a /{name} that is not four numbers ({_shown(box)})"
        if len(box) != 4:
            return f"has a /{name} of {len(box)} numbers, not 4 ({_shown(box)})"
    rotate = resolve1(attrs.get("Rotate", 0))
    if not _number(rotate):
        return f"has a /Rotate that is no number ({_shown(rotate)})"
    return ""


def _number(x: object) -> bool:
    return isinstance(x, Number) and not isinstance(x, bool)


def _shown(value: object) -> str:
    """A box or turn as written, inner lists and dictionaries not unfolded (they may name each other over and over)."""
    def part(x: object) -> str:
        return "[...]" if isinstance(x, (list, tuple)) else "<<...>>" if isinstance(x, dict) else repr(x)

    if isinstance(value, (list, tuple)):
        text = f"[{', '.join(part(x) for x in value[:8])}{', ...' if len(value) > 8 else ''}]"
    else:
        text = part(value)
    return text if len(text) <= 60 else text[:57] + "..."
