"""`rag ingest --json` stopped (SIGTERM from `timeout`, a CI job cancelled, or Ctrl-C) said "terminated: ..." on
stderr and nothing on stdout: a tool reading the JSON, as architecture.md's contract has every command's error, got
none to parse. It now gets {"error": "terminated: ..."} as well, with the exit status as before."""

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_an_ingest_stopped_while_it_waits_for_the_question_model_still_prints_json(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(ROOT / "corpus" / "2026-summer-68", corpus / "2026-summer-68")
    listener = socket.create_server(("127.0.0.1", 0))
    asked, held = threading.Event(), []

    def answer_nothing():  # the question model takes the request and never replies: the ingest waits on it
        conn, _ = listener.accept()
        held.append(conn)
        asked.set()

    threading.Thread(target=answer_nothing, daemon=True).start()
    env = {**os.environ, "RAG_INDEX_DIR": str(tmp_path / "index"), "RAG_CORPUS_DIR": str(corpus),
           "RAG_DATA_DIR": str(tmp_path / ".data"), "RAG_EMBEDDER": "hash", "RAG_QUESTION_MODEL": "openai/stub",
           "RAG_LLM_API_BASE": f"http://127.0.0.1:{listener.getsockname()[1]}/v1", "OPENAI_API_KEY": "x"}
    child = subprocess.Popen([sys.executable, "-m", "rag.cli", "ingest", str(corpus), "--json"], env=env, cwd=ROOT,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert asked.wait(120), child.stderr.read() if child.poll() is not None else "the model was never asked"
        child.send_signal(signal.SIGTERM)
        out, err = child.communicate(timeout=60)
    finally:
        child.kill()
        for conn in held:
            conn.close()
        listener.close()
    assert child.returncode == 143, err
    assert "terminated: the published index is unchanged" in err
    assert json.loads(out) == {"error": "terminated: the published index is unchanged"}
    assert not (tmp_path / "index" / "CURRENT").exists()
