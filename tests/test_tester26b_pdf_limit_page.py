"""A PDF holding more text than RAG_MAX_TEXT_SOURCE_KB (a tester's 2,000-page PDF, refused after 40 s) was refused
with the limit alone: nothing said how far it had been read or how long it was, so nothing told "the wrong file" (a
whole year's export) from "a long issue". The refusal now names the page it stopped at and the PDF's pages."""

import pytest

from rag.corpus.folders import SourceLimits, load_issue
from rag.errors import InputError
from rag.testing import paged_pdf

LINE = b"1 0 0 1 50 %d Tm (Managers across the NHS met the pay review body again this spring) Tj"


def _page() -> bytes:
    return b"BT /F1 9 Tf " + b" ".join(LINE % (780 - 12 * i) for i in range(60)) + b" ET"


def _issue_of(tmp_path, pages: int):
    """An issue folder whose PDF has this many pages of about 3,400 characters each."""
    folder = tmp_path / "2026-autumn-69"
    folder.mkdir()
    (folder / "hm.pdf").write_bytes(paged_pdf([_page()] * pages,
                                              [b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]))
    (folder / "issue.toml").write_text('title = "Healthcare Manager, autumn 2026"\nseason = "autumn 2026"\n'
                                       'date = "2026-09-01"\nsource = "hm.pdf"\n', encoding="utf-8")
    return folder


def test_a_pdf_over_the_text_limit_names_the_page_it_stopped_at(tmp_path):
    folder = _issue_of(tmp_path, pages=40)
    with pytest.raises(InputError) as refused:
        load_issue(folder, SourceLimits(text_bytes=20 * 1024))  # about 3,400 characters a page: over on page 7
    said = str(refused.value)
    assert "holds more text than 20 KB" in said
    assert "reading stopped at PDF page 7 of 40" in said


def test_a_pdf_of_hundreds_of_pages_is_judged_by_its_first_fifty(tmp_path):
    """A 2,000-page PDF was read for 32-40 s until the limit was reached; one of hundreds of pages whose first 50, at
    their rate, put the whole at over twice the limit is refused there."""
    folder = _issue_of(tmp_path, pages=400)
    with pytest.raises(InputError) as refused:
        load_issue(folder, SourceLimits(text_bytes=300 * 1024))  # the limit itself reached at page 84
    assert "(judged by its first 50 of 400 PDF pages, which hold" in str(refused.value)
