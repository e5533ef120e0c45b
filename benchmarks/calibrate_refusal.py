"""Calibrate the answerability threshold (Settings.min_relevance) on an eval set.

For each question, the best cosine between the question and any candidate passage is the signal.
Prints both distributions and the highest threshold that wrongly refuses at most --max-wrong of
the answerable questions; the result goes into rag/config.py by hand, with the figures in docs/evals.md.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> int:
    from rag.config import Settings
    from rag.evaluation import load_questions
    from rag.qa import build_pipeline

    parser = argparse.ArgumentParser()
    parser.add_argument("--questions", default=str(ROOT / "evals" / "questions.jsonl"))
    parser.add_argument("--max-wrong", type=float, default=0.02)
    args = parser.parse_args()
    pipeline = build_pipeline(Settings(), use_configured_llm=False)
    answerable, unanswerable = [], []
    for q in load_questions(args.questions):
        best = pipeline.retrieve(q["question"]).best_dense
        (unanswerable if q["type"] == "unanswerable" else answerable).append(best)
    answerable.sort()
    unanswerable.sort()
    print("answerable  :", " ".join(f"{x:.2f}" for x in answerable))
    print("unanswerable:", " ".join(f"{x:.2f}" for x in unanswerable))
    allowed = int(args.max_wrong * len(answerable))
    threshold = answerable[allowed] - 1e-3 if answerable else 0.0
    refused = sum(x < threshold for x in unanswerable) / max(len(unanswerable), 1)
    wrong = sum(x < threshold for x in answerable) / max(len(answerable), 1)
    print(f"threshold {threshold:.3f}: refuses {refused:.0%} of unanswerable, {wrong:.0%} of answerable")
    return 0


if __name__ == "__main__":
    sys.exit(main())
