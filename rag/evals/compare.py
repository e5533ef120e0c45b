"""Pure comparisons of two evaluation runs, and the baseline guard `make test` runs (raise, never lower silently)."""

from __future__ import annotations

import math

from rag.evals.scoring import summarize


def _rank_value(rank: int | None) -> float:
    return math.inf if rank is None else rank


_COMPARED = {
    # metric -> (value from a score, True when a larger value is better)
    "found_rank": (lambda s: _rank_value(s.get("found_rank")), False),
    "correct": (lambda s: s.get("correct"), True),
    "refusal_right": (lambda s: s.get("refusal_right"), True),
}


def not_comparable(score: dict) -> str:
    """Pure: why a score's compared figures cannot be compared with another run's ("" when they can): found_rank,
    correct and refusal_right are numbers (or true/false) or missing."""
    for metric, (get, _) in _COMPARED.items():
        value = get(score)
        if value is not None and not isinstance(value, (int, float)):
            return f"{metric} = {value!r} is not a number"
    return ""


def compare(old: list[dict], new: list[dict]) -> dict:
    """Question-by-question changes between two runs (result rows with "score", or scores)."""
    old_s = {s["id"]: s for s in (r.get("score", r) for r in old)}
    new_s = {s["id"]: s for s in (r.get("score", r) for r in new)}
    counts = {m: {"improved": 0, "regressed": 0, "unchanged": 0} for m in _COMPARED}
    questions = []
    for qid in [i for i in new_s if i in old_s]:
        a, b = old_s[qid], new_s[qid]
        changes = {}
        for metric, (get, bigger_better) in _COMPARED.items():
            va, vb = get(a), get(b)
            if va is None or vb is None:
                continue  # not measured in one of the runs, e.g. retrieval-only
            if va == vb:
                counts[metric]["unchanged"] += 1
                continue
            better = (vb > va) == bigger_better
            changes[metric] = "improved" if better else "regressed"
            counts[metric][changes[metric]] += 1
        if changes:
            questions.append({"id": qid, "changes": changes,
                              "old": {m: a.get(m) for m in _COMPARED}, "new": {m: b.get(m) for m in _COMPARED}})
    old_sum, new_sum = summarize(list(old_s.values())), summarize(list(new_s.values()))
    deltas = {k: new_sum["overall"][k] - v for k, v in old_sum["overall"].items()
              if isinstance(v, (int, float)) and isinstance(new_sum["overall"].get(k), (int, float))}
    return {
        "counts": counts,
        "questions": questions,
        "regressed": [q["id"] for q in questions if "regressed" in q["changes"].values()],
        "improved": [q["id"] for q in questions if "improved" in q["changes"].values()],
        "only_old": sorted(set(old_s) - set(new_s)),
        "only_new": sorted(set(new_s) - set(old_s)),
        "deltas": deltas,
        "old": old_sum["overall"],
        "new": new_sum["overall"],
    }


BASELINE_KEYS = ("recall@5", "mrr", "answer_correct_rate", "unanswerable_refused_rate")  # higher is better
BASELINE_CEILINGS = ("answerable_wrongly_refused_rate", "invalid_citations")  # lower is better


def check_baseline(summary: dict, baseline: dict, *, eps: float = 1e-3) -> list[str]:
    """Failure messages when a figure in the baseline got worse; empty when all is well.

    Only the keys the baseline holds are checked: BASELINE_KEYS must not fall, BASELINE_CEILINGS
    must not rise.
    """
    overall = summary.get("overall", summary)
    where = f"baseline of {baseline.get('date', 'unknown date')}"
    if baseline.get("index_version"):
        where += f", index {baseline['index_version']}"
    failures = []
    for key in BASELINE_KEYS:
        if key not in baseline:
            continue
        want, got = float(baseline[key]), overall.get(key)
        if got is None:
            failures.append(f"{key} was not measured (no answerable questions with evidence); the {where} needs it")
        elif got < want - eps:
            failures.append(f"{key} fell to {got:.4f}, below the {where} ({want:.4f}): "
                            "find what changed, or lower the baseline on purpose")
    for key in BASELINE_CEILINGS:
        if key in baseline and (got := overall.get(key)) is not None and got > float(baseline[key]) + eps:
            failures.append(f"{key} rose to {got:.4f}, above the {where} ({float(baseline[key]):.4f}): "
                            "find what changed, or raise the baseline on purpose")
    return failures


def raised_baseline(summary: dict, baseline: dict, *, date: str, index_version: str = "") -> dict | None:
    """A new baseline when recall@5 or MRR improved (never lowered), else None."""
    overall = summary.get("overall", summary)
    new = dict(baseline)
    for key in BASELINE_KEYS:
        got = overall.get(key)
        if got is not None and got > float(baseline.get(key, 0.0)):
            new[key] = math.floor(got * 1e4) / 1e4  # rounded down so the run that set it passes
    if new == baseline:
        return None
    return {**new, "date": date, **({"index_version": index_version} if index_version else {})}
