"""`title = "   "` (or a blank season, date or source) in issue.toml was said as "lacks title", which the maintainer
could see it did not: it was there, blank. It is said to be blank, shown as written, with an example."""

import pytest

from rag.corpus.issue_toml import issue_from_table
from rag.errors import InputError


def table(**changes):
    raw = {"title": "Healthcare Manager issue 69, autumn 2026", "number": 69, "season": "autumn 2026",
           "date": "2026-09-01", "source": "hm69.txt"}
    return {**raw, **changes}


@pytest.mark.parametrize("key, value, example", [
    ("title", "   ", 'e.g. title = "Healthcare Manager issue 69'), ("season", "", 'e.g. season = "autumn 2026"'),
    ("date", " ", 'e.g. date = "2026-06-01"'), ("source", "\t", 'e.g. source = "the-file-as-supplied.pdf"')])
def test_a_blank_field_is_said_to_be_blank(key, value, example):
    with pytest.raises(InputError) as refused:
        issue_from_table(table(**{key: value}), "x", "x/issue.toml")
    said = str(refused.value)
    assert said.startswith(f"x/issue.toml lacks {key}: {key} = {value!r} is blank: write it between the quotes")
    assert example in said


def test_a_field_left_out_is_still_said_to_be_missing():
    raw = table()
    del raw["season"], raw["date"]
    with pytest.raises(InputError, match="lacks season, date: add them"):
        issue_from_table(raw, "x", "x/issue.toml")
