"""Tester 35: pdfminer inflates a PDF's object streams whole as it opens the file (every one, used or not, when it
rebuilds a damaged cross-reference table), before any page is read or counted: a 600 KB PDF holding an unused object
stream of 600 MB of spaces took 28 s and 1.9 GB, and was published; one of 20 MB would have needed 20 GB. The raw
bytes' object streams are inflated against a budget first."""

from __future__ import annotations

import zlib

from rag.corpus.pdf_read import read_pdf_pages
from rag.testing import pdf_bytes
from tests.conftest import pdf_issue_refused

_SHOWN = b"BT /F1 12 Tf 72 720 Td (The pay rise for managers is three percent this year, the union said) Tj ET"


def _pdf(inflated: int, broken_xref: bool = True) -> bytes:
    """One page showing a sentence, and an object stream no page uses that inflates to `inflated` bytes."""
    c = zlib.compressobj(9)
    raw = c.compress(b"7 0 ") + b"".join(c.compress(b" " * (1 << 20)) for _ in range(inflated >> 20))
    raw += c.compress(b" " * (inflated & ((1 << 20) - 1))) + c.flush()
    data = pdf_bytes([
        b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [5 0 R] /Count 1 >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(_SHOWN), _SHOWN),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> "
        b"/Contents 4 0 R >>",
        b"<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length %d >>\nstream\n%s\nendstream" % (len(raw), raw)])
    if broken_xref:  # pdfminer rebuilds the table, inflating every object stream it finds
        data = data[:data.rindex(b"startxref\n")] + b"startxref\n99999999\n%%EOF\n"
    return data


def test_a_pdf_whose_object_streams_inflate_past_the_budget_is_refused_unread(tmp_path, monkeypatch, capsys):
    said = pdf_issue_refused(tmp_path, monkeypatch, capsys, _pdf(80 << 20))  # 80 MB from some 80 KB
    assert "hm69.pdf: the objects stored compressed in it inflate to over 64 MB" in said


def test_a_pdf_with_a_small_object_stream_is_read(tmp_path):
    path = tmp_path / "a.pdf"
    path.write_bytes(_pdf(64 << 10))  # real PDFs' object streams: some KB
    assert [w.text for w in read_pdf_pages(path)[0].words][:3] == ["The", "pay", "rise"]


def test_many_object_stream_marks_without_an_end_are_read_in_linear_time():
    """Each mark's stream was read to the next 'endstream', else to the end of the file: 20,000 marks before 8 MB
    took 182 s (f9c452b's check); each is now read no further than the next mark."""
    import time

    from rag.corpus.pdf_streams import objects_inflate_past

    data = b"%PDF-1.4\n" + b"<< /Type /ObjStm /Filter /FlateDecode >>stream\n" * 20_000 + b"x" * (8 << 20)
    started = time.monotonic()
    assert not objects_inflate_past(data)
    assert time.monotonic() - started < 20
