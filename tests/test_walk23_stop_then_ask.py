"""Walk 23: a member stopped an answer and asked again at once. The new question showed "yours waits for a free
place…" for 100 s and then "Stopped before the answer was finished", never answered, though Stop was not pressed
again. The stopped answer ends only at its next step (the local model was busy with another member's question), and
what runs as it ends (ChatHandlers.settle) marked every question still in progress as stopped, the new one too; its
answer then found no question waiting. Now settle stops only what was asked before the last Stop."""

import time
from pathlib import Path

import pytest

from rag.config import Settings
from rag.web.chat_handlers import UNCHANGED, ChatHandlers
from tests.chat_fakes import FakePipeline

FIRST, SECOND = "What did the legal column say about flexible working?", "What did Killens say about crews?"


class _Req:
    client = type("C", (), {"host": "10.0.0.1"})()
    session_hash = "s1"
    headers: dict = {}


def _states(turns) -> dict[str, str]:
    return {t["question"]: t["state"] for t in turns}


def test_a_question_asked_after_stop_is_answered_when_the_stopped_answer_ends_later(tmp_path):
    h, req = ChatHandlers(FakePipeline(), Settings(data_dir=tmp_path)), _Req()
    *_, sent, _more, _chat, _box, turns = h.starting(FIRST, [], req)
    first = h.ask(FIRST, "", turns, req, sent)
    turns = next(first)[-1]  # the first answer has begun
    turns = h.stop(turns, req)[-1]
    stopped_at = time.time()  # app.py keeps it as Stop is pressed
    time.sleep(0.01)
    *_, sent, _more, _chat, _box, turns = h.starting(SECOND, turns, req)  # asked again at once
    assert list(first) == [UNCHANGED]  # the stopped answer ends, later
    turns = h.settle(turns, 0.0, stopped_at)[-1]  # what runs as it ends
    assert _states(turns) == {FIRST: "stopped", SECOND: "queued"}  # before: both "stopped"
    turns = list(h.ask("", "", turns, req, sent))[-1][-1]  # the box was emptied as it was sent
    assert _states(turns) == {FIRST: "stopped", SECOND: "done"}


def test_stop_still_stops_what_was_asked_before_it():
    old = [{"id": "a1", "question": FIRST, "state": "writing", "asked": 10.0},
           {"id": "a2", "question": SECOND, "state": "queued", "asked": 30.0}]
    assert _states(ChatHandlers.settle(old, 0.0, 20.0)[-1]) == {FIRST: "stopped", SECOND: "queued"}
    assert _states(ChatHandlers.settle(old, 0.0, 40.0)[-1]) == {FIRST: "stopped", SECOND: "stopped"}
    assert ChatHandlers.settle(old, 25.0, 20.0)[-1] == [dict(old[1])]  # New chat drops what came before it


@pytest.mark.slow
@pytest.mark.browser
def test_in_the_browser_the_question_asked_after_stop_is_answered(tmp_path):
    from playwright.sync_api import sync_playwright

    from tests.app_server import running_app
    from tests.openai_stub import Reply
    from tests.test_browser import ARGS, CHROMIUM

    if not Path(CHROMIUM).exists():
        pytest.skip("Debian chromium missing: apt-get install -y chromium")
    with running_app(tmp_path, rate_per_minute=1000, concurrency=1) as app, sync_playwright() as p:
        # the first answer's model is slow to start: Stop is seen only once it does, 8 s later
        app.stub.enqueue(Reply("Jason Killens said response times improved [1].", delay=8.0))
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        page.goto(app.url)
        page.wait_for_selector("#question textarea")
        page.fill("#question textarea", FIRST)
        page.press("#question textarea", "Enter")
        page.wait_for_selector("#chat .answer.st-writing", timeout=20_000)
        page.click("#stop")
        page.wait_for_selector("#chat .answer.st-stopped", timeout=5_000)
        page.fill("#question textarea", SECOND)
        page.press("#question textarea", "Enter")
        page.wait_for_function("() => document.querySelectorAll('#chat .answer').length == 2", timeout=5_000)
        page.wait_for_function("() => document.querySelectorAll('#chat .answer')[1].matches("
                               "'.st-done, .st-refused, .st-stopped')", timeout=40_000)
        second = page.locator("#chat .answer").nth(1)
        assert "st-done" in second.get_attribute("class"), second.inner_text()  # before: st-stopped, unanswered
        assert page.locator("#chat .answer").first.get_attribute("class").endswith("st-stopped")
        browser.close()
