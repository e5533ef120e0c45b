"""Letter-spaced type (a label or headline tracked a quarter of an em or more, by the PDF's character spacing or by
positions alone) was read letter by letter: since session 24 a gap over 0.18 em is a space, so "SPECIAL REPORT"
tracked 0.25 em became "S P E C I A L R E P O R T", a headline so set the article's headline. A run of letters whose
median gap is that wide is now read with its tracking as the letters' own spacing. Real PDFs, real pdfminer."""

import textwrap

import pytest

from rag.corpus.parse_pdf import parse_pdf_layout, read_pdf_pages
from rag.testing import paged_pdf

BODY = ("Managers across the NHS met this spring to discuss the pay award, and the union said that what was offered "
        "fell short of what members had asked for in its consultation over the winter months. ") * 4


def _tracked(text: str, size: float, track: float, how: str) -> bytes:
    """text drawn with its letters track em apart: by character spacing (Tc, space characters between words), or by
    positions alone (a TJ array, no space character: words track + 0.28 em apart)."""
    if how == "Tc":
        return b"%.2f Tc (%s) Tj 0 Tc" % (track * size, text.encode())
    parts = []
    for i, word in enumerate(text.split()):
        parts += [b"%d" % -int((track + 0.28) * 1000)] if i else []
        for j, ch in enumerate(word):
            parts += ([b"%d" % -int(track * 1000)] if j else []) + [b"(%s)" % ch.encode()]
    return b"[" + b" ".join(parts) + b"] TJ"


def _pdf(tmp_path, head: bytes, label: bytes = b""):
    lines = textwrap.wrap(BODY, 90)
    out = [b"BT /F2 12 Tf 1 0 0 1 50 810 Tm %s ET" % label] if label else []
    out += [b"BT /F2 20 Tf 1 0 0 1 50 780 Tm %s ET" % head]
    out += [b"BT /F1 10 Tf 1 0 0 1 50 %.1f Tm (%s) Tj ET" % (750 - 12.5 * i, ln.encode()) for i, ln in enumerate(lines)]
    out.append(b"BT /F1 8 Tf 1 0 0 1 300 40 Tm (3) Tj ET")
    path = tmp_path / "i.pdf"
    path.write_bytes(paged_pdf([b"\n".join(out)], [b"<< /Type /Font /Subtype /Type1 /BaseFont /Times-Roman >>",
                                                  b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold >>"]))
    return path


@pytest.mark.parametrize("how", ["Tc", "TJ"])
@pytest.mark.parametrize("track", [0.25, 0.4, 0.6])
def test_letter_spaced_words_are_read_as_words(tmp_path, how, track):
    path = _pdf(tmp_path, b"(Pay award falls short) Tj", _tracked("SPECIAL REPORT ON PAY", 12, track, how))
    (page,) = read_pdf_pages(path)
    assert [w.text for w in page.words if w.top < 40] == ["SPECIAL", "REPORT", "ON", "PAY"]


@pytest.mark.parametrize("how", ["Tc", "TJ"])
def test_a_letter_spaced_headline_heads_its_article(tmp_path, how):
    parsed = parse_pdf_layout(_pdf(tmp_path, _tracked("Pay award falls short", 20, 0.3, how)), "2026-autumn-69")
    assert [a.headline for a in parsed.articles] == ["Pay award falls short"]
    assert parsed.articles[0].paragraphs[0].text.startswith("Managers across the NHS met this spring")
