"""A PDF page drawn upright but marked to be shown turned (/Rotate 90: a page 'rotated' and saved in a viewer) is read by
pdfminer across its lines, letter by letter: a tester's one-page issue became 13 articles of "c s a sss m M and ...",
published without a word. Such a page is now left out with a warning naming its rotation and how to set it upright
(qpdf --rotate=0:N); a PDF of nothing else is refused so. Pages drawn turned and rotated back (a landscape page) read
as before. Real PDFs, real pdfminer, real CLI."""

import json
import textwrap

from rag.testing import paged_pdf
from tests.conftest import isolated_corpus, run_cli

BODY = ("Managers across the NHS met this spring to discuss the pay award for this year, and the union said that the "
        "offer fell short of what members had asked for in its consultation. ") * 4
UPRIGHT = (b"BT /F2 20 Tf 1 0 0 1 50 790 Tm (Pay award story) Tj ET\nBT /F1 10 Tf\n"
           + b"".join(b"1 0 0 1 50 %d Tm (%s) Tj\n" % (760 - 12.5 * i, line.encode())
                      for i, line in enumerate(textwrap.wrap(BODY, 80))) + b"ET")
TURNED = (b"BT /F2 20 Tf 0 1 -1 0 50 50 Tm (Pay award story) Tj ET\nBT /F1 10 Tf\n"
          + b"".join(b"0 1 -1 0 %d 50 Tm (%s) Tj\n" % (80 + 12.5 * i, line.encode())
                     for i, line in enumerate(textwrap.wrap(BODY, 80))) + b"ET")


def _pdf(*pages: tuple[bytes, int]) -> bytes:
    """One page per (content, /Rotate)."""
    return paged_pdf([c for c, _ in pages], [b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
                                             b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold >>"],
                     rotations=[r for _, r in pages])


def _ingest(tmp_path, monkeypatch, capsys, pdf: bytes):
    folder = isolated_corpus(tmp_path, monkeypatch) / "2026-spring"
    folder.mkdir()
    (folder / "i.pdf").write_bytes(pdf)
    (folder / "issue.toml").write_text('title = "T"\nseason = "spring 2026"\ndate = "2026-03-01"\nsource = "i.pdf"\n')
    status, out, _ = run_cli(capsys, "ingest", str(folder), "--json")
    return status, json.loads(out)


def test_a_page_marked_turned_is_left_out_with_the_way_to_set_it_upright(tmp_path, monkeypatch, capsys):
    status, out = _ingest(tmp_path, monkeypatch, capsys, _pdf((UPRIGHT, 0), (UPRIGHT, 90), (TURNED, 90)))
    assert status == 0 and out["issues"]["added"] == ["2026-spring"], out
    (said,) = [w for w in out["warnings"] if "letter by letter" in w]
    assert "PDF page 2 reads letter by letter (marked to be shown turned, /Rotate 90" in said
    assert "qpdf --rotate=0:2 IN.pdf OUT.pdf" in said
    chunks = "".join(p.read_text() for p in (tmp_path / "index").rglob("chunks.jsonl"))
    assert "c s a" not in chunks and chunks.count("offer fell short") >= 8  # pages 1 and 3 read, upright


def test_a_pdf_of_such_pages_alone_is_refused_so(tmp_path, monkeypatch, capsys):
    status, out = _ingest(tmp_path, monkeypatch, capsys, _pdf((UPRIGHT, 90)))
    assert status == 2 and "reads letter by letter" in out["error"] and "qpdf --rotate=0:1" in out["error"]
    assert not (tmp_path / "index").exists()
