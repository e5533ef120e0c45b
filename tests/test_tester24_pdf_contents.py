"""A PDF issue's contents page (the issue's headlines, each with its page number and a teaser) was read as an article
of its own: a tester's third issue got one headed "Contents" whose passages were the headlines and page numbers run
together ("Editorial HEADS UP 3 Overseas staff face dismissal ... 4 4 5 New UK health secretary ..."), found by a search
for any article's words. On a page where four or more lines each name a headline printed on another page, the list
(the area those lines cover, its title and teasers) is now left out as the contents and listed as such by `--report`;
an editorial beside it on that page is kept. Real PDFs, real pdfminer."""

import textwrap

from rag.corpus.parse_pdf import parse_pdf_layout
from rag.testing import paged_pdf

HEADLINES = ["Pay award falls short for senior managers", "Trusts cut management posts by a third",
             "New rules on flexible working take effect", "Reps elected to the national committee",
             "Cyber attacks put patient records at risk"]
BODY = ("Managers across the NHS met this spring to discuss the {topic}, and the union said that what was offered fell "
        "short of what members had asked for in its consultation over the winter months. ") * 3
TEASER = "What the {topic} means for members, and what MiP is doing about it"


def _page(*lines: tuple[str, int, float, float]) -> bytes:
    """(text, font 1 regular / 2 bold, size, y) per line, at x = 50."""
    return b"\n".join(b"BT /F%d %.1f Tf 1 0 0 1 50 %.1f Tm (%s) Tj ET" % (font, size, y, text.encode())
                      for text, font, size, y in lines)


def _article(n: int) -> bytes:
    head = HEADLINES[n]
    body = textwrap.wrap(BODY.format(topic=head.lower()), 90)
    lines = [(ln, 1, 10, 750 - 12.5 * i) for i, ln in enumerate(body)]
    return _page((head, 2, 20, 780), *lines, (str(n + 3), 1, 8, 40))


def _contents(listed: list[str]) -> bytes:
    rows = [("Contents", 2, 28, 780)]
    for i, head in enumerate(listed):
        rows += [(f"{head}   {i + 3}", 2, 10, 740 - 40 * i), (TEASER.format(topic=head.lower()), 1, 8.5, 728 - 40 * i)]
    return _page(*rows, ("2", 1, 8, 40))


def _pdf(pages: list[bytes]) -> bytes:
    return paged_pdf(pages, [b"<< /Type /Font /Subtype /Type1 /BaseFont /Times-Roman >>",
                             b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold >>"])


def _parse(tmp_path, pages: list[bytes]):
    path = tmp_path / "i.pdf"
    path.write_bytes(_pdf(pages))
    return parse_pdf_layout(path, "2026-autumn-69")


def test_a_contents_page_is_left_out_and_listed(tmp_path):
    parsed = _parse(tmp_path, [_contents(HEADLINES)] + [_article(n) for n in range(5)])
    assert [a.headline for a in parsed.articles] == HEADLINES
    for a in parsed.articles:
        assert "Contents" not in a.text and "What the" not in a.text
        assert sum(h in a.text for h in HEADLINES) == 0  # no article holds the list of headlines
    (listing,) = [d for d in parsed.dropped if d.kind == "contents"]
    assert listing.text.startswith("Contents") and HEADLINES[4] in listing.text


def test_a_page_naming_three_other_headlines_is_read_as_before(tmp_path):
    """A cover or a news page's teasers name a few headlines: it is no contents page."""
    parsed = _parse(tmp_path, [_contents(HEADLINES[:3])] + [_article(n) for n in range(5)])
    assert not [d for d in parsed.dropped if d.kind == "contents"]
    assert [a.headline for a in parsed.articles][-5:] == HEADLINES


EDITORIAL = ("I'm writing this in the press room at the conference, where the chief executive has just given his "
             "keynote, and the mood among the managers I spoke to afterwards was one of weary determination. ") * 4


def _contents_and_editorial() -> bytes:
    """The contents in the left column, the editorial beside it in the right two (a common page 2)."""
    rows = [("Contents", 2, 20, 780)]
    for i, head in enumerate(HEADLINES):
        rows += [(f"{head[:28]}", 2, 9, 740 - 40 * i), (str(i + 3), 2, 9, 728 - 40 * i)]
    page = _page(*rows)
    body = textwrap.wrap(EDITORIAL, 60)
    return page + b"\n" + b"\n".join(
        [b"BT /F2 20 Tf 1 0 0 1 250 780 Tm (Welcome to the issue) Tj ET"]
        + [b"BT /F1 10 Tf 1 0 0 1 250 %.1f Tm (%s) Tj ET" % (750 - 12.5 * i, ln.encode()) for i, ln in enumerate(body)]
        + [b"BT /F1 8 Tf 1 0 0 1 50 40 Tm (2) Tj ET"])


def test_an_editorial_beside_the_contents_is_kept(tmp_path):
    parsed = _parse(tmp_path, [_contents_and_editorial()] + [_article(n) for n in range(5)])
    heads = [a.headline for a in parsed.articles]
    assert heads == ["Welcome to the issue", *HEADLINES], heads
    assert "weary determination" in parsed.articles[0].text and "Pay award" not in parsed.articles[0].text
