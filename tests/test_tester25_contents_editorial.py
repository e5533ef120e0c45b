"""An editorial set under a PDF issue's contents list, in its width and within 60 pt of it, was dropped with the list:
the list was grown down line by line by every line within 60 pt, so it took the editorial's headline and then each
of its lines in turn. Below the list only the last entry's own lines (its teaser) are now taken. Real PDFs."""

import textwrap

from rag.corpus.parse_pdf import parse_pdf_layout
from rag.testing import paged_pdf
from tests.test_tester24_pdf_contents import BODY, HEADLINES, TEASER, _article, _page

EDITORIAL = ("I'm writing this in the press room at the conference, where the chief executive has just given his "
             "keynote, and the mood among the managers I spoke to afterwards was one of weary determination. ") * 4


def _contents_over_editorial(gap: float) -> bytes:
    """Contents (title, five entries each with its teaser) at the top of page 2; the editorial gap pt under the last
    teaser, in the list's width."""
    rows = [("Contents", 2, 28, 780)]
    for i, head in enumerate(HEADLINES):
        rows += [(f"{head}   {i + 3}", 2, 10, 740 - 40 * i), (TEASER.format(topic=head.lower()), 1, 8.5, 728 - 40 * i)]
    top = 728 - 40 * 4 - gap
    rows += [("A word from the editor", 2, 20, top)]
    rows += [(ln, 1, 10, top - 28 - 12.5 * i) for i, ln in enumerate(textwrap.wrap(EDITORIAL, 40))]
    return _page(*rows, ("2", 1, 8, 40))


def _parse(tmp_path, first: bytes):
    path = tmp_path / "i.pdf"
    path.write_bytes(paged_pdf([first] + [_article(n) for n in range(5)],
                               [b"<< /Type /Font /Subtype /Type1 /BaseFont /Times-Roman >>",
                                b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold >>"]))
    return parse_pdf_layout(path, "2026-autumn-69")


def test_an_editorial_under_the_contents_is_kept(tmp_path):
    for gap in (30, 45, 58):
        parsed = _parse(tmp_path, _contents_over_editorial(gap))
        heads = [a.headline for a in parsed.articles]
        assert heads == ["A word from the editor", *HEADLINES], (gap, heads)
        assert parsed.articles[0].paragraphs[0].text.startswith("I’m writing this in the press room")
        assert "weary determination" in parsed.articles[0].paragraphs[-1].text
        (listing,) = [d for d in parsed.dropped if d.kind == "contents"]
        assert "press room" not in listing.text and listing.text.startswith("Contents")
        assert all("What the" not in p.text for a in parsed.articles for p in a.paragraphs)  # nor the teasers
        assert all(BODY[:40] not in a.headline for a in parsed.articles)
