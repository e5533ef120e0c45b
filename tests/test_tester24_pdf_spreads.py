"""A PDF exported as spreads (two magazine pages side by side on each PDF page, the cover alone, as InDesign's "export
as spreads" and printers' proofs do) was read whole: a tester's issue so exported was published as 21 articles for
15, headlines cut in two ("secretary stresses", "money"), "Editorial Whitehall nationality rules", pages numbered by
spread, without a word. Each spread is now read as its two pages. Real PDFs, real pdfminer."""

import textwrap

import pytest

from rag.corpus.parse_pdf import parse_pdf_layout
from rag.testing import paged_pdf

BODY = ("Managers across the NHS met this spring to discuss the {0}, and the union said that what was offered fell "
        "short of what members had asked for in its consultation over the winter months. ") * 5
HEADS = ["Pay award falls short", "Trusts cut management posts", "Flexible working rules change",
         "Reps elected to the committee", "Cyber attacks put records at risk", "New pensions advice service"]


def _side(head: str, folio: int, x: float) -> bytes:
    """One magazine page at x: headline, body in two columns of 35 characters, running header, folio."""
    lines = textwrap.wrap(BODY.format(head.lower()), 35)
    half = (len(lines) + 1) // 2
    out = [b"BT /F2 8 Tf 1 0 0 1 %.1f 815 Tm (Healthcare Manager Autumn 2026) Tj ET" % (x + 40),
           b"BT /F2 20 Tf 1 0 0 1 %.1f 780 Tm (%s) Tj ET" % (x + 40, head.encode())]
    out += [b"BT /F1 10 Tf 1 0 0 1 %.1f %.1f Tm (%s) Tj ET" % (x + 40 + 260 * (i // half), 750 - 12.5 * (i % half),
                                                                 ln.encode()) for i, ln in enumerate(lines)]
    out.append(b"BT /F1 8 Tf 1 0 0 1 %.1f 30 Tm (%d) Tj ET" % (x + (40 if folio % 2 == 0 else 550), folio))
    return b"\n".join(out)


def _pdf(pages: list[tuple[float, bytes]]) -> bytes:
    return paged_pdf([c for _, c in pages], [b"<< /Type /Font /Subtype /Type1 /BaseFont /Times-Roman >>",
                                             b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold >>"],
                     widths=[w for w, _ in pages])


def _spread(left: int, folio: int) -> tuple[float, bytes]:
    """HEADS[left] and the next on magazine pages folio and folio + 1, side by side."""
    return 1190.0, _side(HEADS[left], folio, 0) + b"\n" + _side(HEADS[left + 1], folio + 1, 595)


@pytest.mark.parametrize("cover", [True, False], ids=["cover-alone", "spreads-only"])
def test_each_spread_is_read_as_its_two_pages(tmp_path, cover):
    if cover:  # page 1 alone, then pages 2-3 and 4-5
        pages = [(595.0, _side(HEADS[0], 1, 0)), _spread(1, 2), _spread(3, 4)]
        want = list(zip(HEADS[:5], range(1, 6)))
    else:  # pages 2-3, 4-5, 6-7
        pages, want = [_spread(0, 2), _spread(2, 4), _spread(4, 6)], list(zip(HEADS, range(2, 8)))
    path = tmp_path / "i.pdf"
    path.write_bytes(_pdf(pages))
    parsed = parse_pdf_layout(path, "2026-autumn-69")
    assert [(a.headline, a.page) for a in parsed.articles] == want
    for a, (head, _) in zip(parsed.articles, want):
        assert a.text.count("winter months.") == 5 and head.lower() in a.text
