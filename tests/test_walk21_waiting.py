"""Walk 21: a member whose question waits behind another member's sees the wait in the answer itself.

The status line is for screen readers only (visually hidden), so "2 other questions first, then yours, about 35 s…"
sent there reached no one who looks at the page: a walk on the real app read "Reading the sources and thinking…" for
96 s while the model answered another member first. When the first words come, the screen reader's line says so.
"""

from rag.config import Settings
from rag.web.chat_handlers import ChatHandlers
from tests.chat_fakes import FakePipeline


WAITING = "Reading the sources and thinking…"
WRITING = "The AI model is writing your answer…"


class _Req:
    client = type("C", (), {"host": "10.0.0.1"})()
    session_hash, headers = "s1", {}


def _steps(pipe, tmp_path):
    return list(ChatHandlers(pipe, Settings(data_dir=tmp_path)).ask("pay?", "", [], _Req()))


def _answer(step) -> str:
    return step[0]["value"][-1]["content"]


def test_a_question_waiting_for_the_model_says_so_where_the_answer_will_be(tmp_path):
    pipe = FakePipeline()
    pipe.queue = (2, 12.0)  # two other questions first, about 12 s each
    steps = _steps(pipe, tmp_path)
    sources = next(s for s in steps if 'class="src"' in _answer(s))
    told = "The AI model answers one question at a time: 2 other questions first, then yours, about 35 s…"
    assert f'<p class="working" role="status">{told}</p>' in _answer(sources)  # seen, not only heard
    assert WAITING not in _answer(sources) and told in sources[1]
    first_words = next(s for s in steps if "Response" in _answer(s))
    assert told not in _answer(first_words) and WRITING in first_words[1]  # the wait is over, and said to be
    assert all(told not in _answer(s) for s in steps[steps.index(first_words):])
    assert "waiting" not in steps[-1][-1][-1]  # the finished turn, kept in the browser, is as before


def test_a_question_not_waiting_reads_as_before(tmp_path):
    steps = _steps(FakePipeline(), tmp_path)
    sources = next(s for s in steps if 'class="src"' in _answer(s))
    assert f'<p class="working" role="status">{WAITING}</p>' in _answer(sources)
    assert not any(WRITING in str(s[1]) for s in steps)  # nothing more to tell a screen reader
