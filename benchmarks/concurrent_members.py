"""What N members asking at once see with the real local model: the real app, index and llama.cpp server.

Each member is a gradio_client asking a different dev question at the same moment. For each: how it
ended (answered, refused, told busy, error), its total time, and whether, while waiting, it was told how
many questions were ahead of it (the app's status line) rather than left in silence.

Usage: .venv/bin/python benchmarks/concurrent_members.py --members 5 [--members 30]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def ask_all(url: str, questions: list[str], timeout: float) -> list[dict]:
    from gradio_client import Client

    n = len(questions)
    out: list[dict] = [{"outcome": "not finished", "total_s": timeout, "told_waiting": False}] * n
    barrier = threading.Barrier(n)

    def one(i: int) -> None:
        try:
            client = Client(url, verbose=False)
            barrier.wait(timeout=120)
            t0 = time.perf_counter()
            job = client.submit(questions[i], "", api_name="/ask")
            told, first_status_s = False, None
            for update in job:  # every status the member sees while it is answered
                status = str(update[1]) if isinstance(update, (list, tuple)) and len(update) > 1 else ""
                first_status_s = first_status_s or time.perf_counter() - t0
                told = told or "one question at a time" in status
            final = job.result(timeout=timeout)
            status = str(final[1])
            outcome = "answered" if "Answered" in status else "refused" if "Not in the archive" in status else status
            out[i] = {"outcome": outcome, "total_s": time.perf_counter() - t0, "told_waiting": told}
        except Exception as e:  # the queue is full, or something broke: recorded, not raised
            out[i] = {"outcome": "busy" if "queue is full" in str(e).lower() else f"error: {e!r}"[:200],
                      "total_s": timeout, "told_waiting": False}

    threads = [threading.Thread(target=one, args=(i,), daemon=True) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout + 150)
    return out


def main(argv: list[str] | None = None) -> int:
    from rag.answer.build import build_pipeline
    from rag.config import load_settings
    from rag.evals.scoring import load_questions
    from rag.web.app import build_app, launch_app
    from tests.app_server import free_port

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, action="append", default=[])
    parser.add_argument("--timeout", type=float, default=900)
    args = parser.parse_args(argv)
    settings = load_settings().with_(llm_model="local", port=free_port(), rate_per_minute=10_000, local_port=0)
    pipeline = build_pipeline(settings)
    assert pipeline.warm_up() == ""
    demo = build_app(pipeline, settings)
    _, url, _ = launch_app(demo, pipeline, settings, prevent_thread_lock=True, quiet=True)
    questions = [q["question"] for q in load_questions(ROOT / "evals" / "questions.jsonl")]
    results = []
    try:
        for n in args.members or [5]:
            rows = ask_all(url, questions[:n], args.timeout)
            done = [r["total_s"] for r in rows if r["outcome"] in ("answered", "refused")]
            waited = [r for r in rows if r["told_waiting"]]
            results.append({
                "members": n, "concurrency": settings.concurrency, "queue": settings.max_queue,
                "outcomes": {k: sum(r["outcome"] == k for r in rows) for k in {r["outcome"] for r in rows}},
                "told_how_many_ahead": len(waited),
                "total_median_s": round(statistics.median(done), 1) if done else None,
                "total_max_s": round(max(done), 1) if done else None,
            })  # fmt: skip
            print(json.dumps(results[-1]), flush=True)
    finally:
        demo.close()
        pipeline.llm._server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
