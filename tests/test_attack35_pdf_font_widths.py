"""Tester 35: pdfminer unfolds a font's /Widths (and /FontBBox) whole as it lays a page out: a font whose /Widths is a
list naming the next list twice, 24 deep, took 41 s, and 40 deep would never have finished, holding the build lock. A
font's numbers are checked to be numbers before the page is laid out."""

from __future__ import annotations

import pytest

from rag.corpus.pdf_read import read_pdf_pages
from rag.errors import InputError
from rag.testing import pdf_bytes
from tests.conftest import pdf_issue_refused

_SHOWN = b"BT /F1 12 Tf 72 720 Td (The pay rise for managers is three percent this year) Tj ET"


def _pdf(widths: bytes, more: tuple[bytes, ...] = ()) -> bytes:
    """One page showing a sentence in a font (not one of the standard 14) whose /Widths is `widths`; `more`: objects
    numbered from 6."""
    return pdf_bytes([
        b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [5 0 R] /Count 1 >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /MiPSans /FirstChar 32 /LastChar 33 /Widths %s >>" % widths,
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(_SHOWN), _SHOWN),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> "
        b"/Contents 4 0 R >>", *more])


def _doubling(levels: int) -> bytes:
    return _pdf(b"6 0 R", (*(b"[%d 0 R %d 0 R]" % (7 + k, 7 + k) for k in range(levels)), b"500"))


def test_a_font_whose_widths_name_one_list_twice_over_and_over_is_refused_at_once(tmp_path, monkeypatch, capsys):
    said = pdf_issue_refused(tmp_path, monkeypatch, capsys, _doubling(40))
    assert "hm69.pdf: PDF page 1 names a font (F1) whose /Widths is not a list of numbers" in said


@pytest.mark.parametrize("widths, more", [(b"[500 600]", ()), (b"6 0 R", (b"[500 7 0 R]", b"600"))])
def test_widths_that_are_numbers_or_name_them_are_read(tmp_path, widths, more):
    path = tmp_path / "a.pdf"
    path.write_bytes(_pdf(widths, more))
    assert read_pdf_pages(path)[0].words  # read (with two widths given, its letters are laid out oddly)


def test_widths_of_another_kind_are_named(tmp_path):
    path = tmp_path / "a.pdf"
    path.write_bytes(_pdf(b"(500)"))
    with pytest.raises(InputError, match=r"names a font \(F1\) whose /Widths is not a list of numbers"):
        read_pdf_pages(path)
