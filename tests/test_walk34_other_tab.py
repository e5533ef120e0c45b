"""Walk 33 (and again walk 34): a tab opened while the member's first tab was still answering her question restored that
question as stopped ("Stopped before the answer was finished: ask again ..."), though the first tab went on to answer
it. The new tab now says it is still being answered in the other tab, and shows the answer once that tab has it
(rag.web.interrupts; rag.web.page_script.HEAD)."""

import json
from pathlib import Path

import pytest

from rag.config import Settings
from rag.web.chat_handlers import ChatHandlers
from rag.web.interrupts import ELSEWHERE, ELSEWHERE_WORDS, UnderWay, answered_elsewhere
from tests.test_walk31_reply_now import _ModelOrNot, _Req

ASKED = "What did Jason Killens say about response times?"


def _saved(turns, other_tab=True):
    kept = json.loads(json.dumps(turns))  # as the browser keeps it
    if other_tab:
        kept[-1]["other_tab"] = True  # rag.web.interrupts.MARK_JS: this tab has asked nothing itself
    return kept


def test_a_question_another_tab_is_still_answering_is_not_restored_as_stopped(tmp_path):
    h = ChatHandlers(_ModelOrNot(), Settings(data_dir=tmp_path))
    *_, turns = h.starting(ASKED, [], _Req())  # the first tab sent it; its answer is under way
    chat, restored = h.restore(_saved(turns))
    assert restored[-1]["state"] == ELSEWHERE  # before: "stopped"
    assert ELSEWHERE_WORDS in chat["value"][-1]["content"] and "Stopped before" not in chat["value"][-1]["content"]
    # the tab that asked it, reloaded mid-answer, stopped it: it says so, as before
    assert h.restore(_saved(turns, other_tab=False))[1][-1]["state"] == "stopped"


def test_once_the_question_has_ended_a_new_tab_restores_it_as_stopped(tmp_path):
    h = ChatHandlers(_ModelOrNot(), Settings(data_dir=tmp_path))
    *_, turns = h.starting(ASKED, [], _Req())
    for _ in h.ask(ASKED, "", turns, _Req()):  # answered (and ended) on this server
        pass
    assert h.restore(_saved(turns))[1][-1]["state"] == "stopped"  # its tab closed before saving the answer


def test_only_the_last_question_and_only_one_this_server_holds():
    under_way = UnderWay()
    done = {"id": "aaaa1111", "question": "q1", "state": "done", "answer": "a [1]"}
    sent = {"id": "bbbb2222", "question": "q2", "state": "queued", "other_tab": True}
    restored = [dict(done), dict(sent, state="stopped")]
    assert answered_elsewhere([done, sent], restored, under_way) == restored  # not sent here (or ended)
    under_way.sent("bbbb2222")
    assert answered_elsewhere([done, sent], restored, under_way)[-1]["state"] == ELSEWHERE
    assert answered_elsewhere([done, dict(sent, state="done")], restored, under_way) == restored
    assert answered_elsewhere("not a list", [], under_way) == []


def test_a_question_never_ended_here_is_forgotten_after_a_while():
    now = [0.0]
    under_way = UnderWay(clock=lambda: now[0])
    under_way.sent("cccc3333")
    assert under_way.holds("cccc3333")
    now[0] += 3600  # Gradio dropped it from its queue as its tab closed: ask never ran to end it
    assert not under_way.holds("cccc3333")


