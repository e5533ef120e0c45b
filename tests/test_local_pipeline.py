"""Opt-in: the real embedded chat model answers a few dev-set questions through the whole pipeline.

Run with: RAG_TEST_LOCAL_LLM=1 .venv/bin/pytest -m local_llm tests/test_local_pipeline.py -s
(needs `make local-llm`; takes a minute or two on 2 cores).
"""

import os

import pytest

from rag.config import Settings

pytestmark = [pytest.mark.local_llm, pytest.mark.slow,
              pytest.mark.skipif(os.environ.get("RAG_TEST_LOCAL_LLM") != "1", reason="opt-in: RAG_TEST_LOCAL_LLM=1")]

QUESTIONS = [
    ("What pay rise did board-level NHS managers get?", "3%"),
    ("How long does an employer have to respond to a flexible working request?", "two months"),
    ("How much time does each online prescription order save GP practices?", "three minutes"),
]


@pytest.fixture(scope="module")
def pipeline():
    from rag.qa import build_pipeline

    p = build_pipeline(Settings(llm_model="local"))
    assert p.warm_up() == ""
    return p


@pytest.mark.parametrize("question, fact", QUESTIONS)
def test_local_model_answers_with_valid_citations(pipeline, question, fact):
    answer = pipeline.answer(question)
    print(f"\n{question}\n  -> {answer.answer}\n  llm={answer.llm} timings={answer.timings_ms}")
    assert not answer.refused
    assert fact.lower() in answer.answer.lower()
    hit_ids = {h.chunk_id for h in answer.hits}
    assert answer.citations and all(c.chunk_id in hit_ids for c in answer.citations)
