"""RAG_LLM_MODEL=local with a RAG_LOCAL_MODEL whose parts are not installed is refused before any question, naming
what to install: `rag ask` and every question of a `rag eval` run were answered with quoted passages, the failure in
each notice (a tester's find with RAG_LOCAL_MODEL=qwen2.5-coder-0.5b, whose parts `make` had not installed)."""

import importlib.util
import json

import pytest

from rag.llm.local_model import LOCAL_MODELS
from tests.conftest import isolated_corpus, run_cli

SMALL = LOCAL_MODELS["qwen2.5-coder-0.5b"]

pytestmark = pytest.mark.skipif(importlib.util.find_spec(f"{SMALL.module}1") is not None,
                                reason="the 0.5B model's parts are installed here")


@pytest.fixture
def env(tmp_path, monkeypatch, capsys):
    corpus = isolated_corpus(tmp_path, monkeypatch)
    assert run_cli(capsys, "ingest", str(corpus))[0] == 0
    monkeypatch.setenv("RAG_LLM_MODEL", "local")
    monkeypatch.setenv("RAG_LOCAL_MODEL", "qwen2.5-coder-0.5b")
    questions = tmp_path / "q.jsonl"
    questions.write_text(json.dumps({"id": "q1", "question": "what pay rise did board-level managers get?",
                                     "type": "fact", "must_include": ["3%"], "source": "x.txt"}) + "\n")
    return tmp_path, questions


def test_ask_names_the_missing_parts_before_answering(env, capsys):
    status, out, err = run_cli(capsys, "ask", "what pay rise did board-level managers get?", "--json")
    said = json.loads(out)["error"]
    assert status == 2 and said.startswith("RAG_LLM_MODEL=local (RAG_LOCAL_MODEL=qwen2.5-coder-0.5b): model part 1 "
                                           "is not installed") and SMALL.package in said


def test_eval_is_refused_before_its_questions_run(env, capsys):
    tmp_path, questions = env
    status, _, err = run_cli(capsys, "eval", "--questions", str(questions), "--out", str(tmp_path / "out"))
    assert status == 2 and "model part 1 is not installed" in err
    assert not (tmp_path / "out" / "results.jsonl").exists()
    # what needs no model still runs
    status, _, _ = run_cli(capsys, "eval", "--questions", str(questions), "--out", str(tmp_path / "out"),
                           "--retrieval-only")
    assert status == 0 and (tmp_path / "out" / "results.jsonl").exists()
    status, out, _ = run_cli(capsys, "ask", "pay rise", "--llm", "extractive", "--json")
    assert status == 0 and json.loads(out)["citations"]
