"""The real embedded chat model, the real llama.cpp server and the real pipeline answer real questions.

`make test` installs the model (the Makefile's `local-llm`) and runs these: they are never skipped. A missing
or broken local model fails them with the message a member's app would show. Timings are printed and written
to test-artifacts/local-llm-timings.json.
"""

import json
import threading
import time
from pathlib import Path

import pytest

from rag.config import load_settings
from rag.errors import LLMError

pytestmark = [pytest.mark.local_llm, pytest.mark.slow]

ROOT = Path(__file__).resolve().parent.parent
TIMINGS = ROOT / "test-artifacts" / "local-llm-timings.json"

QUESTIONS = [
    ("What pay rise did board-level NHS managers get?", "3%"),
    ("How long does an employer have to respond to a flexible working request?", "two months"),
]


@pytest.fixture(scope="module")
def pipeline():
    from rag.answer.build import build_pipeline

    p = build_pipeline(load_settings().with_(llm_model="local"))
    problem = p.warm_up()
    assert problem == "", f"the local model did not start: {problem}"
    assert p.llm_status() == "the AI model is ready"
    yield p
    p.llm._server.stop()


@pytest.fixture(scope="module")
def timings():
    records: list[dict] = []
    yield records
    TIMINGS.parent.mkdir(parents=True, exist_ok=True)
    TIMINGS.write_text(json.dumps(records, indent=2) + "\n")


AVX512_FLAGS = {"avx512f", "avx512cd", "avx512vl", "avx512dq", "avx512bw", "avx512vbmi", "avx512_vnni", "avx512_bf16"}


def test_the_build_is_one_of_the_two_pinned_ones_and_runs_here():
    """Never AMX (advertised, not allowed here); AVX-512 only where the CPU lists it all; it really runs."""
    import llama_cpp

    from rag.llm.local_model import probe

    info = llama_cpp.llama_print_system_info().decode()
    assert "AVX2 = 1" in info and "AMX" not in info, info
    flags = set(next(line for line in open("/proc/cpuinfo") if line.startswith("flags")).split())
    if "AVX512 = 1" in info:
        assert AVX512_FLAGS <= flags, info
    else:
        assert not AVX512_FLAGS <= flags, "this CPU takes the faster AVX-512 build: `make local-llm` picks it"
    assert probe(load_settings()) == info.strip()


@pytest.mark.parametrize("question, fact", QUESTIONS)
def test_local_model_answers_with_valid_citations(pipeline, timings, question, fact):
    started = time.monotonic()
    answer = pipeline.answer(question)
    elapsed = time.monotonic() - started
    print(f"\n{question}\n  -> {answer.answer}\n  llm={answer.llm} timings={answer.timings_ms} ({elapsed:.1f} s)")
    timings.append({"question": question, "llm": answer.llm, "wall_s": round(elapsed, 2), **answer.timings_ms})
    assert answer.llm == "local", answer.notice  # not the quoted-passages fallback
    assert not answer.refused and not answer.notice
    assert fact.lower() in answer.answer.lower()
    hit_ids = {h.chunk_id for h in answer.hits}
    assert answer.citations and all(c.chunk_id in hit_ids for c in answer.citations)
    assert {"first_token", "total"} <= set(answer.timings_ms)


def test_two_members_at_once_both_get_their_whole_answer(pipeline):
    """llama.cpp answers one request at a time; the second waits instead of cutting the first short."""
    messages = [{"role": "user", "content": "Count from 1 to 12, numbers only, separated by spaces."}]
    replies: dict[int, str] = {}

    def ask(i: int) -> None:
        replies[i] = "".join(pipeline.llm.stream(messages, max_tokens=60))

    threads = [threading.Thread(target=ask, args=(i,)) for i in range(2)]
    for t in threads:
        t.start()
        time.sleep(0.5)  # the second arrives while the first is being answered
    for t in threads:
        t.join(timeout=300)
    assert len(replies) == 2
    for reply in replies.values():
        assert "12" in reply, replies


def test_a_server_killed_mid_answer_is_reported_and_the_next_question_restarts_it(pipeline):
    server = pipeline.llm._server
    stream = pipeline.llm.stream([{"role": "user", "content": "Count from 1 to 100, one number a line."}])
    assert next(stream)
    server._process.kill()  # as the kernel does on an illegal instruction or when memory runs out
    with pytest.raises(LLMError, match="exited with signal 9 \\(SIGKILL: killed"):
        for _ in stream:
            pass
    assert pipeline.llm_status().startswith("the AI model is down")
    reply = "".join(pipeline.llm.stream([{"role": "user", "content": "Say hi."}], max_tokens=4))
    assert reply.strip() and pipeline.llm_status() == "the AI model is ready"


def test_the_local_model_writes_questions_a_passage_answers(pipeline):
    """What `rag ingest` asks the real model for each new passage (rag/index/questions.py), on a real passage."""
    from rag.index.questions import ChunkQuestions, llm_writer

    chunk = next(c for c in pipeline.index.chunks if "flexible working" in c.text.lower() and "two months" in c.text)
    q = ChunkQuestions(llm_writer(pipeline.llm), pipeline.embedder)
    t0 = time.perf_counter()
    [asked] = q.questions([chunk])
    took = time.perf_counter() - t0
    print(f"questions for one passage in {took:.1f}s: {asked}")
    assert 1 <= len(asked) <= 3 and q.failed == 0 and all(a.endswith("?") for a in asked)
    assert q.vectors([asked]).shape == (len(asked), pipeline.embedder.dim)


def test_follow_ups_stay_questions_about_what_was_said(pipeline):
    """The real model rewrites follow-ups against the conversation. It answers "who said that?" instead of rewriting
    it (a walk saw "UNISON research said that ..." answered as a claim): that rewrite is refused for the one without
    the model, so the member's question stays a question."""
    from rag.answer.followups import asks

    murray = [("Who took over from Wes Streeting as health secretary?", "James Murray became health secretary [1].")]
    he = pipeline.standalone("What did he say about extra money for the NHS?", murray)
    print(f"'he' follow-up rewritten: {he!r}")
    assert asks(he) and "Murray" in he
    cuts = [("How many jobs are NHS trusts planning to cut by 2028?",
             "UNISON research says trusts plan to cut at least 21,000 jobs by 2028 [1].")]
    who = pipeline.standalone("who said that?", cuts)
    print(f"'who said that?' rewritten: {who!r}")
    assert asks(who) and "2028" in who
