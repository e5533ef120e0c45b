"""PDF text in fonts that map no glyph to a character (no ToUnicode map, Identity-H) reads as glyph numbers: a
tester's PDF so was published as passages of "(cid:43)(cid:72)(cid:79)...", which no member can search or read. Such
a page is left out with a warning saying how to get its text (export again, or OCR); a PDF of nothing else is
refused with that advice, not "no extractable text (a scan?)"."""

import json

from rag.testing import paged_pdf
from tests.conftest import isolated_corpus, run_cli

PLAIN = b"BT /F1 11 Tf\n" + b"".join(b"1 0 0 1 50 %d Tm (Managers met to discuss the pay award for this year.) Tj\n"
                                     % (780 - 14 * i) for i in range(20)) + b"ET"
GLYPHS = b"BT /F2 11 Tf\n" + b"".join(b"1 0 0 1 50 %d Tm <002B0048004F004F0052000300360057004400490049> Tj\n"
                                      % (780 - 14 * i) for i in range(20)) + b"ET"


def _pdf(*pages: bytes) -> bytes:
    """One page for each content stream; /F1 is Helvetica, /F2 a CID font with no Unicode map."""
    n = len(pages)
    return paged_pdf(pages, [b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
                             b"<< /Type /Font /Subtype /Type0 /BaseFont /ABCDEF+Minion /Encoding /Identity-H "
                             b"/DescendantFonts [%d 0 R] >>" % (5 + 2 * n)],
                     more=[b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /ABCDEF+Minion /CIDSystemInfo << "
                           b"/Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 500 >>"])


def _ingest(tmp_path, monkeypatch, capsys, pdf: bytes):
    corpus = isolated_corpus(tmp_path, monkeypatch)
    folder = corpus / "2030-spring"
    folder.mkdir()
    (folder / "i.pdf").write_bytes(pdf)
    (folder / "issue.toml").write_text('title = "T"\nseason = "spring 2030"\ndate = "2030-03-01"\nsource = "i.pdf"\n')
    status, out, _ = run_cli(capsys, "ingest", str(folder), "--json")
    return status, json.loads(out)


def test_a_page_of_glyph_numbers_is_left_out_with_a_warning(tmp_path, monkeypatch, capsys):
    status, out = _ingest(tmp_path, monkeypatch, capsys, _pdf(PLAIN, GLYPHS))
    assert status == 0 and out["issues"]["added"] == ["2030-spring"]
    assert any("the text of PDF page 2 is set in fonts that map no glyph to a character" in w and "ocrmypdf" in w
               for w in out["warnings"]), out["warnings"]
    chunks = (tmp_path / "index").rglob("chunks.jsonl")
    assert not any("(cid:" in path.read_text() for path in chunks)  # before: "(cid:43)(cid:72)..." passages


def test_a_pdf_of_glyph_numbers_alone_is_refused_with_the_way_out(tmp_path, monkeypatch, capsys):
    status, out = _ingest(tmp_path, monkeypatch, capsys, _pdf(GLYPHS, GLYPHS))
    assert status == 2 and "PDF pages 1-2 is set in fonts that map no glyph" in out["error"]
    assert not (tmp_path / "index").exists()
