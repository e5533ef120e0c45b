"""An issue dated a year or more ahead, or before the NHS began, is ingested with a warning (a tester's find: a
mistyped year, 2099 for 2026, was taken silently and made that issue the newest, which answers every question about
what is current)."""

import datetime
import json

from rag import cli
from rag.index.issue_folders import implausible_dates
from rag.types import Issue
from tests.conftest import isolated_corpus

TODAY = datetime.date(2026, 12, 2)


def issue(date: str) -> Issue:
    return Issue(issue_id="x", title="T", date=date, season="s", source_file="i.txt")


def test_a_date_more_than_a_year_ahead_or_before_the_nhs_is_named():
    (ahead,) = implausible_dates([issue("2099-09-01")], TODAY)
    assert ahead.startswith("x: date = 2099-09-01 is more than a year after today (2026-12-02), so it is the newest")
    (old,) = implausible_dates([issue("0001-01-01")], TODAY)
    assert old.startswith("x: date = 0001-01-01 is before the NHS began (1948-07-05)")


def test_the_next_issues_and_the_archive_are_not_flagged():
    dates = ["2027-12-03", "2026-12-02", "2024-06-01", "1948-07-05"]  # a year ahead (a leap year's day too) and back
    assert implausible_dates([issue(d) for d in dates], TODAY) == []


def test_ingest_publishes_it_and_says_so(tmp_path, monkeypatch, capsys):
    corpus = isolated_corpus(tmp_path, monkeypatch)
    toml = corpus / "2026-summer-68" / "issue.toml"
    toml.write_text(toml.read_text().replace('date = "2026-06-01"', 'date = "2999-06-01"'))
    assert cli.main(["ingest", str(corpus), "--json"]) == 0
    out, err = capsys.readouterr()
    assert json.loads(out)["version"]  # published: the maintainer may mean it
    assert "date = 2999-06-01 is more than a year after today" in err
    assert any("2999-06-01" in w for w in json.loads(out)["warnings"])
