"""Questions across issues ("then and now", "in the two issues", "between 2024 and 2026"): each issue has its say.

Ranked by one score, the passages of the issue that matches the question's words best fill the answer, and the
other issue's half of the answer is lost ("How many jobs has NHS England lost, then and now?" was answered from
2026 alone). A question across issues is also no question about what is current, though it may say "now".
"""

from __future__ import annotations

import re
from typing import Callable, Collection, Sequence, TypeVar

from rag.answer.issue_names import issue_named, month_year
from rag.answer.quote_text import QUOTED_SPAN
from rag.textnorm import normalize
from rag.types import Issue

T = TypeVar("T")

_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_ACROSS = re.compile(r"\b(then and now|(?:both|two|all|each|every) (?:of the )?(?:issues?|editions?)|"
                     r"(?:each|every) (?:issue|edition)|the (?:two|last two) (?:issues|editions)|"
                     r"since (?:the )?(?:19|20)\d\d|compared? (?:with|to) (?:the )?(?:19|20)\d\d|"
                     r"(?:19|20)\d\d\b[^?.]{0,60}\b(?:and|to|with|versus|vs) (?:now|today))\b")


def years_in(text: str) -> set[str]:
    """The years a text names ("2024", "1991")."""
    return set(_YEAR.findall(text))


# Words the question quotes are not its own: 'what does "... the 2024 pay award ..." say?' (a pointer at a quoted
# source, rag.answer.pointers) named no year, and got "No passage from the issue of the year you named" (walk 25)


def _own(question: str) -> str:
    return QUOTED_SPAN.sub(" ", question)


# An issue named by its year: "the 2024 issue", "the summer 2024 edition", "the issue from 2024"
_ISSUE_OF_YEAR = re.compile(r"\b((?:19|20)\d\d)(?:'s|\u2019s)?\s+(?:issue|edition|magazine)\b|"
                            r"\b(?:issue|edition)\s+(?:of|from)\s+(?:(?:spring|summer|autumn|winter)\s+)?((?:19|20)\d\d)\b",
                            re.I)


def named_issue_years(question: str) -> set[str]:
    """The years of the issues a question names as issues ("what did the 2024 issue say about the 2026 pay award?"
    -> {"2024"}): the issue it asks of, where its other years are what it asks about."""
    return {m.group(1) or m.group(2) for m in _ISSUE_OF_YEAR.finditer(_own(question))}


def spans_issues(question: str, issue_years: Collection[str] | None = None) -> bool:
    """True when the question asks across issues: it names two years of issues in the archive (issue_years,
    e.g. {"2024", "2026"}; None: any two years) or says so ("then and now", "in the two issues", "at the time of
    each issue")."""
    q = normalize(_own(question))
    if len(named_issue_years(question)) == 1 and not _ACROSS.search(q):  # one issue asked of, by its year
        return False
    years = years_in(q)
    if issue_years is not None:
        years &= set(issue_years)
    return len(years) >= 2 or bool(_ACROSS.search(q))


def names_a_year(question: str) -> bool:
    """True when the question names a year ("who was the contact for reps back in 2024?"): it asks about then, and
    its "current" or "contact" asks for the newest issue no more than its other words do."""
    return bool(years_in(_own(question)))


# a year asked in ("in 2025", "for 2025"), or named as the year of something ("the 2029 general election", "the
# 2025/26 pay rise": an attacker's were answered with 2026's figures and no word that no issue is of that year)
_IN_YEAR = re.compile(r"\b(?:in|for|during|of|from|the)\s+((?:19|20)\d\d)(?:\s?[-/\u2013]\s?\d\d(?:\d\d)?)?\b", re.I)
_SEASON = re.compile(r"\b(spring|summer|autumn|fall|winter)\s+((?:19|20)\d\d)\b", re.I)


def year_without_issue(question: str, issues: Sequence[tuple[str, str]]) -> str:
    """The one year the question asks about ("what pay rise did we get in 2025?") when no issue (id, date) is of that
    year, else "". Only a year asked in ("in 2025", "for 2025"): an act's name ("the Employment Rights Act 2025") or a
    deadline ("by 2028") asks about no year's reports."""
    years = set(_IN_YEAR.findall(normalize(_own(question))))
    return years.pop() if len(years) == 1 and not years & {date[:4] for _, date in issues} else ""


