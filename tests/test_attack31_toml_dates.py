"""An issue.toml value written as a TOML date or time where another is wanted (date = 2026-12-01T10:00:00, number =
2026-12-01) was shown as Python writes it: "date = datetime.datetime(2026, 12, 1, 10, 0) is not a day written
YYYY-MM-DD". It is shown as the maintainer typed it."""

import pytest

from tests.issue_refusals import refusal_of

TOML = 'title = "T"\nseason = "spring 2030"\n{date}\nsource = "hm.txt"\n'


@pytest.mark.parametrize("line, said", [
    ("date = 2026-12-01T10:00:00", "date = 2026-12-01T10:00:00 is not a day written YYYY-MM-DD"),
    ("date = 10:30:00", "date = 10:30:00 is not a day written YYYY-MM-DD"),
    ('date = "2030-03-01"\nnumber = 2026-12-01', "number = 2026-12-01 is not an issue number"),
])
def test_a_toml_date_where_another_value_is_wanted_is_shown_as_typed(tmp_path, line, said):
    refused = refusal_of(tmp_path, TOML.format(date=line), "hm.txt")
    assert said in refused and "datetime" not in refused
