"""issue.toml's fields were each stored as typed, whatever the others said: season = "sumer 2026" (members see it
beside every source, and "what's in the summer 2026 issue?" finds an issue by it), date = 2024-09-01 under
season and title "autumn 2026" (the newest issue, and questions naming a year, go by the date), title "issue 70" over
number = 69: each was published without a word. Each is now a warning naming the fields and the fix (also in --json's
"warnings"); the two real issues give none."""

import shutil
from pathlib import Path

import pytest

from rag.corpus.folders import read_issue_toml
from rag.corpus.issue_meta import disagreements
from rag.index import ingest
from rag.index.embedders import HashEmbedder
from rag.types import Issue

ROOT = Path(__file__).resolve().parent.parent


def _issue(title="Healthcare Manager issue 69, autumn 2026", number=69, season="autumn 2026", date="2026-09-01"):
    return Issue("2026-autumn-69", title, date, season, "hm.pdf", number)


@pytest.mark.parametrize("fields, said", [
    ({"season": "sumer 2026"}, "season = 'sumer 2026' names no season (spring, summer, autumn, winter)"),
    ({"date": "2024-09-01"}, "season = 'autumn 2026' names 2026 but date = 2024-09-01"),
    ({"title": "Healthcare Manager issue 70, autumn 2026"}, "names issue 70 but number = 69: one is mistyped"),
    ({"number": None}, "names issue 69 but issue.toml has no number: add number = 69"),
    ({"title": "Healthcare Manager issue 69, autumn 2025"}, "title = 'Healthcare Manager issue 69, autumn 2025' names 2025 "
                                                            "but date = 2026-09-01"),
])
def test_fields_at_odds_are_said(fields, said):
    warnings = disagreements(_issue(**fields))
    assert any(said in w for w in warnings), warnings
    assert all(w.startswith("2026-autumn-69: ") and "issue.toml" in w for w in warnings)


@pytest.mark.parametrize("fields", [{}, {"season": "Winter 2026/27", "date": "2027-01-15",
                                         "title": "Healthcare Manager issue 69, winter 2026/27"},
                                    {"title": "Healthcare Manager autumn 2026 (conference special)", "number": None}])
def test_fields_that_agree_say_nothing(fields):
    assert disagreements(_issue(**fields)) == []


def test_the_two_issues_fields_agree():
    for name in ("2024-summer", "2026-summer-68"):
        assert disagreements(read_issue_toml(ROOT / "corpus" / name)[0]) == []


def test_an_ingest_warns_and_publishes(tmp_path):
    folder = tmp_path / "corpus" / "2026-summer-68"
    shutil.copytree(ROOT / "corpus" / "2026-summer-68", folder)
    toml = folder / "issue.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace('season = "summer 2026"', 'season = "sumer 2026"'),
                    encoding="utf-8")
    outcome = ingest.run(tmp_path / "index", HashEmbedder(), lambda t: len(t.split()), paths=[folder])
    assert outcome.version and [w for w in outcome.warnings if "names no season" in w]
