"""Walk 32: reply_now judged a place free by the app's own count of answers under way, not by Gradio's queue. Just
after two answers were stopped, "which issues do you have?" was left to ask as if a place were free, and waited over
20 s behind another member's question that Gradio's queue gave the place to. The places taken now count the questions
waiting in Gradio's queue for one (ChatHandlers.places_taken, fed by rag.web.app.answer_places)."""

import time

import pytest

from rag.config import Settings
from rag.web.chat_handlers import QUEUED, ChatHandlers
from tests.test_walk31_reply_now import ISSUES, _answers, _ModelOrNot, _Req


def test_a_place_another_members_question_waits_for_is_not_free(tmp_path):
    waiting = [1]  # Gradio's queue: nothing answering by this app's count, another member's question waiting
    h = ChatHandlers(_ModelOrNot(), Settings(data_dir=tmp_path, concurrency=1), queue_places=lambda: (0, waiting[0]))
    *_, sent, _, _, box, turns = h.starting(ISSUES, [], _Req())
    assert turns[-1]["waiting"] == QUEUED  # said to wait for a place, as it will
    chat, _, _, _, turns, replied, send, stop, _ = h.reply_now(box, "", turns, _Req(), sent)
    assert replied and "2 issues" in _answers(chat)[-1]  # before: "" (left to ask, behind the other question)
    assert send["visible"] and not stop["visible"]
    waiting[0] = 0  # the queue empty and nothing answering: a place is free, ask answers it in its turn
    *_, sent, _, _, box, turns = h.starting(ISSUES, [], _Req())
    assert turns[-1]["waiting"] == "" and h.reply_now(box, "", turns, _Req(), sent)[5] == ""


def test_an_answer_gradio_runs_takes_a_place_before_the_app_counts_it(tmp_path):
    h = ChatHandlers(_ModelOrNot(), Settings(data_dir=tmp_path, concurrency=2), queue_places=lambda: (2, 0))
    assert h.places_taken() == 2
    h.queue_places = lambda: (1, 3)
    assert h.places_taken() == 4


@pytest.mark.slow
@pytest.mark.browser
def test_the_places_are_read_from_the_apps_own_gradio_queue(tmp_path):
    from rag.web.app import answer_places
    from tests.queued_member import SLOW, second_member_waiting

    with second_member_waiting(tmp_path, "And what about ambulance crews?", SLOW) as (app, first, second):
        deadline, seen = time.monotonic() + 15, None
        while time.monotonic() < deadline and seen != (1, 1):  # the first answering, the second waiting its turn
            seen = answer_places(app.demo)
            time.sleep(0.2)
        assert seen == (1, 1)
        assert first.locator("#chat .answer.st-writing").count() == 1
        first.wait_for_selector("#chat .answer.st-done", timeout=90_000)
        second.wait_for_selector("#chat .answer.st-done", timeout=90_000)
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline and answer_places(app.demo) != (0, 0):
            time.sleep(0.2)
        assert answer_places(app.demo) == (0, 0)
