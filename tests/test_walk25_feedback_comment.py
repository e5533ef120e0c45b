"""Walk 25: a feedback comment over 2,000 characters was cut to its first 2,000 and recorded without a word to the
member, who thought the whole of it was sent. It is now refused with its length and the limit, and left in its box."""

import json

from rag.config import Settings
from rag.web.chat_handlers import ChatHandlers
from rag.web.feedback_log import MAX_COMMENT_CHARS
from tests.chat_fakes import FakePipeline


class _Req:
    def __init__(self):
        self.client = type("C", (), {"host": "10.0.0.1"})()
        self.session_hash = "s1"
        self.headers = {}


class _Like:
    def __init__(self, index, liked):
        self.index, self.liked, self.value = index, liked, None


def _voted(tmp_path):
    s = Settings(data_dir=tmp_path)
    h = ChatHandlers(FakePipeline(), s)
    turns = list(h.ask("What did Killens say?", "", [], _Req()))[-1][-1]
    *_, voted = h.vote(turns, _Like(1, False), _Req())
    return s, h, turns, voted


def test_a_comment_over_the_limit_is_refused_with_its_length_and_stays_in_its_box(tmp_path):
    s, h, turns, voted = _voted(tmp_path)
    long = "The answer cites the wrong page. " * 70  # 2,310 characters, as a member pasting an email
    status, box, more = h.comment(long, voted, turns, _Req())
    assert f"{len(long.strip()):,} characters long" in status and f"{MAX_COMMENT_CHARS:,}" in status
    assert "shorten" in status and box == long  # kept, to shorten
    records = [json.loads(line) for line in s.feedback_path.read_text().splitlines()]
    assert [r["comment"] for r in records] == [""]  # the vote only: no comment cut short was recorded


def test_a_comment_at_the_limit_is_recorded_whole(tmp_path):
    s, h, turns, voted = _voted(tmp_path)
    text = "x" * MAX_COMMENT_CHARS
    status, box, _ = h.comment(text, voted, turns, _Req())
    assert "recorded" in status and box == ""
    assert json.loads(s.feedback_path.read_text().splitlines()[-1])["comment"] == text
