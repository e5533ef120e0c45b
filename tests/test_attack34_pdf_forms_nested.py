"""Tester 34: a 3 KB PDF whose forms each draw the next twice (a "billion laughs" of shapes) was laid out draw by
draw: 16 deep took 10 s, 18 deep 42 s, 30 deep would have taken two days, holding the build lock; none of it was text,
so the text limit never stopped it. The forms and shapes a page draws are counted before its layout."""

from __future__ import annotations

import json
from pathlib import Path

from rag.corpus.pdf_read import MAX_FORMS_DRAWN
from rag.testing import pdf_bytes
from tests.conftest import isolated_corpus, run_cli


def _nested_forms(path: Path, depth: int) -> Path:
    text = b"BT /F1 12 Tf 72 720 Td (Pay rise for managers agreed after long talks with the government.) Tj ET /X0 Do"
    objs = {1: b"<< /Type /Catalog /Pages 2 0 R >>", 2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> "
               b"/XObject << /X0 6 0 R >> >> /Contents 4 0 R >>",
            4: b"<< /Length %d >>\nstream\n%s\nendstream" % (len(text), text),
            5: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"}
    for i in range(depth):
        last = i == depth - 1
        body = b"0 0 m 10 10 l S" if last else b"/X Do /X Do"
        resources = b"" if last else b"/Resources << /XObject << /X %d 0 R >> >>" % (7 + i)
        objs[6 + i] = (b"<< /Type /XObject /Subtype /Form /BBox [0 0 612 792] %s /Length %d >>\nstream\n%s\nendstream"
                       % (resources, len(body), body))
    assert sorted(objs) == list(range(1, len(objs) + 1))
    path.write_bytes(pdf_bytes([objs[k] for k in sorted(objs)]))
    return path


def test_forms_drawn_inside_one_another_are_refused_before_the_page_is_laid_out(tmp_path, monkeypatch, capsys):
    corpus = isolated_corpus(tmp_path, monkeypatch)
    assert run_cli(capsys, "ingest", str(corpus))[0] == 0
    served = (tmp_path / "index" / "CURRENT").read_bytes()
    folder = corpus / "2026-autumn-69"
    folder.mkdir()
    _nested_forms(folder / "hm69.pdf", 40)  # 2**39 draws: never finished before
    (folder / "issue.toml").write_text('title = "Healthcare Manager issue 69"\nnumber = 69\nseason = "autumn 2026"\n'
                                       'date = "2026-09-01"\nsource = "hm69.pdf"\n')
    status, out, err = run_cli(capsys, "ingest", str(corpus), "--json")
    said = json.loads(out)["error"]
    assert status == 2 and f"hm69.pdf: PDF page 1 draws more than {MAX_FORMS_DRAWN:,} forms" in said
    assert (tmp_path / "index" / "CURRENT").read_bytes() == served


def test_a_few_forms_drawn_are_read(tmp_path, monkeypatch, capsys):
    from rag.corpus.pdf_read import read_pdf_pages

    pages = read_pdf_pages(_nested_forms(tmp_path / "a.pdf", 4), check_chars=lambda chars: None)
    assert "Pay rise" in " ".join(w.text for w in pages[0].words)
