"""index/HISTORY a named pipe, or a link to a device (/dev/zero): a publish switched CURRENT, then HISTORY's fsync
failed and the maintainer read "cannot write index/HISTORY (Invalid argument): make index writable by this user, or
free some disk space there". It names what HISTORY is and what to do; what is served is said as before."""

import os
import shutil
from pathlib import Path

from tests.conftest import isolated_corpus, run_cli

ROOT = Path(__file__).resolve().parent.parent


def test_a_history_that_is_a_named_pipe_is_named(tmp_path, monkeypatch, capsys):
    corpus = isolated_corpus(tmp_path, monkeypatch)
    monkeypatch.setenv("RAG_QUESTION_MODEL", "none")
    assert run_cli(capsys, "ingest", str(corpus))[0] == 0
    history = tmp_path / "index" / "HISTORY"
    history.unlink()
    os.mkfifo(history)
    shutil.copytree(ROOT / "corpus" / "2024-summer", corpus / "2024-summer")
    status, _, err = run_cli(capsys, "ingest", str(corpus))
    assert status == 2
    assert f"cannot write {history}: it is a named pipe (FIFO), not a file; move it away (mv {history}" in err
    assert "disk space" not in err and "now, but HISTORY does not record it" in err
