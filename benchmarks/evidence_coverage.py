"""How often the prompt holds every fact a correct answer needs: whole passages vs selected sentences.

For each answerable dev question, the passages block of the answer prompt is built two ways within the
same token budget (Settings.prompt_token_budget): the first 3 retrieved passages whole (cut to fit, the
old behaviour), and rag.answer.evidence's sentence selection from the first Settings.context_k passages. A
question counts when every must_include fact is in the block. This is the ceiling for "answers
correct" with any model that answers only from the prompt.

    .venv/bin/python benchmarks/evidence_coverage.py [--questions evals/questions.jsonl]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    from rag.config import load_settings

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--questions", default=str(ROOT / "evals" / "questions.jsonl"))
    ap.add_argument("--budgets", default="", help="comma-separated prompt budgets to compare (default: the setting)")
    args = ap.parse_args()
    for budget in [int(b) for b in args.budgets.split(",") if b] or [load_settings().prompt_token_budget]:
        print(json.dumps(coverage(args.questions, load_settings().with_(prompt_token_budget=budget, quote_token_budget=budget)), indent=2))


def coverage(questions: str, settings) -> dict:
    """Share of answerable questions whose prompt holds every must_include fact, whole passages vs evidence."""
    from rag.answer import prompts
    from rag.answer.build import build_pipeline
    from rag.evals.scoring import load_questions
    from rag.textnorm import normalize

    pipeline = build_pipeline(settings, use_configured_llm=False)
    budget, count = settings.prompt_token_budget, pipeline.count_tokens

    def block(question, hits):
        messages, _ = prompts.build_answer_messages(question, hits, token_budget=budget, count_tokens=count)
        return messages[-1]["content"].split("\n\nQuestion:")[0]

    rows = []
    for item in load_questions(questions):
        if item["type"] == "unanswerable" or not item.get("must_include"):
            continue
        hits = pipeline.retrieve(item["question"]).hits
        whole = block(item["question"], hits[:3])
        chosen = block(item["question"], pipeline.evidence(item["question"], hits[: settings.context_k]))
        facts = [normalize(f) for f in item["must_include"]]
        rows.append({
            "whole": all(f in normalize(whole) for f in facts),
            "evidence": all(f in normalize(chosen) for f in facts),
            "whole_tokens": count(whole), "evidence_tokens": count(chosen),
        })
    n = len(rows)
    result = {
        "questions": n,
        "budget_tokens": budget,
        "all_facts_in_prompt_whole_top3": round(sum(r["whole"] for r in rows) / n, 3),
        f"all_facts_in_prompt_evidence_top{settings.context_k}": round(sum(r["evidence"] for r in rows) / n, 3),
        "median_tokens_whole": statistics.median(r["whole_tokens"] for r in rows),
        "median_tokens_evidence": statistics.median(r["evidence_tokens"] for r in rows),
    }
    return result


if __name__ == "__main__":
    main()
