"""issue.toml's title and season are shown beside every source an answer cites: a title holding U+202E (right-to-left
override) was published and shown reversed ("Healthcare Manager\\u202e6202 nmutua" reads "...autumn 2026"), one with a
zero-width space was never matched by the title's own words, and a 38,000-character title was published whole. Each
is now refused, naming the character or the length and what to write."""

import re

import pytest

from rag.corpus.folders import read_issue_toml
from rag.errors import InputError

TOML = ('title = "{title}"\nnumber = 69\nseason = "{season}"\ndate = "2026-09-01"\nsource = "issue.md"\n')


def _read(tmp_path, title="Healthcare Manager, autumn 2026", season="autumn 2026"):
    folder = tmp_path / "2026-autumn-69"
    folder.mkdir()
    (folder / "issue.toml").write_text(TOML.format(title=title, season=season), encoding="utf-8")
    return read_issue_toml(folder)[0]


@pytest.mark.parametrize("title, named", [("Healthcare Manager\u202e6202 nmutua", "U+202E (RIGHT-TO-LEFT OVERRIDE)"),
                                          ("Health\u200bcare Manager, autumn 2026", "U+200B (ZERO WIDTH SPACE)")])
def test_an_invisible_character_in_the_title_is_named(tmp_path, title, named):
    with pytest.raises(InputError, match=re.escape(f"holds {named}, which no reader sees")):
        _read(tmp_path, title=title)


def test_a_season_with_a_direction_mark_is_refused(tmp_path):
    with pytest.raises(InputError, match="season = .* holds U[+]200F"):
        _read(tmp_path, season="autumn 2026\u200f")


def test_a_title_of_many_lines_worth_is_refused(tmp_path):
    with pytest.raises(InputError, match="title is 38,000 characters long; .* under 200 characters"):
        _read(tmp_path, title="Healthcare Manager " * 2000)


def test_a_plain_title_with_accents_and_a_no_break_space_is_read(tmp_path):
    issue = _read(tmp_path, title="Healthcare Manager\u00a069, caf\u00e9 edition")
    assert issue.title == "Healthcare Manager\u00a069, caf\u00e9 edition"
