"""A PDF's text extracted with `pdftotext -layout` (a common flag) sets a page's columns side by side on each line:
read line by line, a tester's 3-column issue so extracted was published as 5 articles, one of 7,074 words whose
sentences ran across its columns ("the trade union movement, with NHS Alliance: NHS Strategy"). Such a text is now
refused, saying to extract it without -layout; a few aligned lines (a contents list, a pipe table) pass."""

import json
import textwrap

from tests.conftest import isolated_corpus, run_cli

LEFT = ("Managers across the NHS met this spring to discuss the pay award, and the union said that what was offered "
        "fell short of what members had asked for in its consultation over the winter months. ") * 6
RIGHT = ("Trusts are cutting management posts by a third, and members report that the removal of layers of managers "
         "has left the ones who remain doing two jobs at once, with no end in sight. ") * 6


def _ingest(tmp_path, monkeypatch, capsys, text: str):
    folder = isolated_corpus(tmp_path, monkeypatch) / "2026-autumn-69"
    folder.mkdir()
    (folder / "issue.txt").write_text(text, encoding="utf-8")
    (folder / "issue.toml").write_text('title = "T"\nseason = "autumn 2026"\ndate = "2026-09-01"\n'
                                       'source = "issue.txt"\n')
    status, out, _ = run_cli(capsys, "ingest", str(folder), "--dry-run", "--json")
    return status, json.loads(out)


def test_columns_side_by_side_are_refused(tmp_path, monkeypatch, capsys):
    rows = zip(textwrap.wrap(LEFT, 45), textwrap.wrap(RIGHT, 45))
    text = "      Pay award falls short            Trusts cut posts\n\n" + "\n".join(
        f"      {a:<45}     {b}" for a, b in rows) + "\n"
    status, out = _ingest(tmp_path, monkeypatch, capsys, text)
    said = out["error"]
    assert status == 2 and "without -layout (pdftotext IN.pdf OUT.txt)" in said
    assert "has 26 lines (100% of its lines) holding text side by side" in said
    assert "(line 1: 'Pay award falls short   Trusts cut posts'" in said


def test_a_few_aligned_lines_pass(tmp_path, monkeypatch, capsys):
    contents = "\n".join(f"Article number {i}        {i + 2}" for i in range(12))
    text = f"Contents\n\n{contents}\n\nPay award falls short\n\n" + "\n\n".join(textwrap.wrap(LEFT * 4, 400)) + "\n"
    status, out = _ingest(tmp_path, monkeypatch, capsys, text)
    assert status == 0 and out["issues"]["added"] == ["2026-autumn-69"], out
