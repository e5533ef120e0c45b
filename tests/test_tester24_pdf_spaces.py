"""A PDF whose words are set apart by position only, with no space character between them (a TJ array's kerning, as
pdfTeX and many exporters write word spaces), set in 9 pt type: its spaces (0.25 em, 2.25 pt) were under the 3 pt gap
that split words, so a tester's issue so typeset was published with "MiPchiefexecutiveJonRestellsaid" (224 such runs in
one style), found by no search for its words. A gap over 0.18 em of the type is now a space. Real PDF, real pdfminer."""

import textwrap

import pytest

from rag.corpus.parse_pdf import parse_pdf_layout
from rag.testing import paged_pdf

BODY = ("MiP chief executive Jon Restell said the offer fell short of what members had asked for in the consultation, "
        "and that the union would keep pressing ministers for a fair settlement this year. ") * 4


def _tj(text: str, gap: int) -> bytes:
    """One line as a TJ array: each word a string, the space between two words a displacement of gap/1000 em."""
    return b"[" + (b" -%d " % gap).join(b"(%s)" % w.encode() for w in text.split()) + b"] TJ"


def _pdf(size: float, gap: int) -> bytes:
    lines = textwrap.wrap(BODY, 85)
    content = b"BT /F2 20 Tf 1 0 0 1 50 790 Tm (Pay offer falls short) Tj ET\n" + b"\n".join(
        b"BT /F1 %.1f Tf 1 0 0 1 50 %.1f Tm %s ET" % (size, 760 - 1.25 * size * i, _tj(ln, gap))
        for i, ln in enumerate(lines))
    return paged_pdf([content], [b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
                                 b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold >>"])


@pytest.mark.parametrize("size, gap", [(9, 250), (8.5, 222), (12, 278)])
def test_words_set_apart_without_a_space_character_are_words(tmp_path, size, gap):
    path = tmp_path / "i.pdf"
    path.write_bytes(_pdf(size, gap))
    (article,) = parse_pdf_layout(path, "2026-autumn-69").articles
    assert article.headline == "Pay offer falls short"
    assert article.text.count("MiP chief executive Jon Restell said the offer fell short") == 4
