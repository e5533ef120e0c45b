"""When a member searched some issues only: does another issue hold passages clearly closer to the question?

A walk filtered to the 2024 issue and asked what board-level managers get this year: the answer was quotes off the
point, and nothing said the 2026 issue answers it. The best cosine outside the filter beating the best inside by
Settings.other_issue_margin is the signal (docs/evals.md: on the dev set, filtered to the wrong issue, 0.05 hints
for 45 of 61 calibration questions, and wrongly, filtered to the right one, for 2 of 61).
"""

from __future__ import annotations

from rag.answer.retrieve import Filters, Retrieval


def narrows(filters: Filters) -> bool:
    """True when the search was limited to some issues or dates."""
    return bool(filters.issues or filters.date_from or filters.date_to)


def closer_elsewhere(inside: Retrieval, everywhere: Retrieval, filters: Filters, margin: float) -> str:
    """A notice naming the issue outside the filter whose passage is closer to the question by margin, or ""."""
    outside = [h for h in everywhere.hits if not _admitted(h, filters)]
    if not outside or everywhere.best_dense - inside.best_dense <= margin:
        return ""
    best = outside[0]
    return (f"{best.issue_title} ({best.date}), outside the issues you chose, has passages closer to your question: "
            f"search all issues to include it.")


def _admitted(hit, filters: Filters) -> bool:
    return ((not filters.issues or hit.issue in filters.issues)
            and (filters.date_from is None or hit.date >= filters.date_from)
            and (filters.date_to is None or hit.date <= filters.date_to))
