"""Walk 22: two tabs of one browser, each with its own conversation. Gradio keeps the saved chat in localStorage, one
copy for every tab: the tab that saved last won, and a walk reloading the first tab found the second tab's chat in it,
its own gone. Each tab now reads its own copy first (rag.web.chat_page.HEAD); a new tab starts from the last saved."""

from pathlib import Path

import pytest

from tests.app_server import running_app
from tests.test_browser import ARGS, CHROMIUM, FINISHED

pytestmark = [pytest.mark.slow, pytest.mark.browser,
              pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian chromium missing: apt-get install -y chromium")]

FIRST = "What did Jason Killens say about ambulance response times?"
SECOND = "Why is managing AI responsibly a challenge for managers?"


def _open(context, url):
    page = context.new_page()
    page.goto(url)
    page.wait_for_selector("#question textarea")
    return page


def _ask(page, question):
    page.fill("#question textarea", question)
    page.press("#question textarea", "Enter")
    page.wait_for_selector(FINISHED, timeout=60_000)
    page.wait_for_timeout(500)  # the saved copy is written after the answer is drawn


def _asked(page) -> list[str]:
    page.wait_for_selector("#chat .asked", timeout=30_000)  # the saved chat is drawn a moment after the page
    page.wait_for_timeout(500)
    return page.locator("#chat .asked").all_inner_texts()


def test_each_tab_keeps_its_own_conversation_across_a_reload(tmp_path):
    from playwright.sync_api import sync_playwright

    with running_app(tmp_path, rate_per_minute=1000) as app, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        context = browser.new_context(viewport={"width": 1280, "height": 800})
        first, second = _open(context, app.url), _open(context, app.url)
        _ask(first, FIRST)
        _ask(second, SECOND)
        first.reload()
        assert _asked(first) == [FIRST]  # before: [SECOND], the other tab's chat
        second.reload()
        assert _asked(second) == [SECOND]
        _ask(first, "And what did he say about crews?")  # the first tab's chat goes on, and is saved last
        third = _open(context, app.url)
        assert _asked(third) == [FIRST, "And what did he say about crews?"]  # a new tab: the chat saved last
        second.reload()
        assert _asked(second) == [SECOND]
        browser.close()
