"""When a member searched some issues only: does another issue hold passages clearly closer to the question?

A walk filtered to the 2024 issue and asked what board-level managers get this year: the answer was quotes off the
point, and nothing said the 2026 issue answers it. The closest passage outside the filter beating the closest inside
by Settings.other_issue_margin (cosine) is the signal (docs/evals.md: on the dev set, filtered to the wrong issue,
0.05 hints for 45 of 61 calibration questions, and wrongly, filtered to the right one, for 2 of 61).
"""

from __future__ import annotations

from rag.answer.retrieve import Filters
from rag.types import Chunk


def narrows(filters: Filters) -> bool:
    """True when the search was limited to some issues or dates."""
    return bool(filters.issues or filters.date_from or filters.date_to)


def closer_elsewhere(inside: float, outside: tuple[float, Chunk] | None, margin: float) -> str:
    """A notice naming the issue of the closest passage outside the filter (rag.answer.retrieve.closest_outside) when
    its cosine beats the closest inside by margin, or ""."""
    if outside is None or outside[0] - inside <= margin:
        return ""
    chunk = outside[1]
    return (f"{chunk.issue_title} ({chunk.date}), outside the issues you chose, has passages closer to your question: "
            f"search all issues to include it.")
