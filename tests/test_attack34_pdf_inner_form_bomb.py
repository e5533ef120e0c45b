"""Tester 34: a form drawn inside a page's form was not counted against the page's inflate budget (MAX_PAGE_CONTENT):
a 400 KB PDF whose inner form inflated to 400 MB was read whole (870 MB, 25 s), and published; a 16 MB one (under the
PDF size limit) would have needed some 16 GB."""

from __future__ import annotations

import zlib
from pathlib import Path

import pytest

from rag.corpus.pdf_read import read_pdf_pages
from rag.corpus.pdf_streams import MAX_PAGE_CONTENT
from rag.errors import InputError
from rag.testing import pdf_bytes


def _inner_form_bomb(path: Path, inflated: int) -> Path:
    packer = zlib.compressobj(9)
    bomb = b"".join(packer.compress(b" " * (1 << 20)) for _ in range(inflated >> 20)) + packer.compress(
        b"0 0 m 1 1 l S") + packer.flush()
    text = b"BT /F1 12 Tf 72 720 Td (Pay rise for managers agreed after long talks with the government.) Tj ET /X0 Do"
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> "
            b"/XObject << /X0 6 0 R >> >> /Contents 4 0 R >>",
            b"<< /Length %d >>\nstream\n%s\nendstream" % (len(text), text),
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
            b"<< /Type /XObject /Subtype /Form /BBox [0 0 612 792] /Resources << /XObject << /X1 7 0 R /X0 6 0 R >> "
            b">> /Length 6 >>\nstream\n/X1 Do\nendstream",  # X0 names itself too: walked once
            b"<< /Type /XObject /Subtype /Form /BBox [0 0 612 792] /Filter /FlateDecode /Length %d >>\nstream\n%s\n"
            b"endstream" % (len(bomb), bomb)]
    path.write_bytes(pdf_bytes(objs))
    return path


def test_a_form_inside_a_form_inflating_past_the_budget_is_refused(tmp_path):
    with pytest.raises(InputError) as said:
        read_pdf_pages(_inner_form_bomb(tmp_path / "bomb.pdf", MAX_PAGE_CONTENT + (4 << 20)), lambda chars: None)
    assert "PDF page 1's content inflates to over" in str(said.value)


def test_a_small_inner_form_is_read(tmp_path):
    pages = read_pdf_pages(_inner_form_bomb(tmp_path / "small.pdf", 1 << 20), lambda chars: None)
    assert "Pay rise" in " ".join(w.text for w in pages[0].words)
