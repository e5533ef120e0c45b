"""What a file named .pdf that holds no PDF really is, said with what to do: a web page saved by a download that
failed, a Word file or ZIP, an image, text extracted already, a PDF with bytes before its header. "not a PDF (no %PDF
header): check the file, or give it a .txt/.md name" sent the maintainer to rename a login page or a Word file .txt
(refused in turn, as HTML or as no text), where the file itself was wrong."""

from __future__ import annotations

from pathlib import Path

_MAGIC = (  # (the file's first bytes, what it is, what to do)
    (b"PK\x03\x04", "a ZIP archive (a Word .docx, an .epub, or a zipped PDF?)",
     "export the issue as PDF from the program that made it, or unzip it and name the PDF inside as source"),
    (b"\x1f\x8b", "gzip-compressed", "uncompress it (gunzip) and name the file inside as source"),
    (b"%!PS", "PostScript", "convert it (ps2pdf FILE) and name the PDF as source"),
    (b"\x89PNG", "a PNG image", "give the issue's PDF (or the text extracted from it, named .txt)"),
    (b"\xff\xd8\xff", "a JPEG image", "give the issue's PDF (or the text extracted from it, named .txt)"),
    (b"GIF8", "a GIF image", "give the issue's PDF (or the text extracted from it, named .txt)"),
    (b"II*\x00", "a TIFF image (a scan?)", "give the issue's PDF (or the text extracted from it, named .txt)"),
    (b"MM\x00*", "a TIFF image (a scan?)", "give the issue's PDF (or the text extracted from it, named .txt)"),
    (b"\xd0\xcf\x11\xe0", "an old Office file (.doc)", "export the issue as PDF from the program that made it"),
)


def not_a_pdf(path: Path, data: bytes) -> str:
    """What to say of a file named .pdf whose data does not start with %PDF."""
    late = data.find(b"%PDF-", 1, 1024)
    if late > 0:  # readers such as Acrobat skip them; pdfminer reads no page at all ("No /Root object")
        return (f"{path} has {late} bytes before its %PDF header (added by a mail or download program?), which the PDF "
                f"reader cannot skip: download or copy the PDF again, or save it without them (tail -c +{late + 1} "
                "FILE > fixed.pdf) and name that file as source in issue.toml")
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<html" in head or b"<body" in head:
        return (f"{path} is a web page (HTML), not a PDF: the download saved a login, error or preview page instead of "
                "the file: download the PDF itself again")
    for magic, kind, todo in _MAGIC:
        if data.startswith(magic):
            return f"{path} is {kind}, not a PDF: {todo}"
    sample = data[:65536]
    text = sample.decode("utf-8", "ignore")
    if len(text) >= 0.95 * len(sample) and sum(c.isprintable() or c.isspace() for c in text) >= 0.98 * len(text):
        return (f"{path} holds plain text, not a PDF: if it is the issue's text extracted from its PDF, rename it .txt "
                "(or .md for markdown) and name it so as source in issue.toml; otherwise copy the PDF again")
    return (f"{path} is not a PDF (no %PDF header), nor text: it is damaged or another kind of file: copy or download "
            "the PDF again")