def season_without_issue(question: str, seasons: Sequence[str]) -> str:
    """The one issue season the question names ("the winter 2024 issue") when no issue is of it, else ""."""
    named = {f"{m.group(1).lower().replace('fall', 'autumn')} {m.group(2)}" for m in _SEASON.finditer(_own(question))}
    return named.pop() if len(named) == 1 and not named & {s.lower() for s in seasons} else ""


def issues_of_named_year(question: str, issues: Sequence[tuple[str, str]]) -> list[str]:
    """The ids of the issues (id, date) of the one archive year the question names ("who was the contact for reps
    back in 2024?" -> the 2024 issues); none when it names no such year, or two (a question across issues)."""
    archive = {date[:4] for _, date in issues}
    named = named_issue_years(question) & archive  # "the 2024 issue", whatever years it asks about
    years = named if len(named) == 1 else years_in(normalize(_own(question))) & archive
    return [issue_id for issue_id, date in issues if date[:4] in years] if len(years) == 1 else []


# An issue named by its number: "issue 68", "issue no. 68"
_ISSUE_NUMBER = re.compile(r"\b(?:issue|edition)\s+(?:no\.?\s*|number\s+)?(\d{1,4})\b", re.I)


def issues_asked_of(question: str, issues: Sequence[Issue]) -> list[str]:
    """The ids of the one issue the question asks of by name ("what did the 2024 issue say about the pay review
    body?", "what did issue 68 say about the ten year plan?"), to be searched alone; none when it names none, or asks
    across issues. Walk 31: the first was answered by the local model from two issue-68 passages among those sent."""
    own = _own(question)
    if spans_issues(question, {i.date[:4] for i in issues}):
        return []
    years = named_issue_years(question)
    numbers = {int(n) for n in _ISSUE_NUMBER.findall(own)}
    if len(years) + len(numbers) != 1:
        return []
    return [i.issue_id for i in issues if i.date[:4] in years or i.number in numbers]


def before_its_year(question: str, issues: Sequence[Issue]) -> str:
    """For a question asking an issue of a year after it ("what did the 2024 issue say about the 2026 pay award?"
    got quotes from 2026 and no word that the 2024 issue came out before): that it did, so cannot report it."""
    named = named_issue_years(question)
    if len(named) != 1:
        return ""
    year = next(iter(named))
    later = sorted(y for y in years_in(normalize(_own(question))) if y > year)
    of_year = sorted((i for i in issues if i.date[:4] == year), key=lambda i: i.date)
    if not later or not of_year:
        return ""
    names = " and ".join(issue_named(i.title, i.date) for i in of_year)
    return (f"{names} came out in {month_year(of_year[-1].date)}, before {later[-1]}: it cannot report what happened "
            f"in {later[-1]}.")


def bests_first(ranked: Sequence[T], group: Callable[[T], object]) -> list[T]:
    """ranked (best first) with each group's best item moved to the front, in their order: the quotes and the
    prompt's evidence of a question across issues hear from each issue first. Example: [a1, a2, b1] -> [a1, b1, a2]."""
    seen: set = set()
    firsts = [item for item in ranked if not (group(item) in seen or seen.add(group(item)))]
    return firsts + [item for item in ranked if not any(item is f for f in firsts)]


def each_group_leads(items: Sequence[T], k: int, group: Callable[[T], object]) -> list[T]:
    """The first k items, except that each group's best item is among them: it takes the place of the lowest-ranked
    item of a group that has more than one. Order is kept. Example (groups a/b, k=2): [a1, a2, b1] -> [a1, b1]."""
    chosen = list(items[:k])
    for item in items[k:]:
        if any(group(c) == group(item) for c in chosen):
            continue
        counts: dict[object, int] = {}
        for c in chosen:
            counts[group(c)] = counts.get(group(c), 0) + 1
        spare = [i for i, c in enumerate(chosen) if counts[group(c)] > 1]
        if not spare:
            break
        del chosen[spare[-1]]
        chosen.append(item)
    return chosen
