"""Walk 31: a question ChatHandlers.reply_now answered at once (no model needed, every place taken by other members'
answers) still had its ask run after it on the page: that ask waited in Gradio's queue for a free place, counted toward
RAG_MAX_QUEUE, held the member's next question behind it, and found nothing to do. The page now runs ask only when
reply_now left the question to it (rag.web.chat_handlers.left_to_ask, between the two). Walk 32: "thanks" sent while
two other answers were written was said at once (walk 30), but its ask waited for a place all the same, Stop shown
instead of Ask meanwhile: reply_now takes it too."""

import pytest

from rag.web.chat_handlers import left_to_ask

ISSUES = "which issues do you have?"


def test_a_question_reply_now_answered_is_not_left_to_ask():
    import gradio as gr

    answered = [{"id": "a1", "question": ISSUES, "state": "done"}]
    with pytest.raises(gr.Error) as raised:
        left_to_ask("a1", answered)
    assert raised.value.visible is False  # the member sees nothing of it: the answer is there already


@pytest.mark.parametrize("replied, turns", [
    ("", [{"id": "q1", "question": "what about pay?", "state": "queued"}]),  # reply_now left it: it needs the model
    (None, []),  # reply_now did not run
    ("a1", [{"id": "a1", "state": "done"}, {"id": "q2", "question": "and band 7?", "state": "queued"}]),  # stale mark
])
def test_a_question_reply_now_did_not_answer_is_left_to_ask(replied, turns):
    assert left_to_ask(replied, turns) is None


class _Req:
    def __init__(self, session="s1"):
        self.client = type("C", (), {"host": "10.0.0.1"})()
        self.session_hash, self.headers = session, {}


@pytest.mark.parametrize("typed, said", [("thanks", "welcome"), ("?", "no words")])
def test_with_every_place_taken_a_message_needing_no_search_is_not_left_to_ask(tmp_path, typed, said):
    from rag.config import Settings
    from rag.web.chat_handlers import ChatHandlers
    from tests.chat_fakes import FakePipeline

    h = ChatHandlers(FakePipeline(), Settings(data_dir=tmp_path, concurrency=1))
    other = h.ask("What did Killens say?", "", [], _Req("other member"))
    next(other)  # another member's answer holds the one place
    sent = h.starting(typed, [], _Req())[3]  # the chat left as it was: no turn waits
    out = h.reply_now(typed, "", [], _Req(), sent)
    assert said in out[1] and out[5]  # said, and marked as replied (before: nothing, "" left to ask)
    assert out[6]["visible"] and not out[7]["visible"]  # Ask back at once, not Stop until a place is free
    with pytest.raises(Exception):
        left_to_ask(out[5], out[4])
    list(other)


@pytest.mark.slow
@pytest.mark.browser
def test_in_the_browser_a_question_answered_at_once_leaves_nothing_in_the_queue(tmp_path):
    from tests.queued_member import SLOW, second_member_waiting

    with second_member_waiting(tmp_path, ISSUES, SLOW * 3) as (app, first, second):
        second.wait_for_selector("#chat .answer.st-done", timeout=10_000)  # answered at once by reply_now
        second.wait_for_timeout(1_000)  # the page's next steps after reply_now have run
        assert first.locator("#chat .answer.st-writing").count() == 1  # the other answer still holds the one place
        assert len(app.demo._queue) == 0  # before: 1, its ask waiting for that place with nothing to do
        assert second.locator("#ask").is_visible() and not second.locator("#stop").is_visible()  # Ask back
        assert second.locator(".toast-body").count() == 0  # no error said for the ask not run
        second.reload()
        second.wait_for_selector("#chat .answer.st-done", timeout=10_000)  # the answer kept in the browser
        assert "2026" in second.inner_text("#chat .answer")
        first.wait_for_selector("#chat .answer.st-done", timeout=60_000)
        assert second.locator("#chat .answer").count() == 1  # nothing came of it after the first answer ended


@pytest.mark.slow
@pytest.mark.browser
def test_in_the_browser_thanks_said_while_other_answers_are_written_gives_ask_back_at_once(tmp_path):
    from tests.queued_member import SLOW, second_member_waiting

    with second_member_waiting(tmp_path, "thanks", SLOW * 3) as (app, first, second):
        second.wait_for_selector("#status .msg-note", state="visible", timeout=5_000)
        second.wait_for_selector("#stop", state="hidden", timeout=5_000)  # before: Stop until the other answer ended
        second.wait_for_selector("#ask", state="visible", timeout=5_000)  # shown a moment after Stop is hidden
        assert first.locator("#chat .answer.st-writing").count() == 1  # while the other answer is still written
        second.wait_for_timeout(500)  # the page's next steps after reply_now have run
        assert len(app.demo._queue) == 0 and not second.locator("#stop").is_visible()  # nothing waits for a place
        assert second.input_value("#question textarea") == "thanks"  # kept, as walk 30's test has it
