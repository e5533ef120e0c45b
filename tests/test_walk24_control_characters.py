"""Walk 24: a question pasted with control characters ("what\\x00 is\\x07 mip\\x1b[31m really\\x08\\x08", as from a
terminal) showed in its question bubble with boxes for them, was kept so in the browser's saved chat and the feedback
trace, and got a "Searched for: what is mip really" line (the answering side had dropped them), read as a rewrite.
The chat now takes the question without them, as it takes it without invisible format characters."""

import pytest

from rag.config import Settings
from rag.errors import InputError
from rag.web.chat_handlers import ChatHandlers
from rag.web.limits import check_question
from tests.chat_fakes import FakePipeline

TYPED = "what\x00 is\x07 mip\x1b[31m really\x08\x08"


class _Req:
    client = type("C", (), {"host": "10.0.0.2"})()
    session_hash = "s24"
    headers: dict = {}


def test_control_characters_are_left_out_and_line_breaks_kept():
    assert check_question(TYPED, 1000) == "what is mip really"
    assert check_question("pay\tin 2024?\r\nand 2026?", 1000) == "pay\tin 2024?\r\nand 2026?"
    with pytest.raises(InputError, match="type a question"):
        check_question("\x07\x1b\x00 \x08", 1000)  # nothing but controls is an empty question


def test_the_question_shown_saved_and_searched_has_none(tmp_path):
    pipeline = FakePipeline()
    h, req = ChatHandlers(pipeline, Settings(data_dir=tmp_path)), _Req()
    *_, sent, _more, _chat, _box, turns = h.starting(TYPED, [], req)
    assert turns[-1]["question"] == "what is mip really"  # the bubble and the browser's copy, as it was sent
    turns = list(h.ask(TYPED, "", turns, req, sent))[-1][-1]
    assert pipeline.calls[-1]["question"] == "what is mip really"
    assert [t["question"] for t in turns] == ["what is mip really"] and turns[-1]["state"] == "done"
