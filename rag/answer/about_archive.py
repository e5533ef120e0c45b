"""Pure: a question about the archive itself ("which issues do you have?"), answered from the index's own list.

An attacker's "Which issues do you have?" and "How many issues are in the archive?" were searched as questions on
the articles and answered with quotes about something else; what the archive holds is known exactly.
"""

from __future__ import annotations

import re
from typing import Sequence

from rag.answer.issue_names import month_year
from rag.answer.terms import content_terms
from rag.types import Issue

_ASKS = re.compile(r"\b(?:which|what|how many)\s+(?:issues|editions|magazines)\b|"
                   r"\bwhat(?:'s|\s+is)\s+in\s+(?:the|this|your)\s+archive\b|"
                   r"\bwhat\s+(?:does|do)\s+(?:the|this|your)\s+archive\s+(?:hold|have|cover|contain|include)\b", re.I)
# the words such a question may use besides: any other ("which issues covered the election?") asks of the articles
_ABOUT = frozenset(content_terms("issue issues edition editions magazine magazines archive archives have has got hold "
                                 "holds cover covers contain contains include includes available there search "
                                 "searchable many which healthcare manager mip"))


def asks_about_archive(question: str) -> bool:
    """A question about which issues the archive holds, and nothing else."""
    return bool(_ASKS.search(question)) and set(content_terms(question)) <= _ABOUT


def described(issues: Sequence[Issue]) -> str:
    """'The archive holds 2 issues of Healthcare Manager, MiP's magazine: ... Ask about anything in them.'"""
    if not issues:
        return "The archive holds no issues yet."
    newest_first = sorted(issues, key=lambda i: i.date, reverse=True)
    listed = "; ".join(f"{i.title} (published {month_year(i.date)})" for i in newest_first)
    count = "1 issue" if len(issues) == 1 else f"{len(issues)} issues"
    return f"The archive holds {count} of Healthcare Manager, MiP's magazine: {listed}. Ask about anything in them."

