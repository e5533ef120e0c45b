"""Tester 35's open item: the page limit of a PDF issue (1,000) was no setting, where the source size and text limits
are (RAG_MAX_PDF_SOURCE_MB, RAG_MAX_TEXT_SOURCE_KB): a maintainer with an issue of more pages could only split it.
It is RAG_MAX_PDF_PAGES, named in the refusal with a value that would do."""

from __future__ import annotations

import json

from rag.config import load_settings
from tests.conftest import isolated_corpus, run_cli
from tests.test_attack34_pdf_pages import _pdf_of

TOML = ('title = "Healthcare Manager issue 69"\nnumber = 69\nseason = "autumn 2026"\ndate = "2026-09-01"\n'
        'source = "hm69.pdf"\n')


def test_the_page_limit_is_a_setting_named_in_the_refusal(tmp_path, monkeypatch, capsys):
    corpus = isolated_corpus(tmp_path, monkeypatch)
    folder = corpus / "2026-autumn-69"
    folder.mkdir()
    _pdf_of(folder / "hm69.pdf", 4)
    (folder / "issue.toml").write_text(TOML)
    monkeypatch.setenv("RAG_MAX_PDF_PAGES", "3")
    status, out, _ = run_cli(capsys, "ingest", str(corpus), "--dry-run", "--json")
    said = json.loads(out)["error"]
    assert status == 2 and "hm69.pdf has more than 3 PDF pages (RAG_MAX_PDF_PAGES=3)" in said
    assert "RAG_MAX_PDF_PAGES=6 rag ingest" in said
    monkeypatch.setenv("RAG_MAX_PDF_PAGES", "4")
    status, out, err = run_cli(capsys, "ingest", str(corpus), "--dry-run", "--json")
    assert "PDF pages" not in (json.loads(out).get("error") or "") + err


def test_the_page_limit_is_a_whole_number_from_one(monkeypatch):
    import pytest

    from rag.errors import RagError

    monkeypatch.setenv("RAG_MAX_PDF_PAGES", "0")
    with pytest.raises(RagError, match="RAG_MAX_PDF_PAGES"):
        load_settings()
    monkeypatch.setenv("RAG_MAX_PDF_PAGES", "2000")
    assert load_settings().max_pdf_pages == 2000
