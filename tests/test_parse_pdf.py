"""PDF path: fpdf2 builds one- and two-column issues, an encrypted one and a truncated one."""

from pathlib import Path

import pytest

from rag.corpus.folders import load_issue
from rag.errors import InputError

fpdf = pytest.importorskip("fpdf")

LEFT = (
    "Managers across the service have welcomed the new guidance on flexible working, which sets out "
    "how requests should be handled by every employer in the country. The union said the change was "
    "overdue and that man-"
)
LEFT_2 = "agers would now be able to plan their time with far more confidence than before."
RIGHT = (
    "The second column carries a separate story about co-production in social care, written by a "
    "part-time researcher who has studied the subject for many years and knows it well."
)


def _toml(folder: Path, source: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "issue.toml").write_text(
        f'title = "Test issue"\nseason = "spring 2030"\ndate = "2030-03-01"\nsource = "{source}"\n', encoding="utf-8"
    )


def _two_column_pdf(path: Path, encrypt: bool = False) -> None:
    pdf = fpdf.FPDF(format="A4")
    if encrypt:
        pdf.set_encryption(owner_password="owner", user_password="secret")
    pdf.set_auto_page_break(False)
    pdf.add_page()
    pdf.set_font("Helvetica", size=22)
    pdf.set_xy(15, 15)
    pdf.cell(180, 10, "Flexible working guidance welcomed")
    pdf.set_font("Helvetica", size=10)
    pdf.set_xy(15, 35)
    pdf.multi_cell(80, 5, LEFT)
    pdf.set_x(15)
    pdf.multi_cell(80, 5, LEFT_2)
    pdf.set_xy(115, 35)
    pdf.multi_cell(80, 5, RIGHT)
    pdf.set_xy(100, 285)
    pdf.cell(10, 5, "7")
    pdf.add_page()
    pdf.set_font("Helvetica", size=22)
    pdf.set_xy(15, 15)
    pdf.cell(180, 10, "A one-column story on page two")
    pdf.set_font("Helvetica", size=10)
    pdf.set_xy(15, 35)
    pdf.multi_cell(180, 5, "This page has a single wide column of text about pay talks. " * 6)
    pdf.output(str(path))


@pytest.fixture
def pdf_issue(tmp_path: Path) -> Path:
    folder = tmp_path / "2030-spring"
    _toml(folder, "issue.pdf")
    _two_column_pdf(folder / "issue.pdf")
    return folder


def test_pdf_headings_pages_and_columns(pdf_issue: Path) -> None:
    _, articles = load_issue(pdf_issue)
    heads = [a.headline for a in articles]
    assert heads == ["Flexible working guidance welcomed", "A one-column story on page two"]
    first, second = articles
    assert (first.page, second.page) == (1, 2)
    text = first.text
    # Left column is read before the right one, and the line-break hyphen is joined.
    assert text.index("flexible working") < text.index("second column")
    assert "managers would now be able" in text and "man- agers" not in text
    assert "co-production" in text and "part-time" in text
    assert all(p.page == 1 for p in first.paragraphs)
    assert " 7" not in text.split("before.")[-1]  # page number dropped as furniture


def test_encrypted_pdf_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "enc"
    _toml(folder, "issue.pdf")
    _two_column_pdf(folder / "issue.pdf", encrypt=True)
    with pytest.raises(InputError, match="encrypted"):
        load_issue(folder)


def test_truncated_pdf_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "cut"
    _toml(folder, "issue.pdf")
    _two_column_pdf(tmp_path / "full.pdf")
    data = (tmp_path / "full.pdf").read_bytes()
    (folder / "issue.pdf").write_bytes(data[: len(data) // 3])
    with pytest.raises(InputError, match="damaged|truncated|no extractable"):
        load_issue(folder)


def test_pdf_without_text_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "blank"
    _toml(folder, "issue.pdf")
    pdf = fpdf.FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 50, 50)
    pdf.output(str(folder / "issue.pdf"))
    with pytest.raises(InputError, match="no extractable text"):
        load_issue(folder)


def test_a_pdf_holding_too_much_text_is_refused_as_its_pages_are_read(tmp_path: Path) -> None:
    """A tester's find: a 313 KB PDF whose 2,000 pages share one compressed content stream holds 8 MB of text; it
    passed the 32 MB PDF limit and was parsed whole (minutes, over 2.5 GB) before its text was measured. The
    text is now counted page by page, and the PDF refused as soon as it passes RAG_MAX_TEXT_SOURCE_KB."""
    from rag.corpus.folders import SourceLimits
    from rag.corpus.parse_pdf import read_pdf_pages

    pdf = fpdf.FPDF(format="A4")
    pdf.set_font("Helvetica", size=10)
    for _ in range(60):
        pdf.add_page()
        pdf.set_xy(15, 15)
        pdf.multi_cell(180, 5, "Managers met to discuss the pay award for this year. " * 20)  # about 1 KB a page
    folder = tmp_path / "2030-spring"
    _toml(folder, "big.pdf")
    pdf.output(str(folder / "big.pdf"))
    seen: list[int] = []

    def check(chars: int) -> None:
        seen.append(chars)
        if chars > 5000:
            raise InputError("too much text")

    with pytest.raises(InputError, match="too much text"):
        read_pdf_pages(folder / "big.pdf", check)
    assert len(seen) <= 6  # stopped at the page that passed the limit, not after all 60
    with pytest.raises(InputError, match=r"big.pdf holds more text than 5 KB; the limit for one issue is 5 KB "
                                         r"\(RAG_MAX_TEXT_SOURCE_KB=5\)"):
        load_issue(folder, SourceLimits(text_bytes=5 * 1024))
    assert load_issue(folder)[1]  # under the default limit it is an issue like any other
