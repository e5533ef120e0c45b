"""The best passage cosine of answerable, near-topic unanswerable and off-topic questions, per model.

The refusal decision's first step is a cosine floor (Settings.min_relevance): under it a question is off the
archive's topics. This prints, for the ranking model and (with a paired embedder) the signal model, the
lowest cosines of answerable questions (calibration half), the highest of off-topic ones
(evals/off-topic.txt), and how many of each a floor at a given value refuses:

    .venv/bin/python benchmarks/off_topic_floor.py [--questions FILE] [--off-topic FILE]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def best_cosines(pipeline, question: str) -> tuple[float, float]:
    """(ranking model's best passage cosine, signal model's best cosine of the same passages)."""
    found = pipeline.retrieve(question)
    signal, _ = pipeline.decision.signal_cosines(question, found, [])
    return found.best_dense, signal


def main() -> int:
    from rag.answer.answerability import split_of
    from rag.answer.build import build_pipeline
    from rag.config import load_settings
    from rag.evals.scoring import load_questions

    ap = argparse.ArgumentParser()
    ap.add_argument("--questions", default=str(ROOT / "evals" / "questions.jsonl"))
    ap.add_argument("--off-topic", default=str(ROOT / "evals" / "off-topic.txt"))
    args = ap.parse_args()
    pipeline = build_pipeline(load_settings(), use_configured_llm=False)
    groups: dict[str, list[tuple[float, float]]] = {}
    for item in load_questions(args.questions):
        kind = "unanswerable" if item["type"] == "unanswerable" else "answerable"
        groups.setdefault(f"{kind} {split_of(item['id'])}", []).append(best_cosines(pipeline, item["question"]))
    off = [ln.strip() for ln in Path(args.off_topic).read_text().splitlines() if ln.strip() and ln[0] != "#"]
    groups["off-topic"] = [best_cosines(pipeline, q) for q in off]
    for m, name in ((0, "ranking model"), (1, "signal model")):
        print(f"{name}:")
        for g, vals in sorted(groups.items()):
            v = np.array([x[m] for x in vals])
            print(f"  {g:26s} n={len(v):3d} min {v.min():.3f} p05 {np.percentile(v, 5):.3f} "
                  f"median {np.median(v):.3f} max {v.max():.3f}")
        answerable = np.array([x[m] for x in groups["answerable calibration"]])
        offs = np.array([x[m] for x in groups["off-topic"]])
        floor = float(answerable.min())  # the highest floor refusing no answerable calibration question
        print(f"  floor at the lowest answerable calibration cosine ({floor:.3f}): refuses "
              f"{(offs < floor).mean():.2f} of off-topic, "
              + ", ".join(f"{(np.array([x[m] for x in vals]) < floor).mean():.3f} of {g}"
                          for g, vals in sorted(groups.items()) if g != "off-topic"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
