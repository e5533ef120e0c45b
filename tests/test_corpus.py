"""Corpus discovery, issue.toml validation, content hashes and every bad-input refusal."""

from pathlib import Path

import pytest

from rag.corpus.folders import find_issue_dirs, issue_content_hash, load_issue
from rag.errors import InputError

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
TOML = 'title = "T"\nseason = "spring 2030"\ndate = "2030-03-01"\nsource = "{src}"\n'


def _issue(tmp_path: Path, data: bytes, name: str = "issue.txt", toml: str | None = None) -> Path:
    folder = tmp_path / "2030-spring"
    folder.mkdir()
    (folder / "issue.toml").write_text(toml if toml is not None else TOML.format(src=name), encoding="utf-8")
    (folder / name).write_bytes(data)
    return folder


def test_find_issue_dirs_corpus_and_single(tmp_path: Path) -> None:
    dirs = find_issue_dirs(CORPUS)
    assert [d.name for d in dirs] == ["2024-summer", "2026-summer-68"]
    assert find_issue_dirs(CORPUS / "2024-summer") == [CORPUS / "2024-summer"]
    with pytest.raises(InputError, match="does not exist"):
        find_issue_dirs(tmp_path / "nope")
    with pytest.raises(InputError, match="no issue folders"):
        find_issue_dirs(tmp_path)


def test_issue_metadata() -> None:
    issue, _ = load_issue(CORPUS / "2026-summer-68")
    assert (issue.number, issue.date, issue.url) == (68, "2026-06-01", None)
    issue, _ = load_issue(CORPUS / "2024-summer")
    assert issue.number is None and issue.title.startswith("Healthcare Manager summer 2024")


def test_content_hash_changes_with_either_file(tmp_path: Path) -> None:
    folder = _issue(tmp_path, b"Some text.\n")
    h1 = issue_content_hash(folder)
    assert h1 == issue_content_hash(folder) and len(h1) == 64
    (folder / "issue.txt").write_bytes(b"Other text.\n")
    h2 = issue_content_hash(folder)
    (folder / "issue.toml").write_text(TOML.format(src="issue.txt").replace('"T"', '"T2"'), encoding="utf-8")
    assert len({h1, h2, issue_content_hash(folder)}) == 3


@pytest.mark.parametrize(
    "data,match",
    [
        (b"", "empty"),
        (b"  \n\n ", "empty"),
        (b"text\x00\x01\x02 more", "binary"),
        ("caf\u00e9 au lait, pr\u00eat".encode("cp1252"), "not UTF-8"),
        (b"{\\rtf1\\ansi\\deff0 {\\fonttbl {\\f0 Times;}} Pay rose.}", "is RTF, not plain text"),  # a walk's
        (b"PK\x03\x04word/document.xml", "ZIP archive"),
        (b"<!DOCTYPE html><html><body>Pay rose.</body></html>", "is HTML"),
        # a tester's find: Notepad's "Unicode" (UTF-16) was called binary; it says what it is and how to convert it
        ("Pay rose.".encode("utf-16"), "is UTF-16 text, not UTF-8: re-save it as UTF-8, e.g. iconv -f utf-16"),
        ("Pay rose.".encode("utf-16-be").join([b"\xfe\xff", b""]), "is UTF-16 text"),
    ],
)
def test_bad_text_sources(tmp_path: Path, data: bytes, match: str) -> None:
    with pytest.raises(InputError, match=match):
        load_issue(_issue(tmp_path, data))


def test_missing_files_and_bad_toml(tmp_path: Path) -> None:
    folder = tmp_path / "a"
    folder.mkdir()
    with pytest.raises(InputError, match="no issue.toml"):
        load_issue(folder)
    (folder / "issue.toml").write_text(TOML.format(src="gone.txt"), encoding="utf-8")
    with pytest.raises(InputError, match="not found"):
        load_issue(folder)
    (folder / "issue.toml").write_text('title = "T"\n', encoding="utf-8")
    with pytest.raises(InputError, match="lacks season, date, source"):
        load_issue(folder)
    (folder / "issue.toml").write_text("title = \n", encoding="utf-8")
    with pytest.raises(InputError, match="not valid TOML"):
        load_issue(folder)
    (folder / "issue.toml").write_text(TOML.format(src="x.txt").replace("2030-03-01", "March 2030"), encoding="utf-8")
    with pytest.raises(InputError, match="not a day written YYYY-MM-DD"):
        load_issue(folder)


