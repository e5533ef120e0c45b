"""Tester 35: a PDF page that gives no size (no /MediaBox, its own or inherited), or a box or /Rotate that is no number,
was refused as "damaged or truncated (TypeError)" (tester 34's open item): pdfplumber, and pdfminer's own page, fail on
it with a bare TypeError or IndexError. It is refused naming the page and what it lacks; nothing is published."""

from __future__ import annotations

import json

import pytest

from rag.corpus.pdf_read import read_pdf_pages
from rag.errors import InputError
from rag.testing import pdf_bytes
from tests.conftest import isolated_corpus, run_cli

_SHOWN = b"BT /F1 12 Tf 72 720 Td (The pay rise for managers is three percent this year, the union said) Tj ET"


def _pdf(path, second_page: bytes, tree: bytes = b"", more: tuple[bytes, ...] = ()):
    """Two pages showing one sentence: the first with a sound /MediaBox, the second with `second_page`'s keys (the
    page tree's node with `tree`'s); `more`: objects after them, numbered from 7."""
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [5 0 R 6 0 R] /Count 2 %s>>" % tree,
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
            b"<< /Length %d >>\nstream\n%s\nendstream" % (len(_SHOWN), _SHOWN)]
    objs += [b"<< /Type /Page /Parent 2 0 R %s/Resources << /Font << /F1 3 0 R >> >> /Contents 4 0 R >>" % keys
             for keys in (b"/MediaBox [0 0 612 792] ", second_page)]
    path.write_bytes(pdf_bytes([*objs, *more]))
    return path


def test_a_page_without_a_size_is_named_and_nothing_is_published(tmp_path, monkeypatch, capsys):
    corpus = isolated_corpus(tmp_path, monkeypatch)
    assert run_cli(capsys, "ingest", str(corpus))[0] == 0
    served = (tmp_path / "index" / "CURRENT").read_bytes()
    folder = corpus / "2026-autumn-69"
    folder.mkdir()
    _pdf(folder / "hm69.pdf", b"")
    (folder / "issue.toml").write_text('title = "Healthcare Manager issue 69"\nnumber = 69\nseason = "autumn 2026"\n'
                                       'date = "2026-09-01"\nsource = "hm69.pdf"\n')
    status, out, err = run_cli(capsys, "ingest", str(corpus), "--json")
    said = json.loads(out)["error"]
    assert status == 2 and "TypeError" not in said
    assert "hm69.pdf cannot be read: PDF page 2 gives no size (no /MediaBox" in said
    assert "export or download the PDF again" in said
    assert (tmp_path / "index" / "CURRENT").read_bytes() == served


@pytest.mark.parametrize("keys, named", [
    (b"/MediaBox [0 0 612] ", "PDF page 2 has a /MediaBox of 3 numbers, not 4 ([0, 0, 612])"),
    (b"/MediaBox [0 0 /A 792] ", "PDF page 2 has a /MediaBox that is not four numbers"),
    (b"/MediaBox 5 ", "PDF page 2 has a /MediaBox that is not four numbers (5)"),
    (b"/MediaBox 99 0 R ", "PDF page 2 gives no size"),  # a reference to no object
    (b"/MediaBox [0 0 612 792] /CropBox /x ", "PDF page 2 has a /CropBox that is not four numbers"),
    (b"/MediaBox [0 0 612 792] /TrimBox [0 0] ", "PDF page 2 has a /TrimBox of 2 numbers, not 4"),
    (b"/MediaBox [0 0 612 792] /Rotate /x ", "PDF page 2 has a /Rotate that is no number"),
])
def test_a_size_box_or_turn_that_is_no_number_is_named(tmp_path, keys, named):
    with pytest.raises(InputError) as refused:
        read_pdf_pages(_pdf(tmp_path / "a.pdf", keys))
    assert named in str(refused.value) and "damaged or truncated" not in str(refused.value)


def test_a_size_given_by_the_page_tree_is_inherited(tmp_path):
    path = _pdf(tmp_path / "a.pdf", b"", tree=b"/MediaBox [0 0 595 842] ")
    assert [p.height for p in read_pdf_pages(path)] == [792.0, 842.0]


def test_a_box_naming_one_list_twice_over_and_over_is_named_at_once(tmp_path):
    """pdfplumber (and this check, at first) unfolds a page's box whole: lists each naming the next twice, 40 deep,
    would never have finished."""
    path = _pdf(tmp_path / "a.pdf", b"/MediaBox 7 0 R ",
                more=(*(b"[%d 0 R %d 0 R]" % (8 + k, 8 + k) for k in range(40)), b"612"))
    with pytest.raises(InputError) as refused:
        read_pdf_pages(path)
    assert "PDF page 2 has a /MediaBox that is not four numbers ([[...], [...]])" in str(refused.value)
