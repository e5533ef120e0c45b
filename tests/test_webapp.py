"""Fast tests of the chat app's pure parts: rendering, escaping, limits, feedback records."""

import json
from datetime import datetime, timezone

import pytest

from rag.article_view import render_article_html, render_not_found
from rag.chat_render import (banner_html, chat_text, excerpt, history_pairs, message_html, messages,
                             render_sources_html, safe_url, status_line)
from rag.config import Settings
from rag.errors import InputError
from rag.feedback_log import append_feedback, feedback_record
from rag.limits import RateLimiter, check_question, rate_message
from rag.types import Hit, Issue
from tests.chat_fakes import CHUNKS, ISSUE, FakePipeline, hit_for

EVIL = '<script>alert(1)</script><img src=x onerror=alert(2)> ![p](http://evil.example/p.png) [click](http://evil.example)'


def test_sources_are_numbered_escaped_and_linked_to_the_article_view():
    hits = [hit_for(c, i) for i, c in enumerate(CHUNKS, start=1)]
    out = render_sources_html(hits)
    assert out.index("[1]") < out.index("[2]")
    assert 'href="/article/2026-summer-68/03-ambulance#p-c1"' in out
    assert "<b>" not in out and "&lt;b&gt;talks&lt;/b&gt;" in out
    assert "page 4" in out and "2026-06-01" in out and ISSUE.title in out
    assert "response times improved" in out


def test_a_refusal_shows_no_sources():
    assert render_sources_html([hit_for(CHUNKS[0], 1)], refused=True) == ""


def test_publisher_link_only_when_given_and_http():
    h = hit_for(CHUNKS[0], 1)
    with_pub = Hit(**{**h.to_dict(), "publisher_url": "https://mip.example/issue68#page=4"})
    assert "Publisher" in render_sources_html([with_pub])
    assert "Publisher" not in render_sources_html([h])
    js = Hit(**{**h.to_dict(), "publisher_url": "javascript:alert(1)"})
    assert "javascript:" not in render_sources_html([js])


def test_hostile_passage_text_and_url_are_neutralised():
    h = hit_for(CHUNKS[0], 1)
    bad = Hit(**{**h.to_dict(), "text": EVIL, "article": EVIL, "url": "javascript:alert(1)"})
    out = render_sources_html([bad])
    assert "<script" not in out and "<img" not in out and "javascript:" not in out
    assert "&lt;script&gt;" in out


@pytest.mark.parametrize("url,ok", [
    ("/article/a/b#p-c", True), ("https://x.example/p", True), ("javascript:alert(1)", False),
    ("data:text/html,x", False), ("//evil.example/x", False), ("https://x.example/\"onmouseover=x", False),
])
def test_safe_url_accepts_only_code_built_links(url, ok):
    assert (safe_url(url) is not None) is ok


def test_chat_text_strips_model_html_images_and_links_but_keeps_code_built_links():
    cites = [hit_for(CHUNKS[0], 1)]
    out = chat_text("Fine [1]. " + EVIL, hits=cites, notice="The language model was unavailable.")
    assert "<script" not in out and "<img" not in out and "evil.example" not in out and "](http" not in out
    assert "(/article/2026-summer-68/03-ambulance#p-c1)" in out
    assert out.startswith("**Note:**") and "Fine [1]." in out


def test_chat_text_escapes_markdown_in_headlines():
    h = Hit(**{**hit_for(CHUNKS[0], 1).to_dict(), "article": "Evil](javascript:x) ![i](http://e/i.png)"})
    out = chat_text("ok [1].", hits=[h])
    assert "](javascript" not in out and "![" not in out


def test_status_line_names_issues_index_and_model():
    out = status_line([ISSUE], index_version="20260601-abc", llm_name="openai/<gpt>")
    assert ISSUE.title in out and "20260601-abc" in out and "openai/&lt;gpt&gt;" in out


def test_messages_and_banner_escape():
    assert "<script>" not in message_html("<script>x</script>")
    assert 'role="alert"' in message_html("bad") and 'role="status"' in message_html("ok", "info")
    assert message_html("") == "" and banner_html("") == ""
    assert "&lt;i&gt;" in banner_html("<i>")


