"""A PDF page's compressed content streams, checked before pdfminer reads them: pdfminer reads a stream that does not
decompress as nothing, and one failing only its checksum as what it could, so a damaged download lost a page's text
(or garbled part of it) with no word, or with a bare "Data-loss while decompressing corrupted data" line."""

from __future__ import annotations

import re
import zlib

LOST, GARBLED, INFLATED = "lost", "garbled", "inflated"
MAX_PAGE_CONTENT = 64 << 20  # bytes a page's content streams and forms may inflate to; a magazine page's: 5-500 KB


def damaged_text(page_obj, seen: set[int] | None = None) -> str:
    """LOST when a content stream of the page cannot be decompressed (the page's text is gone), GARBLED when one
    decompresses only up to its end, failing its checksum or cut short (some of its text may be wrong), INFLATED when
    its streams inflate past MAX_PAGE_CONTENT (a decompression bomb: 200 KB of PDF held 200 MB of spaces, decompressed
    whole twice, then called a scan), else ""."""
    from pdfminer.pdftypes import LITERALS_FLATE_DECODE, PDFStream, resolve1

    found, budget, forms = "", MAX_PAGE_CONTENT, _forms(page_obj)
    seen = set() if seen is None else seen  # forms and font files checked on an earlier page: each once per file
    named = [x for x in (*forms, *_font_files(page_obj, forms)) if id(x) not in seen]
    seen.update(map(id, named))  # a 60 MB font named on every page, drawn on none, was inflated again on each
    for stream in (*map(resolve1, page_obj.contents), *named):
        if not isinstance(stream, PDFStream) or stream.rawdata is None or stream.decipher is not None:
            continue  # already decoded, or encrypted (pdfminer deciphers it first)
        filters = stream.get_filters()
        if not filters or filters[0][0] not in LITERALS_FLATE_DECODE:
            continue
        raw = stream.rawdata
        size, failed, whole = _inflate(raw, budget)
        budget -= size
        if budget < 0:
            return INFLATED
        if whole or not any(stream is resolve1(c) for c in page_obj.contents):
            continue
        # pdfminer keeps what decompresses when the error is in the last 3 bytes (the checksum)
        if _inflate(raw[:-3], MAX_PAGE_CONTENT)[1]:
            return LOST
        found = GARBLED
    return found


MAX_PDF_CONTENT = 256 << 20  # bytes all pages' content streams and forms may come to; a magazine issue's: under 50 MB


def content_bytes(page_obj) -> int:
    """Bytes of the page's content streams and forms, decoded (pdfminer keeps what it decoded): pages sharing one
    stream of 60 MB of spaces, each under MAX_PAGE_CONTENT, were parsed again page after page, 1.5 s each, from a PDF
    of 62 KB (tester 34)."""
    from pdfminer.pdftypes import PDFStream, resolve1

    def size(stream: PDFStream) -> int:
        try:
            return len(stream.get_data() or b"")
        except Exception:  # a form named, never drawn, in a filter pdfminer lacks: not read before, nor now
            return len(stream.rawdata or b"")

    return sum(size(s) for s in (*map(resolve1, page_obj.contents), *_forms(page_obj)) if isinstance(s, PDFStream))


def _forms(page_obj) -> list:
    """The form XObjects the page's resources name, and those their own resources name in turn, each once (pdfminer
    inflates each one it draws): a form drawn inside a page's form was not counted, so a 400 KB PDF whose inner form
    inflated to 400 MB was read whole (870 MB, 25 s; a 16 MB one would have needed 16 GB: tester 34)."""
    from pdfminer.pdftypes import PDFStream, resolve1

    found, seen, todo = [], set(), [page_obj.resources]
    while todo and len(found) < 10_000:
        resources = resolve1(todo.pop())
        forms = resolve1(resources.get("XObject")) if isinstance(resources, dict) else None
        for ref in forms.values() if isinstance(forms, dict) else ():
            x, key = resolve1(ref), getattr(ref, "objid", None) or id(ref)  # a form drawing itself is seen once
            if isinstance(x, PDFStream) and getattr(resolve1(x.get("Subtype")), "name", None) == "Form" \
                    and key not in seen:
                seen.add(key)
                found.append(x)
                todo.append(x.get("Resources"))
    return found


MAX_OBJECT_STREAMS = 64 << 20  # bytes a PDF's object and cross-reference streams may inflate to; a magazine's: some MB
_EAGER = re.compile(rb"/Type\s*/(?:ObjStm|XRef)\b")  # streams pdfminer inflates whole as it opens the file
_STREAM = re.compile(rb"\bstream\r?\n")


