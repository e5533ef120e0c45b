"""Walk 22: the local model answers one request at a time, but a question makes several (a follow-up's rewrite, then
its answer), each queued afresh: a second member's request went in between the first member's two, so the first,
told nothing of a wait, waited for the second's whole answer, and the "N other questions first" count was wrong.
Requests now reach the local server in the order their questions were asked (rag.llm.local_server.ArrivalOrder)."""

import threading
import time

import pytest

from rag.llm.asked import Asked
from rag.llm.local_server import ArrivalOrder


def _request(order, asked, log, name, seconds=0.0):
    with order.turn(asked):
        log.append(name)
        time.sleep(seconds)


def _wait_until(check, timeout=5.0):
    end = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < end, "timed out"
        time.sleep(0.01)


def _start(*args):
    t = threading.Thread(target=_request, args=args)
    t.start()
    return t


def test_a_question_between_its_two_requests_keeps_its_place():
    order, log = ArrivalOrder(hold_s=5.0), []
    a, b = Asked(1.0), Asked(2.0)
    _request(order, a, log, "a rewrite")
    waiting = _start(order, b, log, "b answer")
    time.sleep(0.4)
    assert log == ["a rewrite"]  # b waits: a asked first and may send another request
    assert order.ahead(b) == 1 and order.ahead(a) == 0
    _request(order, a, log, "a answer")
    a.finished = True
    waiting.join(timeout=5)
    assert log == ["a rewrite", "a answer", "b answer"]


def test_the_oldest_question_waiting_goes_first_whatever_order_its_request_came_in():
    order, log = ArrivalOrder(hold_s=5.0), []
    a, b, c = Asked(1.0), Asked(2.0, finished=True), Asked(3.0, finished=True)  # b and c: one request each
    holder = _start(order, a, log, "a", 0.5)
    _wait_until(lambda: log == ["a"])
    later = _start(order, c, log, "c")
    _wait_until(lambda: order.waiting() == 1)
    earlier = _start(order, b, log, "b")
    _wait_until(lambda: order.waiting() == 2)
    assert order.ahead(c) == 2 and order.ahead(b) == 1  # what each member is told
    a.finished = True
    for t in (holder, later, earlier):
        t.join(timeout=5)
    assert log == ["a", "b", "c"]


def test_a_finished_or_silent_question_keeps_no_place_and_a_request_of_no_question_waits_for_none():
    order, log = ArrivalOrder(hold_s=0.3), []
    a, b = Asked(1.0), Asked(2.0)
    _request(order, a, log, "a")
    started = time.monotonic()
    _request(order, b, log, "b")  # a never comes back: its place lapses after hold_s
    assert 0.2 < time.monotonic() - started < 3
    b.finished = True
    started = time.monotonic()
    _request(order, Asked(time.monotonic(), finished=True), log, "cli")
    assert time.monotonic() - started < 0.2 and order.ahead() == 0
    assert len(order.took) == 3  # each question's model time, for the estimate


def test_a_request_held_past_the_limit_no_longer_keeps_the_others_out():
    order, log = ArrivalOrder(hold_s=5.0, limit_s=0.3), []
    stuck = order.turn(Asked(1.0))
    stuck.__enter__()  # a stream its reader dropped without closing it
    started = time.monotonic()
    _request(order, Asked(2.0), log, "next")
    assert log == ["next"] and 0.2 < time.monotonic() - started < 3


STANDALONE = {"crews": "What did Jason Killens say about the crews?",
              "control room": "What did Jason Killens say about the control room?"}


def _responder(messages):
    """The stub as llama.cpp: slow enough that the two members' requests overlap."""
    time.sleep(0.8)
    last = messages[-1]["content"]
    if "standalone" in messages[0].get("content", "").lower():
        follow_up = last.rpartition("Follow-up:")[2]
        return next((s for k, s in STANDALONE.items() if k in follow_up), follow_up.strip()[:200])
    return "Jason Killens said ambulance response times improved after the control room was reorganised [1]."


def _which(request) -> str:
    messages = request["messages"]
    kind = "rewrite" if "standalone" in messages[0].get("content", "").lower() else "answer"
    text = messages[-1]["content"]
    if kind == "rewrite":
        text = text.rpartition("Follow-up:")[2]
        return f"{'A' if 'crews' in text else 'B' if 'control room' in text else '?'} {kind}"
    return f"{'A' if STANDALONE['crews'] in text else 'B' if STANDALONE['control room'] in text else '?'} {kind}"


class _Server:
    """Stands in for LocalServer, running: the stub plays llama.cpp's OpenAI-compatible server."""

    def __init__(self, url: str):
        self.url = url

    def ensure_started(self) -> None:
        pass

    def state(self) -> str:
        return "ready"

    def death_report(self) -> None:
        return None


@pytest.mark.slow
def test_in_the_app_two_members_follow_ups_reach_the_local_model_in_the_order_they_were_asked(tmp_path):
    from gradio_client import Client

    from rag.answer.build import build_pipeline
    from rag.config import Settings
    from rag.llm.client import make_llm
    from rag.web.app import build_app, launch_app
    from tests.app_server import build_tiny_index, free_port
    from tests.openai_stub import StubOpenAIServer

    build_tiny_index(tmp_path / "index")
    with StubOpenAIServer(responder=_responder) as stub:
        settings = Settings(index_dir=tmp_path / "index", corpus_dir=tmp_path / "corpus", data_dir=tmp_path / ".data",
                            embedder="hash", min_relevance=0.0, port=free_port(), rate_per_minute=1000,
                            llm_model="local", llm_timeout=20, concurrency=2)
        llm = make_llm(settings, local_server=_Server(stub.base_url))  # the local model's client, over the stub
        pipeline = build_pipeline(settings, llm=llm)
        demo = build_app(pipeline, settings)
        _, url, _ = launch_app(demo, pipeline, settings, prevent_thread_lock=True, quiet=True)
        try:
            first, second = Client(url, verbose=False), Client(url, verbose=False)
            for member in (first, second):  # each has a conversation to follow up
                member.predict("What did Jason Killens say about ambulance response times?", "", api_name="/ask")
            before = len(stub.requests)
            a = first.submit("And what did he say about the crews?", "", api_name="/ask")
            _wait_until(lambda: len(stub.requests) > before, timeout=30)  # A's rewrite is being written
            b = second.submit("And what about the control room?", "", api_name="/ask")
            a.result(timeout=120), b.result(timeout=120)
            order = [_which(r) for r in stub.requests[before:]]
            assert order == ["A rewrite", "A answer", "B rewrite", "B answer"]
            told = " ".join(str(out[0]) for out in b.outputs())
            assert "1 other question first, then yours" in told  # B was told of A's answer, and waited for it only
        finally:
            demo.close()
