"""Pure: what a finished answer gets before a member sees it, in order: which of the dates it gives have passed, the
member's rare words no cited source uses, where else the archive answers a search narrowed to some issues, that the
archive is in English, as many sentences as the member asked for, and, for a member in crisis, where help is first."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Callable, Mapping

from rag.answer import crisis, followup_kinds, notices, unmentioned, upcoming
from rag.answer.citations import parse_markers
from rag.sentences import split_sentences
from rag.types import Answer


@dataclass(frozen=True)
class Asked:
    """One question as the pipeline read it."""

    typed: str  # as the member wrote it (checked for length)
    searched: str  # spelled as the archive spells it, an instruction to the assistant left out
    standalone: str  # with the conversation's context, when a follow-up
    foreign: bool  # in another language: its words are not the archive's
    before_its_year: str = ""  # an issue asked of a later year: that it came out before (across.before_its_year)


def finished(answer: Answer, asked: Asked, *, today: date, word_passages: Mapping[str, int],
             narrowed_hint: Callable[[bool], str] | None = None) -> Answer:
    """The answer with its notices joined on (and a crisis line first). word_passages: passages holding each word
    (rag.answer.unmentioned.by_key). narrowed_hint(refused): for a search limited to some issues, what the others
    hold (rag.answer.wider.hint); None when the search was not limited."""
    notice = answer.notice
    if not answer.refused:  # "what's coming up?": which dates passed
        notice = notices.joined(notice, upcoming.passed_notice(asked.standalone, answer.answer, today))
    if answer.citations and not asked.foreign:  # "maternity pay" answered from pay
        missing = unmentioned.unmentioned(asked.searched, [f"{c.article} {c.text}" for c in answer.citations],
                                          word_passages, follow_up=asked.standalone != asked.searched)
        notice = notices.joined(notice, notices.unmentioned(missing))
    if narrowed_hint is not None:  # another issue clearly closer, or answering a refused question
        notice = notices.joined(notice, narrowed_hint(answer.refused))
    notice = notices.joined(notice, asked.before_its_year)  # "what did the 2024 issue say about 2026?"
    if asked.foreign:
        notice = notices.joined(notice, notices.ENGLISH)
    if not answer.refused and (most := followup_kinds.sentences_asked(asked.typed)):  # "... in one sentence"
        answer = at_most(answer, most)
    text = crisis.with_crisis_line(answer.answer) if crisis.in_crisis(asked.typed) else answer.answer
    return replace(answer, notice=notice, answer=text)


def at_most(answer: Answer, sentences: int) -> Answer:
    """The answer cut to its first sentences, and the citations they keep (none cut when that would leave none)."""
    kept = " ".join(split_sentences(answer.answer.replace("\n\n", " "))[:sentences]).strip()
    cited = set(parse_markers(kept))
    if not cited:
        return answer
    return replace(answer, answer=kept, citations=tuple(c for c in answer.citations if c.n in cited))
