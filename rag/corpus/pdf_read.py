"""A PDF file -> its pages' positioned words (with fonts) and rectangles: the only part of the PDF parser that reads
the file (pdfplumber, pdfminer). Unreadable files are refused with what to do (damaged, encrypted, empty, no text,
text in unmapped glyphs or read letter by letter); rag/corpus/parse_pdf.py lays the pages out.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from rag.corpus.cleaning import spell_ligatures
from rag.corpus.file_kind import not_a_pdf
from rag.corpus.pdf_log import reader_log
from rag.corpus.pdf_streams import (
    GARBLED,
    INFLATED,
    LOST,
    MAX_OBJECT_STREAMS,
    MAX_PAGE_CONTENT,
    MAX_PDF_CONTENT,
    content_bytes,
    damaged_text,
    font_fault,
    objects_inflate_past,
    pages_said,
)
from rag.corpus.pdf_tree import MAX_PAGES, check_page_tree
from rag.corpus.pdf_words import Page, Rect, Word, glyph_numbered, letter_by_letter, words_from_chars
from rag.errors import InputError


def read_pdf_pages(path: Path, check_chars: Callable[[int], None] | None = None,
                   max_pages: int = MAX_PAGES) -> list[Page]:
    """Words (with font and size) and rectangles per page; clear InputErrors for unreadable PDFs. check_chars gets
    the characters read so far after each page and may refuse them (an InputError): a 300 KB PDF whose pages share
    one compressed stream holds megabytes of text, and took minutes and gigabytes before its size was checked."""
    import pdfplumber  # heavy-ish and only needed for PDF issues
    from pdfminer.pdfdocument import PDFPasswordIncorrect

    data = path.read_bytes()
    if not data.strip():
        raise InputError(f"{path} is empty: copy the full PDF again")
    if not data.startswith(b"%PDF"):
        raise InputError(not_a_pdf(path, data))
    if objects_inflate_past(data):
        raise InputError(f"{path}: the objects stored compressed in it inflate to over {MAX_OBJECT_STREAMS >> 20} MB "
                         "(a magazine issue's come to a few MB), so it was not read: the file is damaged or is no "
                         "magazine issue (a decompression bomb?): export or download the PDF again")
    pages, chars, lost, blank, content = [], 0, [], 0, 0
    seen: set[int] = set()  # forms, font files and fonts checked on an earlier page
    fonts_seen: set[int] = set()
    try:
        check_page_tree(path, max_pages)  # before pdfplumber, whose close() lists every page (and fails on no size)
        with reader_log() as log, pdfplumber.open(path) as pdf:
            for n, page in enumerate(pdf.pages, start=1):
                log.page = n
                if check_chars:
                    check_chars = _naming_page(check_chars, n, len(pdf.pages))
                damage = damaged_text(page.page_obj, seen)  # before pdfminer decodes (and hides) it
                lost += [n] if damage == LOST else []
                if fault := font_fault(page.page_obj, fonts_seen):  # before pdfminer unfolds it
                    raise InputError(f"{path}: PDF page {n} {fault}, so it was not read: the file is damaged or is no "
                                     "magazine issue: export or download the PDF again")
                if damage == INFLATED:
                    raise InputError(f"{path}: PDF page {n}'s content inflates to over {MAX_PAGE_CONTENT >> 20} MB (a "
                                     "magazine page's is under 1 MB), so it was not read: the file is damaged or is "
                                     "no magazine issue (a decompression bomb?): export or download the PDF again")
                if check_chars and _may_be_huge(page.page_obj):  # refuses a page over a limit before its layout
                    _count_chars(page.page_obj, chars, check_chars, f"{path}: PDF page {n}")
                words, rects = _content(page.layout)
                content += content_bytes(page.page_obj)
                if content > MAX_PDF_CONTENT:
                    raise InputError(f"{path}: the content of its first {n} PDF pages inflates to over "
                                     f"{MAX_PDF_CONTENT >> 20} MB (a magazine issue's comes to under 50 MB), so it was "
                                     "not read further: the file is damaged or is no magazine issue (pages repeating "
                                     "one huge stream?): export or download the PDF again")
                blank += not words and not _draws(page.layout)
                page.close()  # its layout objects, cached, held about 4 KB per character read (1 GB for 250 pages)
                unmapped = glyph_numbered(words)
                scattered = int(page.rotation or 0) if not unmapped and letter_by_letter(words) else None
                said = tuple(f"{'opening the file: ' if k == 0 else ''}{msg}" for k, msg in log.said if k in (0, n))
                log.said.clear()
                pages.append(Page(n, float(page.width), float(page.height), () if unmapped or scattered is not None
                                  else words, rects, damage == GARBLED, unmapped, said, scattered))
                chars += sum(len(w.text) for w in words)
                if check_chars:
                    check_chars(chars)
                    if n == _SAMPLE_PAGES and len(pdf.pages) >= _MANY_PAGES:
                        _judged_by_sample(check_chars, chars, n, len(pdf.pages))
    except InputError:
        raise
    except PDFPasswordIncorrect as e:
        raise InputError(f"{path} is encrypted: ask the publisher for an unprotected copy, or decrypt it (qpdf --decrypt)") from e
    except Exception as e:  # pdfminer raises many kinds of syntax errors on damaged files; pdfplumber wraps them
        cause = e.args[0] if e.args and isinstance(e.args[0], Exception) else e  # PdfminerException(PDFPasswordIncorrect())
        if isinstance(cause, PDFPasswordIncorrect) or "password" in str(cause).lower() or "encrypt" in type(cause).__name__.lower():
            raise InputError(f"{path} is encrypted: ask for an unprotected copy, or decrypt it (qpdf --decrypt)") from e
        raise InputError(f"{path} is damaged or truncated ({type(e).__name__}): download or export the PDF again") from e
    if lost:  # its text was read as nothing: called a page without text, sent to OCR (a tester's find)
        raise InputError(f"{path} is damaged: the text of PDF page{'s' if len(lost) > 1 else ''} {pages_said(lost)} "
                         "is compressed data that cannot be read (a broken download or export; OCR will not help): "
                         "download or export the PDF again")
    if not pages:  # was "no extractable text (a scan?)", sending the maintainer to OCR an empty document
        raise InputError(f"{path} has no pages: the export or download went wrong; export or download the PDF again")
    if not any(p.words for p in pages) and any(p.unmapped for p in pages):
        raise InputError(f"{path}: {unmapped_text(pages)}")
    if not any(p.words for p in pages) and any(p.scattered is not None for p in pages):
        raise InputError(f"{path}: {scattered_text(pages)}")
    if not any(p.words for p in pages) and blank == len(pages):  # was "(a scan?): run OCR", which finds nothing
        raise InputError(f"{path}: its {len(pages)} PDF page{'s hold' if len(pages) > 1 else ' holds'} neither text "
                         "nor pictures (blank: the export, print to PDF or download went wrong; OCR will not help): "
                         "export or download the PDF again")
    if not any(p.words for p in pages):
        raise InputError(f"{path} has no extractable text (a scan?): run OCR first, e.g. ocrmypdf, then ingest again")
    return pages


def _naming_page(check_chars: Callable[[int], None], n: int, pages: int) -> Callable[[int], None]:
    """check_chars, its refusal naming the page it stopped at and the PDF's length: a 2,000-page PDF was refused
    after 40 s by the text limit alone, nothing saying how far it had read or that it was no one issue's length."""
    inner = getattr(check_chars, "inner", check_chars)

    def check(chars: int) -> None:
        try:
            inner(chars)
        except InputError as e:
            raise InputError(f"{e} (reading stopped at PDF page {n:,} of {pages:,}; a magazine issue has some 20-100 "
                             "pages)") from None

    check.inner = inner
    return check


