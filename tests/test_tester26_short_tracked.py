"""A letter-spaced word of two or three letters standing alone ("PAY", "NHS" or "AI" as a tracked label over a
headline) was still read letter by letter ("P A Y"): session 25's tracking needs a run of one font and size with three
gaps or more to take its median. A run of two or three letters with no space character in it, each gap over a word
space but under an em and the gaps alike, is now read as one tracked word. Real PDFs, real pdfminer."""

import pytest

from rag.corpus.parse_pdf import read_pdf_pages
from rag.testing import paged_pdf
from tests.test_tester25_letter_spacing import _pdf, _tracked


@pytest.mark.parametrize("how", ["Tc", "TJ"])
@pytest.mark.parametrize("track", [0.25, 0.4, 0.6])
@pytest.mark.parametrize("label", ["PAY", "AI", "NHS"])
def test_a_lone_short_tracked_word_is_one_word(tmp_path, how, track, label):
    path = _pdf(tmp_path, b"(Pay award falls short) Tj", _tracked(label, 12, track, how))
    (page,) = read_pdf_pages(path)
    assert [w.text for w in page.words if w.top < 40] == [label]


def test_single_letters_set_apart_by_space_characters_stay_apart(tmp_path):
    path = _pdf(tmp_path, b"(Pay award falls short) Tj", b"(A B) Tj")
    (page,) = read_pdf_pages(path)
    assert [w.text for w in page.words if w.top < 40] == ["A", "B"]


def test_letters_an_em_and_more_apart_stay_apart(tmp_path):
    path = _pdf(tmp_path, b"(Pay award falls short) Tj", b"[(Y) -1400 (N)] TJ")
    (page,) = read_pdf_pages(path)
    assert [w.text for w in page.words if w.top < 40] == ["Y", "N"]


def test_a_plain_short_word_is_read_as_before(tmp_path):
    path = tmp_path / "i.pdf"
    page = b"BT /F1 12 Tf 1 0 0 1 50 810 Tm (PAY) Tj ET\nBT /F1 12 Tf 1 0 0 1 50 780 Tm (Pay rise) Tj ET"
    path.write_bytes(paged_pdf([page], [b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold >>"]))
    (page,) = read_pdf_pages(path)
    assert [w.text for w in page.words] == ["PAY", "Pay", "rise"]
