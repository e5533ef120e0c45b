"""Shared fixtures: unit tests never leave this machine (loopback servers we start are fine)."""

from __future__ import annotations

import ipaddress
import os
import socket

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
# No test ingest asks the local model for questions (about 4 s a passage) unless it says so itself.
os.environ.setdefault("RAG_QUESTION_MODEL", "none")

_real_connect = socket.socket.connect


def _loopback(address) -> bool:
    if isinstance(address, (str, bytes)):  # unix socket
        return True
    host = address[0]
    if host in ("localhost", ""):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@pytest.fixture(autouse=True)
def _no_network(monkeypatch):
    def guarded(self, address):
        if not _loopback(address):
            raise OSError(f"tests may not reach the network (tried {address!r})")
        return _real_connect(self, address)

    monkeypatch.setattr(socket.socket, "connect", guarded)
    yield


def isolated_corpus(tmp_path, monkeypatch):
    """Issue 68 copied into tmp_path/corpus, with the index, data dir and a hash embedder there too."""
    import shutil
    from pathlib import Path

    corpus = tmp_path / "corpus"
    shutil.copytree(Path(__file__).resolve().parent.parent / "corpus" / "2026-summer-68", corpus / "2026-summer-68")
    monkeypatch.setenv("RAG_INDEX_DIR", str(tmp_path / "index"))
    monkeypatch.setenv("RAG_CORPUS_DIR", str(corpus))
    monkeypatch.setenv("RAG_DATA_DIR", str(tmp_path / ".data"))
    monkeypatch.setenv("RAG_EMBEDDER", "hash")
    return corpus


def run_cli(capsys, *args):
    """`rag ARGS` in process: (exit status, stdout, stderr)."""
    from rag import cli

    status = cli.main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


def pdf_issue_refused(tmp_path, monkeypatch, capsys, pdf: bytes) -> str:
    """Issue 68 ingested, then a new issue 69 whose source is `pdf`: the error `rag ingest --json` gives (exit 2),
    the served index unchanged."""
    import json

    corpus = isolated_corpus(tmp_path, monkeypatch)
    assert run_cli(capsys, "ingest", str(corpus))[0] == 0
    served = (tmp_path / "index" / "CURRENT").read_bytes()
    folder = corpus / "2026-autumn-69"
    folder.mkdir()
    (folder / "hm69.pdf").write_bytes(pdf)
    (folder / "issue.toml").write_text('title = "Healthcare Manager issue 69"\nnumber = 69\nseason = "autumn 2026"\n'
                                       'date = "2026-09-01"\nsource = "hm69.pdf"\n')
    status, out, _ = run_cli(capsys, "ingest", str(corpus), "--json")
    assert status == 2 and (tmp_path / "index" / "CURRENT").read_bytes() == served
    return json.loads(out)["error"]
