"""Pure: where the archive itself tells members to get advice on their own case, for a question about one.

A member asking "My ICB is merging and my job is at risk. What should I do first?" needs, beside what the
articles report, the union's own pointer: the magazine prints it under its legal articles ("Members needing
personal advice should contact MiP by emailing MemberAdvice@..."). A walk's member got news quotes and no such
pointer. The sentence is found in the index (one holding an email address and "advice"; the newest issue's, as
contact details go stale), never written here, and it is cited like any other passage, so its link opens it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Callable, Iterable, Iterator, Sequence

from rag.answer.citations import citation_of, kept_sentences
from rag.answer.events import DoneEvent, Event, SourcesEvent
from rag.answer.notices import joined
from rag.contact_details import EMAIL, asks_for_details
from rag.sentences import passage_sentences
from rag.types import Chunk, Hit

# Words judging whether something is lawful: asked of the member's own case, no article can answer them
_LAWFUL_WORDS = r"(?:legal|illegal|lawful|unlawful|allowed|fair|unfair|discrimination|discriminatory)"
_LAWFUL = rf"\b(?:is|was|would|could)\s+(?:that|this|it)\s+(?:be\s+)?(?:{_LAWFUL_WORDS}|constructive dismissal)\b"
# asks what to do, or whom to turn to: "what should I do (first)?", "who do I contact?", "where can I get help?"
_WHAT_TO_DO = re.compile(
    r"\bwhat\s+(?:should|can|could|do|must|shall)\s+i\s+do\b"
    # what to expect in their own case: "my post might go, what should I expect?" (walk 31: news quotes first, the
    # pointer last)
    r"|\bwhat\s+(?:should|can|could|do|shall|might|would)\s+i\s+expect\b"
    r"|\bwho\s+(?:should|can|could|do|shall)\s+i\s+(?:contact|talk|speak|turn|ask|go|call|email|write)\b"
    r"|\bwhere\s+(?:should|can|could|do)\s+i\s+(?:get|find|go|turn)\b"
    # a decision asked for: "I've been offered voluntary redundancy, should I take it?" (quotes on NHS England's VR
    # programme came first, the pointer last), "do you think I should resign?"; not "when should I contact my rep?"
    r"|(?:^|[,.;:?!]\s*|\b(?:so|and|but|or)\s+)should\s+i\b|\b(?:do|would)\s+you\s+(?:think|advise|recommend)\s+"
    r"(?:that\s+)?i\s+should\b"
    # the choices open to them: "my trust wants to cut my hours, what are my options?" (a session-26 batch: quotes on
    # band 8A pay came first, the pointer last)
    r"|\bwhat\s+(?:are|would\s+be)\s+my\s+options\b|\bwhat\s+options\s+do\s+i\s+have\b", re.I)
# ... or tells of their own situation at work and asks about it: "I'm stuck at the top of band 8b", "my rights", "am I
# on the wrong pay band?" (a walk's, answered "Yes, you are on the wrong pay band" and no pointer)
_OWN_CASE = re.compile(
    r"\b(?:i'm|i\u2019m|im|i am|am i|i've|i\u2019ve|i have been|i was|i think i)\b"
    r"|\bmy\s+(?:(?:nhs\s+)?(?:job|role|post|band|pay|salary|manager|employer|boss|contract|hours|rights|case|claim|"
    r"grievance|request|trust|icb|team|department|organisation|organization|redundancy|appraisal|disability|health|"
    r"pension|notice|leave|holidays?|overtime|maternity|paternity|sickness|retirement))\b"
    # ... or asks what they must do or will get, or whether what happens to them is lawful: "do i have to go into the
    # office 3 days a week, is that legal" (a walk's, answered "This is legal ... [1]" with no pointer), "how much
    # maternity leave do i get"
    r"|\bdo\s+i\s+(?:have\s+to|get|need\s+to|qualify|lose|keep)\b|" + _LAWFUL +
    # ... or asks what they should decide, or what may be done to them: "should I take voluntary redundancy?", "can I
    # be sacked for being off sick?", "can my manager move me?" (an attacker's: quotes, and no pointer to advice)
    r"|^\W*should\s+i\b|\bshould\s+i\s+(?:take|accept|sign|agree|resign|leave|quit|apply|raise|report|appeal|"
    r"challenge|refuse|complain|tell|worry)\b|\b(?:can|could|will)\s+i\s+be\b|\bwill\s+i\s+(?:lose|get|have|keep)\b"
    r"|\bcan\s+i\s+(?:sack|dismiss|fire|discipline|suspend)\b"
    r"|\b(?:can|could|will)\s+(?:they|my\s+\w+|the\s+(?:trust|employer|icb|organisation|organization))\s+(?:\w+\s+)?"
    r"(?:sack|dismiss|fire|make|force|refuse|stop|demote|move|downband|redeploy|discipline|suspend)\s+me\b", re.I)
_ADVICE = re.compile(r"\badvice\b", re.I)
# asks whom to turn to: "who do I contact for help?", "where can I get advice?" (a walk's was refused, the address
# below it in small print)
_WHOM = re.compile(r"\bwho\s+(?:should|can|could|do|shall)\s+i\s+(?:contact|talk|speak|turn|ask|go|call|email|write)\b"
                   r"|\bwhere\s+(?:should|can|could|do)\s+i\s+(?:get|find|go|turn)\s+(?:to\s+|for\s+)?(?:some\s+)?"
                   r"(?:help|advice|support)\b", re.I)


# A question about the asker: "am I on the wrong band?", "will I lose my job?", "is my request reasonable?"
_ABOUT_ME = re.compile(r"\b(?:i|i'm|i\u2019m|me|my|myself)\b", re.I)
# A verdict on the member's own state, which no article can give: "Yes, you are on the wrong pay band [1]." (a walk);
# not a right the article states ("Yes, you can ask for ...", "you are entitled to ...")
_VERDICT = re.compile(r"^\W*(?:(?:yes|no)\b[\s,.!]*)?(?:(?:you're|you\u2019re|you are|you were|you will be|you'll be)"
                      r"(?: not)?\s+(?!entitled|allowed|able|eligible|protected|covered|required)|"
                      # ... or on whether what happens to them is lawful: "This is legal according to the passage ..."
                      # (not the law an article states: "It is unlawful to refuse ...")
                      r"(?:this|that)(?:'s|\u2019s|\s+is|\s+was|\s+would\s+be)(?:\s+not)?\s+(?:likely\s+to\s+be\s+)?"
                      + _LAWFUL_WORDS + r"\b(?!\s+to\b))", re.I)


# A question asked for a group the member is in ("what pay rise did we get?"), and a model's sentence that answers it
# as that group's: "We got a 3% pay rise [1]" (a walk), from a passage on board-level managers' award
_ABOUT_US = re.compile(r"\b(?:we|our|us|ourselves)\b", re.I)
_OURS = re.compile(r"^\W*(?:(?:yes|no)\b[\s,.!]*)?(?:we|our|we've|we\u2019ve|we'll|we\u2019ll|we're|we\u2019re)\b",
                   re.I)


def without_verdicts(answer: str, question: str) -> str:
    """A model's answer to a question about the member without its sentences judging the member's own case, or
    telling a group the member speaks for ("we") what it got: no article says who "we" are."""
    verdicts = [r for q, r in ((_ABOUT_ME, _VERDICT), (_ABOUT_US, _OURS)) if q.search(question)]
    if not verdicts:
        return answer
    return kept_sentences(answer, lambda s: not any(v.match(s) for v in verdicts))


@dataclass(frozen=True)
class AdviceLine:
    chunk: Chunk  # the passage it is in, cited
    sentence: str  # "Members needing personal advice should contact MiP by emailing MemberAdvice@..."
    email: str


def asks_about_own_case(question: str) -> bool:
    """A question about the member's own situation at work, or what they should do or whom to turn to."""
    return bool(_WHAT_TO_DO.search(question) or _OWN_CASE.search(question))