@pytest.mark.slow
@pytest.mark.browser
def test_a_new_tab_shows_the_other_tabs_question_being_answered_then_its_answer(tmp_path):
    from playwright.sync_api import sync_playwright

    from tests.app_server import running_app
    from tests.openai_stub import Reply
    from tests.test_browser import ARGS, CHROMIUM, FINISHED
    from tests.test_walk22_two_tabs import _asked, _open

    if not Path(CHROMIUM).exists():
        pytest.skip("Debian chromium missing: run `apt-get install -y chromium`")
    slow = "Jason Killens said ambulance response times improved after the control room was reorganised [1]. " * 3
    with running_app(tmp_path, rate_per_minute=1000) as app, sync_playwright() as p:
        app.stub.always("stub", Reply(slow, chunk_delay=0.25))
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            context = browser.new_context(viewport={"width": 1280, "height": 800})
            first = _open(context, app.url)
            first.fill("#question textarea", ASKED)
            first.press("#question textarea", "Enter")
            first.wait_for_selector("#chat .answer.st-writing", timeout=30_000)
            second = _open(context, app.url)  # opened while the first tab's answer is written
            second.wait_for_selector("#chat .answer.st-elsewhere", timeout=30_000)  # before: st-stopped
            assert ELSEWHERE_WORDS in second.locator("#chat .answer").last.inner_text()
            assert second.locator("#ask").is_visible()  # the new tab can ask a question of its own meanwhile
            loads = {"second": 0, "third": 0}
            second.on("load", lambda _: loads.__setitem__("second", loads["second"] + 1))
            third = _open(context, app.url)  # a third tab: neither reloads the other as it loads
            third.on("load", lambda _: loads.__setitem__("third", loads["third"] + 1))
            third.wait_for_selector("#chat .answer.st-elsewhere", timeout=30_000)
            first.wait_for_selector(FINISHED, timeout=90_000)
            for page in (second, third):
                page.wait_for_selector(FINISHED, timeout=30_000)  # the other tab saved its answer: shown here too
                assert _asked(page) == [ASKED] and page.locator("#chat .answer.st-stopped").count() == 0
            assert loads["second"] <= 2 and loads["third"] <= 2, loads  # before: each reloaded the other in turn
            second.fill("#question textarea", "And what about ambulance crews?")  # the new tab asks for itself
            second.press("#question textarea", "Enter")
            second.wait_for_selector("#chat .answer >> nth=1", timeout=30_000)
            second.wait_for_function("document.querySelectorAll('#chat .answer.st-done').length === 2",
                                     timeout=90_000)
            second.reload()  # its own conversation now, across a reload
            assert _asked(second) == [ASKED, "And what about ambulance crews?"]
        finally:
            browser.close()


@pytest.mark.slow
@pytest.mark.browser
def test_the_new_tab_hears_that_the_first_tab_stopped_the_question_by_reloading(tmp_path):
    """The first tab reloaded mid-answer stops its answer without saving one: the new tab said "Still being answered in
    the other tab" until reloaded. The first tab saves the chat as it restores it (the question stopped)."""
    from playwright.sync_api import sync_playwright

    from tests.app_server import running_app
    from tests.openai_stub import Reply
    from tests.test_browser import ARGS, CHROMIUM
    from tests.test_walk22_two_tabs import _open

    if not Path(CHROMIUM).exists():
        pytest.skip("Debian chromium missing: run `apt-get install -y chromium`")
    slow = "Jason Killens said ambulance response times improved after the control room was reorganised [1]. " * 6
    with running_app(tmp_path, rate_per_minute=1000) as app, sync_playwright() as p:
        # the model slow to start, as a busy one is: the reloaded tab's answer ends only at its first words, 15 s on
        app.stub.always("stub", Reply(slow, delay=15, chunk_delay=0.25))
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            context = browser.new_context(viewport={"width": 1280, "height": 800})
            first = _open(context, app.url)
            first.fill("#question textarea", ASKED)
            first.press("#question textarea", "Enter")
            first.wait_for_selector("#chat .answer.st-writing", timeout=60_000)  # its sources shown, no words yet
            second = _open(context, app.url)
            second.wait_for_selector("#chat .answer.st-elsewhere", timeout=60_000)
            first.reload()  # its answer stops, unsaved
            first.wait_for_selector("#chat .answer.st-stopped", timeout=60_000)
            second.wait_for_selector("#chat .answer.st-stopped", timeout=60_000)  # before: "still being answered"
        finally:
            browser.close()
