"""Fast tests of the chat app's pure parts: rendering, escaping, limits, feedback records."""

import dataclasses
import html
import json
import re
import time
from datetime import datetime, timezone

import pytest

from rag.answer.pipeline import DoneEvent, SourcesEvent, TokenEvent
from rag.config import Settings
from rag.errors import InputError
from rag.types import Answer, Chunk, Citation, Hit, Issue
from rag.web.article_view import render_article_html, render_not_found
from rag.web.chat_page import about_html, archive_words, coverage, intro_html, model_words, restore_turns
from rag.web.chat_render import (
    answer_html,
    banner_html,
    excerpt,
    history_pairs,
    message_html,
    messages,
    safe_url,
    source_entries,
)
from rag.web.feedback_log import answer_trace, append_feedback, feedback_record
from rag.web.limits import RateLimiter, check_question, rate_message
from tests.chat_fakes import CHUNKS, ISSUE, FakePipeline, hit_for

FOUR = CHUNKS + [Chunk(f"c{n}", ISSUE.issue_id, ISSUE.title, ISSUE.date, "04-pay", f"Pay round {n}", 6, n,
                       f"Passage {n}: the pay award was 3% for band {n} managers.") for n in (3, 4)]

EVIL = '<script>alert(1)</script><img src=x onerror=alert(2)> ![p](http://evil.example/p.png) [click](http://evil.example)'


def _turn(hits, *, cited=(), answer="", state="done", tid="t1"):
    return {"id": tid, "question": "q?", "answer": answer, "draft": "", "state": state,
            "sources": source_entries(hits), "cited": list(cited), "quoted": False, "vote": None, "trace": {}}


def _hrefs(out: str) -> list[str]:
    return re.findall(r'href="([^"]*)"', out)


def test_each_marker_links_to_the_source_with_the_same_number_and_passage():
    """The old chat list renumbered cited passages 1..k: an answer citing [2] and [4] showed them as 1 and 2."""
    hits = [hit_for(c, i) for i, c in enumerate(FOUR, start=1)]
    out = answer_html(_turn(hits, cited=[2, 4], answer="Crews stayed out [2]. Pay rose 3% [4]."))
    for n in (2, 4):
        assert f'href="#s-t1-{n}"' in out  # the marker
        card = re.search(rf'<li class="src" id="s-t1-{n}">(.*?)</li>', out).group(1)
        assert f"[{n}]" in card and excerpt(hits[n - 1].text) in card
        assert f"#p-{hits[n - 1].chunk_id}" in card  # its article link
        title = re.search(rf'href="#s-t1-{n}" title="([^"]*)"', out).group(1)
        assert html.unescape(title) == excerpt(hits[n - 1].text, 300)  # hover shows that passage
    cited_part = out.split('class="more-sources"')[0]
    assert 'id="s-t1-1"' not in cited_part and 'id="s-t1-3"' in out  # uncited ones folded away, same numbers


def test_while_writing_every_passage_is_listed_under_its_number():
    hits = [hit_for(c, i) for i, c in enumerate(FOUR, start=1)]
    out = answer_html(_turn(hits, answer="", state="writing") | {"draft": "So far [3] and [9]"})
    assert [f'id="s-t1-{n}"' in out for n in (1, 2, 3, 4)] == [True] * 4
    assert 'href="#s-t1-3"' in out and 'href="#s-t1-9"' not in out and "[9]" in out  # no source, no link
    assert "Searching" not in answer_html(_turn(hits, state="writing"))


def test_a_stopped_answer_says_what_to_do():
    """A member's walk reloaded mid-answer and read only "Stopped before the answer was finished." (they had pressed
    no Stop): it now says to ask again, as it does after Stop."""
    hits = [hit_for(c, i) for i, c in enumerate(FOUR, start=1)]
    for draft in ("", "Crews stayed"):
        out = answer_html(_turn(hits, state="stopped") | {"draft": draft})
        assert "Stopped before the answer was finished: ask again for the whole answer." in out


def test_a_draft_being_written_says_it_is_not_yet_checked():
    """A member's walk: the model's draft "The archive does not cover this" streamed in as if final, then was replaced
    by quoted passages. While it is written the draft says it is checked once finished and may change."""
    hits = [hit_for(c, i) for i, c in enumerate(FOUR, start=1)]
    writing = answer_html(_turn(hits, state="writing") | {"draft": "The archive does not"})
    assert "checked against its sources once it is finished, and may change" in writing
    assert "Reading the sources" not in writing
    assert "may change" not in answer_html(_turn(hits, state="writing"))  # nothing written yet: still reading
    for state in ("done", "stopped"):
        assert "may change" not in answer_html(_turn(hits, cited=[1], answer="Crews [1].", state=state))


def test_a_refusal_shows_no_sources():
    out = answer_html(_turn([hit_for(CHUNKS[0], 1)], answer="The archive does not cover this.", state="refused"))
    assert "src" not in out and "The archive does not cover this." in out


def test_addresses_and_markup_from_documents_and_models_never_become_links():
    h = hit_for(CHUNKS[0], 1)
    planted = Hit(**{**h.to_dict(), "text": "Write to jane.doe@mip.example or see www.mip.example/join and "
                                            "https://evil.example/x **now** <b>x</b> [y](http://e.x)",
                     "article": "Contact [us](mailto:a@b.example) *today*",
                     "publisher_url": "https://publisher.example/hm.pdf"})
    model = "Email jane.doe@mip.example [1]. " + EVIL + " **bold** _it_ mailto:x@y.example"
    out = answer_html(_turn([planted], cited=[1], answer=model))
    assert set(_hrefs(out)) == {"#s-t1-1", "/article/2026-summer-68/03-ambulance?hl=c1#p-c1",
                                "https://publisher.example/hm.pdf"}
    assert "<b>" not in out and "<strong>bold" not in out and "<script" not in out and "<img" not in out
    assert "jane.doe@mip.example" in out  # the address is shown as text


def test_hostile_passage_text_and_url_are_neutralised():
    h = hit_for(CHUNKS[0], 1)
    bad = Hit(**{**h.to_dict(), "text": EVIL, "article": EVIL, "url": "javascript:alert(1)"})
    out = answer_html(_turn([bad], cited=[1], answer="ok [1]."))
    assert "<script" not in out and "<img" not in out and "javascript:" not in out
    assert "&lt;script&gt;" in out


def test_publisher_link_only_when_given_and_http():
    h = hit_for(CHUNKS[0], 1)
    with_pub = Hit(**{**h.to_dict(), "publisher_url": "https://mip.example/issue68#page=4"})
    assert "Publisher" in answer_html(_turn([with_pub], cited=[1], answer="a [1]."))
    assert "Publisher" not in answer_html(_turn([h], cited=[1], answer="a [1]."))
    js = Hit(**{**h.to_dict(), "publisher_url": "javascript:alert(1)"})
    assert "javascript:" not in answer_html(_turn([js], cited=[1], answer="a [1]."))


@pytest.mark.parametrize("url,ok", [
    ("/article/a/b#p-c", True), ("https://x.example/p", True), ("javascript:alert(1)", False),
    ("data:text/html,x", False), ("//evil.example/x", False), ("https://x.example/\"onmouseover=x", False),
])
def test_safe_url_accepts_only_code_built_links(url, ok):
    assert (safe_url(url) is not None) is ok


