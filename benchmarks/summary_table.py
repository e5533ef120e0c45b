"""Markdown tables of `rag eval` summaries side by side, for docs/evals.md.

Usage: .venv/bin/python benchmarks/summary_table.py evals/reports/extractive evals/reports/local
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

METRICS = ["recall@1", "recall@5", "recall@10", "mrr", "ndcg@10", "answer_correct_rate", "partial_credit",
           "citation_precision", "citation_evidence_rate", "invalid_citations", "unanswerable_refused_rate", "answerable_wrongly_refused_rate", "passed",
           "retrieve_ms_median", "retrieve_ms_p95", "total_ms_median", "total_ms_p95"]


def cell(value) -> str:
    if value is None:
        return "n/a"
    if isinstance(value, float):
        return f"{value:.3f}" if value <= 1.0 else f"{value:.0f}"
    return str(value)


def main(dirs: list[str]) -> int:
    runs = {Path(d).name: json.loads((Path(d) / "summary.json").read_text()) for d in dirs}
    names = list(runs)
    overall = {n: runs[n]["overall"] for n in names}
    keys = [m for m in METRICS if any(m in overall[n] for n in names)]
    print("| metric | " + " | ".join(names) + " |")
    print("|---|" + "---|" * len(names))
    for key in keys:
        print(f"| {key} | " + " | ".join(cell(overall[n].get(key)) for n in names) + " |")
    for group in ("by_type", "by_issue"):
        print(f"\n{group.replace('_', ' ')} (recall@5 / answers correct / citation precision):\n")
        print("| group | " + " | ".join(names) + " |")
        print("|---|" + "---|" * len(names))
        for g in sorted({g for n in names for g in runs[n].get(group, {})}):
            row = []
            for n in names:
                s = runs[n].get(group, {}).get(g, {})
                row.append(" / ".join(cell(s.get(k)) for k in ("recall@5", "answer_correct_rate", "citation_precision")))
            print(f"| {g} | " + " | ".join(row) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
