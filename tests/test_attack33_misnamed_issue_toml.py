"""An issue folder whose issue.toml is named otherwise: "Issue.toml" (typed on Windows or a Mac, where case does not
matter), or Notepad's "issue.toml.txt", which Windows shows as issue.toml. It was skipped with "has files but no
issue.toml ...: add an issue.toml", which the maintainer could see it had. Now the file is named, with the `mv`."""

import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import isolated_corpus, run_cli

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("name, hidden", [("Issue.toml", False), ("ISSUE.TOML", False), ("issue.toml.txt", True)])
def test_a_misnamed_issue_toml_is_named_with_the_mv(tmp_path, monkeypatch, capsys, name, hidden):
    corpus = isolated_corpus(tmp_path, monkeypatch)
    monkeypatch.setenv("RAG_QUESTION_MODEL", "none")
    folder = corpus / "2024-summer"
    shutil.copytree(ROOT / "corpus" / "2024-summer", folder)
    (folder / "issue.toml").rename(folder / name)
    status, out, _ = run_cli(capsys, "ingest", str(corpus), "--json")
    assert status == 0
    said = [w for w in json.loads(out)["warnings"] if str(folder) in w]
    assert said == [f"{folder} has no issue.toml but holds {name!r}"
                    + (" (Windows hides the .txt Notepad adds)" if hidden else "")
                    + f", so it was skipped: rename it (mv {folder / name} {folder / 'issue.toml'}) and ingest again"]


def test_a_folder_without_one_is_said_as_before(tmp_path, monkeypatch, capsys):
    corpus = isolated_corpus(tmp_path, monkeypatch)
    monkeypatch.setenv("RAG_QUESTION_MODEL", "none")
    (corpus / "notes").mkdir()
    (corpus / "notes" / "issue-toml-howto.txt").write_text("x")
    status, out, _ = run_cli(capsys, "ingest", str(corpus), "--json")
    assert status == 0 and any("has files but no issue.toml" in w for w in json.loads(out)["warnings"])


def test_an_issue_folder_given_alone_names_its_misnamed_issue_toml(tmp_path, monkeypatch, capsys):
    corpus = isolated_corpus(tmp_path, monkeypatch)
    folder = corpus / "2026-summer-68"
    (folder / "issue.toml").rename(folder / "issue.toml.txt")
    status, _, err = run_cli(capsys, "ingest", str(folder))
    assert status == 2
    assert f"no issue folders in {folder}" in err  # as before, then what it holds
    assert "holds 'issue.toml.txt' (Windows hides the .txt Notepad adds)" in err
    assert f"mv {folder}/issue.toml.txt" in err
