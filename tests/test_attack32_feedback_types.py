"""`rag eval --from-feedback LOG` with a log line whose fields are of another type than the app writes (a hand-merged
log of two replicas, a foreign tool's, an older app's): `"question": 5` or `"hits": 5` was a traceback (exit 1) and no
draft at all; such a line is skipped and counted like a line cut short."""

import json

import pytest

from tests.conftest import run_cli

GOOD = {"time": "2026-07-01T10:00:00+00:00", "rating": "down", "comment": "", "answer_id": "a1",
        "question": "What was the pay offer?", "standalone_question": None, "answer": "It was 3%.", "refused": False,
        "citations": [{"n": 1, "article": "Pay round", "issue": "2024-spring"}], "hits": None, "llm": "local",
        "index_version": "v4", "notice": None}


@pytest.mark.parametrize("field, value", [("question", 5), ("answer_id", ["x"]), ("comment", 5), ("answer", 5),
                                          ("hits", 5), ("citations", "[1]"), ("rating", ["down"]), ("time", 5)])
def test_a_line_with_a_field_of_another_type_is_skipped_and_the_good_ones_drafted(tmp_path, capsys, field, value):
    log = tmp_path / "feedback.jsonl"
    bad = {**GOOD, "answer_id": "a2", "question": "Who chairs the union?", field: value}
    log.write_text(json.dumps(GOOD) + "\n" + json.dumps(bad) + "\n")
    status, out, err = run_cli(capsys, "eval", "--from-feedback", str(log))
    assert status == 0
    assert [json.loads(line)["question"] for line in out.splitlines()] == ["What was the pay offer?"]
    assert "skipped 1 unreadable log lines" in err and "another type" in err
