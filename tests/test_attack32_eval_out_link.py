"""`rag eval --out reports/latest` where reports is a link to a share not mounted (or a folder moved): "cannot make the
folder --out ... (File exists): give a folder you can write to", which names no link. It names the link now, before
any question is asked, and nothing is made where it leads."""

import json
from pathlib import Path

from tests.conftest import run_cli

ROOT = Path(__file__).resolve().parent.parent


def test_an_out_folder_through_a_link_leading_nowhere_is_said_so(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("RAG_INDEX_DIR", str(tmp_path / "index"))  # never reached: no index is needed
    questions = tmp_path / "questions.jsonl"
    questions.write_text((ROOT / "evals" / "questions.jsonl").read_text().splitlines()[0] + "\n")
    link = tmp_path / "reports"
    link.symlink_to(tmp_path / "share" / "reports")
    for out in (link, link / "latest"):
        status, _, err = run_cli(capsys, "eval", "--questions", str(questions), "--out", str(out), "--retrieval-only")
        assert status == 2, err
        assert f"{link} is a link to {tmp_path / 'share' / 'reports'}, which leads to nothing" in err
        assert "no question was asked" in err and "File exists" not in err
    assert not (tmp_path / "share").exists() and not (tmp_path / "index").exists()
    assert json.loads(questions.read_text())["id"] == "q001"
