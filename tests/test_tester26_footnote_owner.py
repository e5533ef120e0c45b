"""A PDF page's footnotes went to the article the reading had reached at the page's foot (the page's last): a note
under a two-column page's left article went to the article in the right column, and a note cited by the upper of two
stacked articles went to the lower one. A note now goes to the article on its page that cites its mark ("...
months.1"), else to the one whose columns it sits under, else (no telling) to the page's last as before. Real PDFs
read by pdfminer."""

import textwrap

from rag.corpus.parse_pdf import parse_pdf_layout
from rag.testing import paged_pdf

PAY = ("Managers across the NHS met this spring to discuss the pay award, and the union said that what was offered "
       "fell short of what members had asked for in its consultation over the winter months{mark}. ")
CUTS = ("Trusts have been told to cut the cost of their corporate teams by half, and many have begun consultations "
        "with managers over posts that will go before the end of the financial year. ")
NOTE = "1 NHS Employers, Pay and conditions circular 2026."


def _text(x: float, top: float, size: float, font: int, text: str) -> bytes:
    return b"BT /F%d %.1f Tf 1 0 0 1 %.1f %.1f Tm (%s) Tj ET" % (font, size, x, top, text.encode())


def _column(x: float, top: float, head: str, body: str, width: int) -> list[bytes]:
    out = [_text(x, top, 16, 2, head)]
    out += [_text(x, top - 28 - 12.5 * i, 10, 1, ln) for i, ln in enumerate(textwrap.wrap(body, width))]
    return out


def _parse(tmp_path, pages: list[bytes]):
    path = tmp_path / "i.pdf"
    path.write_bytes(paged_pdf(pages, [b"<< /Type /Font /Subtype /Type1 /BaseFont /Times-Roman >>",
                                       b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold >>"]))
    return parse_pdf_layout(path, "2026-autumn-69")


def _full_page(folio: int, head: str, body: str) -> bytes:
    return b"\n".join([*_column(50, 780, head, body * 5, 95), _text(300, 40, 8, 1, str(folio))])


def _owner(parsed, words: str) -> list[str]:
    return [a.headline for a in parsed.articles if any(words in p.text for p in a.paragraphs)]


def test_a_note_under_the_left_column_goes_to_the_left_article(tmp_path):
    left = _column(50, 780, "Pay award falls short", (PAY.format(mark="") * 3) + PAY.format(mark=".1"), 44)
    right = _column(310, 780, "Trusts cut managers", CUTS * 4, 44)
    notes = [b"50 95 m 200 95 l S", _text(50, 85, 7, 1, NOTE)]
    page = b"\n".join([*left, *right, *notes, _text(300, 40, 8, 1, "3")])
    parsed = _parse(tmp_path, [_full_page(2, "Flexible working rules change", CUTS), page,
                               _full_page(4, "Conference dates announced", CUTS)])
    assert [a.headline for a in parsed.articles][1:3] == ["Pay award falls short", "Trusts cut managers"]
    assert _owner(parsed, "NHS Employers, Pay and conditions circular") == ["Pay award falls short"]


def test_notes_across_the_page_foot_go_to_the_column_citing_them(tmp_path):
    left = _column(50, 780, "Pay award falls short", (PAY.format(mark="") * 3) + PAY.format(mark=".1"), 44)
    right = _column(310, 780, "Trusts cut managers", CUTS * 4, 44)
    notes = [b"50 95 m 545 95 l S", _text(50, 85, 7, 1, NOTE + " Figures for every band are in its annex, "
                                             "with the rates for London and the fringe.")]
    page = b"\n".join([*left, *right, *notes, _text(300, 40, 8, 1, "3")])
    parsed = _parse(tmp_path, [_full_page(2, "Flexible working rules change", CUTS), page,
                               _full_page(4, "Conference dates announced", CUTS)])
    assert [a.headline for a in parsed.articles][1:3] == ["Pay award falls short", "Trusts cut managers"]
    assert _owner(parsed, "NHS Employers, Pay and conditions circular") == ["Pay award falls short"]


def test_a_note_cited_by_the_upper_of_two_stacked_articles_goes_to_it(tmp_path):
    upper = _column(50, 780, "Pay award falls short", PAY.format(mark="") + PAY.format(mark=".1"), 95)
    lower = _column(50, 560, "Trusts cut managers", CUTS * 3, 95)
    notes = [b"50 95 m 200 95 l S", _text(50, 85, 7, 1, NOTE)]
    page = b"\n".join([*upper, *lower, *notes, _text(300, 40, 8, 1, "3")])
    parsed = _parse(tmp_path, [_full_page(2, "Flexible working rules change", CUTS), page,
                               _full_page(4, "Conference dates announced", CUTS)])
    assert [a.headline for a in parsed.articles][1:3] == ["Pay award falls short", "Trusts cut managers"]
    assert _owner(parsed, "NHS Employers, Pay and conditions circular") == ["Pay award falls short"]


def test_a_note_no_article_cites_under_both_goes_to_the_last_as_before(tmp_path):
    upper = _column(50, 780, "Pay award falls short", PAY.format(mark="") * 2, 95)
    lower = _column(50, 560, "Trusts cut managers", CUTS * 3, 95)
    notes = [b"50 95 m 200 95 l S", _text(50, 85, 7, 1, "Sources: NHS Employers, Pay and conditions circular 2026.")]
    page = b"\n".join([*upper, *lower, *notes, _text(300, 40, 8, 1, "3")])
    parsed = _parse(tmp_path, [_full_page(2, "Flexible working rules change", CUTS), page,
                               _full_page(4, "Conference dates announced", CUTS)])
    assert _owner(parsed, "NHS Employers, Pay and conditions circular") == ["Trusts cut managers"]
