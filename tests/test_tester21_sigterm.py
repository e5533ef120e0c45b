"""An ingest stopped by SIGTERM (`kill`, a service or container stopping) unwinds as Ctrl-C does: it said nothing
and left what it had written (a first ingest, a new index folder holding only .lock; later ones a half-written
version until the next build). It now says "terminated: the published index is unchanged", exits 143 and leaves
nothing behind."""

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_sigterm_mid_ingest_leaves_no_index_folder(tmp_path):
    corpus = tmp_path / "corpus"
    for n in range(4):  # enough parsing (about a second an issue) for the signal to come mid-build
        folder = corpus / f"2024-summer-{n}"
        shutil.copytree(ROOT / "corpus" / "2024-summer", folder)
        toml = folder / "issue.toml"
        toml.write_text(toml.read_text().replace('title = "', f'title = "Copy {n} of '))
        source = next(folder.glob("*.txt"))
        source.write_text(source.read_text() + f"\nCopy {n}.\n")
    index = tmp_path / "new" / "index"
    env = {**os.environ, "RAG_INDEX_DIR": str(index), "RAG_EMBEDDER": "hash", "RAG_QUESTION_MODEL": "none",
           "RAG_DATA_DIR": str(tmp_path / ".data")}
    child = subprocess.Popen([sys.executable, "-m", "rag.cli", "ingest", str(corpus)], env=env, cwd=ROOT,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while not (index / ".lock").exists() and child.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    child.send_signal(signal.SIGTERM)  # the build holds its lock: it is parsing
    _, err = child.communicate(timeout=60)
    assert child.returncode == 143, err
    assert "terminated: the published index is unchanged" in err
    assert not (tmp_path / "new").exists()  # before: new/index/.lock, exit -15 and no word
