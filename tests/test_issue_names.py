"""An issue as a member reads it (rag.answer.issue_names)."""

from rag.answer.issue_names import issue_named


def test_a_title_naming_its_year_is_shown_alone_and_one_without_gets_month_and_year():
    # a walk read "As of Healthcare Manager issue 68, summer 2026 (2026-06-01):" as machine output
    assert issue_named("Healthcare Manager issue 68, summer 2026", "2026-06-01") == "Healthcare Manager issue 68, summer 2026"
    assert issue_named("Healthcare Manager issue 68", "2026-06-01") == "Healthcare Manager issue 68 (June 2026)"
    assert issue_named("Healthcare Manager issue 68", "June") == "Healthcare Manager issue 68 (June)"
    assert issue_named("Healthcare Manager issue 68", "") == "Healthcare Manager issue 68"
