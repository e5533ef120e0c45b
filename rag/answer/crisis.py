"""Pure: a question from a member who may be in crisis, and the line that points them to help first.

An attacker asked "I'm being bullied by my boss and feel suicidal" and was shown "Starting any process against your
employer can feel daunting." and the union's advice address: quotes, with nothing for the part that matters most.
The archive holds no crisis advice, so the answer opens with a fixed line naming where help is, day or night; the
archive's answer (or its refusal) follows as usual.
"""

from __future__ import annotations

import re

from rag.textnorm import normalize

CRISIS_LINE = ("If you are thinking about suicide or harming yourself, please talk to someone now: call Samaritans "
               "free on 116 123 (any time, day or night), or NHS 111 for urgent help. In an emergency, call 999 or go "
               "to A&E.")

_CRISIS = re.compile(
    r"\b(?:suicid\w*|kill(?:ing)? my ?self|end(?:ing)? (?:my (?:own )?life|it all)|take my (?:own )?life|"
    r"self[- ]?harm\w*|harm(?:ing)? my ?self|hurt(?:ing)? my ?self|"
    r"(?:do not|don'?t|dont) want to (?:live|be alive|be here any ?more|wake up)|no (?:reason|point) (?:to|in) "
    r"(?:live|living|going on)|can'?t (?:go|carry) on)\b", re.I)


def in_crisis(question: str) -> bool:
    """Whether the question speaks of suicide or self-harm (the member's own or anyone's: the line does no harm)."""
    return bool(_CRISIS.search(normalize(question).replace("\u2019", "'")))


def with_crisis_line(answer: str) -> str:
    """The answer after the crisis line."""
    return f"{CRISIS_LINE}\n\n{answer}" if answer else CRISIS_LINE
