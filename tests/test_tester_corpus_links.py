"""A symbolic link inside the corpus back to it (corpus/all -> corpus, or corpus/latest -> 2026-summer-68's parent):
a tester's find. Each issue folder was also found through the link and warned about as 'an issue folder inside another
folder, so it was skipped: move it directly under corpus (mv corpus/all/X corpus/X)', a move onto itself."""

import json
import os

from rag import cli
from tests.conftest import isolated_corpus


def test_issue_folders_reached_again_through_a_link_are_not_called_nested(tmp_path, monkeypatch, capsys):
    corpus = isolated_corpus(tmp_path, monkeypatch)
    monkeypatch.setenv("RAG_QUESTION_MODEL", "none")
    os.symlink(corpus, corpus / "all")
    assert cli.main(["ingest", str(corpus), "--dry-run", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["warnings"] == [] and out["issues"]["added"] == ["2026-summer-68"]


def test_an_issue_folder_really_one_level_too_deep_is_still_warned_about(tmp_path, monkeypatch, capsys):
    corpus = isolated_corpus(tmp_path, monkeypatch)
    os.symlink(corpus, corpus / "all")
    (corpus / "2026").mkdir()
    (corpus / "2026-summer-68").rename(corpus / "2026" / "summer-68")
    (corpus / "2027-spring").mkdir()  # so the corpus still has one issue folder of its own
    (corpus / "2027-spring" / "issue.toml").write_text('title = "T"\nseason = "spring 2027"\ndate = "2027-03-01"\n'
                                                        'source = "i.md"\n')
    (corpus / "2027-spring" / "i.md").write_text("# Pay\n\nThe pay award for managers is 3 per cent.\n")
    monkeypatch.setenv("RAG_QUESTION_MODEL", "none")
    assert cli.main(["ingest", str(corpus), "--dry-run", "--json"]) == 0
    warnings = json.loads(capsys.readouterr().out)["warnings"]
    said = [w for w in warnings if "summer-68 is an issue folder inside another folder" in w]
    assert len(said) == 1 and f"{corpus / '2026' / 'summer-68'} is an issue folder" in said[0]
