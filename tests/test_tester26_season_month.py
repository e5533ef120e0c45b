"""issue.toml's season was checked against the date's year only: a new issue's issue.toml copied from the last one,
its title, number and season changed and its date not ("autumn 2026" over date = 2026-06-01, issue 68's), was
published without a word, dated like issue 68, so "the newest issue" was either of them. A date three months or more
from its season is now a warning naming both and the fix (refused with --strict); a month either side is an issue out
early or late. The two real issues give none."""

from pathlib import Path

import pytest

from rag.corpus.folders import read_issue_toml
from rag.corpus.issue_meta import disagreements
from rag.types import Issue

ROOT = Path(__file__).resolve().parent.parent


def _issue(season: str, date: str) -> Issue:
    return Issue("2026-autumn-69", "Healthcare Manager issue 69", date, season, "hm.pdf", 69)


@pytest.mark.parametrize("season, date, month", [
    ("autumn 2026", "2026-06-01", "June"), ("summer 2026", "2026-03-01", "March"), ("spring 2027", "2027-09-15",
                                                                                   "September"),
    ("winter 2026/27", "2027-05-01", "May"), ("Fall 2026", "2026-05-30", "May"),
])
def test_a_date_far_from_its_season_is_said(season, date, month):
    said = [w for w in disagreements(_issue(season, date)) if " is in " in w]
    assert said == [f"2026-autumn-69: season = {season!r} but date = {date} is in {month}: a date copied from another "
                    "issue? the newest issue, and questions naming a time, go by the date; correct it in its "
                    "issue.toml and run `rag ingest` again"]


@pytest.mark.parametrize("season, date", [
    ("autumn 2026", "2026-09-01"), ("autumn 2026", "2026-08-01"), ("autumn 2026", "2026-12-20"),
    ("winter 2026/27", "2027-01-15"), ("winter 2026", "2026-11-01"), ("spring/summer 2026", "2026-07-01"),
    ("conference special 2026", "2026-06-01"),
])
def test_a_date_in_or_next_to_its_season_says_nothing(season, date):
    assert [w for w in disagreements(_issue(season, date)) if " is in " in w] == []


def test_the_two_issues_agree():
    for name in ("2024-summer", "2026-summer-68"):
        assert disagreements(read_issue_toml(ROOT / "corpus" / name)[0]) == []
