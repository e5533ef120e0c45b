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
