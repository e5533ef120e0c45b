"""Walk 30: a question sent (Enter) while an answer was written stayed in the box, as designed, and what the member
typed next ran on from it: "who are you?thanks!", then refused. Typed on after, the question sent leaves the box and is
asked by itself once the answer has ended; what was typed stays in the box. Left alone, it stays in the box to send
(tests/test_browser.py::test_the_next_question_can_be_typed_while_an_answer_is_written)."""

from pathlib import Path

import pytest

pytestmark = [pytest.mark.slow, pytest.mark.browser]

FIRST = "What did Jason Killens say about response times?"
SLOW = "Jason Killens said ambulance response times improved after the control room was reorganised [1]. " * 4


def test_a_question_sent_while_an_answer_is_written_is_not_run_on_by_what_is_typed_next(tmp_path):
    from playwright.sync_api import sync_playwright

    from tests.app_server import running_app
    from tests.openai_stub import Reply
    from tests.test_browser import ARGS, CHROMIUM

    if not Path(CHROMIUM).exists():
        pytest.skip("Debian chromium missing: run `apt-get install -y chromium`")
    with running_app(tmp_path, rate_per_minute=1000) as app, sync_playwright() as p:
        app.stub.enqueue(Reply(SLOW, chunk_delay=0.25))
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            page = browser.new_context(viewport={"width": 1280, "height": 800}).new_page()
            page.goto(app.url)
            page.wait_for_selector("#question textarea")
            page.fill("#question textarea", FIRST)
            page.press("#question textarea", "Enter")
            page.wait_for_selector("#chat .answer.st-writing p:not(.working)", timeout=30_000)
            page.type("#question textarea", "who are you?")
            page.press("#question textarea", "Enter")  # while the answer is written: it waits
            page.type("#question textarea", "thanks!")  # ... and the member types on
            assert page.input_value("#question textarea") == "thanks!"  # before: "who are you?thanks!"
            assert 'Your question "who are you?" is asked' in page.inner_text("#status .wait-hint")
            assert page.locator("#chat .answer.st-writing").count() == 1  # the first answer still being written
            page.wait_for_function("() => document.querySelectorAll('#chat .asked').length == 2", timeout=60_000)
            asked = [page.locator("#chat .asked").nth(i).inner_text() for i in range(2)]
            assert asked == [FIRST, "who are you?"]  # asked by itself once the first answer ended
            page.wait_for_function("() => document.querySelector('#question textarea').value === 'thanks!'",
                                   timeout=10_000)  # what was typed meanwhile is still there to send
            page.wait_for_selector("#chat .answer.st-done >> nth=1", timeout=30_000)
            assert page.input_value("#question textarea") == "thanks!"
        finally:
            browser.close()
