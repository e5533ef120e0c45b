"""A build killed outright (kill -9, the out-of-memory killer) leaves its line in index/.lock (tester 30's open item):
the lock itself is released, but `rag status` said nothing of the build that never finished, nor of one writing now,
and a build refused by a lock whose line names a process that is gone was told to `kill` that number (by then, maybe
another program's). Now status says which (`"build"` in --json), and the refusal names no process to kill."""

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from rag.errors import RagError
from rag.index import store
from rag.testing import build_index
from tests.conftest import run_cli

ROOT = Path(__file__).resolve().parent.parent
HOLD = ("import os, signal, sys, time; from pathlib import Path; from rag.index import store\n"
        "with store.build_lock(Path(sys.argv[1])):\n"
        "    print(os.getpid(), flush=True)\n"
        "    os.kill(os.getpid(), signal.SIGKILL) if sys.argv[2] == 'die' else time.sleep(60)\n")


def _index(tmp_path, monkeypatch) -> Path:
    index = tmp_path / "index"
    build_index(index)
    monkeypatch.setenv("RAG_INDEX_DIR", str(index))
    return index


def _dead_pid() -> int:
    done = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    return int(done.stdout)


def test_status_says_a_build_was_killed_and_the_next_build_takes_the_lock_over(tmp_path, monkeypatch, capsys):
    index = _index(tmp_path, monkeypatch)
    killed = subprocess.run([sys.executable, "-c", HOLD, str(index), "die"], cwd=ROOT, capture_output=True)
    assert killed.returncode == -signal.SIGKILL
    pid = int(killed.stdout)
    status, out, _ = run_cli(capsys, "status")
    assert status == 0
    assert f"{index / '.lock'} names a build that is no longer running (process {pid} `" in out
    assert "stopped outright (kill -9" in out and "nothing to do: the next build takes the lock over" in out
    said = json.loads(run_cli(capsys, "status", "--json")[1])["build"]
    assert said == {**said, "pid": pid, "running": False}
    with store.build_lock(index):  # taken over at once, and the line is this build's
        assert (index / ".lock").read_text().split()[0] == str(os.getpid())
    assert json.loads(run_cli(capsys, "status", "--json")[1])["build"] is None


def test_status_names_a_build_writing_now(tmp_path, monkeypatch, capsys):
    index = _index(tmp_path, monkeypatch)
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(index), "hold"], cwd=ROOT, stdout=subprocess.PIPE,
                              text=True)
    try:
        assert holder.stdout.readline() == f"{holder.pid}\n"
        status, out, _ = run_cli(capsys, "status")
        assert status == 0 and f"a build is writing the index now (process {holder.pid} `" in out
        said = json.loads(run_cli(capsys, "status", "--json")[1])["build"]
        assert said["pid"] == holder.pid and said["running"] is True
    finally:
        holder.kill()
        holder.wait()


def test_a_lock_naming_a_process_that_is_gone_names_none_to_kill(tmp_path, monkeypatch):
    index = _index(tmp_path, monkeypatch)
    gone = _dead_pid()
    (index / ".lock").write_text(f"{gone} 2026-12-04 10:17:15 rag ingest corpus/\n")
    # another process holds the lock without writing its line (a build on another machine, older code)
    grab = ("import fcntl, sys, time; f = open(sys.argv[1], 'a'); fcntl.flock(f, fcntl.LOCK_EX); "
            "print('held', flush=True); time.sleep(60)")
    other = subprocess.Popen([sys.executable, "-c", grab, str(index / ".lock")], stdout=subprocess.PIPE, text=True)
    try:
        assert other.stdout.readline() == "held\n"
        with pytest.raises(RagError) as refused:
            with store.build_lock(index):
                pass
    finally:
        other.kill()
        other.wait()
    said = str(refused.value)
    assert f"kill {gone}" not in said and f"names process {gone} `rag ingest corpus/`" in said
    assert "which no longer holds it" in said and f"fuser -v {index / '.lock'}" in said
