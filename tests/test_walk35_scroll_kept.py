"""Walk 35: once an answer was finished, a member scrolling the chat by any means but the wheel, a touch, a key or a
click inside it (the scrollbar dragged, find in page, a screen reader's cursor) was scrolled back to the last question
within 50 ms: the page's script kept the question asked in view at every change to the page, and scrolling away from
the end makes Gradio show its scroll-down button, a change; the About line's tick did it again every 10 s. The question
is kept in view while its answer comes in, no longer once it is finished (rag.web.page_script.JS)."""

from pathlib import Path

import pytest

SCROLLER = "document.querySelector('#chat .bubble-wrap')"


@pytest.mark.slow
@pytest.mark.browser
def test_a_finished_answer_leaves_the_members_own_scrolling_alone(tmp_path):
    from playwright.sync_api import sync_playwright

    from tests.app_server import running_app
    from tests.test_browser import ARGS, CHROMIUM, QUESTION, _ask, quoting_responder

    if not Path(CHROMIUM).exists():
        pytest.skip("Debian chromium missing: run `apt-get install -y chromium`")
    with running_app(tmp_path, rate_per_minute=1000, responder=quoting_responder, about_tick_s=0.5) as app, \
            sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            page = browser.new_context(viewport={"width": 1280, "height": 600}).new_page()
            page.goto(app.url)
            page.wait_for_selector("#question textarea")
            _ask(page, QUESTION)
            _ask(page, "And what about the crews?")
            page.wait_for_selector("#chat .answer.st-done >> nth=1")
            # the first question brought into view as find in page does: no wheel, touch, key or click in the chat
            page.evaluate("document.querySelector('#chat .asked').scrollIntoView({block: 'start'})")
            at = page.evaluate(f"{SCROLLER}.scrollTop")
            page.evaluate("""() => { window.ticks = 0;
                new MutationObserver(() => window.ticks++).observe(document.getElementById('about'),
                    {childList: true, subtree: true, characterData: true}); }""")
            page.wait_for_function("window.ticks >= 3", timeout=30_000)  # the About line redrawn three times since
            assert page.evaluate(f"{SCROLLER}.scrollTop") == at  # before: back at the last question
            first = page.locator("#chat .asked").first.bounding_box()
            assert 0 <= first["y"] < 600, first  # the first question still in view
        finally:
            browser.close()


@pytest.mark.slow
@pytest.mark.browser
def test_a_scroll_made_while_the_answer_is_written_is_the_members_own_too(tmp_path):
    """The same scroll while the answer still comes in was undone at its next redraw, 20 times a second."""
    from playwright.sync_api import sync_playwright

    from tests.app_server import running_app
    from tests.openai_stub import Reply
    from tests.test_browser import ARGS, CHROMIUM, QUESTION, _ask

    if not Path(CHROMIUM).exists():
        pytest.skip("Debian chromium missing: run `apt-get install -y chromium`")
    slow = "Jason Killens said ambulance response times improved after the control room was reorganised [1]. " * 12
    with running_app(tmp_path, rate_per_minute=1000) as app, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            page = browser.new_context(viewport={"width": 1280, "height": 600}).new_page()
            page.goto(app.url)
            page.wait_for_selector("#question textarea")
            _ask(page, QUESTION)
            app.stub.always("stub", Reply(slow, chunk_delay=0.3))
            page.fill("#question textarea", "And what about the crews?")
            page.press("#question textarea", "Enter")
            page.wait_for_selector("#chat .answer.st-writing .draft, #chat .answer.st-writing p", timeout=60_000)
            page.evaluate("""() => { window.redraws = 0;
                const a = [...document.querySelectorAll('#chat .answer')].pop();
                new MutationObserver(() => window.redraws++).observe(a.closest('.message-row') || a,
                    {childList: true, subtree: true, characterData: true}); }""")
            page.wait_for_function("window.redraws >= 5", timeout=30_000)  # the answer redrawn as its words come
            # followed meanwhile: the question asked still at the top of the chat, as before
            assert abs(page.evaluate(f"""() => [...document.querySelectorAll('#chat .asked')].pop()
                .getBoundingClientRect().top - {SCROLLER}.getBoundingClientRect().top""")) < 40
            page.evaluate("document.querySelector('#chat .asked').scrollIntoView({block: 'start'})")  # find in page
            at = page.evaluate(f"{SCROLLER}.scrollTop")
            page.evaluate("window.redraws = 0")
            page.wait_for_function("window.redraws >= 5", timeout=30_000)
            assert page.locator("#chat .answer.st-writing").count() == 1  # still being written
            assert abs(page.evaluate(f"{SCROLLER}.scrollTop") - at) <= 2  # before: back at the question asked
        finally:
            browser.close()
