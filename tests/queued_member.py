"""Two members on the app with one free place (concurrency 1): the first one's answer being written slowly by the stub
model, the second one's question sent behind it. Shared by the browser tests of a question waiting its turn
(tests/test_walk21_queued.py, what is seen; tests/test_walk27_heard_queue.py, what is heard;
tests/test_walk30_said_at_once.py, what needs no place)."""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest

FIRST = "What did Jason Killens say about response times?"
SECOND = "And what about ambulance crews?"
SLOW = "Jason Killens said ambulance response times improved after the control room was reorganised [1]. " * 3


@contextlib.contextmanager
def second_member_waiting(tmp_path, typed: str = SECOND, reply: str = SLOW):
    """(app, first, second): chromium pages of two members at 1280 x 800; the first's answer (reply) is being written
    (st-writing) and the second's message (typed) has just been sent (Enter), so it waits for the free place. Skipped
    without chromium."""
    from playwright.sync_api import sync_playwright

    from tests.app_server import running_app
    from tests.openai_stub import Reply
    from tests.test_browser import ARGS, CHROMIUM

    if not Path(CHROMIUM).exists():
        pytest.skip("Debian chromium missing: run `apt-get install -y chromium`")
    with running_app(tmp_path, concurrency=1, rate_per_minute=1000) as app, sync_playwright() as p:
        app.stub.always("stub", Reply(reply, chunk_delay=0.25))
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            first, second = (browser.new_context(viewport={"width": 1280, "height": 800}).new_page() for _ in range(2))
            for page in (first, second):
                page.goto(app.url)
                page.wait_for_selector("#question textarea")
            first.fill("#question textarea", FIRST)
            first.press("#question textarea", "Enter")
            first.wait_for_selector("#chat .answer.st-writing", timeout=30_000)
            second.fill("#question textarea", typed)
            second.press("#question textarea", "Enter")
            yield app, first, second
        finally:
            browser.close()
