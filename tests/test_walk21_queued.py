"""Walk 21: a question that waits for a free place (RAG_CONCURRENCY answers being written) shows in the chat at once.

Before, Gradio queued it with nothing of ours on the page: the first screen stayed, the question left the box under a
spinner, and only Gradio's "queue: 2/2 | 6.5s" showed, over the chat and the box, until another member's answer ended.
"""

import re
import time

import pytest

from rag.config import Settings
from rag.web.chat_handlers import ChatHandlers
from tests.chat_fakes import FakePipeline

QUEUED = "Other members’ questions are being answered: yours waits for a free place…"


class _Req:
    def __init__(self, session="s1"):
        self.client = type("C", (), {"host": "10.0.0.1"})()
        self.session_hash, self.headers = session, {}


def _answers(chat) -> list[str]:
    return [m["content"] for m in chat["value"] if m["role"] == "assistant"]


def test_a_question_sent_while_the_app_is_busy_is_shown_waiting_then_answered_in_its_place(tmp_path):
    h = ChatHandlers(FakePipeline(), Settings(data_dir=tmp_path, concurrency=1))
    other = h.ask("What did Killens say?", "", [], _Req("other member"))
    next(other)  # another member's answer is being written: no free place
    send, stop, saved, sent, more, chat, box, turns = h.starting("  pay award 2026? ", [], _Req())
    assert box == "" and [t["question"] for t in turns] == ["pay award 2026?"]  # sent: the box is for the next one
    assert re.search(r'class="answer st-queued".*' + re.escape(QUEUED), _answers(chat)[-1])  # seen at once
    assert "pay award 2026?" in chat["value"][0]["content"]
    list(other)  # the other answer ends; this one starts, from the question as sent (the box was emptied)
    steps = list(h.ask("", "", turns, _Req(), sent))
    final = steps[-1][-1]
    assert [(t["question"], t["state"]) for t in final] == [("pay award 2026?", "done")]
    assert final[0]["id"] == turns[0]["id"]  # answered where it was shown: one turn, not two
    assert all(QUEUED not in _answers(s[0])[-1] for s in steps) and steps[0][3] != ""  # the box left alone


def test_a_question_sent_while_the_app_is_free_says_it_is_searching(tmp_path):
    h = ChatHandlers(FakePipeline(), Settings(data_dir=tmp_path, concurrency=1))
    chat = h.starting("pay award 2026?", [], _Req())[5]
    assert "Searching the archive…" in _answers(chat)[-1] and QUEUED not in _answers(chat)[-1]


def test_a_question_stopped_while_it_waits_is_kept_as_stopped_and_not_answered(tmp_path):
    pipe = FakePipeline()
    h = ChatHandlers(pipe, Settings(data_dir=tmp_path, concurrency=1))
    _, _, _, sent, _, _, box, turns = h.starting("pay award 2026?", [], _Req())
    chat, _, turns = h.stop(turns, _Req())
    assert [(t["question"], t["state"]) for t in turns] == [("pay award 2026?", "stopped")]  # not lost: box was emptied
    assert "Stopped before the answer was finished" in _answers(chat)[-1]
    list(h.ask("", "", turns, _Req(), sent))
    assert pipe.calls == []


def test_small_talk_and_a_refused_question_leave_the_chat_and_the_box_to_ask(tmp_path):
    import gradio as gr

    h = ChatHandlers(FakePipeline(), Settings(data_dir=tmp_path, max_question_chars=20))
    for said in ("thanks", "   ", "x" * 21):
        out = h.starting(said, [], _Req())
        assert out[5:] == (gr.skip(),) * 3  # chat, box and turns: ask says why, or replies, as before


@pytest.mark.slow
@pytest.mark.browser
def test_in_the_browser_a_waiting_question_shows_in_the_chat_without_gradios_queue_text(tmp_path):
    from tests.queued_member import SECOND, second_member_waiting
    from tests.test_browser import VISIBLE

    thumbs = "#chat button[aria-label='Like'], #chat button[aria-label='Dislike']"
    with second_member_waiting(tmp_path) as (app, first, second):
        second.wait_for_selector("#chat .answer.st-queued", timeout=10_000)
        assert first.locator("#chat .answer.st-writing").count() == 1  # the first answer still being written:
        assert first.locator(thumbs).count() == 2 and not first.locator(thumbs).first.is_visible()  # not yet rated
        time.sleep(1.5)  # a while in the queue
        assert SECOND in second.inner_text("#chat .asked")
        assert QUEUED in second.inner_text("#chat .answer")
        assert second.input_value("#question textarea") == ""
        shown = second.evaluate("""() => [...document.querySelectorAll('[data-testid=status-tracker]')]
            .filter(e => getComputedStyle(e).opacity !== '0' && e.textContent.includes('queue:'))
            .map(e => e.textContent.trim())""")
        assert shown == []  # Gradio's "queue: 1/1 | 1.8s", over the chat and the box, is not seen
        assert second.locator("#intro").count() == 0 and not second.locator(thumbs).first.is_visible()
        second.wait_for_selector("#chat .answer.st-done", timeout=90_000)  # answered in its place
        assert second.locator("#chat .answer").count() == 1 and second.locator("#chat .asked").count() == 1
        shown = second.eval_on_selector_all(thumbs, VISIBLE)  # one step: Gradio may redraw in between
        assert shown and all(shown)  # finished: to be rated
