"""An ingest whose terminal or ssh session closed (SIGHUP) died at once: a first one left a new index folder holding
only .lock, a later one its half-written version until the next build (SIGTERM had been fixed so; SIGHUP not). It now
unwinds as SIGTERM does, "terminated: the published index is unchanged", exit 129; under `nohup` (SIGHUP ignored) it
runs on to the end as before."""

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _ingest(tmp_path, ignore_hangup: bool) -> tuple[subprocess.Popen, Path]:
    corpus = tmp_path / "corpus"
    shutil.copytree(ROOT / "corpus" / "2024-summer", corpus / "2024-summer")
    shutil.copytree(ROOT / "corpus" / "2026-summer-68", corpus / "2026-summer-68")
    index = tmp_path / "new" / "index"
    env = {**os.environ, "RAG_INDEX_DIR": str(index), "RAG_EMBEDDER": "hash", "RAG_QUESTION_MODEL": "none",
           "RAG_DATA_DIR": str(tmp_path / ".data")}
    nohup = (lambda: signal.signal(signal.SIGHUP, signal.SIG_IGN)) if ignore_hangup else None
    child = subprocess.Popen([sys.executable, "-m", "rag.cli", "ingest", str(corpus)], env=env, cwd=ROOT,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, preexec_fn=nohup)
    deadline = time.monotonic() + 60
    while not (index / ".lock").exists() and child.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    child.send_signal(signal.SIGHUP)  # the build holds its lock: it is parsing
    return child, index


@pytest.mark.parametrize("ignore_hangup", [False, True])
def test_a_hangup_mid_ingest_unwinds_unless_ignored(tmp_path, ignore_hangup):
    child, index = _ingest(tmp_path, ignore_hangup)
    out, err = child.communicate(timeout=120)
    if ignore_hangup:  # nohup: the build finishes
        assert child.returncode == 0 and "published index version" in out, err
        assert (index / "CURRENT").is_file()
    else:
        assert child.returncode == 129, err
        assert "terminated: the published index is unchanged" in err
        assert not (tmp_path / "new").exists()  # before: new/index/.lock, killed by the signal with no word
