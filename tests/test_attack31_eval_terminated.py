"""`rag eval` stopped by SIGTERM (`timeout 3600 rag eval ...`, a CI job cancelled, `kill`) died at once: nothing said
how many questions had been asked or that the folder's earlier results were kept (Ctrl-C said both). It now unwinds as
Ctrl-C does, exit 143; the earlier run's results.jsonl stays whole for `--compare`, and a rerun to the same --out
writes its own."""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from rag.testing import build_index

ROOT = Path(__file__).resolve().parent.parent


def _run(tmp_path, questions: Path, out: Path) -> subprocess.Popen:
    env = {**os.environ, "RAG_INDEX_DIR": str(tmp_path / "index"), "RAG_EMBEDDER": "hash", "RAG_LLM_MODEL":
           "extractive", "RAG_QUESTION_MODEL": "none", "RAG_DATA_DIR": str(tmp_path / ".data")}
    return subprocess.Popen([sys.executable, "-m", "rag.cli", "eval", "--questions", str(questions), "--out", str(out),
                             "--retrieval-only"], env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)


def test_a_terminated_eval_says_how_far_it_got_and_keeps_the_earlier_run(tmp_path):
    build_index(tmp_path / "index")
    item = {"question": "What did the pay award give managers?", "type": "fact", "source": "hm68.txt",
            "evidence": ["pay"]}
    few, many = tmp_path / "few.jsonl", tmp_path / "many.jsonl"
    few.write_text("".join(json.dumps({"id": f"q{i}", **item}) + "\n" for i in range(2)))
    many.write_text("".join(json.dumps({"id": f"q{i}", **item}) + "\n" for i in range(20000)))
    out = tmp_path / "run"
    assert _run(tmp_path, few, out).wait(timeout=120) == 0
    before = (out / "results.jsonl").read_bytes()

    child = _run(tmp_path, many, out)
    deadline = time.monotonic() + 120
    while child.poll() is None and time.monotonic() < deadline:
        partial = out / "results.jsonl.partial"
        if partial.exists() and partial.read_bytes().count(b"\n") >= 3:
            break
        time.sleep(0.05)
    child.send_signal(signal.SIGTERM)
    _, err = child.communicate(timeout=60)
    assert child.returncode == 128 + signal.SIGTERM
    assert "evaluation interrupted: " in err and " of 20000 questions asked" in err
    assert "results.jsonl, summary.json and report.html are as before" in err
    assert (out / "results.jsonl").read_bytes() == before

    assert _run(tmp_path, few, out).wait(timeout=120) == 0  # the rerun to the same folder writes its own
    assert [json.loads(line)["id"] for line in (out / "results.jsonl").read_text().splitlines()] == ["q0", "q1"]
