"""Pure: an answer to "what events are coming up?" quoting events whose dates have passed says so.

The archive's event listings date from their issue: asked on 1 December 2026 "any events coming up for members?", a
walk's member was given "26-28 October 2024: UNISON Disabled Members Conference" first, with nothing saying it was
over. The answer keeps the listings (the newest the archive has) and its notice says which dates have passed.
"""

from __future__ import annotations

import re
from datetime import date

from rag.sentences import _MONTHS as MONTHS  # (not renamed there: rag.sentences is part of the parse key)

_MONTH_NUMBER = {m.lower(): i for i, m in enumerate(MONTHS.split("|"), 1)}
# "13-16 September 2026", "29 June—3 July 2026", "11 September 2024": the last day of the range
_EVENT_DATE = re.compile(rf"\b\d{{1,2}}(?:(?: (?:{MONTHS}))? ?[-\u2013\u2014] ?(\d{{1,2}}))? ({MONTHS}) (\d{{4}})\b")
_UPCOMING = re.compile(r"\b(?:coming up|upcoming|forthcoming|future|what'?s on|"
                       r"(?:what|which|any) (?:\w+ ){0,3}(?:are|is) (?:on|happening)"
                       r"(?=\s*$|\s*[?.!]| (?:for|in|soon|near)\b)|"
                       r"(?:will|going to) (?:be held|take "
                       r"place|happen)|next (?:\w+ )?(?:event|conference|congress|festival|meeting|rally)s?|"
                       r"(?:events?|conferences?) (?:this|next) (?:week|month|year|spring|summer|autumn|winter)|"
                       # "is there an MiP event I could go to this autumn?" (walk 33: a UNISON conference of October
                       # given on 4 December with no word that it had passed)
                       r"(?:is|are) there (?:an? |any )?(?:\w+ ){0,2}(?:event|conference|congress|festival|meeting|"
                       r"rally)s?)\b", re.I)


def asks_upcoming(question: str) -> bool:
    """The question asks what is still to come ("what events are coming up?", "when is the next conference?")."""
    return bool(_UPCOMING.search(question))


_MONTH_NAME = re.compile(rf"\b({MONTHS})\b", re.I)


def months_asked(question: str) -> frozenset[int]:
    """The months a question about what is coming up names ("what's on in september?"); "may" only as "May"."""
    if not asks_upcoming(question):
        return frozenset()
    return frozenset(_MONTH_NUMBER[m.lower()] for m in _MONTH_NAME.findall(question) if m != "may")


def dated_in_other_month(text: str, months: frozenset[int]) -> bool:
    """The text gives months, none of them asked: "17-19 July 2026: Tolpuddle Martyrs Festival" for "what's on in
    september?" (a walk got it quoted first, and the King's Fund's 8 September event left out)."""
    given = {_MONTH_NUMBER[m.lower()] for m in _MONTH_NAME.findall(text) if m != "may"}
    return bool(months) and bool(given) and not given & months


# ... as a model may write them: "October 24-26, 2026", "September 8, 2026"
_MONTH_FIRST = re.compile(rf"\b({MONTHS}) \d{{1,2}}(?: ?[-\u2013\u2014] ?(\d{{1,2}}))?,? (\d{{4}})\b")


def event_end_dates(text: str) -> list[date]:
    """The last day of each event date the text gives (a range's end), in order."""
    found = []  # (where, year, month, last day)
    for m in _EVENT_DATE.finditer(text):
        first = re.match(r"\d{1,2}", m.group(0)).group(0)
        found.append((m.start(), m.group(3), m.group(2), m.group(1) or first))
    for m in _MONTH_FIRST.finditer(text):
        first = re.search(r"\d{1,2}", m.group(0)).group(0)
        found.append((m.start(), m.group(3), m.group(1), m.group(2) or first))
    out = []
    for _, year, month, day in sorted(found):
        try:
            out.append(date(int(year), _MONTH_NUMBER[month.lower()], int(day)))
        except ValueError:  # "31 June": not a date
            continue
    return out


def passed_notice(question: str, answer: str, today: date) -> str:
    """For a question about what is coming up: which of the answer's event dates have passed, or ""."""
    if not asks_upcoming(question):
        return ""
    ends = event_end_dates(answer)
    passed = [d for d in ends if d < today]
    if not passed:
        return ""
    said = f"{today.day} {today:%B %Y}"
    if len(passed) == len(ends):
        return (f"Every date quoted has passed (today is {said}): these are the archive's listings as printed, "
                f"the latest quoted ending {max(passed).day} {max(passed):%B %Y}.")
    return f"Some of the dates quoted have passed (today is {said})."
