"""Tester 34: a PDF of far more pages than any magazine issue (tester 33's open item: 100,000 near-empty pages, 16 MB,
under every limit) was read whole before anything was said: pdfplumber listed its pages for 86 s, again as it closed."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from rag.corpus.pdf_read import MAX_PAGES, read_pdf_pages
from rag.testing import pdf_bytes
from tests.conftest import isolated_corpus, run_cli

ROOT = Path(__file__).resolve().parent.parent


def _pdf_of(path: Path, pages: int, box: bytes = b"/MediaBox [0 0 612 792] ") -> Path:
    """A PDF of `pages` pages, each showing "x" from one shared content stream."""
    content = b"BT /F1 12 Tf 72 720 Td (x) Tj ET"
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>",
            f"<< /Type /Pages /Kids [{' '.join(f'{5 + i} 0 R' for i in range(pages))}] /Count {pages} >>".encode(),
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
            b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content)]
    objs += [b"<< /Type /Page /Parent 2 0 R %s/Resources << /Font << /F1 3 0 R >> >> /Contents 4 0 R >>" % box] * pages
    path.write_bytes(pdf_bytes(objs))
    return path


def test_a_pdf_of_more_pages_than_any_issue_is_refused_before_its_pages_are_read(tmp_path, monkeypatch, capsys):
    corpus = isolated_corpus(tmp_path, monkeypatch)
    assert run_cli(capsys, "ingest", str(corpus))[0] == 0
    served = (tmp_path / "index" / "CURRENT").read_bytes()
    folder = corpus / "2026-autumn-69"
    folder.mkdir()
    _pdf_of(folder / "hm69.pdf", MAX_PAGES + 1)
    (folder / "issue.toml").write_text('title = "Healthcare Manager issue 69"\nnumber = 69\nseason = "autumn 2026"\n'
                                       'date = "2026-09-01"\nsource = "hm69.pdf"\n')
    status, out, err = run_cli(capsys, "ingest", str(corpus), "--json")
    said = json.loads(out)["error"]
    assert status == 2 and f"hm69.pdf has more than {MAX_PAGES:,} PDF pages (RAG_MAX_PDF_PAGES={MAX_PAGES}), so it " \
        "was not read" in said
    assert "qpdf --empty --pages" in said
    assert (tmp_path / "index" / "CURRENT").read_bytes() == served


def test_a_pdf_at_the_page_limit_is_read(tmp_path):
    assert len(read_pdf_pages(_pdf_of(tmp_path / "a.pdf", MAX_PAGES))) == MAX_PAGES


def test_what_the_reader_logs_as_the_pages_are_counted_is_not_printed_bare(tmp_path, monkeypatch):
    corpus = isolated_corpus(tmp_path, monkeypatch)
    _pdf_of(corpus / "2026-summer-68" / "hm68.pdf", 3, box=b"")  # pages without a MediaBox: pdfminer logs each
    toml = corpus / "2026-summer-68" / "issue.toml"
    toml.write_text("\n".join('source = "hm68.pdf"' if line.startswith("source") else line
                              for line in toml.read_text().splitlines()))
    done = subprocess.run([sys.executable, "-m", "rag.cli", "ingest", str(corpus), "--dry-run"], cwd=ROOT,
                          capture_output=True, text=True, timeout=300)  # a process of its own: pytest takes logs
    assert done.returncode == 2 and not [line for line in done.stderr.splitlines() if line.startswith("MediaBox")]
