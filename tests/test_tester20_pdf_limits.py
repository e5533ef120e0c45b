"""A PDF page holding more text than RAG_MAX_TEXT_SOURCE_KB is refused while its characters are counted, before
pdfminer lays the page out (about 4 KB of memory a character): a tester's 1.1 MB PDF of one page took 90 s and
2.6 GB to be refused, as the limit was checked only after each page's layout."""

import pytest

from rag.corpus.parse_pdf import read_pdf_pages
from rag.errors import InputError
from rag.testing import pdf_bytes

LIMIT = 20_000  # characters


def _pdf(page_content: bytes, form: bytes | None = None) -> bytes:
    """A one-page PDF showing page_content in Helvetica; form: a Form XObject /F0 the page may draw (`/F0 Do`)."""
    resources = b"<< /Font << /F1 4 0 R >>" + (b" /XObject << /F0 6 0 R >>" if form else b"") + b" >>"
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 5 0 R /Resources " + resources + b" >>",
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
               b"<< /Length %d >>\nstream\n%s\nendstream" % (len(page_content), page_content)]
    if form:
        objects.append(b"<< /Type /XObject /Subtype /Form /BBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> "
                       b"/Length %d >>\nstream\n%s\nendstream" % (len(form), form))
    return pdf_bytes(objects)


def _lines(n: int) -> bytes:
    return b"BT /F1 6 Tf\n" + b"".join(b"1 0 0 1 10 %d Tm (Managers met the pay review body again) Tj\n" % (780 - i % 770)
                                       for i in range(n)) + b"ET"


def _read(tmp_path, data: bytes) -> list[int]:
    seen = []

    def check_chars(chars: int) -> None:
        seen.append(chars)
        if chars > LIMIT:
            raise InputError(f"holds more text than {LIMIT}")

    (tmp_path / "i.pdf").write_bytes(data)
    with pytest.raises(InputError, match="holds more text"):
        read_pdf_pages(tmp_path / "i.pdf", check_chars)
    return seen


def test_one_page_over_the_text_limit_is_refused_before_its_layout(tmp_path):
    seen = _read(tmp_path, _pdf(_lines(3000)))  # 108,000 characters on one page
    assert seen[-1] <= LIMIT + 4096  # refused at 20,480; before, at 108,000, every character laid out first


def test_a_form_drawn_again_and_again_counts_each_time(tmp_path):
    form = _lines(10)  # 360 characters, drawn 1,000 times by a page of 8 KB
    seen = _read(tmp_path, _pdf(b"q /F0 Do Q\n" * 1000, form=form))
    assert seen[-1] <= LIMIT + 4096


def test_a_page_under_the_limit_reads_as_before(tmp_path):
    (tmp_path / "i.pdf").write_bytes(_pdf(_lines(40)))
    pages = read_pdf_pages(tmp_path / "i.pdf", lambda chars: None)
    assert sum(len(w.text) for w in pages[0].words) == 40 * 32  # spaces are not in words
