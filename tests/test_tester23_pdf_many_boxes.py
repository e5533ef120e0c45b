"""A PDF page drawn with thousands of small outlined rectangles (a pattern, a puzzle, a table drawn cell by cell) had
every word matched against every rectangle one pair at a time: seconds of CPU per page holding the build lock (a
32 MB PDF of such pages: tens of minutes). Each word inside them was read as advert text, so the issue was refused
with "has no article text after removing page furniture: check the PDF", which said neither why nor what to do.
Rectangles touching or crossing others are a grid's cells, not boxes; the refusal says where the words went.
Real PDFs (fpdf2), real pdfminer."""

import random
import textwrap
import time

import pytest
from fpdf import FPDF

from rag.corpus.parse_pdf import layout_parse, parse_pdf_layout, read_pdf_pages
from rag.errors import InputError

BODY = ("Managers across the NHS met this spring to discuss the pay award for this year, and the union said that the "
        "offer fell short of what members had asked for in its consultation. ") * 5


def _page(pdf, n, body=BODY):
    pdf.set_font("Helvetica", "B", size=22)
    pdf.text(50, 80, f"Pay award story number {n}")
    pdf.set_font("Helvetica", size=10)
    for k, line in enumerate(textwrap.wrap(body, 95)):
        pdf.text(50, 110 + 12.5 * k, line)


def test_a_page_of_twelve_thousand_rectangles_is_read_in_a_fraction_of_a_second(tmp_path):
    rnd, pdf = random.Random(1), FPDF(unit="pt", format="A4")
    for n in (1, 2):
        pdf.add_page()
        for _ in range(12_000):  # a background pattern of overlapping squares, the article's text over it
            pdf.rect(rnd.uniform(20, 540), rnd.uniform(20, 790), 25, 25)
        _page(pdf, n, BODY * 5)  # a full page: 900 words
    pdf.output(str(tmp_path / "i.pdf"))
    pages = read_pdf_pages(tmp_path / "i.pdf")
    started = time.process_time()
    result = layout_parse(pages, "t")
    assert time.process_time() - started < 1.5  # was 5 s here (12,000 rectangles x 1,800 words)
    assert [a.headline for a in result.articles] == ["Pay award story number 1", "Pay award story number 2"]
    assert all("offer fell short" in a.text for a in result.articles) and result.dropped == []


@pytest.mark.parametrize("border", [False, True], ids=["cells", "cells-in-a-border"])
def test_a_table_drawn_cell_by_cell_stays_in_its_article(tmp_path, border):
    pdf = FPDF(unit="pt", format="A4")
    pdf.add_page()
    _page(pdf, 1)
    pdf.set_font("Helvetica", size=10)
    if border:  # a rectangle round the cells: read as a box, it left the whole table out as an advert
        pdf.rect(45, 295, 460, 100)
    for row, cells in enumerate([("Band", "Pay", "Rise"), ("Band 8a", "£50,952", "5.5%"), ("Band 8b", "£58,972", "5.5%")]):
        for col, text in enumerate(cells):
            x, y = 50 + 150 * col, 300 + 30 * row
            pdf.rect(x, y, 150, 30)  # each cell its own rectangle, sharing its edges with the next
            pdf.text(x + 8, y + 19, text)
    pdf.output(str(tmp_path / "i.pdf"))
    result = parse_pdf_layout(tmp_path / "i.pdf", "t")
    text = " ".join(a.text for a in result.articles)
    assert "£58,972" in text and "Band 8a" in text and result.dropped == []  # were left out as 9 adverts


def test_an_advert_box_alone_is_still_an_advert(tmp_path):
    pdf = FPDF(unit="pt", format="A4")
    pdf.add_page()
    _page(pdf, 1)
    pdf.rect(40, 600, 300, 120)
    pdf.set_font("Courier", size=14)
    for k in range(4):
        pdf.text(60, 630 + 20 * k, "Buy our lovely product today")
    pdf.output(str(tmp_path / "i.pdf"))
    result = parse_pdf_layout(tmp_path / "i.pdf", "t")
    assert not any("lovely product" in a.text for a in result.articles) and [d.kind for d in result.dropped] == ["advert"]


def test_an_issue_whose_words_are_all_in_boxes_is_refused_saying_why_and_what_to_do(tmp_path):
    pdf = FPDF(unit="pt", format="A4")
    for n in (1, 2):
        pdf.add_page()
        pdf.set_font("Helvetica", size=10)
        for k, line in enumerate(textwrap.wrap(BODY, 60)[:8]):
            pdf.rect(45, 95 + 40 * k, 320, 30)  # each line in a box of its own, apart from the others
            pdf.text(50, 110 + 40 * k, line)
    pdf.output(str(tmp_path / "i.pdf"))
    with pytest.raises(InputError) as err:
        parse_pdf_layout(tmp_path / "i.pdf", "t")
    said = str(err.value)
    assert "inside outlined boxes" in said and "read as adverts" in said and "PDF pages 1-2" in said
    assert "pdftotext" in said and "point source at" in said
