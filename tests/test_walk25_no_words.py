"""Walk 25: "😀😀😀" or "???" was shown in the chat as a question being answered, then dropped with "Please type a
question." (the searching side finds nothing to search for), which read as if the app had not seen what was typed. It
is now told at once, in the status line, that there are no words to search for, and kept in the box."""

import gradio as gr

from rag.config import Settings
from rag.web.chat_handlers import ChatHandlers
from tests.chat_fakes import FakePipeline


class _Req:
    def __init__(self):
        self.client = type("C", (), {"host": "10.0.0.1"})()
        self.session_hash = "s1"
        self.headers = {}


def test_a_question_with_no_words_is_told_so_and_never_shown_or_searched(tmp_path):
    pipeline = FakePipeline()
    h = ChatHandlers(pipeline, Settings(data_dir=tmp_path))
    for typed in ("😀😀😀", "???", "… !"):
        shown = h.starting(typed, [], _Req())
        assert shown[-3:] == (gr.skip(),) * 3  # chat, box and conversation left as they were: no turn shown
        chat, status, _, box, turns = list(h.ask(typed, "", [], _Req()))[-1]
        assert "no words in that to search" in status and box == typed and turns == []
    assert pipeline.calls == []


def test_a_question_in_any_script_has_words():
    from rag.web.limits import check_question

    for typed in ("¿Qué es MiP?", "MiP是什么？", "8A?"):
        assert check_question(typed, 100) == typed
