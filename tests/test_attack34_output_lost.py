"""Tester 34: a stdout that cannot be written (`rag ingest corpus/ --json > out.json` on a full disk) was an OSError
traceback, exit 1, after the ingest had published its version: a tool took the ingest for failed, and nothing said
the index had changed. Now one line on stderr saying the output is lost and what the command did to the index, exit
74 (EX_IOERR)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import isolated_corpus

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full (Linux)")


def _rag(*args: str) -> subprocess.CompletedProcess:
    with open("/dev/full", "w") as full:
        return subprocess.run([sys.executable, "-m", "rag.cli", *args], cwd=ROOT, stdout=full, stderr=subprocess.PIPE,
                              text=True, timeout=300)


def test_an_ingest_whose_output_cannot_be_written_says_it_published(tmp_path, monkeypatch):
    corpus = isolated_corpus(tmp_path, monkeypatch)
    done = _rag("ingest", str(corpus), "--json")
    version = (tmp_path / "index" / "CURRENT").read_text().strip()
    assert done.returncode == 74 and "Traceback" not in done.stderr
    assert "error: cannot write the output (No space left on device), so it is lost" in done.stderr
    assert f"index version {version} had already been published and is served now" in done.stderr


@pytest.mark.parametrize("args", [("status", "--json"), ("verify",), ("nope", "--json"), ("remove", "x", "--json")])
def test_any_command_whose_output_cannot_be_written_says_so(tmp_path, monkeypatch, args):
    isolated_corpus(tmp_path, monkeypatch)
    done = _rag(*args)
    assert done.returncode == 74 and "Traceback" not in done.stderr and "Exception ignored" not in done.stderr
    assert "cannot write the output" in done.stderr