def asks_what_to_do(question: str) -> bool:
    """The question asks what to do or whom to turn to: the pointer leads its answer (a walk's "I'm band 7 and my job
    is at risk, what should I do?" got career tips first and the pointer last)."""
    return bool(_WHAT_TO_DO.search(question))


def asks_whom_to_turn_to(question: str) -> bool:
    """The question asks whom to contact, or where to get help or advice: the magazine's advice line answers it when
    no passage does."""
    return bool(_WHOM.search(question))


def advice_lines(chunks: Sequence[Chunk]) -> list[AdviceLine]:
    """Each issue's sentence telling members where to get advice (an email address and "advice"), newest issue first;
    among one issue's, the first in reading order."""
    lines: dict[str, AdviceLine] = {}
    for chunk in sorted(chunks, key=lambda c: c.date, reverse=True):  # (stable: reading order within an issue)
        if chunk.issue_id in lines:
            continue
        for sentence in passage_sentences(chunk.text):
            email = EMAIL.search(sentence)
            if email and _ADVICE.search(sentence):
                lines[chunk.issue_id] = AdviceLine(chunk, sentence.strip(), email.group(0).rstrip("."))
                break
    return list(lines.values())


def chosen_line(lines: Sequence[AdviceLine], searched: Callable[[Chunk], bool]) -> AdviceLine | None:
    """Of advice_lines, the newest from the issues a member searched (walk 34: a search of summer 2024 cited issue 68's
    line under "Searched only ... summer 2024"); the newest of any when none of those has one."""
    return next((line for line in lines if searched(line.chunk)), lines[0] if lines else None)


def advice_line(chunks: Sequence[Chunk], searched: Callable[[Chunk], bool] = lambda c: True) -> AdviceLine | None:
    """chosen_line of these chunks' advice_lines."""
    return chosen_line(advice_lines(chunks), searched)


def pointer(line: AdviceLine, n: int) -> str:
    """The paragraph added under an answer, cited [n]."""
    return f'For advice on your own situation, the magazine says: "{line.sentence}" [{n}]'


