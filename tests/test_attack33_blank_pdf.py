"""A PDF whose pages are blank (no text, no picture, no drawing: an export or print to PDF gone wrong) was "has no
extractable text (a scan?): run OCR first", which finds nothing on a blank page. It is said to be blank, and to be
exported again; a page of pictures or shapes is still sent to OCR."""

import fpdf
import pytest

from rag.corpus.pdf_read import read_pdf_pages
from rag.errors import InputError


def test_a_pdf_of_blank_pages_is_said_to_be_blank(tmp_path):
    pdf = fpdf.FPDF()
    for _ in range(3):
        pdf.add_page()
    pdf.output(str(tmp_path / "issue.pdf"))
    with pytest.raises(InputError) as refused:
        read_pdf_pages(tmp_path / "issue.pdf")
    said = str(refused.value)
    assert "its 3 PDF pages hold neither text nor pictures" in said and "OCR will not help" in said
    assert "export or download the PDF again" in said and "a scan?" not in said


def test_a_pdf_of_shapes_is_still_sent_to_ocr(tmp_path):  # text turned into outlines is drawn, and OCR reads it
    pdf = fpdf.FPDF()
    pdf.add_page()
    pdf.add_page()
    pdf.rect(20, 20, 50, 50)
    pdf.output(str(tmp_path / "issue.pdf"))
    with pytest.raises(InputError, match=r"no extractable text \(a scan\?\): run OCR first"):
        read_pdf_pages(tmp_path / "issue.pdf")
