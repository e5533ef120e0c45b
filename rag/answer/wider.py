"""When a member searched some issues only: does another issue hold passages clearly closer to the question?

A walk filtered to the 2024 issue and asked what board-level managers get this year: the answer was quotes off the
point, and nothing said the 2026 issue answers it. The closest passage outside the filter beating the closest inside
by Settings.other_issue_margin (cosine) is the signal (docs/evals.md: on the dev set, filtered to the wrong issue,
0.05 hints for 45 of 61 calibration questions, and wrongly, filtered to the right one, for 2 of 61).
"""

from __future__ import annotations

from typing import Callable

from rag.answer.issue_names import issue_named
from rag.answer.retrieve import Filters, Retrieval, closest_outside
from rag.index.reader import LoadedIndex
from rag.types import Chunk, Hit


def narrows(filters: Filters) -> bool:
    """True when the search was limited to some issues or dates."""
    return bool(filters.issues or filters.date_from or filters.date_to)


def chosen(filters: Filters) -> str:
    """What the member limited the search to, as the notices name it: "the issue you chose" for one issue (a walk's
    filter to summer 2024 was called "the issues you chose"), "the issues you chose", or "the dates you chose"."""
    if filters.issues:
        return "the issue you chose" if len(filters.issues) == 1 else "the issues you chose"
    return "the dates you chose"


def closer_elsewhere(inside: float, outside: tuple[float, Chunk] | None, margin: float, filters: Filters) -> str:
    """A notice naming the issue of the closest passage outside the filter (rag.answer.retrieve.closest_outside) when
    its cosine beats the closest inside by margin, or ""."""
    if outside is None or outside[0] - inside <= margin:
        return ""
    chunk = outside[1]
    return (f"{issue_named(chunk.issue_title, chunk.date)}, outside {chosen(filters)}, has passages closer to your question: "
            f"search all issues to include it.")


def answered_elsewhere(first: Hit | None, filters: Filters) -> str:
    """For a question refused within the issues chosen: a notice naming the issue of the first passage found searching
    all issues, when that search is answered and the passage is outside the filter (a second walk, filtered to 2024,
    got "The archive does not cover this" for the board-level pay rise issue 68 reports), or ""."""
    if first is None or filters.admits_issue(first.issue, first.date):
        return ""
    return (f"{issue_named(first.issue_title, first.date)}, outside {chosen(filters)}, answers this: search all issues to "
            f"include it.")


def hint(index: LoadedIndex, found: Retrieval, filters: Filters, margin: float, refused: bool,
         first_answering: Callable[[], Hit | None]) -> str:
    """The notice for an answer searched within some issues: another issue clearly closer (closer_elsewhere), or, for
    a refusal, the issue that answers it when all are searched (answered_elsewhere; first_answering runs that
    search, only then)."""
    said = closer_elsewhere(found.best_dense, closest_outside(index, found.query_vector, filters), margin, filters)
    return said or (answered_elsewhere(first_answering(), filters) if refused else "")
