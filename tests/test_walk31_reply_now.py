"""Walk 30: with every place taken by other members' answers, a question the pipeline answers without the model
("which issues do you have?", "who are you?", "who said that?") still waited for a free place, 37-120 s: the app
cannot tell it apart before the pipeline has read it. It is answered at once now (ChatHandlers.reply_now, with places
of its own), and a question that reaches the model is left to wait its turn, sending nothing meanwhile."""

import pytest

from rag.config import Settings
from rag.llm.asked import Asked, NeedsModel, as_asked, needs_model, reaching_model
from rag.llm.client import LiteLLM
from rag.types import Answer
from rag.web.chat_handlers import UNCHANGED, ChatHandlers
from tests.chat_fakes import CHUNKS, DoneEvent, FakePipeline, SourcesEvent, hit_for

ISSUES = "Which issues do you have?"


class _Req:
    def __init__(self, session="s1"):
        self.client = type("C", (), {"host": "10.0.0.1"})()
        self.session_hash, self.headers = session, {}


class _ModelOrNot(FakePipeline):
    """The fake pipeline, answering "which issues do you have?" from its index as the real one does (no model), and
    everything else through a model that, like rag.llm.client's, asks before each request whether it may be sent."""

    def __init__(self):
        super().__init__()
        self.sent: list[str] = []  # questions whose request reached the model

    def stream(self, question, *, history=(), issue=None):
        if question == ISSUES:
            self.calls.append({"question": question})
            yield SourcesEvent(hits=(), standalone_question=question, refused=False)
            yield DoneEvent(Answer(question, "The archive holds 2 issues: summer 2024; summer 2026, issue 68.", False,
                                   (), (), "none", {"total": 1}, standalone_question=question, index_version="v"))
            return
        yield SourcesEvent(hits=tuple(hit_for(c, i) for i, c in enumerate(CHUNKS, 1)), standalone_question=question,
                           refused=False)
        reaching_model()  # as LiteLLM.stream does before its first request
        self.sent.append(question)
        yield from list(super().stream(question, history=history, issue=issue))[1:]


def _answers(chat) -> list[str]:
    return [m["content"] for m in chat["value"] if m["role"] == "assistant"]


def test_a_request_to_the_model_from_a_question_to_answer_without_it_is_not_sent():
    llm = LiteLLM("openai/x", api_base="http://127.0.0.1:9/v1", api_key="x", retries=0, timeout=2)
    with pytest.raises(NeedsModel):  # before: "could not connect" (an LLMError), the request sent
        as_asked(Asked(0.0, reaching=needs_model), lambda: "".join(llm.stream([{"role": "user", "content": "hi"}])))


def test_with_every_place_taken_a_question_needing_no_model_is_answered_at_once(tmp_path):
    pipe = _ModelOrNot()
    h = ChatHandlers(pipe, Settings(data_dir=tmp_path, concurrency=1))
    other = h.ask("What did Killens say?", "", [], _Req("other member"))
    next(other)  # another member's answer holds the one place
    _, _, _, sent, _, _, box, turns = h.starting(ISSUES, [], _Req())
    chat, status, _, _, turns, replied, send, stop, saved = h.reply_now(box, "", turns, _Req(), sent)
    assert [(t["question"], t["state"]) for t in turns] == [(ISSUES, "done")]  # answered, not waiting its turn
    assert "2 issues" in _answers(chat)[-1] and replied == turns[-1]["id"]
    assert send["visible"] and not stop["visible"] and saved == turns  # Ask back, the chat kept in the browser
    steps = list(h.ask("", "", turns, _Req(), sent, replied))  # its turn, once a place is free: nothing left to do
    assert steps == [UNCHANGED]  # no "Please type a question first." for the box emptied as it was sent
    list(other)


def test_with_every_place_taken_a_question_for_the_model_waits_its_turn_and_sends_nothing_meanwhile(tmp_path):
    pipe = _ModelOrNot()
    h = ChatHandlers(pipe, Settings(data_dir=tmp_path, concurrency=1))
    other = h.ask("What did Killens say?", "", [], _Req("other member"))
    next(other)
    _, _, _, sent, _, _, box, turns = h.starting("What about ambulance crews?", [], _Req())
    out = h.reply_now(box, "", turns, _Req(), sent)
    assert out[5] == "" and "What about ambulance crews?" not in pipe.sent  # nothing answered, nothing sent
    list(other)  # a place is free: ask answers it in its turn, shown where it was sent
    final = list(h.ask(box, "", turns, _Req(), sent, out[5]))[-1][-1]
    assert [(t["question"], t["state"]) for t in final] == [("What about ambulance crews?", "done")]
    assert pipe.sent[-1] == "What about ambulance crews?"


def test_with_a_place_free_reply_now_leaves_the_question_to_ask(tmp_path):
    pipe = _ModelOrNot()
    h = ChatHandlers(pipe, Settings(data_dir=tmp_path, concurrency=1))
    _, _, _, sent, _, _, box, turns = h.starting(ISSUES, [], _Req())
    assert h.reply_now(box, "", turns, _Req(), sent)[5] == "" and pipe.calls == []  # not searched twice


@pytest.mark.slow
@pytest.mark.browser
def test_in_the_browser_which_issues_is_answered_while_another_members_answer_is_written(tmp_path):
    from tests.queued_member import SLOW, second_member_waiting

    with second_member_waiting(tmp_path, "which issues do you have?", SLOW * 3) as (app, first, second):
        second.wait_for_selector("#chat .answer.st-done", timeout=10_000)  # before: after the first answer, 30 s on
        assert first.locator("#chat .answer.st-writing").count() == 1  # the other answer is still being written
        assert second.locator("#ask").is_visible() and not second.locator("#stop").is_visible()
        assert "2026" in second.inner_text("#chat .answer")
