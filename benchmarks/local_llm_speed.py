"""How fast the local model answers, and how well, under prompt and server settings: paired, in one run.

Every configuration answers every sampled dev question through the real pipeline and a real llama.cpp
server; the configurations take turns question by question, so the machine's load (it is shared) falls
on all of them alike and the comparison is paired. Each configuration has its own server, so none
reads another's prompt from llama.cpp's prefix cache (as in production, each keeps only its own).
Scores come from rag.evals.scoring, as in `rag eval`. Results: benchmarks/local_llm_speed.json and a
markdown table on stdout (docs/benchmarks.md).

Usage:
  .venv/bin/python benchmarks/local_llm_speed.py [--n 24] [--configs default,budget340,...]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CONFIGS: dict[str, dict] = {
    "default": {},
    "budget560": {"prompt_token_budget": 560},
    "budget420": {"prompt_token_budget": 420},
    "budget340": {"prompt_token_budget": 340},
    "budget260": {"prompt_token_budget": 260},
    "draft8": {"local_draft_tokens": 8},
    "model0.5b": {"local_model": "qwen2.5-coder-0.5b"},
    "model0.5b-budget420": {"local_model": "qwen2.5-coder-0.5b", "prompt_token_budget": 420},
}


def sample(questions: list[dict], n: int) -> list[dict]:
    """A deterministic sample keeping the set's mix: questions ordered by a hash of their id."""
    return sorted(questions, key=lambda q: hashlib.sha256(str(q["id"]).encode()).hexdigest())[:n]


def build(configs: dict[str, dict]):
    """One pipeline and one local server per configuration."""
    from rag.answer.build import build_pipeline
    from rag.config import load_settings
    from rag.llm.client import make_llm
    from rag.llm.local_model import local_model, model_path, prepare
    from rag.llm.local_server import LocalServer, server_options

    base = load_settings().with_(llm_model="local")
    first = build_pipeline(base, use_configured_llm=False)  # loads the embedder and index once
    servers, pipelines = {}, {}
    for name, changes in configs.items():
        settings = base.with_(**changes)
        key = name
        if key not in servers:
            servers[key] = LocalServer(model_path(settings), port=0, options=server_options(settings),
                                       prepare_model=prepare(local_model(settings.local_model)),
                                       log_path=ROOT / ".data" / "models" / f"bench-{name}.log")
            servers[key].ensure_started()
        llm = make_llm(settings, local_server=servers[key])
        pipelines[name] = type(first)(settings=settings, index=first.index, embedder=first.embedder, llm=llm,
                                      count_tokens=first.count_tokens, answerability_model=first.answerability_model)
    return pipelines, list(servers.values())


def main(argv: list[str] | None = None) -> int:
    from rag.evals.scoring import load_questions, percentile, score_question, summarize

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=Path, default=ROOT / "evals" / "questions.jsonl")
    parser.add_argument("--n", type=int, default=24, help="questions sampled (deterministically) from the set")
    parser.add_argument("--configs", default="default,budget340", help=f"comma-separated, from {', '.join(CONFIGS)}")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "local_llm_speed.json")
    args = parser.parse_args(argv)
    configs = {name: CONFIGS[name] for name in args.configs.split(",") if name}
    picked = sample(load_questions(args.questions), args.n)
    pipelines, servers = build(configs)
    rows: dict[str, list[dict]] = {name: [] for name in configs}
    try:
        for i, item in enumerate(picked, 1):
            for name, pipeline in pipelines.items():
                started = time.perf_counter()
                result = pipeline.answer(item["question"]).to_dict()
                result["wall_s"] = time.perf_counter() - started
                rows[name].append({"item": item, "result": result, "score": score_question(item, result)})
            print(f"{i}/{len(picked)} {item['id']}", file=sys.stderr, flush=True)
    finally:
        for server in servers:
            server.stop()
    results = []
    for name, done in rows.items():
        overall = summarize([r["score"] for r in done])["overall"]
        local = [r["result"] for r in done if r["result"]["llm"] == "local"]
        first = [r["timings_ms"]["first_token"] / 1000 for r in local if "first_token" in r["timings_ms"]]
        total = [r["timings_ms"]["total"] / 1000 for r in local]
        results.append({
            "config": name, "settings": configs[name], "questions": len(done), "by_local": len(local),
            "fell_back": sum(r["result"]["llm"] == "extractive" for r in done),
            "first_token_median_s": percentile(first, 50), "first_token_p95_s": percentile(first, 95),
            "total_median_s": percentile(total, 50), "total_p95_s": percentile(total, 95),
            **{k: overall.get(k) for k in ("answer_correct_rate", "partial_credit", "answerable_wrongly_refused_rate",
                                           "unanswerable_refused_rate", "invalid_citations")},
        })  # fmt: skip
    args.out.write_text(json.dumps({"n": len(picked), "loadavg_end": os.getloadavg(), "results": results,
                                    "answers": {n: [r["result"]["answer"] for r in d] for n, d in rows.items()}},
                                   indent=2) + "\n")
    cols = ["config", "first_token_median_s", "first_token_p95_s", "total_median_s", "total_p95_s",
            "answer_correct_rate", "partial_credit", "answerable_wrongly_refused_rate", "unanswerable_refused_rate",
            "invalid_citations", "by_local", "fell_back"]  # fmt: skip
    print("| " + " | ".join(cols) + " |\n|" + "---|" * len(cols))
    for r in results:
        print("| " + " | ".join(f"{r[c]:.2f}" if isinstance(r[c], float) else str(r[c]) for c in cols) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
