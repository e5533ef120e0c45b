"""A real PDF's fonts map their ligature glyphs to one character each (U+FB01 "ﬁ", U+FB00 "ﬀ" ...: a font's /fi
glyph, or a ToUnicode map so made), and pdftotext keeps them: a tester's third issue, typeset with ligatures, was
published with "staﬀ" and "ﬁnance" in 177 places, which no search for "staff" or "finance" found (BM25 reads "ﬀ" as a
letter of its own) and every [A-Za-z] rule split. They are now read as their letters, in every source format. Real
PDF, real pdfminer, real CLI."""

import json
import textwrap

from rag.testing import pdf_bytes
from tests.conftest import isolated_corpus, run_cli

# \001 is the font's /fi glyph, \002 its /fl (Helvetica's two ligatures): how a Type 1 font names them
BODY = ("Senior staff in \001nance and work\002ow teams met this spring to discuss the pay award, and the union said "
        "the offer fell short of what members had asked for in its consultation, ef\001ciently or not. ") * 4
PLAIN = BODY.replace("\001", "fi").replace("\002", "fl")
CONTENT = (b"BT /F2 20 Tf 1 0 0 1 50 790 Tm (Pay award story) Tj ET\nBT /F1 10 Tf\n"
           + b"".join(b"1 0 0 1 50 %d Tm (%s) Tj\n" % (760 - 12.5 * i, line.encode("latin-1"))
                      for i, line in enumerate(textwrap.wrap(BODY, 80))) + b"ET")


def _pdf() -> bytes:
    return pdf_bytes([
        b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font "
        b"<< /F1 5 0 R /F2 6 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(CONTENT), CONTENT),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding << /Type /Encoding /BaseEncoding "
        b"/WinAnsiEncoding /Differences [1 /fi /fl] >> >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold >>"])


def _ingest(tmp_path, monkeypatch, capsys, name: str, data: bytes) -> str:
    folder = isolated_corpus(tmp_path, monkeypatch) / "2026-autumn-69"
    folder.mkdir()
    (folder / name).write_bytes(data)
    (folder / "issue.toml").write_text(f'title = "T"\nseason = "autumn 2026"\ndate = "2026-09-01"\nsource = "{name}"\n')
    status, out, err = run_cli(capsys, "ingest", str(folder), "--json")
    assert status == 0 and json.loads(out)["issues"]["added"] == ["2026-autumn-69"], err
    return "".join(p.read_text(encoding="utf-8") for p in (tmp_path / "index").rglob("chunks.jsonl"))


def _no_ligatures(text: str) -> bool:
    return not any("\ufb00" <= c <= "\ufb06" for c in text)


def test_a_pdfs_ligature_glyphs_are_read_as_their_letters(tmp_path, monkeypatch, capsys):
    chunks = _ingest(tmp_path, monkeypatch, capsys, "i.pdf", _pdf())
    assert _no_ligatures(chunks)
    assert "Senior staff in finance and workflow teams" in chunks and "the offer fell short" in chunks
    assert "efficiently" in chunks


def test_a_texts_ligature_characters_are_read_as_their_letters(tmp_path, monkeypatch, capsys):
    text = "# Pay award story\n\n" + BODY.replace("\001", "\ufb01").replace("\002", "\ufb02").replace(
        "staff", "sta\ufb00") + "\n"
    chunks = _ingest(tmp_path, monkeypatch, capsys, "i.md", text.encode())
    assert _no_ligatures(chunks) and PLAIN.split(". ")[0] in chunks