def test_history_pairs_keeps_recent_completed_turns():
    turns = [{"question": f"q{i}", "answer": f"a{i}", "display": ""} for i in range(10)]
    turns.append({"question": "pending", "answer": "", "display": "…"})
    pairs = history_pairs(turns)
    assert pairs[-1] == ("q9", "a9") and len(pairs) == 6
    assert [m["role"] for m in messages(turns[:2])] == ["user", "assistant", "user", "assistant"]


def test_excerpt_cuts_at_a_word():
    text = "word " * 200
    out = excerpt(text, 50)
    assert len(out) <= 52 and out.endswith("…") and "wor …" not in out


def test_question_limits():
    assert check_question("  hello? ", 10) == "hello?"
    with pytest.raises(InputError, match="type a question"):
        check_question("   ", 10)
    with pytest.raises(InputError, match="limit is 10"):
        check_question("x" * 11, 10)


def test_rate_limiter_allows_n_per_window_per_client():
    now = [0.0]
    rl = RateLimiter(3, clock=lambda: now[0])
    assert [rl.allow("a") for _ in range(4)] == [True, True, True, False]
    assert rl.allow("b")
    assert 59 < rl.retry_after("a") <= 60
    now[0] = 60.1
    assert rl.allow("a")
    assert "wait 60 s" in rate_message(59.2)


def test_feedback_record_has_the_full_trace(tmp_path):
    answer = FakePipeline().answer("What did Killens say?")
    when = datetime(2026, 6, 1, 12, 0, tzinfo=timezone.utc)
    rec = feedback_record(answer, rating="down", comment=" wrong page ", now=when)
    assert set(rec) >= {"time", "rating", "comment", "question", "standalone_question", "answer", "citations",
                        "hits", "llm", "index_version"}
    assert rec["comment"] == "wrong page" and rec["time"].startswith("2026-06-01T12:00")
    assert rec["hits"][0] == {"rank": 1, "chunk_id": "c1", "score": 0.8, "article": CHUNKS[0].headline,
                              "issue": ISSUE.issue_id}
    assert [c["n"] for c in rec["citations"]] == [1, 2]
    log = tmp_path / "sub" / "fb.jsonl"
    append_feedback(log, rec)
    append_feedback(log, feedback_record(answer, rating="up"))
    lines = [json.loads(x) for x in log.read_text().splitlines()]
    assert [x["rating"] for x in lines] == ["down", "up"]
    assert log.stat().st_mode & 0o077 == 0
    with pytest.raises(ValueError):
        feedback_record(answer, rating="meh")


def test_article_page_escapes_and_highlights():
    evil_issue = Issue("i", "<script>t</script>", "2026-06-01", "s", "f", url="javascript:alert(1)")
    out = render_article_html(evil_issue, CHUNKS, highlight="c2")
    assert "<script>" not in out and "javascript:" not in out
    assert 'id="p-c1"' in out and 'class="passage hl" id="p-c2"' in out
    assert "Page 4" in out and "Page 5" in out
    assert ":target" in out  # the #p-… fragment is highlighted without scripts
    assert "Article not found" in render_not_found()


def test_load_auth_reads_env_value_and_file(tmp_path):
    from rag.webapp import load_auth  # imports gradio

    f = tmp_path / "users"
    f.write_text("# staff\nann:pw1\nbob:pw:2\n")
    assert load_auth(Settings()) is None
    assert load_auth(Settings(auth="me:secret", auth_file=f)) == [("me", "secret"), ("ann", "pw1"), ("bob", "pw:2")]
    with pytest.raises(InputError):
        load_auth(Settings(auth="nopassword"))
    with pytest.raises(InputError):
        load_auth(Settings(auth_file=tmp_path / "missing"))


class _Req:
    """What the handlers read from gradio's Request: the client address."""

    def __init__(self, host="10.0.0.1"):
        self.client = type("C", (), {"host": host})()
        self.session_hash = "s1"


def _run(handlers, question, turns=(), last=None, issue="", host="10.0.0.1"):
    return list(handlers.ask(question, issue, list(turns), last, _Req(host)))


