"""make test's quality guard: retrieval on the dev set must not fall below the committed baseline."""

import json
from pathlib import Path

import pytest

from rag import cli

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_retrieval_does_not_regress_below_baseline(tmp_path, capsys):
    status = cli.main(["eval", "--questions", str(ROOT / "evals" / "questions.jsonl"), "--out", str(tmp_path),
                       "--retrieval-only", "--baseline", str(ROOT / "evals" / "baseline.json")])
    out, err = capsys.readouterr()
    summary = json.loads((tmp_path / "summary.json").read_text())
    assert status == 0, err
    assert summary["overall"]["recall@5"] >= json.loads((ROOT / "evals" / "baseline.json").read_text())["recall@5"] - 1e-3
    assert len((tmp_path / "results.jsonl").read_text().splitlines()) == len(
        (ROOT / "evals" / "questions.jsonl").read_text().splitlines())


def test_baseline_check_fails_on_a_planted_regression():
    from rag.evaluation import check_baseline

    baseline = json.loads((ROOT / "evals" / "baseline.json").read_text())
    worse = {"overall": {"recall@5": baseline["recall@5"] - 0.05, "mrr": baseline["mrr"]}}
    assert check_baseline(worse, baseline) and "recall@5" in check_baseline(worse, baseline)[0]