def test_first_screen_says_what_the_archive_covers_in_plain_words():
    special = Issue("2024-summer", "Healthcare Manager summer 2024 (general election special)", "2024-06-01",
                    "summer 2024", "b.txt")
    assert coverage([ISSUE, special]) == "2 issues: summer 2024 (general election special); summer 2026, issue 68"
    out = intro_html([ISSUE], "extractive")
    assert "1 issue: summer 2026, issue 68" in out and "quoted" in out
    assert "index" not in out and "v-test" not in out  # the system's words go to the about line
    assert "written by" in model_words("openai/gpt-4o-mini") and "this server" in model_words("local")
    assert "v-1" in about_html("v-1", "openai/<x>") and "&lt;x&gt;" in about_html("v-1", "openai/<x>")
    about = about_html("v0011-20261130T145441", "extractive")
    assert "archive updated 30 Nov 2026 (version 11) · answers quoted from the articles" in about
    assert 'title="index v0011-20261130T145441, model extractive"' in about  # the exact names, for staff
    assert "small AI model" in about_html("v0011-20261130T145441", "local")
    assert archive_words("v0003-20261399T000000") == "archive version v0003-20261399T000000"
    down = about_html("v-1", "local", "the AI model is down, so answers are quoted passages (<signal 4>)")
    assert 'id="model-status">The AI model is down' in down and "&lt;signal 4&gt;" in down


def test_the_first_screen_says_what_the_numbers_are_for_and_claims_checks_only_of_a_model():
    """A member's walk: with quoted answers it read 'Every sentence must cite a passage [n]; the app checks each against
    the passage it cites and drops what that passage does not back' (a model's rules, in system words)."""
    quoted, written = intro_html([ISSUE], "extractive"), intro_html([ISSUE], "local")
    for out in (quoted, written):
        assert "[1]" in out and "leads to the passage" in out and "[n]" not in out and "does not back" not in out
    assert "checks" not in quoted and "checks each sentence" in written


def test_the_about_line_does_not_say_the_same_thing_twice():
    """A member's walk read 'answers quoted from the articles · Answers are quoted passages (no language model
    configured)': with no model there is no status to report, and a status that only names the model again adds nothing."""
    quoted = about_html("v0011-20261130T145441", "extractive", "answers are quoted passages (no AI model configured)")
    assert "model-status" not in quoted and quoted.lower().count("quoted") == 1
    named = about_html("v-1", "openai/gpt-4o-mini", "answers by openai/gpt-4o-mini")
    assert "model-status" not in named and named.count("answers by openai/gpt-4o-mini") == 1
    assert 'id="model-status">The AI model is starting' in about_html("v-1", "local", "the AI model is starting")


def test_every_id_on_the_chat_page_is_there_once(tmp_path):
    """A tester found two elements with id="about": the about line's gr.HTML and the <p> inside it. The ids Gradio
    gives the components and those in the HTML they hold are one page's ids."""
    from rag.web.app import build_app

    demo = build_app(FakePipeline(), Settings(data_dir=tmp_path))
    ids = []
    for component in demo.config["components"]:
        props = component.get("props", {})
        ids += [props["elem_id"]] if props.get("elem_id") else []
        for markup in (props.get("value"), props.get("placeholder")):
            ids += re.findall(r'\bid="([^"]*)"', markup if isinstance(markup, str) else "")
    assert "about" in ids and "intro" in ids
    assert sorted(i for i in set(ids) if ids.count(i) > 1) == []
    for status in ("", "the AI model is starting"):  # what the about line's timer and page load put in it
        assert 'id="about"' not in about_html("v-1", "local", status)


def test_turns_read_back_from_the_browser_are_checked():
    good = _turn([hit_for(CHUNKS[0], 1)], cited=[1], answer="a [1].", tid="ab12cd34")
    saved = [good, {"id": "<script>", "question": "x"}, "junk", {**good, "id": "ffff0000", "state": "writing",
                                                                  "vote": "maybe", "sources": ["x", {"n": 2}]}]
    turns = restore_turns(saved)
    assert [t["id"] for t in turns] == ["ab12cd34", "ffff0000"]
    assert turns[1]["state"] == "stopped" and turns[1]["vote"] is None and turns[1]["sources"] == [{"n": 2}]
    assert restore_turns(None) == [] and restore_turns({"a": 1}) == []


def test_messages_and_banner_escape():
    assert "<script>" not in message_html("<script>x</script>")
    assert 'role="alert"' in message_html("bad") and 'role="status"' in message_html("ok", "info")
    assert message_html("") == "" and banner_html("") == ""
    assert "&lt;i&gt;" in banner_html("<i>")


def test_history_pairs_keeps_recent_completed_turns():
    turns = [{"id": f"{i:04x}", "question": f"q{i}", "answer": f"a{i}", "state": "done"} for i in range(10)]
    turns.append({"id": "ffff", "question": "pending", "answer": "", "state": "writing"})
    pairs = history_pairs(turns)
    assert pairs[-1] == ("q9", "a9") and len(pairs) == 6
    assert [m["role"] for m in messages(turns[:2])] == ["user", "assistant", "user", "assistant"]
    assert "&lt;b&gt;" in messages([{"id": "0000", "question": "<b>hi</b>", "state": "done"}])[0]["content"]


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
    rec = feedback_record(answer_trace(answer), rating="down", comment=" wrong page ", answer_id="ab12", now=when)
    assert set(rec) >= {"time", "rating", "comment", "question", "standalone_question", "answer", "citations",
                        "hits", "llm", "index_version", "answer_id"}
    assert rec["comment"] == "wrong page" and rec["time"].startswith("2026-06-01T12:00") and rec["answer_id"] == "ab12"
    assert rec["hits"][0] == {"rank": 1, "chunk_id": "c1", "score": 0.8, "article": CHUNKS[0].headline,
                              "issue": ISSUE.issue_id}
    assert [c["n"] for c in rec["citations"]] == [1, 2]
    assert feedback_record(answer, rating="none")["rating"] == "none"  # a withdrawn vote
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
    header = out.split("<header>")[1].split("</header>")[0]  # sticky: in view above the scrolled-to passage
    assert "Back to the chat" in header and "&lt;script&gt;t" in header and "page 4" in header and "<h1>" in header
    assert "position:sticky" in out and "scroll-margin-top" in out
    assert "prefers-color-scheme:dark" in out and 'name="color-scheme"' in out
    assert "Article not found" in render_not_found()


def test_load_auth_reads_env_value_and_file(tmp_path):
    from rag.web.access import load_auth

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
        self.headers = {}


class _Like:
    """What gradio's LikeData carries: the message index and the vote (True, False or "" for withdrawn)."""

    def __init__(self, index, liked):
        self.index, self.liked, self.value = index, liked, None


class CitesTwoAndFour(FakePipeline):
    """Sends four passages and cites the 2nd and 4th, as real answers do."""

    def stream(self, question, *, history=(), issue=None):
        self.calls.append({"question": question, "history": tuple(history), "issue": issue})
        hits = tuple(hit_for(c, i) for i, c in enumerate(FOUR, start=1))
        yield SourcesEvent(hits=hits, standalone_question=question, refused=False)
        text = "Crews stayed on the road [2]. The pay award was 3% [4]."
        for word in text.split(" "):
            time.sleep(0.06)  # slower than the app's redraw interval, so every word is shown
            yield TokenEvent(word + " ")
        cites = tuple(Citation(n, hits[n - 1].chunk_id, hits[n - 1].text, ISSUE.issue_id, ISSUE.title, ISSUE.date,
                               hits[n - 1].article, hits[n - 1].page, hits[n - 1].url) for n in (2, 4))
        yield DoneEvent(Answer(question, text, False, cites, hits, self.llm_name, {"total": 1},
                               standalone_question=question, notice=self.notice, index_version="v-test"))


def _run(handlers, question, turns=(), issue="", host="10.0.0.1"):
    return list(handlers.ask(question, issue, list(turns), _Req(host)))


def _msgs(chat) -> list:
    return chat["value"]  # the Chatbot update: messages and pressed vote buttons together


