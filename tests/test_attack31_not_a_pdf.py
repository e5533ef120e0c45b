"""A file named .pdf that holds no PDF was "not a PDF (no %PDF header): check the file, or give it a .txt/.md name",
whatever it held: a login page saved by a failed download, a Word file, a scan, was sent to be renamed .txt (and then
refused as HTML, or as no text), and a real PDF with a few bytes before its header (a mail gateway's, a byte-order
mark) to be renamed too, though it is a PDF. Each is now named for what it is, with what to do."""

import subprocess
from pathlib import Path

import pytest

from rag.corpus.folders import load_issue
from rag.errors import InputError
from rag.testing import pdf_bytes

TOML = 'title = "T"\nseason = "spring 2030"\ndate = "2030-03-01"\nsource = "issue 70 – spring.pdf"\n'
HTML = b"<!DOCTYPE html>\n<html><head><title>Sign in</title></head><body>Your session has expired.</body></html>\n"


def _load(tmp_path: Path, data: bytes):
    folder = tmp_path / "2030-spring"
    folder.mkdir()
    (folder / "issue.toml").write_text(TOML, encoding="utf-8")
    (folder / "issue 70 – spring.pdf").write_bytes(data)
    return load_issue(folder)


@pytest.mark.parametrize("data, said", [
    (HTML, "is a web page (HTML), not a PDF: the download saved a login, error or preview page instead of the file"),
    (b"PK\x03\x04\x14\x00\x06\x00word/document.xml", "is a ZIP archive (a Word .docx, an .epub, or a zipped PDF?)"),
    (b"\x89PNG\r\n\x1a\n" + bytes(200), "is a PNG image, not a PDF: give the issue's PDF"),
    ("MANAGERS IN PARTNERSHIP\n\nPay: what the award means for you\n".encode() * 50,
     "holds plain text, not a PDF: if it is the issue's text extracted from its PDF, rename it .txt"),
    (bytes(range(256)) * 40, "is not a PDF (no %PDF header), nor text: it is damaged or another kind of file"),
])
def test_a_pdf_that_is_something_else_is_named_for_what_it_is(tmp_path, data, said):
    with pytest.raises(InputError) as refused:
        _load(tmp_path, data)
    assert said in str(refused.value) and "give it a .txt/.md name" not in str(refused.value)


def test_a_pdf_with_bytes_before_its_header_says_how_to_drop_them(tmp_path):
    pdf = pdf_bytes([b"<< /Type /Catalog /Pages 2 0 R >>"])
    with pytest.raises(InputError) as refused:
        _load(tmp_path, b"\xef\xbb\xbf\r\n" + pdf)
    said = str(refused.value)
    assert "has 5 bytes before its %PDF header" in said and "tail -c +6 FILE > fixed.pdf" in said
    source = tmp_path / "2030-spring" / "issue 70 – spring.pdf"
    fixed = subprocess.run(["tail", "-c", "+6", str(source)], capture_output=True, check=True).stdout
    assert fixed == pdf  # the command said gives the PDF back
