"""Pure: what the archive says an acronym stands for, added to a question asking what it is.

A walk asked "what is mip" and got quotes about reps: the question's one word, "mip", is in most passages, and the
one sentence that says "Managers in Partnership (MiP)" was never found. Where an article spells an acronym out
("the Senior Salaries Review Body (SSRB)"), a short question asking what it is ("what is the SSRB?", "what does AfC
stand for?") is searched with the words it stands for too.
"""

from __future__ import annotations

import re
from typing import Iterable, Sequence

from rag.answer.terms import content_terms
from rag.sentences import split_sentences
from rag.types import Chunk

_LINKS = frozenset("and of for in the on to".split())
_SPELLED = re.compile(r"((?:[A-Za-z][\w-]*\s+){1,8})\(([A-Z][A-Za-z]{1,7})\)")
_WHAT_IS = re.compile(r"^\s*(?:what|who)(?:'s|\u2019s|\s+is|\s+are|\s+was|\s+were|\s+does|\s+do)\s+(?:the\s+|an?\s+)?"
                      r"([A-Za-z]{2,8})(?:\s+(?:stand\s+for|mean|do))?\s*\??\s*$", re.I)


_STAND_FOR = re.compile(r"\bstand\s+for\b", re.I)
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
    if not expansion:
        return question
    # "stand for" asks, it is no subject: "what does VSM stand for?" was first quoted "our long standing policy is
    # that VSMs should get the same pay rise"
    if _STAND_FOR.search(question):
        return f"what is {m.group(1)} ({expansion})?"
    return f"{question.rstrip()} ({expansion})"


def names_as_words(text: str, names: Iterable[str]) -> str:
    """The text (lower case) with each name of several words in it (names: what the archive's acronyms stand for)
    written as one word, its spaces made hyphens, the text's length kept: "the agenda for change pay award" -> "the
    agenda-for-change pay award", whose "for" then opens no phrase."""
    for name in (" ".join(n.lower().split()) for n in names):
        if " " in name:
            text = re.sub(rf"\b{re.escape(name)}\b", lambda m: m.group(0).replace(" ", "-"), text)
    return text


def aliases(known: dict[str, str]) -> dict[str, frozenset[str]]:
    """{an acronym's term: the terms of the words it stands for} (known: spelled_out), for those it has."""
    out = {}
    for acronym, words in known.items():
        terms, own = frozenset(content_terms(words)), content_terms(acronym)  # "vsms" -> ["vsm"]
        if terms and len(own) == 1:
            out[own[0]] = terms
    return out


_EXPANDED = re.compile(r"\b([A-Z][A-Za-z]{0,5}[A-Z]s?)\s+\(([A-Za-z][A-Za-z ,'\u2019-]{2,80})\)")


def expansions_corrected(answer: str, known: dict[str, str]) -> str:
    """A model's answer with what it says an acronym stands for replaced by what the archive says, where the archive
    spells it out otherwise: a walk was told "VSMs (voluntary service managers) will receive a 3% pay rise [1]", the
    archive's VSMs being very senior managers. Both "VSMs (...)" and "... (VSMs)" are read; an acronym the archive
    never spells out is left as the model wrote it."""
    def agrees(words: str, acronym: str) -> bool:
        expansion = known.get(acronym.lower()) or known.get(_letters(acronym).lower())
        return expansion is None or set(content_terms(words)) == set(content_terms(expansion))

    def after(m: re.Match) -> str:
        acronym, words = m.group(1), m.group(2)
        if agrees(words, acronym):
            return m.group(0)
        return f"{acronym} ({_mid_sentence(known.get(acronym.lower()) or known[_letters(acronym).lower()])})"

    def before(m: re.Match) -> str:
        acronym = m.group(2)
        words = _initials_match(m.group(1).split(), _letters(acronym).lower())
        if not words or agrees(words, acronym):
            return m.group(0)
        head = m.group(1)[: m.group(1).rindex(words)]
        right = _mid_sentence(known.get(acronym.lower()) or known[_letters(acronym).lower()])
        right = right[:1].upper() + right[1:] if words[:1].isupper() else right
        return f"{head}{right} ({acronym})"

    return _SPELLED.sub(before, _EXPANDED.sub(after, answer))


def _mid_sentence(expansion: str) -> str:
    """"Very senior managers" (spelt out at a sentence's start) -> "very senior managers"; a name in capitals
    ("Managers in Partnership") stays."""
    words = expansion.split()
    named = all(w[:1].isupper() for w in words[1:] if w.lower() not in _LINKS)
    return expansion if named else expansion[:1].lower() + expansion[1:]


_SPELL_ASKED = re.compile(r"^\W*(?:what|wat)\s+(?:does|do|did)\s+(?:the\s+|an?\s+)?([A-Za-z]{2,8})\s+(?:stand\s+for|"
                          r"mean|abbreviate)\W*$|^\W*what(?:'s|\u2019s|\s+is)\s+(?:the\s+|an?\s+)?([A-Za-z]{2,8})\s+"
                          r"(?:short\s+for|an?\s+(?:acronym|abbreviation)\s+(?:for|of))\W*$", re.I)


def asked_to_spell(question: str, known: dict[str, str]) -> tuple[str, str] | None:
    """(the acronym as asked, what the archive says it stands for) for "what does VSM stand for?", "what is AfC short
    for?"; None for another question, or an acronym the archive never spells out."""
    m = _SPELL_ASKED.match(" ".join(question.split()))
    if not m:
        return None
    acronym = m.group(1) or m.group(2)
    expansion = known.get(acronym.lower())
    return (acronym, expansion) if expansion else None


def spelling_sentence(acronym: str, expansion: str, chunks: Sequence[Chunk]) -> tuple[Chunk, str] | None:
    """The sentence spelling the acronym out, from the newest issue: one saying "very senior managers (VSMs)" first,
    else one using the words it stands for; None when no passage uses them."""
    wanted = re.compile(r"\b" + r"\s+".join(map(re.escape, expansion.split())) + r"\b", re.I)
    spelled = re.compile(wanted.pattern + r"\s*\(\s*" + re.escape(_letters(acronym)) + r"s?\s*\)", re.I)
    newest_first = sorted(chunks, key=lambda c: (c.date, -c.position), reverse=True)
    for pattern in (spelled, wanted):
        for chunk in newest_first:
            if not pattern.search(chunk.text):  # most passages: read no further (a hundred issues, 2.4 s -> ms)
                continue
            for sentence in split_sentences(chunk.text):
                if pattern.search(sentence):
                    return chunk, sentence
    return None


def as_written(acronym: str, sentence: str) -> str:
    """The acronym as the sentence writes it ("mip" -> "MiP"), else in capitals when typed in lower case."""
    m = re.search(r"\b(" + re.escape(acronym) + r")\b", sentence, re.I)
    return m.group(1) if m else (acronym.upper() if acronym.islower() else acronym)
