"""A PDF whose page content is a decompression bomb (200 KB of PDF holding 200 MB of spaces) was inflated whole, once
by the damage check and again by pdfminer (460 MB, 6.5 s), then refused as "no extractable text (a scan?): run OCR";
the 32 MB the PDF limit allows could hold tens of gigabytes. A page whose content streams or forms inflate past 64 MB
is now refused at that page, never held whole."""

import zlib

import pytest

from rag.corpus.pdf_read import read_pdf_pages
from rag.errors import InputError
from rag.testing import pdf_bytes

TEXT = b"BT /F1 10 Tf 1 0 0 1 50 700 Tm (Managers met the pay review body again this spring and talked.) Tj ET"
FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def _stream(data: bytes, extra: bytes = b"") -> bytes:
    packed = zlib.compress(data, 1)
    return b"<< /Length %d /Filter /FlateDecode%s >>\nstream\n" % (len(packed), extra) + packed + b"\nendstream"


def _pdf(content: bytes, form: bytes | None = None) -> bytes:
    resources = b"<< /Font << /F1 4 0 R >>" + (b" /XObject << /X0 6 0 R >>" if form else b"") + b" >>"
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 5 0 R /Resources " + resources + b" >>",
               FONT, _stream(content)]
    if form is not None:
        objects.append(_stream(form, b" /Type /XObject /Subtype /Form /BBox [0 0 612 792]"))
    return pdf_bytes(objects)


def _refused(tmp_path, data: bytes) -> str:
    (tmp_path / "i.pdf").write_bytes(data)
    with pytest.raises(InputError) as refused:
        read_pdf_pages(tmp_path / "i.pdf")
    return str(refused.value)


BOMB = TEXT + b" " * (65 << 20)  # past the 64 MB a page may inflate to


def test_a_page_content_bomb_is_refused_at_its_page(tmp_path):
    said = _refused(tmp_path, _pdf(BOMB))
    assert "PDF page 1's content inflates to over 64 MB" in said and "scan" not in said


def test_a_form_bomb_the_page_draws_is_refused_too(tmp_path):
    said = _refused(tmp_path, _pdf(b"q /X0 Do Q " + TEXT, form=BOMB))
    assert "inflates to over 64 MB" in said


def test_a_compressed_page_reads_as_before(tmp_path):
    (tmp_path / "i.pdf").write_bytes(_pdf(TEXT))
    (page,) = read_pdf_pages(tmp_path / "i.pdf")
    assert " ".join(w.text for w in page.words).startswith("Managers met the pay review body")
