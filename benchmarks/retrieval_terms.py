"""What the best-sentence term costs one retrieval: the real index and default embedder, the first 100 dev
questions, retrieval with and without the term interleaved in one process (so both share the machine's load).

Usage: .venv/bin/python benchmarks/retrieval_terms.py [--questions evals/questions.jsonl] [--n 100]
Prints medians, p95s and the ratio (with / without) as JSON.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--questions", default=str(ROOT / "evals" / "questions.jsonl"))
    parser.add_argument("--n", type=int, default=100)
    args = parser.parse_args()
    from rag.answer.build import build_pipeline
    from rag.config import load_settings

    settings = dataclasses.replace(load_settings(), llm_model="extractive")
    with_term = build_pipeline(settings, use_configured_llm=False)
    without = with_term.with_index(with_term.index)
    without.settings = dataclasses.replace(settings, sentence_rank_weight=0.0)
    questions = [json.loads(line)["question"] for line in open(args.questions, encoding="utf-8")][: args.n]
    times: dict[str, list[float]] = {"with": [], "without": []}
    with_term.retrieve("warm up")
    for q in questions:
        for name, pipeline in (("without", without), ("with", with_term)):
            t0 = time.perf_counter()
            pipeline.retrieve(q)
            times[name].append((time.perf_counter() - t0) * 1000)
    out: dict = {name: {"median_ms": round(statistics.median(xs), 1),
                        "p95_ms": round(sorted(xs)[int(0.95 * (len(xs) - 1))], 1)} for name, xs in times.items()}
    out["ratio_median"] = round(out["with"]["median_ms"] / out["without"]["median_ms"], 3)
    out.update(questions=len(questions), embedder=with_term.embedder.name, weight=settings.sentence_rank_weight,
               index_version=with_term.index.version)
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
