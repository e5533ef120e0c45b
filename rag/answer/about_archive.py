"""Pure: a question about the archive itself ("which issues do you have?"), answered from the index's own list, or
about the assistant ("who are you?", "what model are you?"), answered from what it is.

An attacker's "Which issues do you have?" and "How many issues are in the archive?" were searched as questions on
the articles and answered with quotes about something else; what the archive holds is known exactly.
"""

from __future__ import annotations

import re
from typing import Callable, Sequence

from rag.answer.events import Event, without_search
from rag.answer.issue_names import month_year
from rag.answer.terms import content_terms
from rag.types import Issue

_ASKS = re.compile(r"\b(?:which|what|how many)\s+(?:issues|editions|magazines)\b|"
                   r"\bwhat(?:'s|\s+is)\s+in\s+(?:the|this|your)\s+archive\b|"
                   # ... or the magazine: "what does Healthcare Manager cover?" was answered with quotes on what
                   # healthcare managers want (a session-26 batch)
                   r"\bwhat\s+(?:does|do)\s+(?:(?:the|this|your)\s+(?:archive|magazine)|healthcare\s+manager)\s+"
                   r"(?:hold|have|cover|contain|include|write about|report on)\b", re.I)
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
    return f"The archive holds {_listed(issues)}. Ask about anything in them."


def issues_listed(issues: Sequence[Issue]) -> str:
    """'Healthcare Manager issue 68, summer 2026 (published June 2026); ...', newest first."""
    newest_first = sorted(issues, key=lambda i: i.date, reverse=True)
    return "; ".join(f"{i.title} (published {month_year(i.date)})" for i in newest_first)


def _listed(issues: Sequence[Issue]) -> str:
    count = "1 issue" if len(issues) == 1 else f"{len(issues)} issues"
    return f"{count} of Healthcare Manager, MiP's magazine: {issues_listed(issues)}"



# "who are you?", "what model are you?", "are you a bot?", "who made you?": the assistant, not the articles (a search
# for "what model are you" quoted an article on "our mental model")
_ASKS_SELF = re.compile(r"^\W*(?:(?:hi|hello|hey)\W+)?(?:(?:who|what) (?:are|r) (?:you|u)|what (?:ai |language |llm )?"
                        r"model (?:are|r|do) (?:you|u)(?: use| run(?: on)?)?|(?:are|r) (?:you|u) (?:a |an )?(?:bot|"
                        r"robot|ai|human|person|real|chatgpt|gpt|llm|machine|computer)|who (?:made|built|created|"
                        r"programmed|runs) (?:you|u|this(?: assistant| bot| app| tool| chat)?)|"
                        r"what is this (?:assistant|bot|app|tool|chat)|how do (?:you|u) work)\W*$", re.I)


# a greeting or thanks, and nothing else: "thanks" after an answer was searched with the question before it (and
# answered again), or alone ("The archive does not cover this.")
_GREETING = re.compile(r"^\W*(?:hi|hello|hey|good (?:morning|afternoon|evening))(?: there)?\W*$", re.I)
_THANKS = re.compile(r"^\W*(?:(?:ok|okay|great|cool|brilliant|perfect|lovely|nice|good)\W*)*(?:thanks|thank you|"
                     r"thankyou|thx|ta|cheers)(?: (?:very much|so much|a lot|again))?\W*$|^\W*(?:ok|okay|great|cool|"
                     r"brilliant|perfect|lovely|nice|got it|understood)\W*$", re.I)
GREETED = ("Hello. Ask me about the articles in Healthcare Manager: pay and pay awards, your rights at work, NHS "
           "restructuring and job cuts, or whom to contact.")
THANKED = "You're welcome. Ask another question about the articles whenever you like."


def courtesy(question: str) -> str:
    """The reply to a greeting or thanks that asks nothing ("hi", "thanks", "ok great thanks"), or ""."""
    return GREETED if _GREETING.match(question) else THANKED if _THANKS.match(question) else ""


def asks_about_assistant(question: str) -> bool:
    """A question about the assistant itself, and nothing else."""
    return bool(_ASKS_SELF.match(question.strip()))


def described_assistant(issues: Sequence[Issue], model: str) -> str:
    """What the assistant is, what it answers from, and who writes its answers."""
    # the embedded model is "a small AI model running on this server", as the chat's first screen says: its
    # configured name, "local", read as "(local)" meant nothing to a member (walk 26)
    which = "a small AI model running on this server" if model in ("local", "openai/local") else (
        f"an AI model ({model})")
    writer = ("quoted from the articles, in their own words" if model in ("extractive", "none")
              else f"written by {which} from the articles and checked against them; where a sentence "
                   "is not backed, the articles' own words are quoted instead")
    archive = _listed(issues) if issues else "Healthcare Manager, MiP's magazine (no issues are loaded yet)"
    return ("I am the Healthcare Manager archive assistant, a computer program, not a person. I answer questions from "
            f"the archive of {archive}. Answers are {writer}; each sentence ends with a number in brackets leading to "
            "the article it comes from. I cannot advise on your own case: ask who to contact for personal advice.")


def answered(q: str, issues: Sequence[Issue], admits: Callable[[str, str], bool], model: str,
             total_ms: Callable[[], float], version: str) -> list[Event]:
    """The events answering a question about the archive (the issues the filter admits) or the assistant, with no
    search and nothing cited; [] for any other question."""
    if courtesy(q):
        return without_search(q, courtesy(q), refused=False, notice="", total_ms=total_ms(), version=version)
    itself = asks_about_assistant(q)
    if not (itself or asks_about_archive(q)):
        return []
    text = described_assistant(issues, model) if itself else described([i for i in issues
                                                                        if admits(i.issue_id, i.date)])
    return without_search(q, text, refused=False, notice="", total_ms=total_ms(), version=version)
