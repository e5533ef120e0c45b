"""How fast the local model answers, and how well, under server and prompt settings: one run, same questions.

Each configuration is a set of RAG_* variables (prompt budget, answer length, llama.cpp batch, prompt-lookup
draft); each runs `rag eval --llm local` on the same deterministic sample of the dev set in a fresh server, so
first-token and total times and answer quality are measured side by side. Results go to
benchmarks/local_llm_speed.json and a markdown table on stdout (docs/benchmarks.md).

Usage:
  .venv/bin/python benchmarks/local_llm_speed.py [--n 30] [--configs default,budget380,...] [--questions FILE]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONFIGS: dict[str, dict[str, str]] = {
    "before": {"RAG_PROMPT_TOKEN_BUDGET": "560", "RAG_LLM_MAX_TOKENS": "300"},
    "budget420": {"RAG_PROMPT_TOKEN_BUDGET": "420"},
    "budget340": {"RAG_PROMPT_TOKEN_BUDGET": "340"},
    "budget260": {"RAG_PROMPT_TOKEN_BUDGET": "260"},
    "draft8": {"RAG_LOCAL_DRAFT_TOKENS": "8"},
    "batch128": {"RAG_LOCAL_BATCH": "128"},
    "threads1": {"RAG_LOCAL_THREADS": "1"},
    "default": {},
}


def sample(questions: list[dict], n: int) -> list[dict]:
    """A deterministic sample keeping the set's mix: questions ordered by a hash of their id."""
    keyed = sorted(questions, key=lambda q: hashlib.sha256(str(q["id"]).encode()).hexdigest())
    return keyed[:n]


def percentile(values: list[float], p: float) -> float | None:
    if not values:
        return None
    values = sorted(values)
    k = (len(values) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(values) - 1)
    return values[lo] + (values[hi] - values[lo]) * (k - lo)


def run_config(name: str, overrides: dict[str, str], questions_file: Path, out: Path) -> dict:
    env = {**os.environ, "RAG_LLM_MODEL": "local", **overrides}
    started = time.monotonic()
    proc = subprocess.run([str(ROOT / ".venv/bin/rag"), "eval", "--questions", str(questions_file), "--out",
                           str(out), "--llm", "local"], env=env, cwd=ROOT, capture_output=True, text=True)
    if proc.returncode not in (0, 1):  # 1: below a baseline is still a measurement
        raise SystemExit(f"{name}: rag eval failed ({proc.returncode}):\n{proc.stderr[-2000:]}")
    rows = [json.loads(line) for line in (out / "results.jsonl").read_text().splitlines() if line.strip()]
    overall = json.loads((out / "summary.json").read_text())["overall"]
    generated = [r for r in rows if r.get("llm") == "local"]
    first = [r["timings_ms"]["first_token"] / 1000 for r in generated if "first_token" in r.get("timings_ms", {})]
    total = [r["timings_ms"]["total"] / 1000 for r in generated]
    return {
        "config": name, "overrides": overrides, "questions": len(rows), "answered_by_local": len(generated),
        "fell_back": sum(1 for r in rows if r.get("llm") == "extractive"),
        "first_token_median_s": percentile(first, 50), "first_token_p95_s": percentile(first, 95),
        "total_median_s": percentile(total, 50), "total_p95_s": percentile(total, 95),
        "answer_correct_rate": overall.get("answer_correct_rate"), "partial_credit": overall.get("partial_credit"),
        "answerable_wrongly_refused_rate": overall.get("answerable_wrongly_refused_rate"),
        "unanswerable_refused_rate": overall.get("unanswerable_refused_rate"),
        "invalid_citations": overall.get("invalid_citations"),
        "wall_s": round(time.monotonic() - started, 1),
        "answer_chars_median": statistics.median([len(r.get("answer", "")) for r in generated]) if generated else None,
    }  # fmt: skip


def table(results: list[dict]) -> str:
    cols = ["config", "first_token_median_s", "first_token_p95_s", "total_median_s", "total_p95_s",
            "answer_correct_rate", "partial_credit", "answerable_wrongly_refused_rate", "unanswerable_refused_rate",
            "invalid_citations", "answered_by_local", "fell_back"]  # fmt: skip
    lines = ["| " + " | ".join(cols) + " |", "|" + "---|" * len(cols)]
    for r in results:
        cells = [f"{r[c]:.2f}" if isinstance(r[c], float) else str(r[c]) for c in cols]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=Path, default=ROOT / "evals" / "questions.jsonl")
    parser.add_argument("--n", type=int, default=30, help="questions sampled (deterministically) from the set")
    parser.add_argument("--configs", default="before,default", help=f"comma-separated, from {', '.join(CONFIGS)}")
    parser.add_argument("--set", action="append", default=[], metavar="NAME:VAR=VALUE[,VAR=VALUE]",
                        help="an extra configuration")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "local_llm_speed.json")
    args = parser.parse_args(argv)
    configs = {name: CONFIGS[name] for name in args.configs.split(",") if name}
    for spec in args.set:
        name, _, assignments = spec.partition(":")
        configs[name] = dict(a.split("=", 1) for a in assignments.split(","))
    questions = [json.loads(line) for line in args.questions.read_text().splitlines() if line.strip()]
    picked = sample(questions, args.n)
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        qfile = Path(tmp) / "sample.jsonl"
        qfile.write_text("".join(json.dumps(q) + "\n" for q in picked))
        for name, overrides in configs.items():
            result = run_config(name, overrides, qfile, Path(tmp) / name)
            results.append(result)
            print(json.dumps(result), file=sys.stderr, flush=True)
    args.out.write_text(json.dumps({"n": len(picked), "load": os.getloadavg(), "results": results}, indent=2) + "\n")
    print(table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
