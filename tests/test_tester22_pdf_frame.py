"""A PDF issue printed with a frame round the text area of every page (one outlined rectangle, a common design) was
refused whole: "has no article text after removing page furniture: check the PDF". The frame was read as a box
holding every word of its page, and boxes not set like sidebars are adverts, left out. A rectangle over half the page
at the same place on several pages is now a frame, not a box; a full-page advert's box on one page stays an advert.
Real PDFs (fpdf2), real pdfminer."""

import textwrap

from fpdf import FPDF

from rag.corpus.parse_pdf import parse_pdf_layout

BODY = ("Managers across the NHS met this spring to discuss the pay award for this year, and the union said that the "
        "offer fell short of what members had asked for in its consultation. ") * 5


def _issue(path, framed_pages, advert_page=None):
    pdf = FPDF(unit="pt", format="A4")
    for n in range(1, 4):
        pdf.add_page()
        if n in framed_pages:
            pdf.rect(30, 30, 535, 782)
        pdf.set_font("Helvetica", "B", size=22)
        pdf.text(50, 80, f"Pay award story number {n}")
        pdf.set_font("Helvetica", size=10)
        for k, line in enumerate(textwrap.wrap(BODY, 95)):
            pdf.text(50, 110 + 12.5 * k, line)
    if advert_page:
        pdf.add_page()
        pdf.rect(40, 40, 515, 700)
        pdf.set_font("Courier", size=14)
        for k in range(20):
            pdf.text(60, 80 + 18 * k, "Buy our lovely product today at a special low price")
    pdf.output(str(path))
    return path


def test_a_frame_on_every_page_is_not_a_box(tmp_path):
    result = parse_pdf_layout(_issue(tmp_path / "i.pdf", {1, 2, 3}), "t")
    assert [a.headline for a in result.articles] == [f"Pay award story number {n}" for n in (1, 2, 3)]
    assert all("offer fell short" in a.text for a in result.articles) and result.dropped == []


def test_a_full_page_advert_box_on_one_page_is_still_an_advert(tmp_path):
    result = parse_pdf_layout(_issue(tmp_path / "i.pdf", set(), advert_page=True), "t")
    assert not any("lovely product" in a.text for a in result.articles)
    assert [d.kind for d in result.dropped] == ["advert"]
