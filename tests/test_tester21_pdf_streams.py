"""A PDF whose compressed page text is damaged (a broken download) is named as such: pdfminer reads a content stream
that does not decompress as nothing, so a tester's PDF with bytes flipped inside page 3's stream was published without
page 3, with the advice to run OCR on a "page without text"; one failing only its checksum was published with a bare
"Data-loss while decompressing corrupted data" line. Now the first is refused ("download or export the PDF again"),
the published index untouched, and the second is published with a warning naming the page."""

import json
import zlib

from rag.testing import pdf_bytes
from tests.conftest import isolated_corpus, run_cli

TEXT = b"Managers met to discuss the pay award for this year, page %d."


def _pdf(damage: dict | None = None) -> bytes:
    """Three A4 pages, each showing TEXT in Helvetica from a Flate-compressed stream; damage: page -> function of the
    compressed bytes."""
    streams = []
    for n in (1, 2, 3):
        lines = b"".join(b"1 0 0 1 50 %d Tm (%s) Tj\n" % (780 - 14 * i, TEXT % n) for i in range(20))
        data = zlib.compress(b"BT /F1 11 Tf\n" + lines + b"ET")
        streams.append((damage or {}).get(n, lambda d: d)(data))
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R 4 0 R 5 0 R] /Count 3 >>"]
    objects += [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %d 0 R "
                b"/Resources << /Font << /F1 6 0 R >> >> >>" % (7 + i) for i in range(3)]
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    objects += [b"<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream" % (len(s), s) for s in streams]
    return pdf_bytes(objects)


def _garbage(data: bytes) -> bytes:
    return data[:2] + bytes(b ^ 0xA5 for b in data[2:-4]) + data[-4:]  # the same length, undecodable


def _bad_checksum(data: bytes) -> bytes:
    return data[:-1] + bytes([data[-1] ^ 0xFF])  # the text whole, its adler32 wrong


def _ingest(tmp_path, monkeypatch, capsys, pdf: bytes):
    corpus = isolated_corpus(tmp_path, monkeypatch)
    assert run_cli(capsys, "ingest", str(corpus))[0] == 0
    index = tmp_path / "index"
    before = (index / "CURRENT").read_text()
    folder = corpus / "2030-spring"
    folder.mkdir()
    (folder / "i.pdf").write_bytes(pdf)
    (folder / "issue.toml").write_text('title = "T"\nseason = "spring 2030"\ndate = "2030-03-01"\nsource = "i.pdf"\n')
    status, out, err = run_cli(capsys, "ingest", str(folder), "--json")
    return status, json.loads(out), err, before, (index / "CURRENT").read_text()


def test_a_page_whose_text_cannot_be_decompressed_is_refused(tmp_path, monkeypatch, capsys):
    status, out, err, before, after = _ingest(tmp_path, monkeypatch, capsys, _pdf({2: _garbage}))
    assert status == 2 and after == before
    assert "i.pdf is damaged: the text of PDF page 2 is compressed data that cannot be read" in out["error"]
    assert "download or export the PDF again" in err and "ocrmypdf" not in err  # before: published, "run OCR"


def test_a_page_failing_its_checksum_is_published_with_a_warning(tmp_path, monkeypatch, capsys):
    status, out, err, before, after = _ingest(tmp_path, monkeypatch, capsys, _pdf({3: _bad_checksum}))
    assert status == 0 and after != before and out["issues"]["added"] == ["2030-spring"]
    assert any("i.pdf is damaged: the text of PDF page 3 fails its checksum" in w for w in out["warnings"])
    status, out, _ = run_cli(capsys, "retrieve", "pay award page 3", "--json")
    assert status == 0 and any("page 3." in h["text"] for h in json.loads(out)["hits"])  # what could be read is kept


def test_a_sound_pdf_reads_as_before(tmp_path, monkeypatch, capsys):
    status, out, err, before, after = _ingest(tmp_path, monkeypatch, capsys, _pdf())
    assert status == 0 and not any("damaged" in w for w in out["warnings"]), out["warnings"]
