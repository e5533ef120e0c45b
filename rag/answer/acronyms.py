"""Pure: what the archive says an acronym stands for, added to a question asking what it is.

A walk asked "what is mip" and got quotes about reps: the question's one word, "mip", is in most passages, and the
one sentence that says "Managers in Partnership (MiP)" was never found. Where an article spells an acronym out
("the Senior Salaries Review Body (SSRB)"), a short question asking what it is ("what is the SSRB?", "what does AfC
stand for?") is searched with the words it stands for too.
"""

from __future__ import annotations

import re
from typing import Iterable

from rag.answer.terms import content_terms

_LINKS = frozenset("and of for in the on to".split())
_SPELLED = re.compile(r"((?:[A-Za-z][\w-]*\s+){1,8})\(([A-Z][A-Za-z]{1,7})\)")
_WHAT_IS = re.compile(r"^\s*(?:what|who)(?:'s|\u2019s|\s+is|\s+are|\s+was|\s+were|\s+does|\s+do)\s+(?:the\s+|an?\s+)?"
                      r"([A-Za-z]{2,8})(?:\s+(?:stand\s+for|mean|do))?\s*\??\s*$", re.I)


_ACRONYM = re.compile(r"\b[A-Z][A-Za-z]{0,5}[A-Z]s?\b")  # "ICBs", "AfC", "NHS"
_CAPITALISED = re.compile(r"\b[A-Z][a-z]+(?:\s+(?:(?:and|of|for|in|the|on|to)\s+)*[A-Z][a-z]+){1,7}\b")


def spelled_out(texts: Iterable[str]) -> dict[str, str]:
    """{acronym in lower case: the words before it that it abbreviates} ("managers in partnership (mip)": the
    initials of the words, links such as "in" optional, match its letters; a plural "s" may end it: "CSUs"); then
    for an acronym the archive uses but never spells out so, capitalised words elsewhere whose initials spell it
    ("Integrated Care Boards" for the "ICBs" of other articles)."""
    found: dict[str, str] = {}
    texts = list(texts)
    for text in texts:
        for m in _SPELLED.finditer(text):
            _add(found, m.group(2), _initials_match(m.group(1).split(), _letters(m.group(2)).lower()))
    used = {a for text in texts for a in _ACRONYM.findall(text)}
    # (three letters or more: "AI" is spelt by "Acts of Inclusion", "MP" by "Managers in Partnership")
    wanted = {_letters(a).lower(): a for a in used if a.lower() not in found and len(_letters(a)) >= 3}
    for text in texts:
        for m in _CAPITALISED.finditer(text):
            words = m.group(0).split()
            for start in range(len(words) - 1):  # each tail: "The Integrated Care Boards" holds "Integrated ..."
                tail = words[start:]
                for letters, acronym in list(wanted.items()):
                    if letters[0] == tail[0][0].lower() and _spells([w.lower() for w in tail], letters):
                        _add(found, acronym, " ".join(tail))
                        del wanted[letters]
    return found


def _letters(acronym: str) -> str:
    """An acronym without its plural "s": "CSUs" -> "CSU"."""
    return acronym[:-1] if acronym.endswith("s") and len(acronym) > 2 else acronym


def _add(found: dict[str, str], acronym: str, expansion: str) -> None:
    if expansion and acronym.lower() not in found:
        found[acronym.lower()] = expansion
        found.setdefault(_letters(acronym).lower(), expansion)
        found.setdefault(_letters(acronym).lower() + "s", expansion)  # "ICB" and "ICBs" alike


def _initials_match(words: list[str], letters: str) -> str:
    """The shortest tail of words whose initials (links may be skipped) spell letters, or ""."""
    for start in range(len(words) - 1, -1, -1):
        tail = words[start:]
        if tail[0].lower() in _LINKS:
            continue
        if _spells([w.lower() for w in tail], letters):
            return " ".join(tail)
    return ""


def _spells(words: list[str], letters: str) -> bool:
    if not letters:
        return all(w in _LINKS for w in words)
    if not words:
        return False
    head, rest = words[0], words[1:]
    if head[0] == letters[0] and _spells(rest, letters[1:]):
        return True
    return head in _LINKS and _spells(rest, letters)


def with_expansion(question: str, known: dict[str, str]) -> str:
    """The question with what its acronym stands for, when it only asks what that is; else as it was."""
    m = _WHAT_IS.match(question)
    expansion = known.get(m.group(1).lower()) if m else None
    return f"{question.rstrip()} ({expansion})" if expansion else question


def aliases(known: dict[str, str]) -> dict[str, frozenset[str]]:
    """{an acronym's term: the terms of the words it stands for} (known: spelled_out), for those it has."""
    out = {}
    for acronym, words in known.items():
        terms, own = frozenset(content_terms(words)), content_terms(acronym)  # "vsms" -> ["vsm"]
        if terms and len(own) == 1:
            out[own[0]] = terms
    return out
