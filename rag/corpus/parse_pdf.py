"""PDF issues: positioned words with their fonts (pdfplumber) -> regions -> columns -> roles -> articles.

Only rag/corpus/pdf_read.py touches the file (read_pdf_pages); everything after it is pure:
rag/corpus/pdf_words.py (words, lines), rag/corpus/pdf_columns.py (gutters), rag/corpus/pdf_regions.py (regions,
reading order, drop caps) and rag/corpus/pdf_roles.py (furniture, folios, headlines, standfirsts, pull quotes,
captions, drafts).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Callable

from rag.corpus.cleaning import vocabulary
from rag.corpus.layout import finish_articles
from rag.corpus.pdf_boxes import boxed_words, boxes_and_cuts, page_frames
from rag.corpus.pdf_contents import by_page, contents_lines
from rag.corpus.pdf_read import read_pdf_pages, scattered_text, unmapped_text  # noqa: F401  (tests import them here)
from rag.corpus.pdf_regions import line_pitch, page_lines
from rag.corpus.pdf_roles import blocks, build_drafts, classify, furniture, indent_style
from rag.corpus.pdf_spreads import spread_halves
from rag.corpus.pdf_streams import pages_said
from rag.corpus.pdf_tree import MAX_PAGES
from rag.corpus.pdf_words import Page, Word, body_size
from rag.errors import InputError
from rag.types import Article


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


def parse_pdf_layout(path: Path, issue_id: str, check_chars: Callable[[int], None] | None = None,
                     max_pages: int = MAX_PAGES) -> PdfParse:
    """A PDF issue -> articles with printed page numbers, and what was left out (check_chars, max_pages: see
    read_pdf_pages)."""
    result = layout_parse(read_pdf_pages(path, check_chars, max_pages), issue_id)
    if not result.articles:
        raise InputError(f"{path} has no article text: {result.empty}")
    return result


def parse_pdf(path: Path, issue_id: str, check_chars: Callable[[int], None] | None = None) -> list[Article]:
    """A PDF issue -> articles with printed page numbers (adverts left out)."""
    return parse_pdf_layout(path, issue_id, check_chars).articles


def left_out(path: Path, issue_id: str, max_pages: int = MAX_PAGES) -> list[dict]:
    """What a PDF issue's parse leaves out of the archive (adverts), for the parse report."""
    return [asdict(d) for d in parse_pdf_layout(path, issue_id, max_pages=max_pages).dropped]
