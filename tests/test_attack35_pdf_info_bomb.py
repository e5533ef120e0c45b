"""Tester 35: pdfplumber reads a PDF's document information (/Info) whole as it opens the file, resolving each
reference where it stands: 26 lists each naming the next twice (a 1.5 KB PDF) took over 2 minutes and 3.5 GB, and 40
would never have finished, before any page was read or counted, holding the build lock. It is unfolded against a
budget first."""

from __future__ import annotations

import pytest

from rag.corpus.pdf_read import read_pdf_pages
from rag.errors import InputError
from tests.conftest import pdf_issue_refused

_SHOWN = b"BT /F1 12 Tf 72 720 Td (The pay rise for managers is three percent this year) Tj ET"


def _pdf(info: list[bytes], labels: bool = False) -> bytes:
    """One page showing a sentence; the trailer's /Info is object 6 (the catalog's /PageLabels with labels), then
    `info`'s objects (6, 7, ...)."""
    objs = [b"<< /Type /Catalog /Pages 2 0 R%s >>" % (b" /PageLabels 6 0 R" if labels else b""),
            b"<< /Type /Pages /Kids [5 0 R] /Count 1 >>",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
            b"<< /Length %d >>\nstream\n%s\nendstream" % (len(_SHOWN), _SHOWN),
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> "
            b"/Contents 4 0 R >>", *info]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1) + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R%s >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objs) + 1, b"" if labels else b" /Info 6 0 R", xref)
    return bytes(out)


def _doubling(levels: int) -> list[bytes]:
    """/Info's title a list naming the next list twice, `levels` deep: 2 ** levels parts unfolded."""
    return [b"<< /Title 7 0 R >>"] + [b"[%d 0 R %d 0 R]" % (8 + k, 8 + k) for k in range(levels)] + [b"(x)"]


def test_document_information_unfolding_past_the_budget_is_refused_at_once(tmp_path, monkeypatch, capsys):
    said = pdf_issue_refused(tmp_path, monkeypatch, capsys, _pdf(_doubling(40)))  # never finished before
    assert "hm69.pdf: its document information (/Info: title, author, dates) name their own" in said


def test_ordinary_and_self_naming_document_information_is_read(tmp_path):
    for info in ([b"<< /Title (Healthcare Manager 69) /Author (MiP) /Keywords [(pay) (NHS)] >>"],
                 [b"<< /Title 7 0 R >>", b"[7 0 R]"], _doubling(8)):  # pdfplumber reads on past a loop, and 256
        path = tmp_path / "a.pdf"
        path.write_bytes(_pdf(info))
        assert [w.text for w in read_pdf_pages(path)[0].words][:3] == ["The", "pay", "rise"]


def _labels(levels: int) -> list[bytes]:
    """A page labels tree whose every node names the next twice, `levels` deep: 2 ** levels leaves read."""
    return [b"<< /Kids [%d 0 R %d 0 R] >>" % (7 + k, 7 + k) for k in range(levels)] + [b"<< /Nums [0 << /S /D >>] >>"]


def test_page_labels_unfolding_past_the_budget_are_refused_at_once(tmp_path):
    """pdfminer reads the labels' tree as it lists the pages, each node where it is named: 22 deep took minutes."""
    path = tmp_path / "a.pdf"
    path.write_bytes(_pdf(_labels(40), labels=True))
    with pytest.raises(InputError, match=r"its page labels \(/PageLabels\) name their own parts over and over"):
        read_pdf_pages(path)


def test_an_ordinary_page_labels_tree_is_read(tmp_path):
    path = tmp_path / "a.pdf"
    path.write_bytes(_pdf(_labels(3), labels=True))
    assert [w.text for w in read_pdf_pages(path)[0].words][:3] == ["The", "pay", "rise"]
