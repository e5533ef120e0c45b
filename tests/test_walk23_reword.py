"""Walk 23: "can you explain more simply" (after a quoted answer on pay) and "summarise that in one sentence" were
searched as questions and answered "The archive does not cover this.", as if the member had asked about something
the archive lacks. Asked on its own, a request to put the last answer more simply, shorter or in a sentence is now
told, in the status line, that the assistant answers from the articles' words and how to ask for less; the chat is
left as it was and nothing is searched. A question that names its subject is answered as before."""

from rag.config import Settings
from rag.web.chat_handlers import ChatHandlers
from rag.web.small_talk import REWORD, small_talk
from tests.chat_fakes import FakePipeline


class _Req:
    client = type("C", (), {"host": "10.0.0.1"})()
    session_hash = "s1"
    headers: dict = {}


def test_the_walks_requests_to_reword_an_answer_get_a_reply_not_a_search(tmp_path):
    h = ChatHandlers(FakePipeline(), Settings(data_dir=tmp_path))
    turns = list(h.ask("whats the pay rise for agenda for change staff", "", [], _Req()))[-1][-1]
    for said in ("can you explain more simply", "summarise that in one sentence", "Can you say that more simply?",
                 "tl;dr", "in plain english please"):
        chat, status, _notice, box, after = list(h.ask(said, "", turns, _Req()))[-1]
        assert "cannot reword or summarise an answer" in status and box == "" and after == turns
    assert len(h.pipeline.calls) == 1  # only the question itself was searched


def test_a_question_naming_its_subject_or_asking_for_more_is_still_searched():
    for question in ("explain that", "can you explain section 80F more simply", "summarise the flexible working "
                     "article", "what does simply mean", "tell me more"):
        assert small_talk(question) is None, question
    assert small_talk("shorter please") == REWORD
