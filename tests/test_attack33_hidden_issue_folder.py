"""A hidden folder in the corpus holding an issue.toml (a draft kept out as `.draft-69`): `rag ingest corpus/`
refused everything, telling the maintainer to rename it without its '.', which would publish the draft; `rag
rollback` warned that the next ingest "adds .draft-69 back". Hidden folders are no issues, as elsewhere in the
corpus."""

import json
import shutil
from pathlib import Path

from tests.conftest import isolated_corpus, run_cli
from tests.rollback_warning import rollback_warning

ROOT = Path(__file__).resolve().parent.parent


def draft(corpus: Path) -> Path:
    folder = corpus / ".draft-69"
    shutil.copytree(ROOT / "corpus" / "2024-summer", folder)
    return folder


def test_ingest_leaves_a_hidden_folder_out(tmp_path, monkeypatch, capsys):
    corpus = isolated_corpus(tmp_path, monkeypatch)
    monkeypatch.setenv("RAG_QUESTION_MODEL", "none")
    draft(corpus)
    status, out, err = run_cli(capsys, "ingest", str(corpus), "--json")
    assert status == 0, err
    assert json.loads(out)["issues"]["added"] == ["2026-summer-68"]


def test_a_corpus_of_hidden_folders_alone_names_them(tmp_path, monkeypatch, capsys):
    corpus = tmp_path / "drafts"
    draft(corpus)
    monkeypatch.setenv("RAG_INDEX_DIR", str(tmp_path / "index"))
    monkeypatch.setenv("RAG_EMBEDDER", "hash")
    status, _, err = run_cli(capsys, "ingest", str(corpus))
    assert status == 2
    assert "no issue folders in" in err and ".draft-69 is hidden (its name starts with '.'), so it is no issue" in err


def test_rollback_does_not_say_a_hidden_folder_comes_back(tmp_path, monkeypatch, capsys):
    err = rollback_warning(tmp_path, monkeypatch, capsys, ".draft-69")
    assert "adds 2024-summer back" in err and ".draft-69" not in err
