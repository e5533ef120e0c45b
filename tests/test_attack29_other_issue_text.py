"""Another issue's file in an indexed issue's folder (copied into the wrong folder, or issue.toml's source edited in
the wrong one) was published without a word: "issues changed: 2026-summer-68 ... 159 removed", its text cited as issue
68, summer 2026, and issue 68 gone from what members search (tester 29). A changed issue of which under a fifth of
the sentences are in the issue served under its id is refused; --dry-run warns, --force publishes it, saying so. A
correction, or another export of the same issue, shares most of its sentences."""

import json
from pathlib import Path

from tests.conftest import isolated_corpus, run_cli
from tests.test_attack29_cut_short import refused_kept_then_forced

ROOT = Path(__file__).resolve().parent.parent
SOURCE = "000_14b77b378cd60039.txt"


def _other_issues_text() -> str:
    """Summer 2024's text made unlike every indexed one (a stand-in for an issue the index does not hold)."""
    text = (ROOT / "corpus" / "2024-summer" / "004_cb7dbf052e6c1cde.txt").read_text(encoding="utf-8")
    return text.replace("the", "teh").replace("and", "und")


def test_another_issues_file_in_an_issues_folder_is_refused(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("RAG_QUESTION_MODEL", "none")
    corpus = isolated_corpus(tmp_path, monkeypatch)
    other = corpus / "2026-summer-68" / SOURCE
    refused, _ = refused_kept_then_forced(capsys, corpus, lambda: other.write_text(_other_issues_text(), "utf-8"),
                                          "looks like another issue's file")
    assert refused.startswith("error: 2026-summer-68: only ")
    assert refused.rstrip().endswith("if it really was corrected this much, add --force; nothing was changed")


def test_a_corrected_issue_is_published(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("RAG_QUESTION_MODEL", "none")
    corpus = isolated_corpus(tmp_path, monkeypatch)
    assert run_cli(capsys, "ingest", str(corpus))[0] == 0
    path = corpus / "2026-summer-68" / SOURCE
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("managers", "leaders").replace("NHS", "N.H.S."), encoding="utf-8")  # many sentences
    status, out, err = run_cli(capsys, "ingest", str(corpus), "--json")
    assert status == 0 and json.loads(out)["issues"]["changed"] == ["2026-summer-68"]
    assert "another issue's file" not in err
