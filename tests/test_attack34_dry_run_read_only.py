"""Tester 34: `rag ingest --dry-run` (and `rag remove --dry-run`) on an index this user cannot write was refused as a
build ("cannot write index/.lock ... read-only disk"): a dry run writes nothing, so it reads the index as any reader."""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from tests.conftest import isolated_corpus, run_cli

ROOT = Path(__file__).resolve().parent.parent


def _as_reader() -> list[str]:
    """The command prefix that runs as a user who cannot write the index: this one, or nobody when this is root."""
    if os.geteuid() != 0:
        return []
    if not shutil.which("setpriv"):
        pytest.skip("running as root without setpriv: no user to whom the index is read-only")
    return ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]


def _read_only(folder: Path) -> None:
    for path in [folder, *folder.rglob("*")]:
        mode = stat.S_IMODE(path.lstat().st_mode)
        if not path.is_symlink():
            path.chmod(mode & ~0o222 | (0o555 if path.is_dir() else 0o444))


def test_a_dry_run_on_an_index_it_cannot_write_says_what_would_change(monkeypatch, capsys):
    base = Path(tempfile.mkdtemp(prefix="t34-ro-"))
    try:
        base.chmod(0o755)  # another user reaches the index through it
        corpus = isolated_corpus(base, monkeypatch)
        assert run_cli(capsys, "ingest", str(corpus))[0] == 0
        assert (base / "index" / ".lock").exists()  # a build leaves its .lock beside the index
        served = (base / "index" / "CURRENT").read_bytes()
        (corpus / "2026-summer-68" / "issue.toml").write_text(
            (corpus / "2026-summer-68" / "issue.toml").read_text().replace('season = "', 'season = "early '))
        _read_only(base / "index")
        env = {**os.environ, "RAG_INDEX_DIR": str(base / "index"), "RAG_CORPUS_DIR": str(corpus),
               "RAG_DATA_DIR": str(base / ".data"), "RAG_EMBEDDER": "hash", "RAG_QUESTION_MODEL": "none"}
        for args in (["ingest", str(corpus), "--dry-run", "--json"], ["remove", "2026-summer-68", "--dry-run",
                                                                         "--json", "--force"]):
            done = subprocess.run([*_as_reader(), sys.executable, "-m", "rag.cli", *args], cwd=ROOT, env=env,
                                  capture_output=True, text=True, timeout=300)
            assert done.returncode == 0, done.stderr
            said = json.loads(done.stdout)
            assert said["version"] is None and "error" not in said
            assert "cannot write" not in done.stderr
        assert (base / "index" / "CURRENT").read_bytes() == served
    finally:
        for path in [base, *base.rglob("*")]:
            if path.is_dir() and not path.is_symlink():
                path.chmod(0o755)
        shutil.rmtree(base, ignore_errors=True)


def test_a_dry_run_while_a_build_writes_is_still_told_to_wait(tmp_path, monkeypatch, capsys):
    from rag.index import store

    corpus = isolated_corpus(tmp_path, monkeypatch)
    assert run_cli(capsys, "ingest", str(corpus))[0] == 0
    with store.build_lock(tmp_path / "index"):
        status, out, err = run_cli(capsys, "ingest", str(corpus), "--dry-run", "--json")
    assert status == 2 and "another build is writing" in json.loads(out)["error"]


def test_a_build_held_up_by_a_dry_run_is_told_so(tmp_path, monkeypatch, capsys):
    """A dry run shares .lock and stamps nothing in it: a build it held up was told "another build is writing"."""
    from rag.index import store

    corpus = isolated_corpus(tmp_path, monkeypatch)
    assert run_cli(capsys, "ingest", str(corpus))[0] == 0
    with store.read_lock(tmp_path / "index"):
        status, out, err = run_cli(capsys, "remove", "2026-summer-68", "--force")
    if not Path("/proc/locks").exists():
        pytest.skip("no /proc/locks to tell a dry run by")
    assert status == 2 and "cannot be written now: a dry run (rag ingest or remove --dry-run, process" in err
    assert "another build is writing" not in err
