"""`rag eval --retrieval-only` gave no latency: its report said "Retrieve median n/a" (summary.json null) in the one
run that measures retrieval alone. Each question's retrieval is timed."""

import json

from tests.conftest import isolated_corpus, run_cli


def test_a_retrieval_only_run_reports_its_retrieval_latency(tmp_path, monkeypatch, capsys):
    corpus = isolated_corpus(tmp_path, monkeypatch)
    monkeypatch.setenv("RAG_QUESTION_MODEL", "none")
    assert run_cli(capsys, "ingest", str(corpus))[0] == 0
    questions = tmp_path / "q.jsonl"
    questions.write_text(json.dumps({"id": "q1", "question": "what pay rise did board-level managers get?",
                                     "evidence": ["Board-level NHS managers"], "must_include": ["3%"],
                                     "source": "000_14b77b378cd60039.txt", "type": "fact"}) + "\n")
    status, out, err = run_cli(capsys, "eval", "--questions", str(questions), "--out", str(tmp_path / "out"),
                               "--retrieval-only")
    assert status == 0, err
    overall = json.loads((tmp_path / "out" / "summary.json").read_text())["overall"]
    assert overall["retrieve_ms_median"] is not None and overall["retrieve_ms_median"] >= 0
    assert overall["total_ms_median"] is not None
    assert "Retrieve median       n/a" not in out
