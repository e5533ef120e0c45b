"""A sidebar drawn as a title bar over its body (perhaps a footer bar under it), two or three outlined boxes of one
width edge to edge: read box by box, the title bar held a headline without body and the body no headline, so both were
left out as adverts: a tester's issue lost its two sidebars ("My digital mistakes", "AI regulation") from the
archive, listed only by --report. Such a stack is now the one box it is: the sidebar is an article. (With a footer bar
of 20 pt or more the three boxes were a grid's cells, read in the flow, where the headline still headed the sidebar:
kept as a guard.) Real PDFs, real pdfminer."""

import textwrap

import pytest

from rag.corpus.parse_pdf import parse_pdf_layout
from rag.testing import paged_pdf

BODY = ("Managers across the NHS met this spring to discuss the pay award for this year, and the union said that what "
        "was offered fell short of what members had asked for in its consultation over the winter months. ") * 3
SIDE = ("Digital chief Paul Jones says the first mistake he made was buying a system before asking the staff who would "
        "use it what they needed, and the second was believing the supplier about when it would be ready. ") * 2


def _text(text: str, font: int, size: float, x: float, y: float, width: int, pitch: float) -> bytes:
    return b"\n".join(b"BT /F%d %.1f Tf 1 0 0 1 %.1f %.1f Tm (%s) Tj ET" % (font, size, x, y - pitch * i, ln.encode())
                      for i, ln in enumerate(textwrap.wrap(text, width)))


def _page(footer: float) -> bytes:
    """An article at the top; below it a sidebar: a title bar 30 pt high, its body, a footer bar `footer` pt high."""
    parts = [_text("Pay award falls short", 2, 20, 50, 790, 60, 24), _text(BODY, 1, 10, 50, 760, 95, 12.5)]
    top, bar, body = 560.0, 30.0, 120.0
    parts += [b"%.1f %.1f 495 %.1f re S" % (50, top - bar, bar),
              _text("My digital mistakes", 2, 14, 60, top - 20, 60, 16),
              b"%.1f %.1f 495 %.1f re S" % (50, top - bar - body, body),
              _text(SIDE, 1, 10, 60, top - bar - 15, 90, 12.5)]
    if footer:
        parts += [b"%.1f %.1f 495 %.1f re S" % (50, top - bar - body - footer, footer),
                  _text("More at miphealth.org.uk/digital", 1, 8, 60, top - bar - body - footer + 8, 90, 10)]
    return b"\n".join(parts)


def _pdf(content: bytes) -> bytes:
    return paged_pdf([content], [b"<< /Type /Font /Subtype /Type1 /BaseFont /Times-Roman >>",
                                 b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold >>"])


@pytest.mark.parametrize("footer", [0, 25], ids=["title-and-body", "with-footer-bar"])
def test_a_sidebar_drawn_as_stacked_boxes_is_one_article(tmp_path, footer):
    path = tmp_path / "i.pdf"
    path.write_bytes(_pdf(_page(footer)))
    parsed = parse_pdf_layout(path, "2026-autumn-69")
    by_head = {a.headline: a.text for a in parsed.articles}
    assert set(by_head) == {"Pay award falls short", "My digital mistakes"}, by_head
    assert "buying a system before asking the staff" in by_head["My digital mistakes"]
    assert "Paul Jones" not in by_head["Pay award falls short"]
    assert not parsed.dropped
