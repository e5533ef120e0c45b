"""Walk 29: a question pasted with a terminal's colour codes ("\\x1b[31mhello\\x1b[0m what is MiP?") was shown in its
bubble, searched, and glued to the next question's rewrite as "[31mhello[0m what is MiP?": only each code's ESC was
taken out (walk 24), its "[31m" left in the words. A code now goes whole; the brackets a member types stay."""

from rag.config import Settings
from rag.web.chat_handlers import ChatHandlers
from rag.web.limits import check_question
from tests.chat_fakes import FakePipeline

PASTED = "\x1b[1;31mhello\x1b[0m what is MiP?\x1b[2K"


class _Req:
    client = type("C", (), {"host": "10.0.0.3"})()
    session_hash = "s29"
    headers: dict = {}


def test_a_terminal_code_goes_whole_and_a_typed_bracket_stays():
    assert check_question(PASTED, 1000) == "hello what is MiP?"
    assert check_question("what does [2] say?", 1000) == "what does [2] say?"  # no ESC: a member's own brackets
    assert check_question("[31m pay", 1000) == "[31m pay"
    assert check_question("pay \x1b[ 2024", 1000) == "pay [ 2024"  # an ESC with no code after it: the ESC alone


def test_the_question_shown_saved_and_searched_has_no_code(tmp_path):
    pipeline = FakePipeline()
    h, req = ChatHandlers(pipeline, Settings(data_dir=tmp_path)), _Req()
    *_, sent, _more, _chat, _box, turns = h.starting(PASTED, [], req)
    assert turns[-1]["question"] == "hello what is MiP?"  # the bubble and the browser's copy
    turns = list(h.ask(PASTED, "", turns, req, sent))[-1][-1]
    assert pipeline.calls[-1]["question"] == "hello what is MiP?"
    assert [t["question"] for t in turns] == ["hello what is MiP?"]