def objects_inflate_past(data: bytes, budget: int = MAX_OBJECT_STREAMS) -> bool:
    """Whether a PDF's object streams (objects stored compressed) and cross-reference streams inflate past budget,
    read from its raw bytes before pdfminer opens it: pdfminer inflates each whole as it opens the file (every one,
    used or not, when it has to rebuild a damaged cross-reference table), before any page is read or counted. A 600 KB
    PDF holding an unused object stream of 600 MB of spaces took 28 s and 1.9 GB, twice over, and was published; one
    of 20 MB would have needed 20 GB (tester 35)."""
    marks = [m.end() for m in _EAGER.finditer(data)]
    for at, limit in zip(marks, [*marks[1:], len(data)]):  # each read up to the next at most: linear in the file
        opens = _STREAM.search(data, at, min(at + 4096, limit))
        if opens is None or not re.search(rb"/Fl(?:ateDecode)?\b", data[at:opens.start()]):
            continue  # not stored in this object, or in no filter that inflates it past its own size
        ends = data.find(b"endstream", opens.end(), limit)
        size = _inflate(data[opens.end():ends if ends >= 0 else limit], budget)[0]
        budget -= size
        if budget < 0:
            return True
    return False


def _fonts(page_obj, forms: list) -> list[tuple[str, dict]]:
    """The fonts the page and its forms name (each with the name it is used by), and the fonts they descend to."""
    from pdfminer.pdftypes import resolve1

    found: list[tuple[str, dict]] = []

    def add(name: str, font, depth: int = 0) -> None:
        font = resolve1(font)
        if not isinstance(font, dict) or depth > 2 or len(found) > 10_000:
            return
        found.append((name, font))
        descendants = resolve1(font.get("DescendantFonts"))
        for d in descendants if isinstance(descendants, list) else ():
            add(name, d, depth + 1)

    for resources in (page_obj.resources, *(f.get("Resources") for f in forms)):
        resources = resolve1(resources)
        fonts = resolve1(resources.get("Font")) if isinstance(resources, dict) else None
        for name, ref in fonts.items() if isinstance(fonts, dict) else ():
            add(str(name), ref)
    return found


def _font_files(page_obj, forms: list) -> list:
    """The streams pdfminer inflates whole to read the fonts the page and its forms name: embedded font files,
    ToUnicode maps and embedded encodings, each once. A 600 KB PDF whose font file inflated to 600 MB of zeros took
    1.3 GB and was published; one of 20 MB would have needed 20 GB (tester 35). A font read on an earlier page is
    decoded already, and skipped by damaged_text."""
    from pdfminer.pdftypes import PDFStream, resolve1

    found: dict[int, PDFStream] = {}
    for _, font in _fonts(page_obj, forms):
        descriptor = resolve1(font.get("FontDescriptor"))
        named = [font.get("ToUnicode"), font.get("Encoding")] + ([descriptor.get(k) for k in (
            "FontFile", "FontFile2", "FontFile3")] if isinstance(descriptor, dict) else [])
        found.update((id(x), x) for x in map(resolve1, named) if isinstance(x, PDFStream))
    return list(found.values())


def font_fault(page_obj, seen: set[int] | None = None) -> str:
    """What is wrong with the numbers of a font the page names ("" when nothing is): pdfminer unfolds a font's
    /Widths and /FontBBox whole (resolve_all), so lists each naming the next twice, 24 deep, took 41 s and 40 deep would
    never have finished (tester 35). Widths are numbers (a CID font's /W and /W2 also lists of numbers)."""
    from pdfminer.pdftypes import resolve1

    def flat(value, inner: bool) -> bool:
        items = resolve1(value)
        if items is None:
            return True
        if not isinstance(items, list):
            return False
        parts = [resolve1(x) for x in items]
        return all(_number(x) or (inner and isinstance(x, list) and all(_number(resolve1(y)) for y in x))
                   for x in parts)

    seen = set() if seen is None else seen  # fonts checked on an earlier page: a /Widths of millions, once
    for name, font in _fonts(page_obj, _forms(page_obj)):
        if id(font) in seen:
            continue
        seen.add(id(font))
        descriptor = resolve1(font.get("FontDescriptor"))
        for key, value, inner in (("Widths", font.get("Widths"), False), ("W", font.get("W"), True),
                                  ("W2", font.get("W2"), True), ("FontBBox", descriptor.get("FontBBox")
                                                                 if isinstance(descriptor, dict) else None, False)):
            if not flat(value, inner):
                return (f"names a font ({name}) whose /{key} is not a list of numbers (lists inside lists, or "
                        "another kind of value)")
    return ""


def _number(x: object) -> bool:
    return isinstance(x, (int, float)) and not isinstance(x, bool)


def _inflate(raw: bytes, budget: int) -> tuple[int, bool, bool]:
    """Bytes raw inflates to, stopping once past budget (never held whole); whether zlib failed on it; whether it
    inflated whole to its end."""
    d, size = zlib.decompressobj(), 0
    try:
        while raw and size <= budget:
            size += len(d.decompress(raw, 1 << 20))
            raw = d.unconsumed_tail
        if size <= budget:
            size += len(d.flush())
    except zlib.error:
        return size, True, False
    return size, False, d.eof


def pages_said(pages) -> str:
    """Pure: page numbers as runs. Example: (3, 4, 5, 9) -> "3-5, 9"."""
    runs: list[list[int]] = []
    for n in pages:
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    return ", ".join(f"{r[0]}-{r[-1]}" if len(r) > 1 else str(r[0]) for r in runs)
