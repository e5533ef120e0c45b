"""An issue's file, its issue.toml, its folder or the corpus folder that this user may not read (copied in by another
user, a share's permissions) ended `rag ingest` in a PermissionError traceback (exit 1). Each is now one `error:`
line naming the path and what to do (exit 2), and the published index is untouched. Run as root, the command is run
without the capability to read past permissions (setpriv), as a maintainer's account would be."""

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


def _ingest(corpus: Path, index: Path) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "rag.cli", "ingest", str(corpus)]
    if os.geteuid() == 0:
        caps = "-dac_override,-dac_read_search"
        command = [SETPRIV, "--bounding-set", caps, "--inh-caps", caps, *command]
    env = {**os.environ, "RAG_INDEX_DIR": str(index), "RAG_EMBEDDER": "hash", "RAG_QUESTION_MODEL": "none"}
    return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)


@pytest.mark.parametrize("locked", ["2024-summer/004_cb7dbf052e6c1cde.txt", "2024-summer/issue.toml", "2024-summer", "."])
def test_an_unreadable_file_or_folder_is_one_error_line(tmp_path, locked):
    corpus = tmp_path / "corpus"
    for name in ("2024-summer", "2026-summer-68"):
        shutil.copytree(ROOT / "corpus" / name, corpus / name)
    index = tmp_path / "index"
    first = ingest.run(index, HashEmbedder(), lambda t: len(t.split()), paths=[corpus / "2026-summer-68"])
    path = corpus / locked
    path.chmod(0)
    try:
        done = _ingest(corpus, index)
    finally:
        path.chmod(0o755 if path.is_dir() else 0o644)
    assert done.returncode == 2 and "Traceback" not in done.stderr, done.stderr
    (line,) = done.stderr.strip().splitlines()
    assert line.startswith(f"error: {path.resolve() if locked == '.' else path} cannot be read by this user "
                           "(Permission denied): give it read access (chmod -R a+rX "), line
    assert (index / "CURRENT").read_text().strip() == first.version
