"""A PDF footnote line in small type set a little wider than its column (7 pt to 257 pt under a column ending at
228 pt, short of the next column at 310 pt) was cut at the column's edge: its tail ("in March.") went to the next
column, whose left edge it moved, so each line of the article there read as a paragraph of its own (18 for 1). A
line fragment reaching into a gutter from one side goes whole to the column holding its centre. Real PDFs read by
pdfminer."""

from rag.corpus.parse_pdf import parse_pdf_layout
from rag.testing import paged_pdf
from tests.test_tester26_footnote_owner import CUTS, PAY, _column, _full_page, _owner, _text

NOTE = "1 NHS Employers, Pay and conditions circular 2026, published in March."


def _parse(tmp_path, note_x: float = 50, note: str = NOTE):
    left = _column(50, 780, "Pay award falls short", PAY.format(mark="") + PAY.format(mark=".1"), 44)
    right = _column(310, 780, "Trusts cut managers", CUTS * 4, 44)
    page = b"\n".join([*left, *right, b"50 100 m 200 100 l S", _text(note_x, 90, 7, 1, note),
                       _text(300, 40, 8, 1, "3")])
    path = tmp_path / "i.pdf"
    path.write_bytes(paged_pdf([_full_page(2, "Flexible working rules change", CUTS), page,
                                _full_page(4, "Conference dates announced", CUTS)],
                               [b"<< /Type /Font /Subtype /Type1 /BaseFont /Times-Roman >>",
                                b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold >>"]))
    return parse_pdf_layout(path, "2026-autumn-69")


def test_a_note_wider_than_its_column_stays_whole_and_the_next_column_keeps_its_paragraph(tmp_path):
    parsed = _parse(tmp_path)
    by_head = {a.headline: a for a in parsed.articles}
    assert _owner(parsed, "circular 2026, published in March.") == ["Pay award falls short"]
    assert len(by_head["Trusts cut managers"].paragraphs) == 1
    assert not [p for a in parsed.articles for p in a.paragraphs if p.text.strip() in ("in March.", "March.")]


def test_a_note_under_the_right_column_stays_there(tmp_path):
    parsed = _parse(tmp_path, note_x=310, note="Sources: NHS Providers, Corporate cost review 2026, out in May.")
    assert [a.headline for a in parsed.articles][1:3] == ["Pay award falls short", "Trusts cut managers"]
    assert _owner(parsed, "Corporate cost review 2026, out in May.") == ["Trusts cut managers"]
    assert all(len(a.paragraphs) <= 2 for a in parsed.articles)
