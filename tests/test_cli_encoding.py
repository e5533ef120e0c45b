"""Output on a terminal or pipe that cannot encode the archive's curly quotes and dashes: JSON stays JSON, text gets
'?', never a UnicodeEncodeError traceback halfway through an answer."""

import json
import os
import subprocess
import sys

from rag import cli
from tests.conftest import isolated_corpus


def _rag(*args, **env):
    return subprocess.run([sys.executable, "-m", "rag.cli", *args], capture_output=True,
                          env={**os.environ, **env}, timeout=120)


def test_json_and_text_survive_a_stdout_that_is_ascii_only(tmp_path, monkeypatch, capsys):
    corpus = isolated_corpus(tmp_path, monkeypatch)
    assert cli.main(["ingest", str(corpus)]) == 0
    capsys.readouterr()
    question = "Who is the “chief executive” of MiP?"
    done = _rag("ask", question, "--llm", "extractive", "--json", PYTHONIOENCODING="ascii")
    assert done.returncode == 0, done.stderr.decode()[-500:]
    answer = json.loads(done.stdout.decode("ascii"))
    assert answer["question"] == question and answer["citations"]
    done = _rag("ask", question, "--llm", "extractive", PYTHONIOENCODING="ascii")
    assert done.returncode == 0 and b"Traceback" not in done.stderr, done.stderr.decode()[-500:]
    assert done.stdout.decode("ascii").strip()