_MANY_PAGES, _SAMPLE_PAGES = 200, 50  # a magazine issue has some 20-100 pages


def _judged_by_sample(check_chars: Callable[[int], None], chars: int, n: int, pages: int) -> None:
    """A PDF of hundreds of pages whose first n, at their rate, put the whole well over the text limit (half the
    projection over it) is refused now: a 2,000-page PDF was read for 32-40 s until the limit was reached."""
    projected = chars * pages // n
    try:
        getattr(check_chars, "inner", check_chars)(projected // 2)
    except InputError as e:
        raise InputError(f"{e} (judged by its first {n} of {pages:,} PDF pages, which hold {chars:,} characters: about "
                         f"{projected:,} in all at that rate; a magazine issue has some 20-100 pages)") from None


_COUNT_FIRST_BYTES = 128 * 1024  # a magazine page's content streams are 5-50 KB: a larger page is counted first


def _may_be_huge(page_obj) -> bool:
    """True when a page may show far more text than a magazine page: its content streams are large (each character
    shown takes at least one byte of them), or it draws a form (a form drawn many times shows its text each time).
    One page's layout was built whole before the limit was checked: a 1.1 MB PDF of one page took 90 s and 2.6 GB
    to be refused."""
    from pdfminer.pdftypes import PDFStream, resolve1

    forms = resolve1((page_obj.resources or {}).get("XObject")) or {}
    if any(getattr(resolve1(x.get("Subtype")), "name", None) == "Form"
           for x in map(resolve1, forms.values() if isinstance(forms, dict) else ()) if isinstance(x, PDFStream)):
        return True
    return sum(len(resolve1(s).get_data()) for s in page_obj.contents) > _COUNT_FIRST_BYTES  # pdfminer keeps them


# What one page may draw: a magazine page draws some tens of forms (logos, adverts) and some thousands of shapes.
MAX_FORMS_DRAWN, MAX_SHAPES = 10_000, 500_000


def _count_chars(page_obj, chars: int, check_chars: Callable[[int], None], where: str = "a PDF page") -> None:
    """Count the characters a page shows, without laying them out; check_chars refuses them within 4096 of the
    limit (the page's layout is checked whole after). Forms and shapes drawn are counted too: a 3 KB PDF whose forms
    each draw the next twice, 16 deep, took 10 s to lay out, 18 deep 42 s, 30 deep would have taken two days (tester
    34), holding the build lock; nothing drawn was text, so no text limit was reached."""
    from pdfminer.pdfdevice import PDFTextDevice
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager

    def too_many(what: str, limit: int) -> InputError:
        return InputError(f"{where} draws more than {limit:,} {what} (a magazine page draws some thousands at most), "
                          "so it was not read: the file is damaged or is no magazine issue (forms drawn inside one "
                          "another?): export or download the PDF again")

    class Counter(PDFTextDevice):
        shown = forms = shapes = 0

        def render_char(self, *args) -> float:
            self.shown += 1
            if self.shown % 4096 == 0:
                check_chars(chars + self.shown)
            return 1.0

        def begin_figure(self, *args) -> None:  # a form drawn (each time it is drawn)
            self.forms += 1
            if self.forms > MAX_FORMS_DRAWN:
                raise too_many("forms", MAX_FORMS_DRAWN)

        def paint_path(self, *args) -> None:
            self.shapes += 1
            if self.shapes > MAX_SHAPES:
                raise too_many("shapes", MAX_SHAPES)

        def render_image(self, *args) -> None:
            self.paint_path()

    manager = PDFResourceManager()
    counter = Counter(manager)
    PDFPageInterpreter(manager, counter).process_page(page_obj)


def _draws(layout) -> bool:
    """Whether a page shows anything but text: a picture, or lines and shapes (text turned into outlines is drawn)."""
    from pdfminer.layout import LTContainer, LTCurve, LTImage

    stack = list(layout)
    while stack:
        obj = stack.pop()
        if isinstance(obj, (LTCurve, LTImage)):
            return True
        if isinstance(obj, LTContainer):
            stack.extend(obj)
    return False


def _content(layout) -> tuple[tuple[Word, ...], tuple[Rect, ...]]:
    """Characters (as words) and rectangles of pdfminer's raw page: the same words pdfplumber's
    extract_words gives, at about half the time (its per-character dicts are the slow part)."""
    from pdfminer.layout import LTChar, LTContainer, LTLine, LTRect

    chars: list[Word] = []
    rects: list[Rect] = []
    top = layout.y1
    stack = list(layout)
    while stack:
        obj = stack.pop()
        if isinstance(obj, LTChar):
            chars.append(Word(spell_ligatures(obj.get_text()), obj.x0 - layout.x0, obj.x1 - layout.x0, top - obj.y1,
                              top - obj.y0, obj.size, obj.fontname))  # "ﬁ" read as "fi"
        elif isinstance(obj, (LTRect, LTLine)):  # boxes, pictures and rules
            rects.append(Rect(obj.x0 - layout.x0, top - obj.y1, obj.x1 - layout.x0, top - obj.y0, bool(obj.stroke)))
        elif isinstance(obj, LTContainer):
            stack.extend(obj)
    return tuple(words_from_chars(chars)), tuple(rects)


def unmapped_text(pages: list[Page]) -> str:
    """Pure: what to say of the pages whose text was glyph numbers ("" when none was)."""
    said = [p.index for p in pages if p.unmapped]
    if not said:
        return ""
    return (f"the text of PDF page{'s' if len(said) > 1 else ''} {pages_said(said)} is set in fonts that map no "
            "glyph to a character, so it reads as glyph numbers ('(cid:43)(cid:72)...'), not words, and was left "
            "out: export the PDF again with its fonts' Unicode maps (from the layout program, not a print-to-PDF "
            "driver), or run OCR (ocrmypdf --force-ocr IN.pdf OUT.pdf) and point source at the result")


def scattered_text(pages: list[Page]) -> str:
    """Pure: what to say of the pages whose text read letter by letter ("" when none did)."""
    said = [p for p in pages if p.scattered is not None]
    if not said:
        return ""
    where = pages_said([p.index for p in said])
    marked = sorted({p.scattered for p in said if p.scattered})
    why = (f"(marked to be shown turned, /Rotate {', '.join(map(str, marked))}: " if marked else "(") + \
        "its lines are read across)"
    fix = (f"open it: if the page shows sideways, set it upright and save it (qpdf --rotate=0:{where.replace(' ', '')} "
           "IN.pdf OUT.pdf), point source at the result and ingest again" if marked else
           "check the page in a PDF viewer; if its text runs sideways, export it upright")
    return (f"the text of PDF page{'s' if len(said) > 1 else ''} {where} reads letter by letter {why}, so it was "
            f"left out: {fix}")