def _content(step) -> str:
    return _msgs(step[0])[-1]["content"] if _msgs(step[0]) else ""


def test_ask_shows_sources_before_text_then_the_checked_answer(tmp_path):
    from rag.web.chat_handlers import ChatHandlers

    pipe = CitesTwoAndFour()
    h = ChatHandlers(pipe, Settings(data_dir=tmp_path))
    steps = _run(h, "What did Killens say?", issue="2026-summer-68")
    first_sources = next(i for i, s in enumerate(steps) if 'class="src"' in _content(s))
    first_text = next(i for i, s in enumerate(steps) if "Crews" in _content(s))
    assert first_sources < first_text
    chat, status, notice, qbox, turns = steps[-1]
    tid = turns[-1]["id"]
    final = _msgs(chat)[-1]["content"]
    for n in (2, 4):  # the streamed and the final text link [n] to source n of this answer
        assert f'href="#s-{tid}-{n}"' in final and f'id="s-{tid}-{n}"' in final
        assert f'href="#s-{tid}-{n}"' in _content(steps[-2])  # streamed, before the checked answer
    assert turns[-1]["cited"] == [2, 4] and turns[-1]["state"] == "done"
    assert "Answered" in status and notice == ""
    import gradio as gr  # the box was emptied as the question was sent (starting), and is left to the next question
    assert all(step[3] == gr.skip() for step in steps)
    assert pipe.calls[0]["issue"] == "2026-summer-68"
    # a follow-up carries the conversation so far, and its own numbering
    steps2 = _run(h, "And in winter?", turns=turns)
    assert pipe.calls[1]["history"] == (("What did Killens say?", turns[-1]["answer"]),)
    turns2 = steps2[-1][-1]
    assert turns2[0]["id"] != turns2[1]["id"] and f'href="#s-{turns2[1]["id"]}-2"' in _content(steps2[-1])


def test_ask_refusal_has_no_sources_and_a_fallback_notice_is_said_once_above_the_chat(tmp_path):
    from rag.web.chat_handlers import ChatHandlers

    h = ChatHandlers(FakePipeline(notice="The AI model was unavailable."), Settings(data_dir=tmp_path))
    chat, status, notice, *_ = _run(h, "What is the weather?")[-1]
    assert 'class="src"' not in _msgs(chat)[-1]["content"] and "Not in the archive" in status
    chat, status, notice, *_ = _run(h, "What did Killens say?")[-1]
    assert "unavailable" in notice and "banner" in notice
    assert "unavailable" not in _msgs(chat)[-1]["content"]  # not repeated inside every answer
    quiet = ChatHandlers(FakePipeline(notice="Quoted passages", llm_name="extractive"), Settings(data_dir=tmp_path))
    assert _run(quiet, "What did Killens say?")[-1][2] == ""  # the first screen already says so


class RefusesWithFurtherReading(FakePipeline):
    """Refuses as the real pipeline does: the nearest passages come as further reading (never cited)."""

    def __init__(self, *, refuse_at_retrieval=True, off_topic=False):
        super().__init__()
        self.refuse_at_retrieval, self.off_topic = refuse_at_retrieval, off_topic

    def stream(self, question, *, history=(), issue=None):
        hits = tuple(hit_for(c, i) for i, c in enumerate(FOUR, start=1))  # two passages of one article first
        further = () if self.off_topic else hits[:3]  # off the archive's topics the pipeline offers none
        yield SourcesEvent(hits=further, standalone_question=question, refused=self.refuse_at_retrieval)
        yield DoneEvent(Answer(question, "The archive does not cover this.", True, (), hits, "none", {"total": 1},
                               standalone_question=question, index_version="v-test"))


@pytest.mark.parametrize("at_retrieval", [True, False])
def test_a_refusal_offers_the_nearest_articles_as_further_reading(tmp_path, at_retrieval):
    """A member's walk: 'The archive does not cover this.' stood alone, though the pipeline sends the nearest
    passages as further reading. Each article once, linked at its nearest passage; never a numbered source."""
    from rag.web.chat_handlers import ChatHandlers

    h = ChatHandlers(RefusesWithFurtherReading(refuse_at_retrieval=at_retrieval), Settings(data_dir=tmp_path))
    chat, status, notice, qbox, turns = _run(h, "How many jobs will go?")[-1]
    out = _msgs(chat)[-1]["content"]
    assert turns[-1]["state"] == "refused" and turns[-1]["sources"] == [] and "Not in the archive" in status
    assert "The archive does not cover this." in out and 'class="src"' not in out and "cite" not in out
    assert "Further reading" in out and out.count('class="further-link"') == 2  # 2 articles among 3 passages
    assert f'href="/article/{ISSUE.issue_id}/03-ambulance?hl=c1#p-c1"' in out  # the nearest passage, highlighted
    assert "Pay round 3" in out and "Ambulance chief &lt;b&gt;talks&lt;/b&gt;" in out
    assert restore_turns(turns)[-1]["further"] == turns[-1]["further"]  # kept across a reload
    planted = [{"article": "x", "where": "y", "url": "javascript:alert(1)"}, "junk", {"article": 3}]
    back = restore_turns([{**turns[-1], "further": planted}])[-1]
    assert "javascript" not in answer_html(back) and "further-link" not in answer_html(back)


def test_a_question_off_the_archives_topics_gets_no_further_reading(tmp_path):
    # a member's walk: the weather and the FA Cup were offered three unrelated articles to read
    from rag.web.chat_handlers import ChatHandlers

    h = ChatHandlers(RefusesWithFurtherReading(off_topic=True), Settings(data_dir=tmp_path))
    chat, status, notice, qbox, turns = _run(h, "What's the weather in Paris?")[-1]
    out = _msgs(chat)[-1]["content"]
    assert "The archive does not cover this." in out and "Further reading" not in out and turns[-1]["further"] == []


