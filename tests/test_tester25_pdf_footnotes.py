"""Footnotes set in small type at a PDF page's foot (the sources a feature cites) were read as captions and left out
of the archive, without a word and unlisted by --report: a member asking where a figure came from found nothing.
Small type below every other line of its page that opens on a note's mark ("1 ", "*", "[2]", "Sources:") is now
kept, each note a paragraph at the end of its article; a picture's caption is still left out. Real PDFs, pdfminer."""

import textwrap

import pytest

from rag.corpus.parse_pdf import parse_pdf_layout
from rag.testing import paged_pdf

BODY = ("Managers across the NHS met this spring to discuss the {0}, and the union said that what was offered fell "
        "short of what members had asked for in its consultation over the winter months.1 ") * 4
HEADS = ["Pay award falls short of expectations", "Trusts cut management posts by a third", "Flexible working rules change"]


def _page(folio: int, head: str, notes: list[str] = (), caption: str = "") -> bytes:
    lines = textwrap.wrap(BODY.format(head.lower()), 90)
    out = [b"BT /F2 20 Tf 1 0 0 1 50 780 Tm (%s) Tj ET" % head.encode()]
    out += [b"BT /F1 10 Tf 1 0 0 1 50 %.1f Tm (%s) Tj ET" % (750 - 12.5 * i, ln.encode()) for i, ln in enumerate(lines)]
    if caption:  # a picture, its caption under it
        out += [b"50 300 200 150 re S", b"BT /F1 7 Tf 1 0 0 1 50 290 Tm (%s) Tj ET" % caption.encode()]
    if notes:  # a short rule, then the notes
        out += [b"50 95 m 200 95 l S"]
        out += [b"BT /F1 7 Tf 1 0 0 1 50 %.1f Tm (%s) Tj ET" % (85 - 9 * i, t.encode()) for i, t in enumerate(notes)]
    out.append(b"BT /F1 8 Tf 1 0 0 1 300 40 Tm (%d) Tj ET" % folio)
    return b"\n".join(out)


def _parse(tmp_path, pages: list[bytes]):
    path = tmp_path / "i.pdf"
    path.write_bytes(paged_pdf(pages, [b"<< /Type /Font /Subtype /Type1 /BaseFont /Times-Roman >>",
                                       b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold >>"]))
    return parse_pdf_layout(path, "2026-autumn-69")


@pytest.mark.parametrize("notes", [
    ["1 NHS Employers, Pay and conditions circular 2026, published in March.",
     "2 MiP survey of members, winter 2025-26, with 1,204 replies."],
    ["* NHS Employers, Pay and conditions circular 2026, published in March.",
     "[2] MiP survey of members, winter 2025-26, with 1,204 replies."],
    ["Sources: NHS Employers, Pay and conditions circular 2026, published in", "March; MiP survey of members, winter."],
], ids=["numbered", "marks", "sources"])
def test_footnotes_are_kept_at_their_articles_end(tmp_path, notes):
    parsed = _parse(tmp_path, [_page(2, HEADS[0]), _page(3, HEADS[1], notes=notes), _page(4, HEADS[2])])
    assert [a.headline for a in parsed.articles] == HEADS
    texts = [[p.text for p in a.paragraphs] for a in parsed.articles]
    assert "NHS Employers, Pay and conditions circular 2026" in texts[1][-1 if notes[0][0] == "S" else -2]
    assert "1,204 replies" in texts[1][-1] or "survey of members, winter." in texts[1][-1]
    assert all("NHS Employers" not in " ".join(t) for i, t in enumerate(texts) if i != 1)
    assert [p.page for p in parsed.articles[1].paragraphs][-1] == 3


def test_a_caption_at_the_foot_is_still_left_out(tmp_path):
    parsed = _parse(tmp_path, [_page(2, HEADS[0], caption="Jon Restell at the conference in May"),
                               _page(3, HEADS[1]), _page(4, HEADS[2])])
    assert all("Restell" not in p.text for a in parsed.articles for p in a.paragraphs)
