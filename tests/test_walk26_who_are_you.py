"""Walk 26: "who are you?" got the chat's help line in the status line ("This assistant answers questions from the
Healthcare Manager archive ..."), while "are you a bot?" got the pipeline's answer, which says what the assistant is: a
program, not a person, and which model writes its answers (rag.answer.about_archive). The web's small talk now leaves
every question about the assistant to the pipeline."""

from rag.answer.about_archive import asks_about_assistant
from rag.config import Settings
from rag.web.small_talk import _SAID, HELP, small_talk
from tests.chat_fakes import FakePipeline


class _Req:
    client = type("C", (), {"host": "10.0.0.1"})()
    session_hash = "s1"
    headers: dict = {}


def test_who_are_you_is_asked_of_the_pipeline_not_answered_with_the_help_line(tmp_path):
    from rag.web.chat_handlers import ChatHandlers

    pipe = FakePipeline(reply="I am the Healthcare Manager archive assistant, a computer program, not a person.")
    h = ChatHandlers(pipe, Settings(data_dir=tmp_path))
    for q in ("who are you?", "What are you?"):
        chat, status, *_ = list(h.ask(q, "", [], _Req()))[-1]
        assert pipe.calls and pipe.calls[-1]["question"] == q, status
        assert "a computer program, not a person" in chat["value"][-1]["content"]
    assert small_talk("what can you do?") == HELP  # a request for help is still the help line


def test_no_small_talk_phrase_is_one_the_pipeline_answers_about_itself():
    phrases = [p for said in _SAID.values() for p in said]
    assert [p for p in phrases if asks_about_assistant(p)] == []
