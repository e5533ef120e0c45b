"""Tester 34: pages sharing one content stream that inflates to just under the page budget (60 MB of spaces, 62 KB
of PDF for three pages) were each parsed again, 1.5 s a page: a thousand such pages held the build lock for some 25
minutes. What all pages' content inflates to is counted as they are read."""

from __future__ import annotations

import zlib
from pathlib import Path

import pytest

from rag.corpus.pdf_read import read_pdf_pages
from rag.corpus.pdf_streams import MAX_PDF_CONTENT
from rag.errors import InputError
from rag.testing import pdf_bytes


def _pages_sharing(path: Path, pages: int, inflated: int) -> Path:
    text = b"BT /F1 12 Tf 72 720 Td (Pay rise for managers agreed after long talks with the government.) Tj ET "
    packer = zlib.compressobj(9)
    stream = packer.compress(text) + b"".join(packer.compress(b" " * (1 << 20)) for _ in range(inflated >> 20))
    stream += packer.flush()
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % (5 + i) for i in range(pages)), pages),
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
            b"<< /Filter /FlateDecode /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream)]
    objs += [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> "
             b"/Contents 4 0 R >>"] * pages
    path.write_bytes(pdf_bytes(objs))
    return path


def test_pages_whose_content_adds_up_past_the_budget_are_refused(tmp_path):
    per_page = 40 << 20  # under the page budget
    pages = MAX_PDF_CONTENT // per_page + 3
    with pytest.raises(InputError) as said:
        read_pdf_pages(_pages_sharing(tmp_path / "a.pdf", pages, per_page), lambda chars: None)
    assert f"the content of its first {MAX_PDF_CONTENT // per_page + 1} PDF pages inflates to over" in str(said.value)


def test_pages_sharing_a_small_stream_are_read(tmp_path):
    assert len(read_pdf_pages(_pages_sharing(tmp_path / "b.pdf", 20, 1 << 20), lambda chars: None)) == 20


def test_a_form_in_a_filter_pdfminer_lacks_is_counted_not_refused():
    """A form the page names but never draws, in a filter pdfminer cannot decode: it was never read, so no refusal."""
    from pdfminer.pdftypes import PDFStream
    from pdfminer.psparser import LIT

    from rag.corpus.pdf_streams import content_bytes

    class Page:
        contents: list = []
        resources = {"XObject": {"X": PDFStream({"Subtype": LIT("Form"), "Filter": LIT("NoSuchDecode")}, b"abc")}}

    assert content_bytes(Page()) == 3
