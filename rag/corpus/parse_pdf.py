"""PDF issues: positioned words with their fonts (pdfplumber) -> regions -> columns -> roles -> articles.

Only read_pdf_pages touches the file; everything after it is pure: rag/corpus/pdf_words.py (words, lines),
rag/corpus/pdf_columns.py (gutters), rag/corpus/pdf_regions.py (regions, reading order, drop caps) and
rag/corpus/pdf_roles.py (furniture, folios, headlines, standfirsts, pull quotes, captions, drafts).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Callable

from rag.corpus.cleaning import spell_ligatures, vocabulary
from rag.corpus.layout import finish_articles
from rag.corpus.pdf_boxes import boxed_words, boxes_and_cuts, page_frames
from rag.corpus.pdf_contents import by_page, contents_lines
from rag.corpus.pdf_log import reader_log
from rag.corpus.pdf_regions import line_pitch, page_lines
from rag.corpus.pdf_roles import blocks, build_drafts, classify, furniture, indent_style
from rag.corpus.pdf_spreads import spread_halves
from rag.corpus.pdf_streams import GARBLED, LOST, damaged_text, pages_said
from rag.corpus.pdf_words import Page, Rect, Word, body_size, glyph_numbered, letter_by_letter, words_from_chars
from rag.errors import InputError
from rag.types import Article


def read_pdf_pages(path: Path, check_chars: Callable[[int], None] | None = None) -> list[Page]:
    """Words (with font and size) and rectangles per page; clear InputErrors for unreadable PDFs. check_chars gets
    the characters read so far after each page and may refuse them (an InputError): a 300 KB PDF whose pages share
    one compressed stream holds megabytes of text, and took minutes and gigabytes before its size was checked."""
    import pdfplumber  # heavy-ish and only needed for PDF issues
    from pdfminer.pdfdocument import PDFPasswordIncorrect

    data = path.read_bytes()
    if not data.strip():
        raise InputError(f"{path} is empty: copy the full PDF again")
    if not data.startswith(b"%PDF"):
        raise InputError(f"{path} is not a PDF (no %PDF header): check the file, or give it a .txt/.md name")
    pages, chars, lost = [], 0, []
    try:
        with reader_log() as log, pdfplumber.open(path) as pdf:
            for n, page in enumerate(pdf.pages, start=1):
                log.page = n
                damage = damaged_text(page.page_obj)  # before pdfminer decodes (and hides) it
                lost += [n] if damage == LOST else []
                if check_chars and _may_be_huge(page.page_obj):
                    _count_chars(page.page_obj, chars, check_chars)  # refuses a page over the limit before its layout
                words, rects = _content(page.layout)
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
    if not any(p.words for p in pages):
        raise InputError(f"{path} has no extractable text (a scan?): run OCR first, e.g. ocrmypdf, then ingest again")
    return pages


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


def _count_chars(page_obj, chars: int, check_chars: Callable[[int], None]) -> None:
    """Count the characters a page shows, without laying them out; check_chars refuses them within 4096 of the
    limit (the page's layout is checked whole after)."""
    from pdfminer.pdfdevice import PDFTextDevice
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager

    class Counter(PDFTextDevice):
        shown = 0

        def render_char(self, *args) -> float:
            self.shown += 1
            if self.shown % 4096 == 0:
                check_chars(chars + self.shown)
            return 1.0

    manager = PDFResourceManager()
    counter = Counter(manager)
    PDFPageInterpreter(manager, counter).process_page(page_obj)


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


@dataclass(frozen=True)
class Dropped:
    kind: str  # "advert"
    page: int | None  # printed page
    text: str


@dataclass(frozen=True)
class PdfParse:
    articles: list[Article]
    dropped: list[Dropped]  # adverts left out of the archive
    textless: tuple[int, ...] = ()  # PDF pages (from 1) without a character of text: pictures, or scans needing OCR
    garbled: tuple[int, ...] = ()  # PDF pages whose compressed text failed its checksum: some of it may be wrong
    unmapped: str = ""  # what is said of pages whose text was glyph numbers (left out), if any
    said: tuple[tuple[int, str], ...] = ()  # (PDF page, message): what the PDF reader warned of (rag/corpus/pdf_log.py)
    scattered: str = ""  # what is said of pages whose text read letter by letter (left out), if any
    empty: str = ""  # when no article was found: where the words went, and what to do (no_articles)


def _main_font(words: list[Word]) -> str:
    """The font most of the words' characters are set in."""
    by: dict[str, int] = {}
    for w in words:
        by[w.font] = by.get(w.font, 0) + len(w.text)
    return max(by, key=by.get) if by else ""


def _editorial(words: list[Word], body: float, body_font: str, head_font: str) -> bool:
    """A box in the issue's own type (mostly its body face and size, titled in its headline face) is a
    sidebar; any other box is an advert."""
    chars = sum(len(w.text) for w in words) or 1
    in_body = sum(len(w.text) for w in words if w.font == body_font and abs(w.size - body) < 0.6) / chars
    biggest = max(w.size for w in words)
    title = [w for w in words if w.size == biggest and w.size >= 1.15 * body]
    return in_body >= 0.5 and bool(title) and _main_font(title) == head_font


def layout_parse(pages: list[Page], issue_id: str) -> PdfParse:
    """Pages -> articles in reading order; boxed sidebars become articles of their own, other boxed
    text (adverts) is left out and listed."""
    read, pages = pages, spread_halves(pages)  # said of the PDF's pages; laid out as the magazine's
    flow: dict[int, list[Word]] = {}
    boxed: list[tuple[int, list[Word]]] = []
    cuts: dict[int, list[Rect]] = {}
    frames = page_frames(pages)
    for p in pages:
        boxes, cuts[p.index] = boxes_and_cuts(p, frames)
        flow[p.index], held = boxed_words(p, boxes)
        boxed += [(p.index, words) for _, words in held]
    if not any(flow.values()):  # every word in a box: there is no body type to tell a sidebar by
        dropped = [Dropped("advert", None, _text(ws)) for _, ws in boxed]
        return PdfParse([], dropped, empty=no_articles(pages, boxed, 0))
    body = body_size([w for ws in flow.values() for w in ws])
    body_font = _main_font([w for ws in flow.values() for w in ws if abs(w.size - body) < 0.6])
    furn = furniture(pages, flow, body)
    for p in pages:
        flow[p.index] = [w for w in flow[p.index] if w not in furn.words]
    vocab = vocabulary("\n".join(w.text for ws in flow.values() for w in ws))
    lines = [ln for p in pages for ln in page_lines(p, flow[p.index], body, cuts[p.index], vocab)]
    pitch = line_pitch([ln for ln in lines if abs(ln.size - body) < 0.5])
    indents = indent_style(lines, body)

    def drafts_of(lines: list) -> tuple[list, list]:
        bs = blocks(lines)
        classify(bs, body)
        return build_drafts(bs, furn.folios, furn.sections, pitch, indents, vocab), bs

    drafts, bs = drafts_of(lines)
    kept, listed = contents_lines(lines, [(b.lines[0].page, b.text) for b in bs if b.kind == "headline"])
    if listed:  # a contents page was read as an article of headlines and page numbers
        drafts, bs = drafts_of(kept)
    head_font = _main_font([w for b in bs if b.kind == "headline" for ln in b.lines for w in ln.words])
    dropped = [Dropped("contents", furn.folios.get(i), text) for i, text in by_page(listed).items()]
    adverts = []
    for i, ws in boxed:
        if _editorial(ws, body, body_font, head_font):
            side = drafts_of(page_lines(pages[i - 1], ws, body, [], vocab))[0]
            page = furn.folios.get(i) or 0
            at = max((k + 1 for k, d in enumerate(drafts) if d.page is not None and d.page <= page), default=len(drafts))
            drafts[at:at] = side  # after the article it sits in
        else:
            dropped.append(Dropped("advert", furn.folios.get(i), _text(ws)))
            adverts.append((i, ws))
    articles = finish_articles(drafts, issue_id)
    return PdfParse(articles, dropped,
                    tuple(p.index for p in read if not p.words and not p.unmapped and p.scattered is None),
                    tuple(p.index for p in read if p.garbled), unmapped_text(read),
                    tuple((p.index, msg) for p in read for msg in p.said), scattered_text(read),
                    "" if articles else no_articles(pages, adverts, len(furn.words)))


def _text(words: list[Word]) -> str:
    return " ".join(w.text for w in sorted(words, key=lambda w: (w.top, w.x0)))


def no_articles(pages: list[Page], adverts: list[tuple[int, list[Word]]], furniture: int) -> str:
    """Pure: where the words of a PDF that gave no article went, and what to do. It was "has no article text after
    removing page furniture: check the PDF", which said neither (a tester's page of small boxes held every word)."""
    total = sum(len(p.words) for p in pages)
    boxed = sum(len(ws) for _, ws in adverts)
    where = pages_said(sorted({i for i, _ in adverts}))
    parts = [f"{boxed} are inside outlined boxes not set in the issue's body type, which are read as adverts and left "
             f"out ({len(adverts)} box{'es' if len(adverts) > 1 else ''} on PDF page{'s' if ',' in where or '-' in where else ''} "
             f"{where})"] if boxed else []
    parts += [f"{furniture} are running headers, footers or page numbers"] if furniture else []
    rest = total - boxed - furniture
    parts += [f"{rest} are headlines, captions or pull quotes with no body text"] if rest > 0 else []
    if boxed >= 0.5 * total:
        fix = ("if those boxes hold the issue's articles (a page design drawn with boxes), give the archive the issue's "
               "text instead: extract it (pdftotext IN.pdf OUT.txt) or ask for the text or markdown, point source at "
               "that file in issue.toml and ingest again")
    else:
        fix = ("check that the file is the issue itself, not a cover or an advert sheet; if it is, extract its text "
               "(pdftotext IN.pdf OUT.txt), point source at that file in issue.toml and ingest again")
    return f"of its {total} words, {'; '.join(parts)}: {fix}"


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


def parse_pdf_layout(path: Path, issue_id: str, check_chars: Callable[[int], None] | None = None) -> PdfParse:
    """A PDF issue -> articles with printed page numbers, and what was left out (check_chars: see read_pdf_pages)."""
    result = layout_parse(read_pdf_pages(path, check_chars), issue_id)
    if not result.articles:
        raise InputError(f"{path} has no article text: {result.empty}")
    return result


def parse_pdf(path: Path, issue_id: str, check_chars: Callable[[int], None] | None = None) -> list[Article]:
    """A PDF issue -> articles with printed page numbers (adverts left out)."""
    return parse_pdf_layout(path, issue_id, check_chars).articles


def left_out(path: Path, issue_id: str) -> list[dict]:
    """What a PDF issue's parse leaves out of the archive (adverts), for the parse report."""
    return [asdict(d) for d in parse_pdf_layout(path, issue_id).dropped]
