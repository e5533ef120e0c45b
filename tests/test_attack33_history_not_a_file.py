"""index/HISTORY a named pipe, a link to /dev/zero or a folder: `rag rollback` read it as no history ("has no record
of the version served before ... (it predates HISTORY)"), an index that does not exist. It names what HISTORY is
and what to do; nothing is switched."""

import json
import os
import shutil
from pathlib import Path

import pytest

from tests.conftest import isolated_corpus, run_cli

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("kind, said", [("fifo", "a named pipe (FIFO)"), ("device", "a device"),
                                        ("folder", "a folder")])
def test_rollback_names_a_history_that_is_no_file(tmp_path, monkeypatch, capsys, kind, said):
    corpus = isolated_corpus(tmp_path, monkeypatch)
    monkeypatch.setenv("RAG_QUESTION_MODEL", "none")
    assert run_cli(capsys, "ingest", str(corpus))[0] == 0
    shutil.copytree(ROOT / "corpus" / "2024-summer", corpus / "2024-summer")
    assert run_cli(capsys, "ingest", str(corpus))[0] == 0
    index = tmp_path / "index"
    current = (index / "CURRENT").read_text()
    history = index / "HISTORY"
    history.unlink()
    {"fifo": lambda: os.mkfifo(history), "device": lambda: history.symlink_to("/dev/zero"),
     "folder": history.mkdir}[kind]()
    status, out, err = run_cli(capsys, "rollback", "--json")
    assert status == 2
    error = json.loads(out)["error"]
    assert error.startswith(f"{history} is {said}, not the file recording the versions served: move it away (mv")
    assert "rag rollback --to VERSION" in error and "predates" not in error
    assert (index / "CURRENT").read_text() == current
