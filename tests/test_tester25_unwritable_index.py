"""An index folder this user may not write (written by another user, or its rights taken away) was answered "make index
writable by this user, or free some disk space there (df -h index)": no disk space helps a Permission denied, and a
full disk needs no chmod. Each cause now gets its own advice. Run as root, without the capability to write past
permissions (setpriv), as a maintainer's account would be."""

import errno
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from rag.index import ingest, store
from rag.index.embedders import HashEmbedder
from rag.index.index_folder import unwritable

ROOT = Path(__file__).resolve().parent.parent
SETPRIV = shutil.which("setpriv")


@pytest.mark.skipif(os.geteuid() == 0 and not SETPRIV, reason="root writes every file; no setpriv")
@pytest.mark.parametrize("command", [["rollback"], ["remove", "2024-summer"], ["ingest", "CORPUS"]])
def test_an_index_this_user_may_not_write_is_told_to_get_write_access(tmp_path, command):
    corpus, index = tmp_path / "corpus", tmp_path / "index"
    for name in ("2024-summer", "2026-summer-68"):
        shutil.copytree(ROOT / "corpus" / name, corpus / name)
    embed = HashEmbedder()
    ingest.run(index, embed, lambda t: len(t.split()), paths=[corpus / "2024-summer"])
    served = ingest.run(index, embed, lambda t: len(t.split()), paths=[corpus]).version
    subprocess.run(["chmod", "-R", "a-w", str(index)], check=True)
    args = [sys.executable, "-m", "rag.cli", *[str(corpus) if a == "CORPUS" else a for a in command]]
    if os.geteuid() == 0:
        caps = "-dac_override,-dac_read_search"
        args = [SETPRIV, "--bounding-set", caps, "--inh-caps", caps, *args]
    (corpus / "2026-summer-68" / "issue.toml").write_text(
        (corpus / "2026-summer-68" / "issue.toml").read_text(encoding="utf-8") + "\n", encoding="utf-8")
    env = {**os.environ, "RAG_INDEX_DIR": str(index), "RAG_EMBEDDER": "hash", "RAG_QUESTION_MODEL": "none"}
    try:
        done = subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    finally:
        subprocess.run(["chmod", "-R", "u+w", str(index)], check=True)
    assert done.returncode == 2 and "Traceback" not in done.stderr, done.stderr
    assert "(Permission denied): make" in done.stderr and "writable by this user (ls -ld" in done.stderr, done.stderr
    assert "disk space" not in done.stderr
    assert (index / "CURRENT").read_text().strip() == served


def test_a_full_disk_is_told_to_free_space_and_a_read_only_one_to_move():
    path = Path("/srv/index/CURRENT")
    full = str(unwritable(path, OSError(errno.ENOSPC, "No space left on device", str(path))))
    assert "free some disk space there (df -h /" in full and "writable" not in full
    read_only = str(unwritable(path, OSError(errno.EROFS, "Read-only file system", str(path))))
    assert "is on a read-only disk; point RAG_INDEX_DIR at a folder on a writable one" in read_only
