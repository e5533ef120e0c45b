"""Pure: a claim that gives one name the description its passage gives another.

A local model answered "Which company runs the pathology systems hit in the June 2024 London hospital
cyberattack?" with "Synlab, a firm majority-owned by European tech firm Synlab ..." [2], the passage saying
"Synnovis, a firm majority-owned by European tech firm Synlab": the name it gave is in the passage, so the name
check passed it.
"""

from __future__ import annotations

import re

_NAME = r"[A-Z][\w'\u2019&.-]*(?:\s+(?:of|and|for|the|&)?\s*[A-Z][\w'\u2019&.-]*)*"
# "Synlab, a firm majority-owned by": a name, a comma, and what it is, four words of it
_DESCRIBED = re.compile(r"(" + _NAME + r"),\s+((?:a|an|the)\s+(?:[\w'\u2019-]+\s+){2}[\w'\u2019-]+)")
_WORDS = 4  # words of the description read: "a firm majority-owned by"


def _last(name: str) -> str:
    return name.split()[-1].lower().strip(".'\u2019")


def description_moved(claim: str, passage: str) -> bool:
    """True when the claim describes a name with words that the passage uses, word for word, to describe another
    name, and never for the claim's."""
    claim, passage = " ".join(claim.split()), " ".join(passage.split())
    for m in _DESCRIBED.finditer(claim):
        name, description = m.group(1), m.group(2)
        given = [_last(p.group(1)) for p in _DESCRIBED.finditer(passage)
                 if p.group(2).lower().split()[:_WORDS] == description.lower().split()[:_WORDS]]
        if given and _last(name) not in given:
            return True
    return False
