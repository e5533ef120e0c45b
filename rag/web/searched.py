"""What an answer says it searched for, when that is not what the member typed (pure)."""

from __future__ import annotations

import re

# The follow-up's own words with the conversation's (or an acronym's) words in brackets at the end, as
# rag.answer.followups and rag.answer.acronyms write it: "when will it happen (trust cutting post)".
_ADDED = re.compile(r"^(?P<own>.+?)\s*\((?P<added>[^()]+)\)\s*\??\s*$")


def _plain(text: str) -> str:
    return " ".join((text or "").split())


def searched_for(question: str, standalone: str | None) -> str:
    """The question a follow-up became (shown so a member can see what was asked of the archive); "" if the same."""
    same = _plain(standalone).casefold() in ("", _plain(question).casefold())
    return "" if same else _plain(standalone)


def searched_line(question: str, searched: str) -> str:
    """The line under an answer. The member's own question with words added in brackets says they were added (a walk
    read "Searched for: is that more than the vsms got (whats pay rise agenda change staff 2024 band)" as a fault);
    any other rewrite is shown as it is.

    The member's question mark goes: "diversity?, adding the words" read as a stray "?" (walk 24).

    Example: ("when will it happen?", "when will it happen? (trust cutting post)")
    -> "Searched for: when will it happen, adding the words: trust cutting post"
    """
    m = _ADDED.match(_plain(searched))
    own = m["own"].rstrip(" ?") if m else ""
    if own and own.casefold() == _plain(question).casefold().rstrip(" ?"):
        return f"Searched for: {own}, adding the words: {m['added'].strip()}"
    return f"Searched for: {_plain(searched)}"
