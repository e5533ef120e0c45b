"""Walk 34: with every place taken by other members' answers, a question sent left the status line (heard by screen
readers, not seen) saying what it said of the answer before, "Answered." or "Stopped.", until a place was free, minutes
later: the waiting words were only in the answer's own bubble. It now says the question waits for a free place as soon
as reply_now finds it needs the model (ChatHandlers.reply_now)."""

import pytest

from rag.config import Settings
from rag.web.chat_handlers import QUEUED, ChatHandlers
from tests.test_walk31_reply_now import ISSUES, _ModelOrNot, _Req


def test_a_question_left_to_wait_for_a_place_is_said_to_wait_in_the_status_line(tmp_path):
    h = ChatHandlers(_ModelOrNot(), Settings(data_dir=tmp_path, concurrency=1))
    other = h.ask("What did Killens say?", "", [], _Req("other member"))
    next(other)  # another member's answer holds the one place
    _, _, _, sent, _, _, box, turns = h.starting("What about ambulance crews?", [], _Req())
    out = h.reply_now(box, "", turns, _Req(), sent)
    assert out[5] == "" and QUEUED in out[1]  # left to ask, and said so (before: the status line left as it was)
    _, _, _, sent, _, _, box, turns = h.starting(ISSUES, [], _Req())
    assert QUEUED not in h.reply_now(box, "", turns, _Req(), sent)[1]  # answered at once: said as answered
    list(other)


@pytest.mark.slow
@pytest.mark.browser
def test_in_the_browser_the_status_line_says_the_question_waits(tmp_path):
    from tests.queued_member import second_member_waiting

    with second_member_waiting(tmp_path) as (app, first, second):
        second.wait_for_function("() => /waits for a free place/.test(document.querySelector('#status').textContent)",
                                 timeout=15_000)  # before: empty until the first answer had ended
        second.wait_for_selector("#chat .answer.st-done", timeout=90_000)