def test_pdf_named_file_that_is_not_a_pdf(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="not a PDF"):
        load_issue(_issue(tmp_path, b"just words", name="issue.pdf"))


def test_markdown_with_one_title_over_level_two_headings_gives_one_article_per_heading(tmp_path):
    """A walk found a hand-written .md issue ("# title" then "## article" headings) read as one article."""
    folder = tmp_path / "2030-spring"
    folder.mkdir()
    (folder / "issue.toml").write_text('title = "Healthcare Manager spring 2030"\nseason = "spring 2030"\n'
                                       'date = "2030-03-01"\nsource = "issue.md"\n', encoding="utf-8")
    (folder / "issue.md").write_text(
        "# Healthcare Manager spring 2030\n\nWelcome to the spring issue, with news on pay and your rights.\n\n"
        "## Pay award for managers announced\n\nThe government announced a 4% pay award for Agenda for Change "
        "staff in March 2030.\n\n### What MiP said\n\nJon Restell said members deserved better.\n\n"
        "## New flexible working rules\n\nFrom April 2030 employers must answer a request within one month.\n",
        encoding="utf-8")
    _, articles = load_issue(folder)
    headlines = [a.headline for a in articles]
    assert headlines[-2:] == ["Pay award for managers announced", "New flexible working rules"]
    pay = articles[-2]
    assert any("Jon Restell" in p.text for p in pay.paragraphs)  # a deeper heading stays inside its article
    assert all("4% pay award" not in p.text for a in articles if a is not pay for p in a.paragraphs)


def test_a_markdown_link_whose_address_holds_parentheses_leaves_its_text_alone(tmp_path):
    """A tester's find: "[x](https://example.org/a_(b))" left "x)" in the article text (and so in source cards and
    the article view), as the link ended at the first ")"; an image left its "!" and the tail of its address."""
    folder = _issue(tmp_path, (
        "# Healthcare Manager spring 2030\n\n## Pay review body report published\n\n"
        "Read the [pay review body report](https://en.wikipedia.org/wiki/Pay_(review)) before the branch meeting. "
        "See ![chart](https://example.org/chart_(1).png) the chart, and [the guide](https://example.org/guide), "
        "for the detail of the award (3% from April).\n").encode(), name="issue.md")
    _, articles = load_issue(folder)
    text = " ".join(p.text for a in articles for p in a.paragraphs)
    assert "Read the pay review body report before the branch meeting." in text
    assert "See the chart, and the guide, for the detail of the award (3% from April)." in text
    assert "http" not in text and "!" not in text and ")" not in text.replace("(3% from April)", "")


@pytest.mark.parametrize("name", ["issue.rtf", "issue.docx", "issue"])
def test_a_source_of_a_kind_the_parsers_do_not_read_is_refused_by_name(tmp_path: Path, name: str) -> None:
    # a walk's .rtf was read as text (its headline "{\\rtf1\\ansi ..."), a fake .docx "yielded no articles"
    with pytest.raises(InputError, match=r"reads PDF \(.pdf\), plain text \(.txt\) and markdown"):
        load_issue(_issue(tmp_path, b"Pay rose 3% this year.\n", name=name))


@pytest.mark.parametrize("line_end", [b"\r\n", b"\r"])
def test_a_text_source_saved_with_windows_or_old_mac_line_ends_parses_as_its_unix_copy(tmp_path, line_end):
    """A text export saved on Windows lost the 2026 issue's editorial and moved pages ('\\r' was read as text)."""
    seed = CORPUS / "2026-summer-68"
    parsed = []
    for name, ends in (("unix", b"\n"), ("other", line_end)):
        folder = tmp_path / name / "2026-summer-68"
        folder.mkdir(parents=True)
        (folder / "issue.toml").write_bytes((seed / "issue.toml").read_bytes())
        source = next(seed.glob("*.txt"))
        (folder / source.name).write_bytes(source.read_bytes().replace(b"\n", ends))
        parsed.append(load_issue(folder))
    assert parsed[1] == parsed[0]