def test_ask_shows_sources_before_text_then_the_checked_answer(tmp_path):
    from rag.webapp import ChatHandlers

    pipe = FakePipeline()
    h = ChatHandlers(pipe, Settings(data_dir=tmp_path))
    steps = _run(h, "What did Killens say?", issue="2026-summer-68")
    first_sources = next(i for i, s in enumerate(steps) if s[1])
    first_text = next(i for i, s in enumerate(steps) if s[0] and "Response" in s[0][-1]["content"])
    assert first_sources < first_text
    chat, sources, status, notice, qbox, turns, last = steps[-1]
    assert "[1]" in chat[-1]["content"] and "#p-c1" in chat[-1]["content"]
    assert "Answered" in status and qbox == "" and last.answer.startswith("Response")
    assert pipe.calls[0]["issue"] == "2026-summer-68"
    # a follow-up carries the conversation so far
    _run(h, "And in winter?", turns=turns, last=last)
    assert pipe.calls[1]["history"] == (("What did Killens say?", last.answer),)


def test_ask_refusal_has_no_sources_and_notice_shows_a_banner(tmp_path):
    from rag.webapp import ChatHandlers

    h = ChatHandlers(FakePipeline(notice="The language model was unavailable."), Settings(data_dir=tmp_path))
    chat, sources, status, notice, *_ = _run(h, "What is the weather?")[-1]
    assert sources == "" and "Not in the archive" in status and "Sources" not in chat[-1]["content"]
    assert "unavailable" in notice and "banner" in notice


def test_ask_rejects_empty_long_and_too_frequent_questions(tmp_path):
    from rag.webapp import ChatHandlers

    pipe = FakePipeline()
    h = ChatHandlers(pipe, Settings(data_dir=tmp_path, max_question_chars=20, rate_per_minute=2))
    assert "type a question" in _run(h, "  ")[-1][2]
    long = _run(h, "x" * 21)[-1]
    assert "limit is 20" in long[2] and long[4] == "x" * 21  # the question stays for editing
    _run(h, "one?"), _run(h, "two?")
    assert "faster than this service allows" in _run(h, "three?")[-1][2]
    assert "Answered" in _run(h, "three?", host="10.0.0.2")[-1][2]  # limits are per client
    assert len(pipe.calls) == 3


def test_ask_turns_pipeline_errors_into_messages(tmp_path):
    from rag.errors import IndexUnavailable
    from rag.webapp import ChatHandlers

    class Broken(FakePipeline):
        def stream(self, question, **kw):
            raise IndexUnavailable('index/ not found: run "rag ingest corpus/"')
            yield

    chat, _, status, *_rest = _run(ChatHandlers(Broken(), Settings(data_dir=tmp_path)), "q?")[-1]
    assert "rag ingest" in status and chat == []


def test_feedback_buttons_append_the_trace(tmp_path):
    from rag.webapp import ChatHandlers

    s = Settings(data_dir=tmp_path)
    h = ChatHandlers(FakePipeline(), s)
    assert "Ask a question first" in h.feedback_down("x", None, _Req())[0]
    last = _run(h, "What did Killens say?")[-1][-1]
    status, comment = h.feedback_down("wrong issue", last, _Req())
    assert "recorded" in status and comment == ""
    rec = json.loads(s.feedback_path.read_text())
    assert rec["rating"] == "down" and rec["comment"] == "wrong issue" and rec["llm"] == "fake-llm"


def test_article_view_does_not_repeat_overlapping_text():
    from rag.article_view import render_article_html, without_overlap
    from rag.types import Chunk, Issue

    assert without_overlap("A one. B two. C three.", "B two. C three. D four.") == "D four."
    assert without_overlap("", "A one.") == "A one."
    assert without_overlap("A one.", "Z nothing shared.") == "Z nothing shared."
    issue = Issue("i", "Issue", "2026-06-01", "summer 2026", "f.txt")
    chunks = [Chunk(f"c{n}", "i", "Issue", "2026-06-01", "a", "Head", 1, n, text)
              for n, text in enumerate(["Alpha one. Beta two.", "Beta two. Gamma three."])]
    page = render_article_html(issue, chunks)
    assert page.count("Beta two.") == 1 and "Gamma three." in page and 'id="p-c1"' in page
