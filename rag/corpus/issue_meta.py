"""issue.toml's fields read against each other: a season naming no season, a month far from it, or a year other than
the date's; a title naming another issue number or year. Pure: an Issue in, warnings out (each says what to correct).

Members see the season beside every source, and questions find an issue by it ("what's in the summer 2026 issue?"),
by its number and by its date's year; each such field was stored as typed, whatever the others said (a tester's
"sumer 2026", date = 2024-09-01 under "autumn 2026", title "issue 70" over number = 69: all published silently).
"""

from __future__ import annotations

import datetime
import re
from typing import Sequence

from rag.types import Issue

_SEASONS = ("spring", "summer", "autumn", "fall", "winter")
_MONTHS = {"spring": (3, 4, 5), "summer": (6, 7, 8), "autumn": (9, 10, 11), "fall": (9, 10, 11), "winter": (12, 1, 2)}
_MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
                "November", "December")
_YEAR = re.compile(r"\b(19[4-9]\d|20\d\d)\b")
_NUMBER = re.compile(r"\b(?:issue|no\.?|number)\s*(\d{1,4})\b", re.I)


def _years_agree(years: set[int], year: int, season: str) -> bool:
    """Any of the years is the date's; a winter issue may carry either year it spans ("winter 2025/26" of January)."""
    slack = 1 if "winter" in season.lower() else 0
    return any(abs(y - year) <= slack for y in years)


def _months_off(month: int, seasons: set[str]) -> int:
    """How many months the date's month lies outside the nearest season named (0 inside it)."""
    return min(min((month - m) % 12, (m - month) % 12) for s in seasons for m in _MONTHS[s])


def disagreements(issue: Issue) -> list[str]:
    """What the issue's fields say against each other, each with the fix ([] when they agree)."""
    out = []
    fix = "correct it in its issue.toml and run `rag ingest` again"
    year = int(issue.date[:4])
    words = set(re.findall(r"[a-z]+", issue.season.lower()))
    if not words & set(_SEASONS):
        out.append(f"{issue.issue_id}: season = {issue.season!r} names no season (spring, summer, autumn, winter): "
                   f"members see it beside each source and find the issue by it (\"the summer {year} issue\"): {fix}")
    month, named = int(issue.date[5:7]), words & set(_SEASONS)
    if named and _months_off(month, named) > 2:  # a month either side is an issue out early or late
        out.append(f"{issue.issue_id}: season = {issue.season!r} but date = {issue.date} is in "
                   f"{_MONTH_NAMES[month - 1]}: a date copied from another issue? the newest issue, and questions "
                   f"naming a time, go by the date; {fix}")
    for field, text in (("season", issue.season), ("title", issue.title)):
        years = {int(y) for y in _YEAR.findall(text)}
        if years and not _years_agree(years, year, issue.season):
            out.append(f"{issue.issue_id}: {field} = {text!r} names {'/'.join(map(str, sorted(years)))} but date = "
                       f"{issue.date}: questions about {year} or the newest issue go by the date; {fix}")
    named = {int(n) for n in _NUMBER.findall(issue.title)}
    if named and issue.number is not None and issue.number not in named:
        out.append(f"{issue.issue_id}: title = {issue.title!r} names issue {'/'.join(map(str, sorted(named)))} but "
                   f"number = {issue.number}: one is mistyped (members see the title; \"summarise issue "
                   f"{issue.number}\" goes by the number); {fix}")
    elif named and issue.number is None:
        out.append(f"{issue.issue_id}: title = {issue.title!r} names issue {min(named)} but issue.toml has no number: "
                   f"add number = {min(named)}, so \"summarise issue {min(named)}\" finds it; {fix}")
    return out


def numbers_out_of_step(issues: Sequence[Issue], others: Sequence[Issue]) -> list[str]:
    """Pure: each issue whose number does not follow from the numbered issue nearest it in date (among issues and
    others, the rest of the archive): a later issue with a lower number, or over 12 issues a year between them (the
    magazine is quarterly). number = 96 typed for 69 was published silently when the title named no number."""
    out, everyone = [], [i for i in (*issues, *others) if i.number is not None]
    for issue in (i for i in issues if i.number is not None):
        day = datetime.date.fromisoformat(issue.date)
        rest = [o for o in everyone if o.issue_id != issue.issue_id]
        if not rest:
            continue
        near = min(rest, key=lambda o: abs((datetime.date.fromisoformat(o.date) - day).days))
        years, step = (day - datetime.date.fromisoformat(near.date)).days / 365.25, issue.number - near.number
        if years * step < 0 or (years and not step) or abs(step) > 12 * max(abs(years), 0.25) + 1:
            out.append(f"{issue.issue_id}: number = {issue.number} (date = {issue.date}) does not follow "
                       f"{near.issue_id}, number {near.number} of {near.date}: a number or date mistyped? \"summarise "
                       f"issue {issue.number}\" goes by the number, the newest issue by the date; correct it in its "
                       "issue.toml and run `rag ingest` again")
    return out
