"""Two articles of one PDF page each numbering their own notes, both citing "1": the page's foot holds two notes "1",
and both went to the page's last article (the upper article lost its source, the lower got two notes "1"). Now the
notes of one mark go, in the order printed, to the articles citing it in reading order. Real PDFs read by
pdfminer."""

from rag.corpus.parse_pdf import parse_pdf_layout
from rag.testing import paged_pdf
from tests.test_tester26_footnote_owner import CUTS, PAY, _column, _full_page, _owner, _text

CUTS_CITED = CUTS.replace("financial year. ", "financial year.1 ")


def _parse(tmp_path, pages):
    path = tmp_path / "i.pdf"
    path.write_bytes(paged_pdf(pages, [b"<< /Type /Font /Subtype /Type1 /BaseFont /Times-Roman >>",
                                       b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold >>"]))
    return parse_pdf_layout(path, "2026-autumn-69")


def _page(notes: list[bytes]) -> list[bytes]:
    upper = _column(50, 780, "Pay award falls short", PAY.format(mark="") + PAY.format(mark=".1"), 95)
    lower = _column(50, 560, "Trusts cut managers", CUTS * 2 + CUTS_CITED, 95)
    page = b"\n".join([*upper, *lower, b"50 105 m 200 105 l S", *notes, _text(300, 40, 8, 1, "3")])
    return [_full_page(2, "Flexible working rules change", CUTS), page,
            _full_page(4, "Conference dates announced", CUTS)]


def test_two_notes_one_each_go_to_the_articles_citing_them_in_order(tmp_path):
    parsed = _parse(tmp_path, _page([_text(50, 95, 7, 1, "1 NHS Employers, Pay and conditions circular 2026."),
                                     _text(50, 85, 7, 1, "1 NHS Providers, Corporate cost review 2026.")]))
    assert [a.headline for a in parsed.articles][1:3] == ["Pay award falls short", "Trusts cut managers"]
    assert _owner(parsed, "NHS Employers, Pay and conditions circular") == ["Pay award falls short"]
    assert _owner(parsed, "NHS Providers, Corporate cost review") == ["Trusts cut managers"]


def test_one_note_one_both_articles_cite_goes_to_the_last_as_before(tmp_path):
    parsed = _parse(tmp_path, _page([_text(50, 85, 7, 1, "1 NHS Employers, Pay and conditions circular 2026.")]))
    assert _owner(parsed, "NHS Employers, Pay and conditions circular") == ["Trusts cut managers"]
