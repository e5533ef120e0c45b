"""`rag eval --compare OLD_DIR` with a results.jsonl it cannot compare (hand-edited, another tool's, an older shape):
a tester's find. It was read 'fine' before the run and raised a traceback after every question had been asked, so the
comparison and the --baseline verdict were lost. Now it is refused before any question is asked."""

import json

import pytest

from rag.errors import InputError
from rag.evals.runner import load_results, run_eval
from tests.test_eval_run import GOOD, QUESTIONS, fake_ask


@pytest.mark.parametrize("row, said", [
    ({"id": "a", "score": "x"}, "cannot be compared"),
    ({"id": "a", "score": {"recall@5": 1}}, "KeyError: 'id'"),
    ({"id": "a", "score": {"id": ["a"]}}, "cannot be compared"),
    ({"id": "a", "score": {"id": "a", "found_rank": "3"}}, "question 'a': found_rank = '3' is not a number"),
    ({"id": "a", "score": {"id": "a", "correct": "yes"}}, "correct = 'yes' is not a number"),
])
def test_a_results_file_that_cannot_be_compared_is_refused_at_once(tmp_path, row, said):
    (tmp_path / "results.jsonl").write_text(json.dumps(row) + "\n")
    with pytest.raises(InputError) as refused:
        load_results(tmp_path)
    assert said in str(refused.value) and "give the --out folder of an earlier `rag eval` run" in str(refused.value)


def test_a_real_run_is_read_for_comparison(tmp_path):
    run_eval(QUESTIONS, fake_ask(GOOD), tmp_path / "old", progress=False)
    assert [r["id"] for r in load_results(tmp_path / "old")] == [q["id"] for q in QUESTIONS]


@pytest.mark.parametrize("text", ['{"recall@5": NaN}', '{"mrr": Infinity}', '{"invalid_citations": -Infinity}'])
def test_a_baseline_figure_that_is_no_finite_number_is_refused(tmp_path, text):
    """json reads NaN and Infinity; no figure is below NaN, so `make test`'s regression guard passed whatever ran."""
    from rag.evals.runner import read_baseline

    (tmp_path / "baseline.json").write_text(text)
    with pytest.raises(InputError, match="is not a number: give a baseline file"):
        read_baseline(tmp_path / "baseline.json")
