"""Walk 35 (walk 34's remaining item): a tab opened while the member's first tab answered her question said "Still being
answered in the other tab ..." for as long as it stayed open once that first tab was closed mid-answer (five minutes in
the walk, until a reload): no page was left to save the question stopped. At the page's tick the server now says the
question has ended with no answer saved, and the tab shows it stopped (rag.web.interrupts.given_up_elsewhere), its
status line saying why for a screen reader."""

from pathlib import Path

import pytest

from rag.web.interrupts import ELSEWHERE, GIVEN_UP, GRACE_S, UnderWay, given_up_elsewhere

ASKED = "What did Jason Killens say about response times?"


def _following(tid="dddd4444"):
    return [{"id": "aaaa1111", "question": "q1", "state": "done", "answer": "a [1]"},
            {"id": tid, "question": ASKED, "state": ELSEWHERE}]


def test_a_question_ended_with_no_save_is_shown_stopped_after_the_grace():
    now = [100.0]
    under_way = UnderWay(clock=lambda: now[0])
    under_way.sent("dddd4444")
    assert given_up_elsewhere(_following(), under_way) is None  # still being answered: unchanged
    under_way.ended("dddd4444")  # the first tab closed: its answer ended at its next step, unsaved
    now[0] += 1.0
    # a moment after an answer ends, its tab saves it and the following tab reloads to show it: not called stopped yet
    assert given_up_elsewhere(_following(), under_way) is None
    now[0] += GRACE_S
    stopped = given_up_elsewhere(_following(), under_way)
    assert stopped is not None and stopped[-1]["state"] == "stopped" and stopped[0] == _following()[0]


def test_a_question_this_server_never_held_is_given_up_at_once():
    under_way = UnderWay(clock=lambda: 5.0)  # the server restarted since (or the question was forgotten)
    assert given_up_elsewhere(_following(), under_way)[-1]["state"] == "stopped"


def test_only_a_question_held_from_another_tab_is_touched():
    under_way = UnderWay()
    for turns in ([], [{"id": "eeee5555", "question": "q", "state": "writing"}], _following()[:1]):
        assert given_up_elsewhere(turns, under_way) is None


@pytest.mark.slow
@pytest.mark.browser
def test_a_tab_following_a_question_hears_it_stopped_when_the_first_tab_is_closed(tmp_path):
    from playwright.sync_api import sync_playwright

    from tests.app_server import running_app
    from tests.openai_stub import Reply
    from tests.test_browser import ARGS, CHROMIUM
    from tests.test_walk22_two_tabs import _open

    if not Path(CHROMIUM).exists():
        pytest.skip("Debian chromium missing: run `apt-get install -y chromium`")
    slow = "Jason Killens said ambulance response times improved after the control room was reorganised [1]. " * 20
    with running_app(tmp_path, rate_per_minute=1000, about_tick_s=1.0) as app, sync_playwright() as p:
        app.stub.always("stub", Reply(slow, chunk_delay=0.25))
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True)
            first = _open(context, app.url)
            first.fill("#question textarea", ASKED)
            first.press("#question textarea", "Enter")
            first.wait_for_selector("#chat .answer.st-writing", timeout=60_000)
            second = _open(context, app.url)
            second.wait_for_selector("#chat .answer.st-elsewhere", timeout=60_000)
            first.close()  # mid-answer: nothing saves the question stopped
            # before: "Still being answered in the other tab" until the member reloaded
            second.wait_for_selector("#chat .answer.st-stopped", timeout=120_000)
            assert "Stopped before the answer was finished" in second.locator("#chat .answer").last.inner_text()
            assert GIVEN_UP in second.locator("#status").inner_text()  # heard by a screen reader, as Stop's "Stopped."
            assert second.locator("#ask").is_visible()
        finally:
            browser.close()


@pytest.mark.slow
@pytest.mark.browser
def test_a_tab_following_a_question_still_shows_its_answer_when_the_first_tab_finishes(tmp_path):
    """The tick does not call an answer stopped in the moment between its end and its tab saving it."""
    from playwright.sync_api import sync_playwright

    from tests.app_server import running_app
    from tests.openai_stub import Reply
    from tests.test_browser import ARGS, CHROMIUM, FINISHED
    from tests.test_walk22_two_tabs import _open

    if not Path(CHROMIUM).exists():
        pytest.skip("Debian chromium missing: run `apt-get install -y chromium`")
    slow = "Jason Killens said ambulance response times improved after the control room was reorganised [1]. " * 3
    with running_app(tmp_path, rate_per_minute=1000, about_tick_s=0.5) as app, sync_playwright() as p:
        app.stub.always("stub", Reply(slow, chunk_delay=0.25))
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            context = browser.new_context(viewport={"width": 1280, "height": 800})
            first = _open(context, app.url)
            first.fill("#question textarea", ASKED)
            first.press("#question textarea", "Enter")
            first.wait_for_selector("#chat .answer.st-writing", timeout=60_000)
            second = _open(context, app.url)
            second.wait_for_selector("#chat .answer.st-elsewhere", timeout=60_000)
            first.wait_for_selector(FINISHED, timeout=90_000)
            second.wait_for_selector(FINISHED, timeout=60_000)
            assert second.locator("#chat .answer.st-stopped").count() == 0
        finally:
            browser.close()
