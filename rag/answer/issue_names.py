"""Pure: an issue as a member reads it in an answer or a notice."""

from __future__ import annotations

import re
from datetime import date

_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")


def issue_named(title: str, issue_date: str) -> str:
    """The issue's title, with its month and year when the title gives no year: "Healthcare Manager issue 68, summer
    2026" as it is (a walk read "summer 2026 (2026-06-01)" as machine output); "Healthcare Manager issue 68" ->
    "Healthcare Manager issue 68 (June 2026)". A date that is no ISO date is shown as given."""
    if _YEAR.search(title):
        return title
    shown = month_year(issue_date)
    return f"{title} ({shown})" if shown else title


def month_year(issue_date: str) -> str:
    """"2026-06-01" -> "June 2026"; a date that is no ISO date as given."""
    try:
        return date.fromisoformat(issue_date).strftime("%B %Y")
    except ValueError:
        return issue_date


_LOWER_FIRST_WORD = re.compile(r"[a-z]+(?:['\u2019-][a-z]+)*(?![\w'\u2019-])")


def headline_shown(headline) -> str:
    """An article's headline as shown, in the chat's cards and in an answer's words: one that starts with a word in
    lower case gets its capital (walk 26: a card, the article view and further reading read "standing up to
    discrimination at work: we've got your back", the index's headline as parsed; walk 27: a list of articles and
    "which issue was that in?" read "noticeboard"); a word with a capital inside ("iPhone", "eLearning") is left as
    written.

    Example: "standing up to discrimination" -> "Standing up to discrimination"
    """
    text = "" if headline is None else str(headline)
    return text[:1].upper() + text[1:] if _LOWER_FIRST_WORD.match(text) else text
