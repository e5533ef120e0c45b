"""Walk 27, what a screen reader finds on the page while a question waits in Gradio's queue: the status line under the
chat (heard, not seen) held Gradio's own "queue: 2/2 | 4.5/13.0s" beside the app's words, and the About line a "0.0s"
timer at every tick. Not seen (transparent, or clipped to a pixel), they were still in the accessibility tree, read out
when a member moved through the page. The page's accessibility tree is read here, as a screen reader gets it."""

import re
from pathlib import Path

import pytest

pytestmark = [pytest.mark.slow, pytest.mark.browser]

GRADIO_TIMER = re.compile(r"queue: \d+/\d+|\b\d+\.\ds\b")


def _heard(page) -> list[str]:
    """The names and text of every node in the page's accessibility tree."""
    cdp = page.context.new_cdp_session(page)
    nodes = cdp.send("Accessibility.getFullAXTree")["nodes"]
    cdp.detach()
    return [n["name"]["value"] for n in nodes if not n.get("ignored") and n.get("name", {}).get("value")]


def test_gradio_s_queue_and_timers_are_not_read_out(tmp_path):
    from playwright.sync_api import sync_playwright

    from tests.app_server import running_app
    from tests.openai_stub import Reply
    from tests.test_browser import ARGS, CHROMIUM

    if not Path(CHROMIUM).exists():
        pytest.skip("Debian chromium missing: run `apt-get install -y chromium`")
    slow = "Jason Killens said ambulance response times improved after the control room was reorganised [1]. " * 3
    with running_app(tmp_path, concurrency=1, rate_per_minute=1000) as app, sync_playwright() as p:
        app.stub.always("stub", Reply(slow, chunk_delay=0.25))
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        first, second = (browser.new_context(viewport={"width": 1280, "height": 800}).new_page() for _ in range(2))
        for page in (first, second):
            page.goto(app.url)
            page.wait_for_selector("#question textarea")
        first.fill("#question textarea", "What did Jason Killens say about response times?")
        first.press("#question textarea", "Enter")
        first.wait_for_selector("#chat .answer.st-writing", timeout=30_000)
        second.fill("#question textarea", "And what about ambulance crews?")
        second.press("#question textarea", "Enter")
        second.wait_for_function("() => /queue:/.test(document.querySelector('#status').textContent)", timeout=10_000)
        heard = [text for text in _heard(second) if GRADIO_TIMER.search(text)]
        assert heard == [], heard  # before: ['queue: 1/1 | 0.6/4.1s']
        assert any("yours waits for a free place" in text for text in _heard(second))  # the app's own words are
        second.wait_for_selector("#chat .answer.st-done", timeout=90_000)
        browser.close()
