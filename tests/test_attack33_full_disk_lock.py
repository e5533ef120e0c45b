"""On a full disk every `rag remove`, `rag rollback` and `rag ingest` ended in a traceback (OSError: No space left on
device, exit 1, no JSON), after the one line that said what to do: the build's line written into index/.lock waited in
the file object's buffer and was written again, and failed again, as the lock closed. Now the one line, exit 2.
RLIMIT_FSIZE stands for the full disk: a write past it fails (File too large), as every write to a full disk does."""

import json
import os
import resource
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from rag.index import meanwhile
from tests.conftest import isolated_corpus, run_cli

ROOT = Path(__file__).resolve().parent.parent


def _no_room():  # in the child: no file may grow, and a write past the limit fails rather than killing it
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (0, 0))


@pytest.mark.parametrize("command", [["remove", "2026-summer-68", "--force"], ["rollback", "--to", "FIRST"]])
def test_a_full_disk_is_one_line_and_json_not_a_traceback(tmp_path, monkeypatch, capsys, command):
    corpus = isolated_corpus(tmp_path, monkeypatch)
    monkeypatch.setenv("RAG_QUESTION_MODEL", "none")
    assert run_cli(capsys, "ingest", str(corpus))[0] == 0
    first = (tmp_path / "index" / "CURRENT").read_text().strip()
    assert run_cli(capsys, "remove", "2026-summer-68", "--force")[0] == 0
    served = (tmp_path / "index" / "CURRENT").read_text()
    command = [first if x == "FIRST" else x for x in command]
    if command[0] == "remove":
        assert run_cli(capsys, "ingest", str(corpus))[0] == 0
        served = (tmp_path / "index" / "CURRENT").read_text()
    child = subprocess.run([sys.executable, "-m", "rag.cli", *command, "--json"], env=dict(os.environ), cwd=ROOT,
                           capture_output=True, text=True, preexec_fn=_no_room, timeout=120)
    assert child.returncode == 2, child.stderr
    assert "Traceback" not in child.stderr
    assert json.loads(child.stdout)["error"].startswith("cannot write ")
    assert (tmp_path / "index" / "CURRENT").read_text() == served


def test_a_line_that_cannot_be_written_is_not_written_again_as_the_lock_closes(tmp_path):
    lock = (tmp_path / ".lock").open("a")
    limit = resource.getrlimit(resource.RLIMIT_FSIZE)
    before = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (0, limit[1]))
    try:
        meanwhile.stamp(lock)
        lock.close()  # before: OSError (File too large), the buffered line written again
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, limit)
        signal.signal(signal.SIGXFSZ, before)
    assert (tmp_path / ".lock").read_text() == ""
