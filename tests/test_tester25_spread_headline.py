"""A PDF exported as spreads only, one of whose spreads carries a feature's headline across the gutter (a headline
over both pages, as magazines set a feature's opening spread), was read whole at that spread: a word across the
middle meant "not a spread", so its two pages' four columns were read as one page of four and its folios were lost,
the pages after it numbered again by PDF page. A landscape page of the size most of the PDF's spreads are is now cut
too, the lines crossing its middle (the headline) going whole to its left page. Real PDFs, real pdfminer."""

import textwrap

from rag.corpus.parse_pdf import parse_pdf_layout
from tests.test_tester24_pdf_spreads import HEADS, _pdf, _side

FEATURE = "Cyber attacks put patient records at risk across the NHS"
STORY = ("The {0} part of the feature sets out how trusts that cut their technology teams found that the attacks on "
         "their systems went unnoticed for weeks, and what the union says managers should ask of their boards. ")


def _feature_spread(folio: int) -> tuple[float, bytes]:
    """FEATURE across both pages at the top, its body in two columns a page, running from page folio onto the next."""
    text = "".join(STORY.format(n) for n in ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth",
                                             "ninth", "tenth", "eleventh", "twelfth"))
    lines = textwrap.wrap(text, 35)
    per = (len(lines) + 3) // 4
    out = [b"BT /F2 8 Tf 1 0 0 1 40 815 Tm (Healthcare Manager Autumn 2026) Tj ET",
           b"BT /F2 8 Tf 1 0 0 1 635 815 Tm (Healthcare Manager Autumn 2026) Tj ET",
           b"BT /F2 26 Tf 1 0 0 1 200 770 Tm (%s) Tj ET" % FEATURE.encode()]
    xs = (40, 300, 635, 895)
    out += [b"BT /F1 10 Tf 1 0 0 1 %d %.1f Tm (%s) Tj ET" % (xs[i // per], 730 - 12.5 * (i % per), ln.encode())
            for i, ln in enumerate(lines)]
    out += [b"BT /F1 8 Tf 1 0 0 1 40 30 Tm (%d) Tj ET" % folio, b"BT /F1 8 Tf 1 0 0 1 1145 30 Tm (%d) Tj ET" % (folio + 1)]
    return 1190.0, b"\n".join(out)


def _spread(left: int, folio: int) -> tuple[float, bytes]:
    return 1190.0, _side(HEADS[left], folio, 0) + b"\n" + _side(HEADS[left + 1], folio + 1, 595)


def test_a_spread_with_a_headline_across_its_gutter_is_read_as_two_pages(tmp_path):
    path = tmp_path / "i.pdf"
    path.write_bytes(_pdf([_spread(0, 2), _feature_spread(4), _spread(2, 6)]))
    parsed = parse_pdf_layout(path, "2026-autumn-69")
    got = [(a.headline, a.page) for a in parsed.articles]
    assert got == [(HEADS[0], 2), (HEADS[1], 3), (FEATURE, 4), (HEADS[2], 6), (HEADS[3], 7)], got
    feature = parsed.articles[2]
    assert [n for n in ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
                        "eleventh", "twelfth") if f"The {n} part of" in feature.text] == [
        "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh",
        "twelfth"]  # in order, none lost
    assert feature.text.index("The first part") < feature.text.index("The seventh part") < feature.text.index("The twelfth")