_POINTER = re.compile(r'\s*For advice on your own situation, the magazine says: "[^"]*" \[\d+\]\s*')


def without_pointer(answer: str) -> str:
    """The answer without the paragraph pointer() adds: what it quotes of the passages found for the question.
    (A walk's "who wrote that article?" after an answer led by the line was given the writer of another article
    ending on the same line.)"""
    return _POINTER.sub("\n\n", answer).strip()


def refused_pointer(line: AdviceLine) -> str:
    """The same, as a refusal's notice (a refusal carries no citations)."""
    return (f'For advice on your own situation, the magazine says: "{line.sentence}" '
            f"({line.chunk.issue_title}, \u201c{line.chunk.headline}\u201d).")


def already_given(answer: str, line: AdviceLine) -> bool:
    """The answer already gives the address (a contact question's answer holds it)."""
    return line.email.lower() in answer.lower()


def pointed(events: Iterable[Event], line: AdviceLine, hit: Hit, lead: bool = False,
            answers: bool = False) -> Iterator[Event]:
    """An answer's events with the advice line added: its passage joins the sources (numbered after the passages
    sent, which the model never saw under that number) and the answer's hits (hit.rank 0: added, not retrieved),
    and the answer ends with the line, cited (under the number the passage has when it was sent whole enough to
    hold the line); lead: the line comes first instead (asks_what_to_do). A refusal gets the line as its notice
    instead, or, answers (the question asks whom to turn to: asks_whom_to_turn_to), the line is the answer, cited.
    Nothing changes when the answer already gives the address."""
    n = None
    for event in events:
        if isinstance(event, SourcesEvent) and event.refused and answers:
            n, event = 1, SourcesEvent((replace(hit, rank=1),), event.standalone_question, False)
        elif isinstance(event, SourcesEvent) and not event.refused:
            # the passage sent cut to its evidence, without the line, keeps its number, shown whole: it was added
            # again under a number of its own, and a member saw one passage as two sources ([3] and [5]; a walk)
            numbers = [i for i, h in enumerate(event.hits, 1) if h.chunk_id == hit.chunk_id]
            n = numbers[0] if numbers else len(event.hits) + 1
            if not numbers:
                event = replace(event, hits=(*event.hits, hit))
            elif line.sentence not in event.hits[n - 1].text:
                event = replace(event, hits=tuple(replace(hit, rank=h.rank, score=h.score) if i == n else h
                                                  for i, h in enumerate(event.hits, 1)))
        elif isinstance(event, DoneEvent):
            a = event.answer
            if a.refused and answers and n == 1:
                event = DoneEvent(replace(a, answer=pointer(line, 1), refused=False,
                                          citations=(citation_of(1, replace(hit, rank=1), True),),
                                          hits=(replace(hit, rank=1),)))
            elif a.refused:
                event = DoneEvent(replace(a, notice=joined(a.notice, refused_pointer(line))))
            elif n is not None and not already_given(a.answer, line):
                cited = (*a.citations, citation_of(n, hit, True)) if all(c.n != n for c in a.citations) else tuple(
                    citation_of(n, hit, c.supported) if c.n == n and line.sentence not in c.text else c
                    for c in a.citations)
                shown = a.hits if any(h.chunk_id == hit.chunk_id for h in a.hits) else (*a.hits, hit)
                text = f"{pointer(line, n)}\n\n{a.answer}" if lead else f"{a.answer}\n\n{pointer(line, n)}"
                event = DoneEvent(replace(a, answer=text, citations=cited, hits=shown))
        yield event


def pointed_if_asked(events: Iterable[Event], q: str, standalone: str, line: AdviceLine | None,
                     hit_of_line: Callable[[AdviceLine], Hit]) -> Iterable[Event]:
    """The events with the magazine's pointer to advice (pointed) when the question, as asked or as searched, is about
    the member's own case; "who do I contact for help?": the line answers it when no passage does."""
    if line is None:
        return events
    if asks_about_own_case(q) or asks_about_own_case(standalone):
        return pointed(events, line, hit_of_line(line), lead=asks_what_to_do(q), answers=asks_whom_to_turn_to(q))
    if asks_for_details(q) or asks_for_details(standalone):
        return _reach_mip_instead(events, line)
    return events


def _reach_mip_instead(events: Iterable[Event], line: AdviceLine) -> Iterator[Event]:
    """A refused question on how to reach someone the archive gives no contact for, with MiP's own line as its notice:
    walk 28's "how do I contact him?" (MiP's chief executive) was told only "The archive does not cover this."."""
    for event in events:
        if isinstance(event, DoneEvent) and event.answer.refused:
            event = DoneEvent(replace(event.answer, notice=joined(event.answer.notice, (
                f'The articles give no contact details for that. To reach MiP, the magazine says: "{line.sentence}" '
                f"({line.chunk.issue_title}, \u201c{line.chunk.headline}\u201d)."))))
        yield event

