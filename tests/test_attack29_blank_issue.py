"""`rag ask "$Q" --issue "$ISSUE"` with ISSUE unset searched summer 2024 alone, without a word: "" is the number of
an issue that has none (tester 29). A blank --issue is refused, as `rag ingest ''` and `rag rollback --to ''` are,
before any index or model is loaded."""

import pytest

from tests.conftest import run_cli


@pytest.mark.parametrize("command", ["ask", "retrieve"])
@pytest.mark.parametrize("blank", ["", "  "])
def test_a_blank_issue_filter_is_refused(tmp_path, monkeypatch, capsys, command, blank):
    monkeypatch.setenv("RAG_INDEX_DIR", str(tmp_path / "no-index"))
    status, out, err = run_cli(capsys, command, "pay award?", "--issue", "2024-summer", "--issue", blank, "--json")
    assert status == 2 and err.startswith(f"error: --issue {blank!r} names no issue (an unset shell variable?)")
    assert "leave --issue out to search all issues" in out  # the JSON error too


def test_a_blank_issue_name_resolves_to_no_issue():
    """The root (the app's and the evaluations' paths too): a blank name matched the "" number of an issue without
    one, so check_filters found it known."""
    from rag.answer.retrieve import Filters, check_filters, resolved
    from rag.errors import InputError
    from rag.types import Issue

    issues = [Issue("2024-summer", "Healthcare Manager summer 2024", "2024-06-01", "summer 2024", "a.txt"),
              Issue("2026-summer-68", "Healthcare Manager issue 68", "2026-06-01", "summer 2026", "b.txt", number=68)]
    assert resolved(Filters(issues=("68", "Summer 2024")), issues).issues == ("2026-summer-68", "2024-summer")
    blank = resolved(Filters(issues=("",)), issues)
    assert blank.issues == ("",)
    with pytest.raises(InputError, match="no issue ''"):
        check_filters(blank, issues)
