"""A PDF issue with pages that hold no text (scans needing OCR, or pictures) is published with a warning naming those
pages (also in --json's "warnings"): a tester's PDF of six pages, three of them scanned, was published without a word,
its scanned articles missing from what members search."""

import json

import pytest

from tests.conftest import isolated_corpus, run_cli

fpdf = pytest.importorskip("fpdf")


def test_pages_without_text_are_named_as_runs():
    from rag.corpus.folders import textless_pages

    (said,) = textless_pages("x", "corpus/x/i.pdf", (1, 3, 4, 5, 9))
    assert said.startswith("x: corpus/x/i.pdf has no text on PDF pages 1, 3-5, 9 (pictures, or scans)")
    assert "ocrmypdf" in said
    assert textless_pages("x", "corpus/x/i.pdf", ()) == []


def test_an_ingest_of_a_pdf_with_pages_without_text_warns_and_publishes(tmp_path, monkeypatch, capsys):
    corpus = isolated_corpus(tmp_path, monkeypatch)
    folder = corpus / "2030-spring"
    folder.mkdir()
    pdf = fpdf.FPDF()
    for page in range(4):
        pdf.add_page()
        if page not in (1, 2):  # pages 2 and 3 as a scan gives them: no text layer
            pdf.set_font("Helvetica", "B", 18)
            pdf.cell(0, 10, f"Pay award news {page}")
            pdf.ln(12)
            pdf.set_font("Helvetica", size=11)
            pdf.multi_cell(0, 5, "Managers met to discuss the pay award for this year. " * 8)
    pdf.output(str(folder / "i.pdf"))
    (folder / "issue.toml").write_text('title = "T"\nseason = "spring 2030"\ndate = "2030-03-01"\nsource = "i.pdf"\n')
    status, out, err = run_cli(capsys, "ingest", str(folder), "--json")
    result = json.loads(out)
    assert status == 0 and result["version"] and result["issues"]["added"] == ["2030-spring"]
    assert any("has no text on PDF pages 2-3" in w for w in result["warnings"]), result["warnings"]
    assert "has no text on PDF pages 2-3" in err
