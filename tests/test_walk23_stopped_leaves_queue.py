"""Walk 23: a member stopped a question while it waited for the local model, which answers one request at a time,
behind another member's question. The stopped question kept its place: it was sent once its turn came 100 s later,
held the model for its prompt, and the member's next question (and everyone else's) waited behind it. A stopped
question now leaves the model's queue at once (rag.llm.local_server.ArrivalOrder, Asked.wanted)."""

import threading
import time

import pytest

from rag.answer.pipeline import DoneEvent, SourcesEvent, TokenEvent
from rag.config import Settings
from rag.llm.asked import Asked, asked_now
from rag.llm.local_server import ArrivalOrder, QuestionStopped
from rag.types import Answer
from rag.web.chat_handlers import ChatHandlers
from tests.chat_fakes import CHUNKS, FakePipeline, hit_for


def _hold(order: ArrivalOrder, asked: Asked, release: threading.Event) -> threading.Thread:
    """Another member's request, holding the model until release is set."""
    entered = threading.Event()

    def run():
        with order.turn(asked):
            entered.set()
            release.wait(10)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    assert entered.wait(5)
    return thread


def test_a_stopped_question_waiting_for_the_model_leaves_at_once():
    order, release, stop = ArrivalOrder(), threading.Event(), threading.Event()
    _hold(order, Asked(1.0), release)
    mine = Asked(2.0, wanted=lambda: not stop.is_set())
    raised = []

    def wait_my_turn():
        try:
            with order.turn(mine):
                raised.append("sent")
        except QuestionStopped as exc:
            raised.append(exc)

    thread = threading.Thread(target=wait_my_turn, daemon=True)
    thread.start()
    time.sleep(0.3)
    assert order.waiting() == 1
    stop.set()
    thread.join(2)
    assert not thread.is_alive() and isinstance(raised[0], QuestionStopped)  # before: still waiting
    assert order.waiting() == 0 and order.ahead() == 1  # only the other member's
    release.set()


def test_a_stopped_question_keeps_no_place_between_its_requests():
    order, stop = ArrivalOrder(hold_s=30), threading.Event()
    stopped = Asked(1.0, wanted=lambda: not stop.is_set())
    with order.turn(stopped):
        pass  # its rewrite was answered; its answer would come next
    stop.set()
    t0 = time.monotonic()
    with order.turn(Asked(2.0)):  # a later question is not held back for hold_s
        assert time.monotonic() - t0 < 1.0


class _WaitsForTheModel(FakePipeline):
    """Sources at once, then a request that waits its turn for a one-at-a-time model another member holds."""

    def __init__(self, order: ArrivalOrder):
        super().__init__()
        self.order = order

    def stream(self, question, *, history=(), issue=None):
        hits = (hit_for(CHUNKS[0], 1),)
        yield SourcesEvent(hits=hits, standalone_question=question, refused=False)
        with self.order.turn(asked_now()):  # the question as rag.llm.client sends its requests
            yield TokenEvent("Response times improved [1].")
        yield DoneEvent(Answer(question, "Response times improved [1].", False, (), hits, "fake", {"total": 1},
                               standalone_question=question, index_version="v-test"))


class _Req:
    client = type("C", (), {"host": "10.0.0.1"})()
    session_hash = "s1"
    headers: dict = {}


@pytest.mark.parametrize("press", ["stop", "new_chat"])
def test_stop_ends_an_answer_waiting_for_the_model_at_once(tmp_path, press):
    order, release = ArrivalOrder(), threading.Event()
    _hold(order, Asked(time.monotonic() - 5), release)  # another member's question, asked earlier
    h = ChatHandlers(_WaitsForTheModel(order), Settings(data_dir=tmp_path))
    steps = h.ask("What did Killens say?", "", [], _Req())
    turns = next(steps)[-1]
    next(steps)  # the sources: the model's turn is awaited next
    ended = []
    thread = threading.Thread(target=lambda: ended.append(list(steps)), daemon=True)
    thread.start()
    time.sleep(0.3)
    t0 = time.monotonic()
    h.stop(turns, _Req()) if press == "stop" else h.new_chat(_Req())
    thread.join(3)
    assert not thread.is_alive() and time.monotonic() - t0 < 2.0  # before: until the other member's answer ended
    assert order.waiting() == 0
    release.set()
