"""An eval question whose evidence is a word or a figure ("3%", "NHS", "...": the answer typed where the passage
belongs) was read without a word, and nearly every passage covers it, so retrieval was scored found (recall 1.0)
whatever came back. `rag eval` warns, naming the questions; the dev set's spans (41 characters and more) say nothing."""

import json
from pathlib import Path

import pytest

from rag.evals.scoring import load_questions, short_evidence
from rag.textnorm import covers
from tests.conftest import isolated_corpus, run_cli

ROOT = Path(__file__).resolve().parent.parent


def item(span, n=1):
    return {"id": f"q{n}", "question": "what rise?", "must_include": ["3%"], "evidence": [span], "source": "a.txt",
            "type": "fact"}


@pytest.mark.parametrize("span", ["3%", "NHS", "...", "pay award"])
def test_evidence_of_a_word_or_two_is_said(span):
    assert covers("Board-level NHS managers get a 3% pay award ...", span)  # found in any such passage
    said = short_evidence([item(span)])
    assert said and said[0].startswith(f"1 evidence spans are under 3 words (q1: {span!r})")
    assert "scored found whatever comes back" in said[0] and "must_include" in said[0]


def test_the_dev_set_says_nothing():
    assert short_evidence(load_questions(ROOT / "evals" / "questions.jsonl")) == []


def test_rag_eval_warns_of_it(tmp_path, monkeypatch, capsys):
    corpus = isolated_corpus(tmp_path, monkeypatch)
    monkeypatch.setenv("RAG_QUESTION_MODEL", "none")
    assert run_cli(capsys, "ingest", str(corpus))[0] == 0
    questions = tmp_path / "q.jsonl"
    questions.write_text("".join(json.dumps(item(span, n)) + "\n" for n, span in enumerate(["3%", "NHS pay"])))
    status, _, err = run_cli(capsys, "eval", "--questions", str(questions), "--out", str(tmp_path / "out"),
                             "--retrieval-only")
    assert status == 0
    assert f"warning: {questions}: 2 evidence spans are under 3 words (q0: '3%', q1: 'NHS pay')" in err
