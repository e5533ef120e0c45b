"""An index this user may not read (written by another user: a root `rag ingest` under an app run as its own user, or
a copy's permissions) ended every command, `rag status` and `rag verify` included, in a PermissionError traceback.
A file of the index, or CURRENT, that cannot be read is now one `error:` line naming it and what to do (exit 2): not
"damaged", and not a rebuild, which would not mend it. Run as root, without the capability to read past permissions."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from rag.index import ingest
from rag.index.embedders import HashEmbedder

ROOT = Path(__file__).resolve().parent.parent
SETPRIV = shutil.which("setpriv")
pytestmark = pytest.mark.skipif(os.geteuid() == 0 and not SETPRIV, reason="root reads every file; no setpriv")


def _rag(index: Path, *args: str) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "rag.cli", *args]
    if os.geteuid() == 0:
        caps = "-dac_override,-dac_read_search"
        command = [SETPRIV, "--bounding-set", caps, "--inh-caps", caps, *command]
    env = {**os.environ, "RAG_INDEX_DIR": str(index), "RAG_EMBEDDER": "hash", "RAG_QUESTION_MODEL": "none",
           "RAG_LLM_MODEL": "extractive"}
    return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)


@pytest.mark.parametrize("locked", ["CURRENT", "chunks.jsonl"])
def test_an_index_file_this_user_may_not_read_is_one_error_line(tmp_path, locked):
    corpus, index = tmp_path / "corpus", tmp_path / "index"
    shutil.copytree(ROOT / "corpus" / "2026-summer-68", corpus / "2026-summer-68")
    version = ingest.run(index, HashEmbedder(), lambda t: len(t.split()), paths=[corpus]).version
    path = index / "CURRENT" if locked == "CURRENT" else next((index / "versions" / version).rglob(locked))
    path.chmod(0)
    try:
        for args in (["status"], ["verify"], ["retrieve", "pay rise", "--k", "1"], ["ingest", str(corpus)]):
            done = _rag(index, *args)
            assert done.returncode == 2 and "Traceback" not in done.stderr, (args, done.stderr)
            assert done.stderr.strip() == (f"error: {path} cannot be read by this user (Permission denied): the index "
                                           f"was written by another user? make it readable (chmod -R a+rX {index}) "
                                           f"or run the command as its owner (ls -l {index})"), args
    finally:
        path.chmod(0o644)
    assert _rag(index, "verify").returncode == 0
