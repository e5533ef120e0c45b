"""Walk 26, the status line (heard by screen readers, not seen) as an answer ends. "what does [9] say?" after an answer
citing [1] to [3] is answered "The answer before cites [1] to [3]; it has no [9]. ..." without a search, which the
pipeline marks refused, and the status line said "Not in the archive.": not what the answer said. Searched within one
issue, a refusal reads "The issue you searched does not cover this." and the status line still said the archive."""

from rag.answer.citations import NOT_IN_ARCHIVE
from rag.config import Settings
from rag.types import Answer
from rag.web.chat_render import finished_status
from tests.chat_fakes import DoneEvent, FakePipeline, SourcesEvent

POINTER_REPLY = ("The answer before cites [1] to [3]; it has no [9]. Ask about one of those, or ask your question in "
                 "words.")


class RepliesWithoutSearch(FakePipeline):
    """Answers as the pipeline does a follow-up pointing at no item: nothing searched, nothing cited, refused=True."""

    def stream(self, question, *, history=(), issue=None):
        self.calls.append({"question": question, "history": tuple(history), "issue": issue})
        yield SourcesEvent(hits=(), standalone_question=question, refused=True)
        yield DoneEvent(Answer(question, POINTER_REPLY, True, (), (), "none", {"total": 1},
                               standalone_question=question, index_version="v-test"))


class _Req:
    client = type("C", (), {"host": "10.0.0.1"})()
    session_hash = "s1"
    headers: dict = {}


def test_a_reply_given_instead_of_a_search_is_heard_as_itself_not_as_not_in_the_archive(tmp_path):
    from rag.web.chat_handlers import ChatHandlers

    h = ChatHandlers(RepliesWithoutSearch(), Settings(data_dir=tmp_path))
    chat, status, *_ = list(h.ask("what does [9] say?", "", [], _Req()))[-1]
    assert "Not in the archive" not in status, status
    assert "The answer before cites [1] to [3]; it has no [9]." in status and 'role="status"' in status, status
    assert POINTER_REPLY in chat["value"][-1]["content"]  # the answer itself as before


def test_the_status_says_what_the_answer_says():
    done = {"state": "done", "answer": "Managers get 3% [1]."}
    refused = {"state": "refused", "answer": NOT_IN_ARCHIVE}
    assert finished_status(done) == "Answered."
    assert finished_status(refused) == "Not in the archive."
    assert finished_status(dict(refused, answer="That is not in the archive.")) == "Not in the archive."  # a model's
    assert finished_status(dict(refused, scope="Healthcare Manager summer 2024")) == "Not in the issue searched."
    assert finished_status(dict(refused, answer="The archive has no issue 70. It holds: summer 2024.")) == \
        "The archive has no issue 70."
    assert finished_status({"state": "refused", "answer": POINTER_REPLY}) == \
        "The answer before cites [1] to [3]; it has no [9]."
