"""A tester's finds in an issue folder's files: each is one `error:` line saying what to do (exit 2), never a hang,
a misleading message or a folder skipped without a word, and the published index stays as it was."""

import os
import signal
from pathlib import Path

import pytest

from rag.corpus.issue_toml import issue_from_table
from rag.errors import InputError
from tests.conftest import isolated_corpus, run_cli

GOOD = {"title": "T", "season": "spring 2030", "date": "2030-03-01", "source": "i.txt"}


@pytest.mark.parametrize("contents, said", [
    ([{"headline": 5}], "[[contents]] entry 1: headline = 5 is not one line of text"),  # was "has no headline"
    ([{"headline": ["a"]}], "headline = ['a'] is not one line of text"),
    ([{"headline": "A\nB"}], "headline = 'A\\nB' is not one line of text"),
    ([{"headline": "A", "page": "22"}], "entry 1 ('A'): page = '22' is not a page number"),
    ([{"headline": "A", "page": 10 ** 12}], "page = 1000000000000 is not a page number"),
    ([{"headline": "A", "starts_with": 7}], "starts_with = 7 is not words of text"),
    ([1, 2], "contents = [1, 2] is not an array of tables"),
    ([{"page": 3}], "entry 1 has no headline"),
])
def test_a_malformed_contents_entry_is_named_with_its_file_when_issue_toml_is_read(contents, said):
    with pytest.raises(InputError) as e:
        issue_from_table({**GOOD, "contents": contents}, "x", "x/issue.toml")
    assert str(e.value).startswith("x/issue.toml: ") and said in str(e.value)


def _timed_out(*_):
    raise TimeoutError("rag ingest waited: a named pipe was opened for reading")


def _ingest_refused(capsys, tmp_path, corpus, *args) -> str:
    old = signal.signal(signal.SIGALRM, _timed_out)
    signal.alarm(60)  # reading a named pipe waits for a writer for ever: fail instead of hanging the suite
    try:
        status, out, err = run_cli(capsys, "ingest", str(corpus), *args)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)
    assert status == 2 and "Traceback" not in err, err
    assert not (tmp_path / "index" / "CURRENT").exists()
    return err


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le"])
def test_an_issue_toml_saved_as_utf16_is_named_as_such(tmp_path, monkeypatch, capsys, encoding):
    corpus = isolated_corpus(tmp_path, monkeypatch)
    toml = corpus / "2026-summer-68" / "issue.toml"
    toml.write_bytes(toml.read_text(encoding="utf-8").encode(encoding))
    err = _ingest_refused(capsys, tmp_path, corpus)
    assert "is saved as UTF-16" in err and "iconv -f utf-16 -t utf-8" in err  # was "not valid TOML (... 0xff ...)"


def test_an_issue_toml_in_cp1252_is_not_utf8(tmp_path, monkeypatch, capsys):
    corpus = isolated_corpus(tmp_path, monkeypatch)
    toml = corpus / "2026-summer-68" / "issue.toml"
    toml.write_bytes(toml.read_bytes().replace(b"summer 2026\"\n", b"\xe9t\xe9 2026\"\n", 1))
    assert "is not UTF-8 (byte " in _ingest_refused(capsys, tmp_path, corpus)


@pytest.mark.parametrize("source", [".", "./", "sub/.."])
def test_a_source_naming_the_issue_folder_itself_says_so(tmp_path, monkeypatch, capsys, source):
    corpus = isolated_corpus(tmp_path, monkeypatch)
    folder = corpus / "2026-summer-68"
    (folder / "sub").mkdir()
    toml = folder / "issue.toml"
    toml.write_text(toml.read_text().replace('source = "000_14b77b378cd60039.txt"', f'source = "{source}"'))
    err = _ingest_refused(capsys, tmp_path, corpus)
    assert "names the issue folder itself, not a file" in err  # was "is a suffix-less file"


def test_a_source_that_is_a_named_pipe_is_refused_without_waiting(tmp_path, monkeypatch, capsys):
    corpus = isolated_corpus(tmp_path, monkeypatch)
    source = corpus / "2026-summer-68" / "000_14b77b378cd60039.txt"
    source.unlink()
    os.mkfifo(source)
    err = _ingest_refused(capsys, tmp_path, corpus)
    assert "is a named pipe (FIFO), not a file" in err  # was "not found ... the folder holds no PDF, .txt or .md"


@pytest.mark.parametrize("kind", ["fifo", "folder", "dangling link"])
def test_an_issue_toml_that_is_no_file_is_refused_not_skipped(tmp_path, monkeypatch, capsys, kind):
    corpus = isolated_corpus(tmp_path, monkeypatch)
    late = corpus / "2026-autumn-69"
    late.mkdir()
    (late / "issue.txt").write_text("text")
    toml = late / "issue.toml"
    {"fifo": os.mkfifo, "folder": Path.mkdir, "dangling link": lambda p: p.symlink_to("gone.toml")}[kind](toml)
    err = _ingest_refused(capsys, tmp_path, corpus)  # was: the folder skipped without a word, issue 68 published
    assert f"{toml} is a" in err and "not a file" in err


def test_a_pdf_with_no_pages_is_not_sent_to_ocr(tmp_path, monkeypatch, capsys):
    corpus = isolated_corpus(tmp_path, monkeypatch)
    folder = corpus / "2026-summer-68"
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>"]
    pdf, offsets = bytearray(b"%PDF-1.4\n"), []
    for n, body in enumerate(objects, 1):
        offsets.append(len(pdf))
        pdf += b"%d 0 obj\n%s\nendobj\n" % (n, body)
    xref = len(pdf)
    pdf += b"xref\n0 3\n0000000000 65535 f \n" + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    pdf += b"trailer\n<< /Size 3 /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % xref
    (folder / "issue.pdf").write_bytes(bytes(pdf))
    toml = folder / "issue.toml"
    toml.write_text(toml.read_text().replace("000_14b77b378cd60039.txt", "issue.pdf"))
    err = _ingest_refused(capsys, tmp_path, corpus)
    assert "has no pages" in err and "OCR" not in err  # was "no extractable text (a scan?): run OCR first"
