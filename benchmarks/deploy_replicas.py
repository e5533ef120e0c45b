"""Two replicas behind nginx with the REAL local model: one shared llama.cpp server, N members at once,
replica a SIGKILLed and restarted mid-run (docs/deploy.md).

The same stack as tests/test_deploy.py, with the published index (read only), the bundled MiniLM embedder
and the local Qwen model served once by `python -m llama_cpp.server` (rag's LocalServer command), which
both replicas reach as an OpenAI-compatible endpoint (RAG_LLM_MODEL=openai/local, RAG_LLM_API_BASE).
Each member asks one dev question; a member told of an error asks once more after 5 s, as told.
Loads both cores for several minutes.

Usage: .venv/bin/python benchmarks/deploy_replicas.py [--members 30] [--kill-after 8]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main(argv: list[str] | None = None) -> int:
    from rag.config import load_settings
    from rag.llm.local_model import local_model, model_path, prepare
    from rag.llm.local_server import LocalServer, server_options
    from tests.deploy_members import ask, ask_fn_index, run_members
    from tests.deploy_stack import Nginx, Replica

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=30)
    parser.add_argument("--kill-after", type=int, default=8, help="kill replica a after this many answers")
    parser.add_argument("--timeout", type=float, default=900, help="seconds before a member counts as lost")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "deploy_replicas.json")
    args = parser.parse_args(argv)

    settings = load_settings()
    questions = [json.loads(line)["question"] for line in
                 (ROOT / "evals" / "questions.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    tmp = Path(tempfile.mkdtemp(prefix="deploy-bench-"))
    server = LocalServer(model_path(settings), port=0, options=server_options(settings),
                         prepare_model=prepare(local_model(settings.local_model)), log_path=tmp / "llama-server.log")
    t0 = time.monotonic()
    server.ensure_started()
    print(f"shared llama.cpp server at {server.url} ready in {time.monotonic() - t0:.1f} s", flush=True)
    replicas = [Replica(name, {
        "RAG_INDEX_DIR": str(settings.index_dir),  # the published index: read, never written
        "RAG_DATA_DIR": str(tmp / f"data-{name}"),
        "RAG_GEMMA_MODEL_DIR": str(settings.gemma_model_path),  # the installed embedder, shared
        "RAG_LLM_MODEL": "openai/local", "RAG_LLM_API_BASE": server.url + "/v1", "RAG_LLM_API_KEY": "none",
        "RAG_TRUSTED_PROXIES": "127.0.0.1", "RAG_CHAT_SECRET": "one-secret-shared-by-every-replica",
        # llama.cpp's server answers one request at a time: one answer at a time per replica keeps the
        # others waiting in the replicas' queues, not in the server's, where their timeout already runs
        "RAG_CONCURRENCY": "1",
    }, tmp / f"replica-{name}.log") for name in ("a", "b")]  # fmt: skip
    nginx = Nginx(tmp / "nginx", [r.port for r in replicas])
    try:
        for r in replicas:
            r.start()
        nginx.start()
        fn = ask_fn_index(nginx.port)
        a = replicas[0]
        t0 = time.monotonic()
        result = run_members(
            nginx.port, fn, [[questions[i % len(questions)]] for i in range(args.members)], victim=a,
            kill_when=lambda done: sum(o.kind in ("answered", "refused") for o in done) >= args.kill_after,
            timeout=args.timeout, ask_again_after=5.0)
        wall = time.monotonic() - t0
        summary = result.summary()
        in_flight = result.in_flight_at_kill(a.address)
        summary.update({
            "members": args.members, "wall_s": round(wall, 1),
            "in_flight_on_killed_replica": len(in_flight),
            "errored_outside_killed_replicas_in_flight": sum(
                o.kind == "errored" and o not in in_flight for o in result.flat() if o.attempt == 1),
            "replica_restart_to_listening_s": round(a.started_s, 1),
            "per_replica_first_attempt": {r.name: sum(o.stream_replica == r.address for o in result.flat()
                                                      if o.attempt == 1) for r in replicas},
            "after_restart_direct": {r.name: ask(r.port, fn, questions[0], source_ip="127.0.0.250",
                                                 timeout=args.timeout).kind for r in replicas},
            "errors_seen": sorted({o.detail for o in result.flat() if o.kind == "errored"}),
        })  # fmt: skip
        print(json.dumps(summary, indent=1), flush=True)
        rows = [{"member": i, "attempt": o.attempt, "kind": o.kind, "seconds": round(o.seconds, 2),
                 "replica": o.stream_replica or o.join_replica, "notice": o.notice, "detail": o.detail[:160]}
                for i, member in enumerate(result.outcomes) for o in member]  # fmt: skip
        args.out.write_text(json.dumps({"summary": summary, "members": rows}, indent=1) + "\n")
    finally:
        for r in replicas:
            r.stop()
        nginx.stop()
        server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
