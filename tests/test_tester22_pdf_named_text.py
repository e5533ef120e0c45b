"""A PDF saved under a .txt (or .md) name: an uncompressed one was published as passages of its own syntax ("%PDF-1.4
1 0 obj << /Type /Catalog ..."), a compressed one refused as "looks binary (NUL bytes): supply the issue as UTF-8
text, markdown or a PDF", though it is one. Both are now told to take a .pdf name. Real CLI, real files."""

import json

from fpdf import FPDF

from rag.testing import pdf_bytes
from tests.conftest import isolated_corpus, run_cli


def _folder(tmp_path, monkeypatch, name):
    folder = isolated_corpus(tmp_path, monkeypatch) / "2026-spring"
    folder.mkdir()
    (folder / "issue.toml").write_text(f'title = "T"\nseason = "spring 2026"\ndate = "2026-03-01"\nsource = "{name}"\n')
    return folder


def test_an_uncompressed_pdf_named_txt_is_not_published_as_text(tmp_path, monkeypatch, capsys):
    folder = _folder(tmp_path, monkeypatch, "issue.txt")
    text = b"BT /F1 11 Tf 1 0 0 1 50 780 Tm (Managers met to discuss the pay award for this year.) Tj ET"
    (folder / "issue.txt").write_bytes(pdf_bytes([
        b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(text), text),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]))
    status, out, _ = run_cli(capsys, "ingest", str(folder), "--json")
    assert status == 2, out  # before: published, its passage "%PDF-1.4 1 0 obj << /Type /Catalog ..."
    error = json.loads(out)["error"]
    assert "is a PDF (it starts %PDF-), not plain text" in error and f"{folder / 'issue.pdf'}" in error
    assert not (tmp_path / "index").exists()


def test_a_compressed_pdf_named_md_is_told_to_take_a_pdf_name(tmp_path, monkeypatch, capsys):
    folder = _folder(tmp_path, monkeypatch, "issue.md")
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    pdf.text(20, 20, "Managers met to discuss the pay award for this year.")
    pdf.output(str(folder / "issue.md"))
    status, out, _ = run_cli(capsys, "ingest", str(folder), "--json")
    assert status == 2 and "give the file a .pdf name" in json.loads(out)["error"]  # before: "looks binary"
