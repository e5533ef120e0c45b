"""Two `rag eval` runs into one --out folder at once (two CI jobs given evals/reports/latest) wrote one
results.jsonl.partial between them: results.jsonl held garbled lines, the second run ended in a traceback leaving a
report.html.tmp, and the first said "wrote ..." of the mix. The second is refused before asking anything; the first
writes its own three files whole."""

import json

import pytest

from rag.errors import InputError
from rag.evals.runner import run_eval

QUESTIONS = [{"id": f"q{n}", "question": f"question {n}?", "must_include": ["x"], "evidence": ["x y z"],
              "source": "a.txt", "type": "fact"} for n in range(3)]


def test_a_second_run_into_the_same_folder_is_refused_while_the_first_writes(tmp_path):
    out = tmp_path / "latest"
    refusals = []

    def ask(question):
        if question == "question 1?":  # while the first run writes: a second run into the same folder
            with pytest.raises(InputError) as refused:
                run_eval(QUESTIONS, ask, out, progress=False, retrieval_only=True)
            refusals.append(str(refused.value))
        return {"question": question, "hits": [], "timings_ms": {"retrieve": 1, "total": 1}}

    run_eval(QUESTIONS, ask, out, progress=False, retrieval_only=True)
    assert len(refusals) == 1
    assert refusals[0].startswith(f"another `rag eval` is writing into --out {out}: wait for it to finish")
    assert "give another --out; no question was asked" in refusals[0]
    rows = [json.loads(line) for line in (out / "results.jsonl").read_text().splitlines()]
    assert [r["id"] for r in rows] == ["q0", "q1", "q2"]
    assert sorted(p.name for p in out.iterdir()) == [
        "report.html", "results.jsonl", "summary.json"]


def test_runs_one_after_the_other_into_one_folder_each_write(tmp_path):
    def ask(question):
        return {"question": question, "hits": [], "timings_ms": {"retrieve": 1, "total": 1}}

    for _ in range(2):
        assert run_eval(QUESTIONS, ask, tmp_path / "latest", progress=False, retrieval_only=True)["overall"]["n"] == 3
