"""Tester 35: pdfminer inflates the font files a page's fonts embed (and their ToUnicode maps) whole to read them, and
they were not held to the page's inflate budget as its content streams and forms were: a 600 KB PDF whose embedded
font inflated to 600 MB of zeros took 1.3 GB and was published; one of 20 MB would have needed 20 GB."""

from __future__ import annotations

import zlib

from rag.corpus.pdf_read import read_pdf_pages
from rag.testing import pdf_bytes
from tests.conftest import pdf_issue_refused

_SHOWN = b"BT /F1 12 Tf 72 720 Td (The pay rise for managers is three percent this year) Tj /F2 12 Tf (ab) Tj ET"


def _pdf(inflated: int) -> bytes:
    """One page showing a sentence in Helvetica and two glyphs in a font whose embedded file inflates to `inflated`."""
    c = zlib.compressobj(9)
    raw = b"".join(c.compress(b"\0" * (1 << 20)) for _ in range(inflated >> 20)) + c.flush()
    return pdf_bytes([
        b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [5 0 R] /Count 1 >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(_SHOWN), _SHOWN),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R /F2 6 0 R >> >> "
        b"/Contents 4 0 R >>",
        b"<< /Type /Font /Subtype /Type0 /BaseFont /Big /Encoding /Identity-H /DescendantFonts [7 0 R] >>",
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /Big /CIDSystemInfo << /Registry (Adobe) /Ordering "
        b"(Identity) /Supplement 0 >> /FontDescriptor 8 0 R >>",
        b"<< /Type /FontDescriptor /FontName /Big /Flags 4 /FontBBox [0 0 1000 1000] /ItalicAngle 0 /Ascent 800 "
        b"/Descent -200 /CapHeight 700 /StemV 80 /FontFile2 9 0 R >>",
        b"<< /Filter /FlateDecode /Length %d >>\nstream\n%s\nendstream" % (len(raw), raw)])


def test_a_pdf_whose_font_file_inflates_past_the_page_budget_is_refused(tmp_path, monkeypatch, capsys):
    said = pdf_issue_refused(tmp_path, monkeypatch, capsys, _pdf(80 << 20))  # 80 MB from some 80 KB
    assert "hm69.pdf: PDF page 1's content inflates to over 64 MB" in said


def test_a_pdf_with_a_font_file_of_a_megabyte_is_read(tmp_path):
    path = tmp_path / "a.pdf"
    path.write_bytes(_pdf(1 << 20))
    assert [w.text for w in read_pdf_pages(path)[0].words][:3] == ["The", "pay", "rise"]


def test_a_large_font_named_on_every_page_is_inflated_once(tmp_path):
    """A font file of 60 MB inflated (under the page budget) named on every page, drawn on none, was inflated again
    for each page's check: 80 pages took some 20 s (the PDF limit of 1,000 pages: some 4 minutes)."""
    import time

    from rag.testing import paged_pdf

    c = zlib.compressobj(9)
    raw = b"".join(c.compress(b"\0" * (1 << 20)) for _ in range(60)) + c.flush()
    pages = 80
    big = [b"<< /Type /Font /Subtype /TrueType /BaseFont /Big /FirstChar 32 /LastChar 32 /Widths [500] "
           b"/FontDescriptor %d 0 R >>" % (3 + 2 * pages + 2)]
    more = [b"<< /Type /FontDescriptor /FontName /Big /Flags 4 /FontBBox [0 0 1000 1000] /ItalicAngle 0 /Ascent 800 "
            b"/Descent -200 /CapHeight 700 /StemV 80 /FontFile2 %d 0 R >>" % (3 + 2 * pages + 3),
            b"<< /Filter /FlateDecode /Length %d >>\nstream\n%s\nendstream" % (len(raw), raw)]
    path = tmp_path / "a.pdf"
    path.write_bytes(paged_pdf([_SHOWN.split(b" /F2")[0] + b" ET"] * pages,
                               [b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>", *big], more=more))
    started = time.monotonic()
    assert len(read_pdf_pages(path)) == pages
    assert time.monotonic() - started < 8
