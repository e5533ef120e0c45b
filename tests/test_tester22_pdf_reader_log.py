"""pdfminer's own warnings ("Cannot set gray level because /'P0' is an invalid float value") reached stderr bare
while `rag ingest` read a PDF, naming no file: a maintainer ingesting several issues could not tell which one they
were about, nor whether to act. They are now kept while the PDF is read and said once, as the ingest's warning naming
the issue, its file, the PDF pages and what to check (also in --json's "warnings"). Real pdfminer, real CLI."""

import json
import os
import subprocess
import sys
from pathlib import Path

from rag.corpus.pdf_log import reader_warning
from rag.testing import paged_pdf
from tests.conftest import isolated_corpus

LINES = b"".join(b"1 0 0 1 50 %d Tm (Managers met to discuss the pay award for this year, item %d.) Tj\n"
                 % (780 - 14 * i, i) for i in range(30))


def _pdf(*contents: bytes) -> bytes:
    return paged_pdf(contents, [b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"])


def test_the_pdf_readers_complaints_are_one_warning_naming_the_file_and_pages(tmp_path, monkeypatch):
    corpus = isolated_corpus(tmp_path, monkeypatch)
    folder = corpus / "2030-spring"
    folder.mkdir()
    good = b"BT /F1 11 Tf\n" + LINES + b"ET"
    bad = b"/P0 g\n" + good + b"\n/P0 g\n"  # a grey level given as a name: pdfminer warns and reads on
    (folder / "i.pdf").write_bytes(_pdf(good, bad, bad))
    (folder / "issue.toml").write_text('title = "T"\nseason = "spring 2026"\ndate = "2026-03-01"\nsource = "i.pdf"\n')
    run = subprocess.run([sys.executable, "-m", "rag.cli", "ingest", str(folder), "--json"], capture_output=True,
                         text=True, env={**os.environ, "RAG_QUESTION_MODEL": "none"}, timeout=300,
                         cwd=Path(__file__).resolve().parent.parent)
    status, out, err = run.returncode, run.stdout, run.stderr
    assert status == 0, err
    bare = [ln for ln in err.splitlines() if "Cannot set gray" in ln and not ln.startswith("warning: 2030-spring:")]
    assert bare == [], err  # before: "Cannot set gray level because /'P0' is an invalid float value", four times
    (said,) = [w for w in json.loads(out)["warnings"] if "PDF reader" in w]
    assert said.startswith(f"2030-spring: {folder / 'i.pdf'}: the PDF reader (pdfminer) reported 4 problems on PDF "
                           "pages 2-3: ") and "(4 times)" in said and "--dry-run --report" in said


def test_a_clean_pdf_gets_no_such_warning_and_many_kinds_are_counted():
    assert reader_warning("i", "c/i/i.pdf", []) == []
    (said,) = reader_warning("i", "c/i/i.pdf", [(1, f"kind {k}") for k in range(5)])
    assert "'kind 0'; 'kind 1'; 'kind 2'; and 2 other kinds;" in said and "on PDF page 1:" in said