FILLER = " ".join(f"Paragraph {w} covers the {w} meeting of the board in some detail." for w in
                  ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"))
LONG = Chunk("c9", ISSUE.issue_id, ISSUE.title, ISSUE.date, "04-pay", "Pay round", 6, 9,
             FILLER + " Band 7 managers got a 3% award from April. Unions said it came late.")


class QuotesLateSentence(FakePipeline):
    """Quotes a sentence from far into passage 1 and the first sentence of passage 2, as quoted answers do."""

    def stream(self, question, *, history=(), issue=None):
        hits = (hit_for(LONG, 1), hit_for(CHUNKS[0], 2))
        yield SourcesEvent(hits=hits, standalone_question=question, refused=False)
        text = '"Band 7 managers got a 3% award from April." [1] "Jason Killens said response times improved." [2]'
        cites = tuple(Citation(n, h.chunk_id, h.text, h.issue, h.issue_title, h.date, h.article, h.page, h.url)
                      for n, h in enumerate(hits, start=1))
        yield DoneEvent(Answer(question, text, False, cites, hits, "extractive", {"total": 1},
                               standalone_question=question, index_version="v-test"))


def test_a_source_card_shows_the_sentence_its_marker_cites(tmp_path):
    """A member's walk: [1] quoted a sentence the card (the passage's first 320 characters) and the hover did not show.
    The card now starts at the cited sentence when it would not be in view; a passage cited from its start is unchanged."""
    from rag.web.chat_handlers import ChatHandlers

    chat, status, notice, qbox, turns = _run(ChatHandlers(QuotesLateSentence(), Settings(data_dir=tmp_path)), "Pay?")[-1]
    out, tid = _msgs(chat)[-1]["content"], turns[-1]["id"]
    card = html.unescape(re.search(rf'<li class="src" id="s-{tid}-1">.*?<blockquote class="src-text">(.*?)</blockquote>',
                                   out).group(1))
    assert card.startswith("… Band 7 managers got a 3% award from April.")
    title = html.unescape(re.search(rf'href="#s-{tid}-1" title="([^"]*)"', out).group(1))
    assert title.startswith("… Band 7 managers got a 3% award")  # the hover too
    second = re.search(rf'<li class="src" id="s-{tid}-2">.*?<blockquote class="src-text">(.*?)</blockquote>', out).group(1)
    assert second == CHUNKS[0].text  # cited from its start: shown from its start
    assert len(LONG.text) > 2 * 320  # the cited sentence lies beyond what was kept of the passage before


def test_a_question_is_kept_in_the_browser_as_it_is_sent(tmp_path):
    """Before, the browser's copy was written only once the answer was done: a reload mid-answer lost the question."""
    import gradio as gr

    from rag.web.chat_handlers import ChatHandlers

    h = ChatHandlers(FakePipeline(), Settings(data_dir=tmp_path, max_question_chars=50))
    earlier = [_turn([hit_for(CHUNKS[0], 1)], cited=[1], answer="a [1].", tid="ab12cd34")]
    send, stop, saved, *_ = h.starting("  What did Killens say? ", earlier, _Req())
    assert send["visible"] is False and stop["visible"] is True
    assert [t["question"] for t in saved] == ["q?", "What did Killens say?"] and saved[0] is earlier[0]
    assert restore_turns(saved)[-1]["state"] == "stopped"  # shown after a reload as stopped, not lost
    for bad in ("   ", "x" * 51):  # nothing is asked, so nothing new is kept
        assert h.starting(bad, earlier, _Req())[2] == gr.skip()


def test_an_answer_from_one_issue_says_so(tmp_path):
    """A member's walk: with the filter left on one issue, answers gave no sign that other issues were not searched
    (and after a reload the filter shows all issues again, beside answers from one)."""
    from rag.web.chat_handlers import ChatHandlers

    h = ChatHandlers(FakePipeline(), Settings(data_dir=tmp_path))
    chat, *_, turns = _run(h, "What did Killens say?", issue=ISSUE.issue_id)[-1]
    assert "Searched only Healthcare Manager issue 68, summer 2026." in _msgs(chat)[-1]["content"]
    assert restore_turns(turns)[-1]["scope"] == "Healthcare Manager issue 68, summer 2026"  # kept across a reload
    chat, *_ = _run(h, "What did Killens say?", turns=turns)[-1]
    assert "Searched only" not in _msgs(chat)[-1]["content"]  # all issues: nothing to say
    assert "Searched only" in _msgs(chat)[-3]["content"]  # the earlier answer keeps its note
    chat, *_ = _run(h, "What is the weather?", issue=ISSUE.issue_id)[-1]
    assert "Searched only" in _msgs(chat)[-1]["content"]  # a refusal too: another issue may cover it


def test_a_refusal_within_one_issue_says_that_issue_does_not_cover_it(tmp_path):
    """A member's walk, filtered to 2024: "what pay rise did we get" was told "The archive does not cover this."
    under a notice that issue 68 answers it. Only the issue searched was looked in, and the answer says so."""
    from dataclasses import replace

    from rag.answer.citations import NOT_IN_ARCHIVE
    from rag.web.chat_handlers import ChatHandlers

    class RefusesAsThePipelineDoes(FakePipeline):
        def stream(self, question, *, history=(), issue=None):
            for ev in super().stream(question, history=history, issue=issue):
                yield replace(ev, answer=replace(ev.answer, answer=NOT_IN_ARCHIVE)) if hasattr(ev, "answer") else ev

    h = ChatHandlers(RefusesAsThePipelineDoes(), Settings(data_dir=tmp_path))
    chat, *_, turns = _run(h, "What is the weather?", issue=ISSUE.issue_id)[-1]
    shown = _msgs(chat)[-1]["content"]
    assert "The issue you searched does not cover this." in shown and "The archive does not" not in shown
    assert turns[-1]["answer"] == "The archive does not cover this."  # kept as answered (follow-ups, feedback)
    chat, *_ = _run(h, "What is the weather?", turns=turns)[-1]
    assert "The archive does not cover this." in _msgs(chat)[-1]["content"]  # all issues searched: the archive
    assert "The issue you searched" in _msgs(chat)[-3]["content"]  # the earlier answer keeps its words


class RewritesFollowUps(FakePipeline):
    """Answers a follow-up as the real pipeline does: searching for the question rewritten to stand alone."""

    def stream(self, question, *, history=(), issue=None):
        for ev in super().stream(question, history=history, issue=issue):
            if hasattr(ev, "answer") and history:
                standalone = "What pay award did NHS managers get in 2023?"
                ev = DoneEvent(Answer(**{**ev.answer.__dict__, "standalone_question": standalone}))
            yield ev


def test_a_follow_up_says_what_was_searched_for(tmp_path):
    """A member's walk: 'who said that?' came back 'The archive does not cover this.' with no sign of what the archive
    was asked; a follow-up now shows the question it became, so a member can ask it better."""
    from rag.web.chat_handlers import ChatHandlers

    h = ChatHandlers(RewritesFollowUps(), Settings(data_dir=tmp_path))
    chat, *_, turns = _run(h, "What pay award did NHS managers get in 2024?")[-1]
    assert "Searched for" not in _msgs(chat)[-1]["content"]  # a question asked in full: nothing to add
    chat, *_, turns = _run(h, "and the year before?", turns=turns)[-1]
    assert "Searched for: What pay award did NHS managers get in 2023?" in _msgs(chat)[-1]["content"]
    assert restore_turns(turns)[-1]["searched"] == "What pay award did NHS managers get in 2023?"


def test_ask_rejects_empty_long_and_too_frequent_questions(tmp_path):
    from rag.web.chat_handlers import ChatHandlers

    pipe = FakePipeline()
    h = ChatHandlers(pipe, Settings(data_dir=tmp_path, max_question_chars=20, rate_per_minute=2))
    assert "type a question" in _run(h, "  ")[-1][1]
    long = _run(h, "x" * 21)[-1]
    assert "limit is 20" in long[1] and long[3] == "x" * 21  # the question stays for editing
    _run(h, "one?"), _run(h, "two?")
    assert "faster than this service allows" in _run(h, "three?")[-1][1]
    assert "Answered" in _run(h, "three?", host="10.0.0.2")[-1][1]  # limits are per client
    assert len(pipe.calls) == 3


def test_ask_turns_pipeline_errors_into_messages(tmp_path):
    from rag.errors import IndexUnavailable
    from rag.web.chat_handlers import ChatHandlers

    class Broken(FakePipeline):
        def stream(self, question, **kw):
            raise IndexUnavailable('index/ not found: run "rag ingest corpus/"')
            yield

    chat, status, *_rest = _run(ChatHandlers(Broken(), Settings(data_dir=tmp_path)), "q?")[-1]
    assert "rag ingest" in status and _msgs(chat) == []


def test_one_vote_per_answer_changeable_and_logged_with_its_trace(tmp_path):
    from rag.web.chat_handlers import ChatHandlers

    s = Settings(data_dir=tmp_path)
    h = ChatHandlers(FakePipeline(), s)
    turns = _run(h, "What did Killens say?")[-1][-1]
    turns = _run(h, "And in winter?", turns=turns)[-1][-1]
    chat, status, turns, more, voted = h.vote(turns, _Like(1, False), _Req())  # the first answer
    assert "recorded" in status and turns[0]["vote"] == "down" and turns[1]["vote"] is None and voted == turns[0]["id"]
    chat, status, turns, more, voted = h.vote(turns, _Like(1, True), _Req())  # changed
    assert turns[0]["vote"] == "up" and chat["feedback_value"] == ["Like", None]
    status, comment, _ = h.comment("cites the right page", voted, turns, _Req())
    assert "recorded" in status and comment == ""
    _, status, turns, *_ = h.vote(turns, _Like(1, ""), _Req())  # withdrawn
    assert turns[0]["vote"] is None and "withdrawn" in status
    recs = [json.loads(x) for x in s.feedback_path.read_text().splitlines()]
    assert [r["rating"] for r in recs] == ["down", "up", "up", "none"]
    assert {r["answer_id"] for r in recs} == {turns[0]["id"]} and recs[2]["comment"] == "cites the right page"
    assert recs[0]["question"] == "What did Killens say?" and recs[0]["llm"] == "fake-llm" and recs[0]["hits"]
    assert "Rate an answer first" in h.comment("x", turns[0]["id"], turns, _Req())[0]


class NotBacked(FakePipeline):
    """The model writes an answer the check does not back: quotes are shown instead (as the local model's often are)."""

    def stream(self, question, *, history=(), issue=None):
        hits = tuple(hit_for(c, i) for i, c in enumerate(CHUNKS, start=1))
        yield SourcesEvent(hits=hits, standalone_question=question, refused=False)
        for word in "Alison Moore interviewed Killens in 2019 [1].".split():
            yield TokenEvent(word + " ")
        cites = (Citation(1, hits[0].chunk_id, hits[0].text, hits[0].issue, hits[0].issue_title, hits[0].date,
                          hits[0].article, hits[0].page, hits[0].url),)
        yield DoneEvent(Answer(question, f'"{hits[0].text}" [1]', False, cites, hits, "fake-llm", {"total": 1},
                               standalone_question=question, index_version="v-test",
                               notice="The AI model could not answer (its answer was not backed by the sources)"))


def test_a_vote_on_an_answer_the_check_replaced_records_what_the_model_wrote(tmp_path):
    """Walk 20: "who interviewed him" (Jason Killens) was answered with quotes, the model's answer "not backed by the
    sources"; a thumbs-down on it logged the quotes only, so staff could not see what the model had said or why it
    was dropped. The feedback record now holds the model's own words when they are not what was shown."""
    from rag.web.chat_handlers import ChatHandlers

    s = Settings(data_dir=tmp_path)
    h = ChatHandlers(NotBacked(), s)
    turns = _run(h, "who interviewed him")[-1][-1]
    h.vote(turns, _Like(1, False), _Req())
    rec = json.loads(s.feedback_path.read_text().splitlines()[-1])
    assert rec["model_wrote"] == "Alison Moore interviewed Killens in 2019 [1]." and rec["answer"].startswith('"')
    shown = ChatHandlers(FakePipeline(), Settings(data_dir=tmp_path / "b"))  # the model's answer shown: not repeated
    turns = _run(shown, "What did Killens say?")[-1][-1]
    assert turns[-1]["trace"]["model_wrote"] == "" and turns[-1]["trace"]["answer"]


def test_a_stopped_answer_is_not_offered_for_rating_as_if_it_were_unfinished(tmp_path):
    """A member's walk: a thumb on an answer they had stopped said "You can rate an answer once it is finished",
    and it never would be. It says why not and what to do; the page hides that answer's thumbs (CSS)."""
    from rag.web.chat_handlers import ChatHandlers
    from rag.web.chat_page import CSS

    s = Settings(data_dir=tmp_path)
    h = ChatHandlers(FakePipeline(), s)
    turns = _run(h, "What did Killens say?")[-1][-1]
    _, _, turns = h.stop(turns + [dict(turns[0], id="ab12cd34", state="writing")], _Req())
    _, status, turns, more, voted = h.vote(turns, _Like(3, True), _Req())
    assert "stopped before it was finished" in status and "ask again" in status and "once it is finished" not in status
    assert voted is None and turns[1]["vote"] is None and not s.feedback_path.exists()
    assert ".answer:not(.st-done,.st-refused))+.message-buttons" in CSS  # unfinished or stopped: no thumbs


def test_a_greeting_or_thanks_gets_a_reply_not_a_search_of_the_archive(tmp_path):
    """A member's walk: "hi" was answered "The archive does not cover this.", and "thanks" after an answer got quotes
    about being thanked, searched for as "what can you do thanks?". A greeting, thanks or "what can you do?" on its
    own is answered in the status line; the archive is not searched and the chat is unchanged."""
    from rag.web.chat_handlers import ChatHandlers
    from rag.web.small_talk import HELLO, HELP, THANKS, small_talk

    pipeline = FakePipeline()
    h = ChatHandlers(pipeline, Settings(data_dir=tmp_path))
    turns = _run(h, "What did Killens say?")[-1][-1]
    for said, reply in (("hi", HELLO), ("Thanks!", THANKS), ("thank you very much.", THANKS),
                        ("What can you do?", HELP)):
        chat, status, _, box, after = _run(h, said, turns=turns)[-1]
        assert html.escape(reply) in status and after == turns and box == ""
        assert len(_msgs(chat)) == 2  # the conversation as it was
    assert [c["question"] for c in pipeline.calls] == ["What did Killens say?"]  # never searched
    for question in ("thanks, and what about 2024?", "hi, what pay rise did we get?", "help with redundancy",
                     "What did Killens say?"):
        assert small_talk(question) is None  # a question: the archive answers it


def test_a_lone_surrogate_in_a_question_or_comment_still_gets_a_reply_that_can_be_sent(tmp_path):
    """A request's JSON may hold "\\ud800" (a lone surrogate): echoed back, the reply could not be encoded as
    UTF-8 (gradio: "str is not valid UTF-8: surrogates not allowed"), so the member got no answer and no message."""
    import orjson  # what gradio encodes its replies with

    from rag.web.chat_handlers import ChatHandlers

    s = Settings(data_dir=tmp_path, max_question_chars=50)
    h = ChatHandlers(FakePipeline(), s)
    for question in ("\ud800\udfff", "\udcff" + "x" * 60, "What did Killens \ud800 say?"):  # blank, long, fine
        steps = _run(h, question)
        for step in steps:
            orjson.dumps(step, default=str)
    turns = steps[-1][-1]
    assert " ".join(turns[-1]["question"].split()) == "What did Killens say?"
    *_, voted = h.vote(turns, _Like(1, False), _Req())
    for step in (h.comment("wrong \ud800 page", voted, turns, _Req()), h.comment("\ud800", "nope", turns, _Req())):
        orjson.dumps(step, default=str)
    assert " ".join(json.loads(s.feedback_path.read_text().splitlines()[-1])["comment"].split()) == "wrong page"


def test_stop_keeps_the_text_so_far_and_restore_shows_the_saved_chat(tmp_path):
    from rag.web.chat_handlers import ChatHandlers

    h = ChatHandlers(FakePipeline(), Settings(data_dir=tmp_path))
    steps = _run(h, "What did Killens say?")
    turns = steps[-2][-1]  # as the page held them while the text streamed
    turns[-1]["state"] = "writing"
    chat, status, turns = h.stop(turns, _Req())
    assert turns[-1]["state"] == "stopped" and "Stopped" in _msgs(chat)[-1]["content"]
    done = _run(h, "What did Killens say?")[-1][-1]
    done[-1]["vote"] = "down"
    update, restored = h.restore(json.loads(json.dumps(done)))  # as kept in the browser
    assert restored == done and update["feedback_value"] == ["Dislike"]
    assert 'class="src"' in update["value"][-1]["content"]


class RecordsItsStreams(CitesTwoAndFour):
    """Records how each answer's stream ended: "closed" before its answer (the model server stops writing)."""

    def __init__(self):
        super().__init__()
        self.ends: list[str] = []

    def stream(self, question, *, history=(), issue=None):
        last = None
        try:
            for last in super().stream(question, history=history, issue=issue):
                yield last
        finally:
            self.ends.append("answered" if hasattr(last, "answer") else "closed")


def test_new_chat_or_stop_ends_the_answer_being_written_in_that_session_only(tmp_path):
    """A redraw sent after New chat brought the old conversation back (a real-browser race): none is sent now.
    The answer ends itself (not by Gradio's cancelling, which drew red "Error" badges): its model stream is closed,
    and its last step redraws nothing, since Gradio repeats an answer's last step as it ends."""
    from rag.web.chat_handlers import UNCHANGED, ChatHandlers

    pipe = RecordsItsStreams()
    h = ChatHandlers(pipe, Settings(data_dir=tmp_path))
    for interrupt in (lambda: h.new_chat(_Req()), lambda: h.stop([], _Req())):
        pipe.ends.clear()
        mine = h.ask("What did Killens say?", "", [], _Req())
        other = _Req()
        other.session_hash = "s2"
        theirs = h.ask("What did Killens say?", "", [], other)
        for _ in range(3):  # searching, sources, first words
            next(mine), next(theirs)
        interrupt()
        assert next(mine) == UNCHANGED and all(u == {"__type__": "update"} for u in UNCHANGED)
        assert pipe.ends == ["closed"]  # at that step, before Gradio asks for another
        assert list(mine) == []
        rest = list(theirs)  # another member's answer goes on to the end
        assert rest and rest[-1][-1][-1]["state"] == "done" and pipe.ends == ["closed", "answered"]


def test_a_question_stopped_while_it_waits_in_the_queue_is_not_answered(tmp_path):
    """The mark an answer checks is taken as its question is sent (starting), not when the queue lets it start."""
    from rag.web.chat_handlers import UNCHANGED, ChatHandlers

    pipe = RecordsItsStreams()
    h = ChatHandlers(pipe, Settings(data_dir=tmp_path))
    for interrupt in (lambda: h.new_chat(_Req()), lambda: h.stop([], _Req())):
        _, _, _, sent, *_ = h.starting("What did Killens say?", [], _Req())
        interrupt()  # while the answer waits for a free place in the queue
        assert list(h.ask("What did Killens say?", "", [], _Req(), sent)) == [UNCHANGED] and pipe.calls == []
    _, _, _, sent, *_ = h.starting("What did Killens say?", [], _Req())  # the next question is answered
    assert _run(h, "What did Killens say?")[-1][-1][-1]["state"] == "done"
    assert list(h.ask("What did Killens say?", "", [], _Req(), sent))[-1][-1][-1]["state"] == "done"


def test_settle_drops_turns_asked_before_new_chat_and_stops_an_answer_left_writing():
    """What runs once an answer is cancelled, should a redraw sent just before New chat or Stop land after it."""
    from rag.web.chat_handlers import ChatHandlers
    from rag.web.chat_render import new_turn, settled

    old = [dict(new_turn("Pay?"), id="a1", asked=10.0, state="done"),
           dict(new_turn("Jobs?"), id="a2", asked=20.0, state="writing")]
    assert settled(old, 0.0) == [old[0], dict(old[1], state="stopped")]  # Stop's late redraw
    assert settled(old, 25.0) == []  # New chat's late redraw
    assert settled(old[:1], 5.0) == old[:1]  # nothing to put right
    assert settled([{"id": "b1", "state": "done"}], 0.0) == [{"id": "b1", "state": "done"}]  # kept before "asked"
    send, stop, saved, chat, turns = ChatHandlers.settle(old, 25.0)
    assert saved == turns == [] and chat["value"] == [] and send["visible"] and not stop["visible"]
    chat, turns = ChatHandlers.settle(old[:1], 5.0)[3:]  # redrawn even so: the browser may replay a redraw
    assert turns == old[:1] and len(chat["value"]) == 2


def test_interrupts_count_per_session_and_forget_the_oldest():
    from rag.web.interrupts import Interrupts

    marks = Interrupts(max_sessions=2)
    a = marks.mark("a")
    marks.interrupt("b")
    assert marks.live("a", a) and not marks.live("b", 0)
    marks.interrupt("a")
    assert not marks.live("a", a) and marks.live("a", marks.mark("a"))
    marks.interrupt("c")  # "b" is the oldest and is forgotten
    assert marks.mark("b") == 0 and marks.mark("c") == 1
    marks.interrupt(None)  # a call without a browser session has nothing to stop
    assert marks.live(None, 0)


def test_article_view_does_not_repeat_overlapping_text():
    from rag.types import Chunk, Issue
    from rag.web.article_view import render_article_html, without_overlap

    assert without_overlap("A one. B two. C three.", "B two. C three. D four.") == "D four."
    assert without_overlap("", "A one.") == "A one."
    assert without_overlap("A one.", "Z nothing shared.") == "Z nothing shared."
    issue = Issue("i", "Issue", "2026-06-01", "summer 2026", "f.txt")
    chunks = [Chunk(f"c{n}", "i", "Issue", "2026-06-01", "a", "Head", 1, n, text)
              for n, text in enumerate(["Alpha one. Beta two.", "Beta two. Gamma three."])]
    page = render_article_html(issue, chunks)
    assert page.count("Beta two.") == 1 and "Gamma three." in page and 'id="p-c1"' in page
    # the cited passage is highlighted whole, even the sentence it shares with the one before
    page = render_article_html(issue, chunks, highlight="c1")
    assert page.count("Beta two.") == 1
    assert re.search(r'class="passage hl" id="p-c1" tabindex="-1"><p>Beta two. Gamma three.</p>', page)


def test_a_member_waiting_for_the_model_is_told_so_with_an_estimate():
    from rag.web.chat_handlers import waiting_words

    assert waiting_words(0, None) == "Reading the sources and thinking…"
    assert waiting_words(1, 12.0) == "The AI model answers one question at a time: 1 other question first, then yours, about 25 s…"
    assert waiting_words(3, None).startswith("The AI model answers one question at a time: 3 other questions first")


def test_a_question_of_invisible_characters_is_not_a_question():
    with pytest.raises(InputError, match="type a question"):
        check_question("\u200b\u200b\u200b", 10)
    assert check_question("pay\u200b rise?\u2060", 20) == "pay rise?"


def test_excerpt_separates_list_items_and_keeps_sentences_as_they_are():
    text = ("Your employer must:\n\ndeal with your request reasonably\n\nnot refuse without consulting you\n\n"
            "Meeting your rep\n\nYour rep helps.")
    assert excerpt(text, 500) == ("Your employer must: deal with your request reasonably; not refuse without "
                                  "consulting you / Meeting your rep / Your rep helps.")


def test_a_cards_list_does_not_run_into_the_sentence_after_it():
    """Walk 20 ("what reasons can they give to refuse", flexible working): card [1] read "... insufficient work at the
    times you propose to work planned structural changes You can only bring a tribunal claim ...", the list's last
    item and the next sentence read as one. A line with no end punctuation before one starting a sentence: " / "."""
    text = ("The grounds for refusing can include:\n\nadditional costs\n\nplanned structural changes\n\n"
            "You can only bring a tribunal claim if the employer:\n\nrefused without consulting you\n\n"
            "\u201cIt was unfair,\u201d she said.")
    assert excerpt(text, 500) == ("The grounds for refusing can include: additional costs; planned structural changes / "
                                  "You can only bring a tribunal claim if the employer: refused without consulting "
                                  "you / \u201cIt was unfair,\u201d she said.")
    assert excerpt("It rose.\n\nThen it fell.") == "It rose. Then it fell."  # sentences as they are


def test_article_view_shows_the_subheadings_the_index_leaves_out_as_headings():
    """A walk found "Your statutory rights" shown as a plain paragraph. Subheadings are the paragraphs
    rag.sentences.passage_sentences leaves out; a list's items after a ":" stay paragraphs."""
    from rag.web.article_view import subheadings

    paras = ["It rose.", "Your statutory rights", "You may ask for:", "hours of work", "the times you work",
             "Meeting your rep", "Your rep helps.", "www.tuc.org.uk/events", "Then go.", "Jo Seery"]
    assert subheadings(paras) == {1, 5}  # not a list item, a web address, nor a last line heading nothing
    issue = Issue("i", "Issue", "2026-06-01", "summer 2026", "f.txt")
    chunks = [Chunk(f"c{n}", "i", "Issue", "2026-06-01", "a", "Head", 1, n, text) for n, text in
              enumerate(["It rose.\n\nYour statutory rights\n\nYou may ask for:", "hours of work\n\nMeeting your rep",
                         "Your rep helps."])]
    page = render_article_html(issue, chunks)
    assert "<h2>Your statutory rights</h2>" in page and "<p>hours of work</p>" in page  # a list runs across passages
    assert "<h2>Meeting your rep</h2>" in page and page.count("<h2>") == 2


def test_article_view_uses_the_chats_font_from_this_server():
    page = render_article_html(ISSUE, CHUNKS[:1])
    fonts = re.findall(r"url\('([^']+)'\)", page)
    assert fonts and all(f.startswith("../../static/fonts/SourceSansPro/") for f in fonts)  # never fonts.googleapis
    assert "font-weight:600 700" in page and "font:16px/1.55 'Source Sans Pro'" in page


def test_the_issue_filter_names_each_issue_in_a_few_words():
    from rag.web.chat_page import issue_labels

    special = Issue("2024-summer", "Healthcare Manager summer 2024 (general election special)", "2024-06-01",
                    "summer 2024", "b.txt")
    twin = Issue("2024-summer-b", "Healthcare Manager summer 2024, supplement", "2024-07-01", "summer 2024", "c.txt")
    assert issue_labels([ISSUE, special]) == {ISSUE.issue_id: "summer 2026 (issue 68)", "2024-summer": "summer 2024"}
    assert issue_labels([special, twin]) == {"2024-summer": "summer 2024, 2024-06-01",
                                             "2024-summer-b": "summer 2024, 2024-07-01"}


def test_article_view_shows_an_events_name_under_its_date_as_its_heading():
    """passage_sentences reads an event's date line with its name ("13-16 September 2026: TUC Congress 2026"): the
    article view keeps in step, shows the name as the heading, and the lines after it as they are (out of step,
    "Royal College of Physicians, London" was shown as a heading)."""
    from rag.web.article_view import subheadings

    paras = ["13-16 September 2026", "TUC Congress 2026", "Brighton Centre congress.", "18 September 2026",
             "NHS Strategy Directors Forum", "Royal College of Physicians, London", "New forum for directors.",
             "KEEP THE DATE", "17 November 2026: King's Fund Annual Conference, London"]
    assert subheadings(paras) == {1, 4, 7}


def test_an_answers_notice_is_shown_with_it_and_outlives_the_banner(tmp_path):
    """A member's walk: filtered to 2024, "how much is the VSM pay rise for 2026-27" said 'The archive does not cover
    this.' while the notice naming issue 68 showed only as a banner above the chat, gone with the next question."""
    from rag.web.chat_handlers import ChatHandlers

    hint = "Issue 68 <b>answers</b> this; searched only summer 2024."
    h = ChatHandlers(FakePipeline(notice=hint), Settings(data_dir=tmp_path))
    chat, _status, banner, *_, turns = _run(h, "What did Killens say?")[-1]
    assert html.escape(hint) in _msgs(chat)[-1]["content"] and "<b>" not in _msgs(chat)[-1]["content"]
    assert banner == ""  # not the model's failing: said with the answer alone
    assert restore_turns(turns)[-1]["notice"] == hint
    chat, *_ = _run(h, "What did Killens say?", turns=turns)[-1]
    assert html.escape(hint) in _msgs(chat)[-3]["content"]  # the earlier answer keeps its notice
    failed = "The AI model could not answer (timeout), so these are quoted passages from the sources."
    h = ChatHandlers(FakePipeline(notice=failed), Settings(data_dir=tmp_path))
    chat, _status, banner, *_ = _run(h, "What did Killens say?")[-1]
    assert "could not answer just now (it took too long)" in html.unescape(banner)
    assert "could not answer" not in _msgs(chat)[-1]["content"]
    quoted = "Quoted passages from the sources (no AI model configured)."
    h = ChatHandlers(FakePipeline(notice=quoted), Settings(data_dir=tmp_path))
    chat, *_ = _run(h, "What did Killens say?")[-1]
    assert quoted not in _msgs(chat)[-1]["content"]  # the turn says "Quoted from the articles" itself


def test_a_notice_riding_on_the_models_failing_is_still_shown_with_its_answer(tmp_path):
    """A second walk: "Every date quoted has passed ..." followed a fallback notice into the banner, and left with the
    next question."""
    from rag.web.chat_handlers import ChatHandlers

    failed = "The AI model could not answer (timed out (60 s)), so these are quoted passages from the sources."
    dates = "Every date quoted has passed (today is 2 December 2026)."
    h = ChatHandlers(FakePipeline(notice=f"{failed} {dates}"), Settings(data_dir=tmp_path))
    chat, _status, banner, *_ = _run(h, "What did Killens say?")[-1]
    assert html.unescape(banner).count("could not answer just now") == 1 and dates not in html.unescape(banner)
    assert dates in html.unescape(_msgs(chat)[-1]["content"]) and "could not answer" not in _msgs(chat)[-1]["content"]


def test_the_models_failing_is_said_in_a_members_words_not_the_servers(tmp_path, caplog):
    """A member's walk: the model was killed mid-answer and the banner read "The AI model could not answer (the
    local model server exited with signal 9 (SIGKILL: killed, usually by the kernel for lack of memory (see `dmesg`);
    ...), so these are quoted passages from the sources." The member reads what happened; staff read the log."""
    from rag.web.chat_handlers import ChatHandlers, member_banner

    killed = ("The AI model could not answer (the local model server exited with signal 9 (SIGKILL: killed, "
              "usually by the kernel for lack of memory (see `dmesg`);...), so these are quoted passages from the "
              "sources.")
    h = ChatHandlers(FakePipeline(notice=killed), Settings(data_dir=tmp_path))
    with caplog.at_level("WARNING"):
        chat, _status, banner, *_ = _run(h, "What did Killens say?")[-1]
    shown = html.unescape(banner)
    assert "could not answer just now (a fault on the server), so these are quoted passages" in shown
    assert not any(w in shown for w in ("SIGKILL", "dmesg", "signal", "local model server"))
    assert "SIGKILL" in caplog.text  # the details, for staff
    assert member_banner("The AI model could not answer (HTTP 503 from openai/x after 2 tries).") == \
        "The AI model could not answer just now (a fault on the server)."  # a refusal's: no quotes follow
    slow = ("The AI model could not answer (openai/local was stopped after 687 characters in 181 s, more than an "
            "answer of 300 tokens takes: check that the serve...), so these are quoted passages from the sources.")
    assert "(it took too long), so these are quoted passages" in member_banner(slow)  # a walk on a loaded machine
    assert "(it took too long)" in member_banner(
        "The AI model could not answer (openai/local did not answer within 60 s: raise RAG_LLM_TIMEOUT or use a "
        "faster model).")
    assert "(too many questions at once)" in member_banner(
        "The AI model could not answer (openai/x is rate-limited (HTTP 429, retry after 20 s)).")
    backed = "The AI model could not answer (its answer was not backed by the sources), so these are quoted"
    assert member_banner(backed + " passages from the sources.") == backed + " passages from the sources."
    declined = "The AI model did not answer this one, so here are the articles' own sentences nearest to it."
    assert member_banner(declined) == declined and member_banner("") == ""


def test_a_cited_cards_text_keeps_its_list_items_apart_when_it_starts_at_the_cited_sentence():
    """A walk ("what if they refuse", flexible working): card [2] read "Your employer must: deal with your request in
    a reasonable manner not refuse without consulting you respond within two months", the items run together,
    because the card's text, cut to start at the sentence cited, had lost its paragraph breaks first."""
    from rag.web.chat_render import focus_excerpt, focus_sources

    text = ("Flexible working matters to managers. " * 12 + "\n\nYour request must be in writing.\n\n"
            "Your employer must:\n\ndeal with your request in a reasonable manner\n\nnot refuse without consulting you"
            "\n\nrespond within two months\n\nThe ACAS Code says employers should arrange a meeting.")
    cited = ['Your employer must deal with your request in a reasonable manner']
    assert focus_excerpt(text, cited, shown=100) == ("… Your employer must: deal with your request in a reasonable "
                                                     "manner; not refuse without consulting you; respond within two "
                                                     "months / The ACAS Code says employers should arrange a meeting.")
    hit = dataclasses.replace(hit_for(CHUNKS[0], 1), text=text)
    card = focus_sources([{"n": 1, "text": excerpt(text)}], [hit], f"{cited[0]} [1].")[0]
    assert "manner; not refuse without consulting you; respond within" in card["text"]


def test_a_comment_box_left_open_by_a_vote_closes_when_the_next_question_is_asked(tmp_path):
    """A walk: after a thumbs-down the member asked again without commenting; "Anything to add about this answer?"
    stayed open under the new answer, and a comment typed there was recorded against the earlier answer voted on."""
    import gradio as gr

    from rag.web.chat_handlers import ChatHandlers

    h = ChatHandlers(FakePipeline(), Settings(data_dir=tmp_path, max_question_chars=50))
    earlier = [_turn([hit_for(CHUNKS[0], 1)], cited=[1], answer="a [1].", tid="ab12cd34")]
    more = h.starting("And what about the crews?", earlier, _Req())[4]
    assert more == gr.update(visible=False)
    assert h.starting("   ", earlier, _Req())[4] == gr.skip()  # nothing asked: the box stays as it was


def test_a_follow_up_to_a_stopped_answer_is_read_against_the_question_stopped(tmp_path):
    """A walk: "tell me about jason killens and the london ambulance service" was stopped after "Jason Kill"; the
    follow-up "what did he say about diversifying the workforce" was searched with the events question before it
    ("... (Healthcare Manager National Disabled Members Conference events coming)"), as the stopped turn was left out
    of the conversation the follow-up is read against."""
    from rag.web.chat_handlers import ChatHandlers

    h = ChatHandlers(FakePipeline(), Settings(data_dir=tmp_path))
    hits = [hit_for(CHUNKS[0], 1)]
    earlier = [_turn(hits, cited=[1], answer="Brighton, 24-26 October [1].", tid="ab12cd34")
               | {"question": "any events coming up?"},
               _turn(hits, state="stopped", tid="ef56ab78") | {"question": "tell me about jason killens",
                                                                 "draft": "Jason Kill"},
               _turn(hits, state="stopped", tid="ab34cd56") | {"question": "and his career?"}]
    _run(h, "what did he say about diversifying the workforce", turns=earlier)
    history = h.pipeline.calls[-1]["history"]
    assert history == (("any events coming up?", "Brighton, 24-26 October [1]."),
                       ("tell me about jason killens", "Jason Kill"), ("and his career?", ""))
    pending = [_turn(hits, state="writing", tid="cd78ef90") | {"question": "still being answered"}]
    assert history_pairs(pending) == ()  # the question being answered now is not its own history


def test_an_answer_the_model_declined_or_did_not_back_says_so_under_it_and_keeps_it(tmp_path):
    """A walk: "how many days annual leave do managers get" was answered with three quotes on pay and workload; only a
    banner above the chat said "The AI model did not answer this one, ...: check whether they answer it.", and the next
    question took it away, leaving the quotes to read as the answer (after a reload too). Said of this answer alone,
    it is now shown under it and kept with it; the banner is for the model down, slow or busy."""
    from rag.answer import notices
    from rag.web.chat_handlers import ChatHandlers

    backed = notices.FALLBACK.format(reason="its answer was not backed by the sources")
    for said in (notices.DECLINED, backed):
        h = ChatHandlers(FakePipeline(notice=f"{said} Every date quoted has passed."), Settings(data_dir=tmp_path))
        chat, _status, banner, *_, turns = _run(h, "how many days annual leave do managers get")[-1]
        assert banner == ""
        assert html.escape(said) in _msgs(chat)[-1]["content"]
        assert "Every date quoted has passed." in _msgs(chat)[-1]["content"]
        h.pipeline.notice = ""
        chat, _status, banner, *_, turns = _run(h, "what did Killens say?", turns=turns)[-1]
        assert html.escape(said) in _msgs(chat)[-3]["content"] and html.escape(said) not in _msgs(chat)[-1]["content"]
        assert html.escape(said) in messages(restore_turns(turns))[1]["content"]  # back from a reload


def test_a_source_names_its_issue_as_members_read_it_with_no_iso_date():
    """Walk 20: every card, further-reading line and article header read "Healthcare Manager issue 68, summer 2026 ·
    2026-06-01 · page 4", the date given twice, once as machine output (on a phone it took a line of its own). The
    issue is named as answers name it (rag.answer.issue_names): its title, with month and year if it gives no year."""
    hits = [hit_for(c, i) for i, c in enumerate(CHUNKS, start=1)]
    out = answer_html(_turn(hits, cited=[1], answer="Response times improved [1]."))
    assert "Healthcare Manager issue 68, summer 2026 · page 4" in out and "2026-06-01" not in out
    untitled = dataclasses.replace(hits[0], issue_title="Healthcare Manager issue 68")
    assert source_entries([untitled])[0]["where"] == "Healthcare Manager issue 68 (June 2026) · page 4"
    page = render_article_html(ISSUE, CHUNKS[:1])
    assert "Healthcare Manager issue 68, summer 2026 · page 4" in page and "2026-06-01" not in page


def test_a_card_cited_by_a_quote_of_two_sentences_starts_at_the_first():
    """Walk 20 ("do i have to go into the office 3 days a week, is that legal"): [1] quoted "In one tribunal case, the
    employer had changed its requirement ... from two days a week to three. It refused one employee's request ...",
    and card [1] began "… It refused one employee's request", the quote's first sentence cut off: the longer second
    sentence shared more of the quote's words, so the card was started there."""
    from rag.web.chat_render import focus_excerpt

    text = ("Flexible working matters to managers. " * 10 + "\n\nIn one tribunal case, the employer had changed its "
            "requirement for working in the office from two days a week to three. It refused one employee's request "
            "to keep working two days, based on evidence that his presence in the office would help improve ways of "
            "working, collaboration, problem solving and performance.")
    quote = text.split("\n\n")[1]
    assert focus_excerpt(text, [f'In the articles\' words: "{quote}"']).startswith("… In one tribunal case, the")
    assert focus_excerpt(text, ["It refused one employee's request to keep working two days"]).startswith(
        "… It refused")  # a claim of one sentence: as before
