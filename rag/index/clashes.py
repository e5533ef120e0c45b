"""An issue clashing with another, indexed or ingested with it: the same source file, the same number, or the same
title and date. Each is refused, naming both folders and what to do: members would get every passage twice, or
under the wrong issue."""

from __future__ import annotations

import unicodedata
from typing import Callable, Sequence

from rag.errors import InputError
from rag.index.issue_folders import ParsedIssue


def refuse_same_source(parsed: list[ParsedIssue], known: dict[str, dict]) -> None:
    """An issue whose source (or issue.toml and source) is already indexed under another id is refused.

    known: issue id -> its manifest entry (content_hash, source_sha256).
    """
    for p in parsed:
        for other_id, other in known.items():
            if other_id == p.issue.issue_id:
                continue
            same = ("source file" if other.get("source_sha256") and other["source_sha256"] == p.source_sha256
                    else "issue.toml and source file" if other["content_hash"] == p.content_hash else None)
            if same:
                raise InputError(
                    f"{p.issue.issue_id}: same {same} as {other_id}, which is already indexed - each "
                    f"issue must be ingested once: remove the folder {p.issue.issue_id}, or to rename the issue "
                    f"run `rag remove {other_id}` first")


def refuse_same_number(parsed: list[ParsedIssue], indexed: set[str], kept: Callable[[], dict[str, int | None]]
                        ) -> None:
    """An issue whose issue.toml gives the number of another issue, indexed or parsed with it, is refused: a copy
    of an issue under another folder name, or a typo, would answer members twice or under the wrong issue.

    indexed: the ids already indexed; kept: issue id -> number of each indexed issue not parsed now (asked only
    when a parsed issue has a number).
    """
    mine = {p.issue.issue_id: p.issue.number for p in parsed}
    if all(n is None for n in mine.values()):
        return
    numbers = {**kept(), **mine}
    for p in sorted(parsed, key=lambda p: p.issue.issue_id in indexed):  # a new folder is the one to name first
        iid, number = p.issue.issue_id, p.issue.number
        other = next((o for o, n in numbers.items() if n == number and o != iid), None)
        if number is None or other is None:
            continue
        if other in indexed:
            todo = (f"{other} is already indexed) - each issue must be ingested once: if {iid} is another issue, "
                    f"correct its number; if it replaces {other}, run `rag remove {other}` first")
        else:
            todo = ("neither is indexed yet) - each issue must be ingested once: correct the number that is wrong, "
                    "or move one folder out of the corpus")
        raise InputError(f"issue folders {iid} and {other} both say number = {number} in their issue.toml ({todo}; "
                         "nothing was changed")


def refuse_same_title_and_date(parsed: Sequence[ParsedIssue], indexed: dict[str, dict]) -> None:
    """An issue whose issue.toml gives the title and date of another issue, indexed or parsed with it, is refused: a
    re-extraction of issue 68 under another folder name, its number left out, was added beside it without a word, so
    members got every passage twice (the number check needs a number).

    indexed: issue id -> its manifest entry (title, date) for the issues staying in the index.
    """
    def key(title, date) -> tuple[str, str]:
        return " ".join(unicodedata.normalize("NFC", str(title)).split()).casefold(), str(date)  # NFD as indexed before

    mine = {p.issue.issue_id: key(p.issue.title, p.issue.date) for p in parsed}
    everyone = {**{i: key(info["title"], info["date"]) for i, info in indexed.items()
                   if info.get("title") and info.get("date")}, **mine}
    for p in sorted(parsed, key=lambda p: p.issue.issue_id in indexed):  # a new folder is the one to name first
        iid = p.issue.issue_id
        other = next((o for o, k in everyone.items() if k == mine[iid] and o != iid), None)
        if other is None:
            continue
        todo = (f"{other} is already indexed) - each issue must be ingested once: if {iid} is another issue, correct "
                f"its title or date; if it replaces {other}, run `rag remove {other}` first" if other in indexed else
                "neither is indexed yet) - each issue must be ingested once: correct the one that is wrong, or move "
                "one folder out of the corpus")
        raise InputError(f"issue folders {iid} and {other} both say title = {p.issue.title!r} and date = "
                         f"{p.issue.date} in their issue.toml ({todo}; nothing was changed")
