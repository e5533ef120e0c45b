"""Walk 30: with every place taken by other members' answers, "hi" got nothing to see for 120 s and more (only Stop),
and "?" or a 6,000-character paste the same: their replies came from the answering handler, which waits its turn in
the queue. They are said at once now, while the other answer is still being written."""

from pathlib import Path

import pytest

pytestmark = [pytest.mark.slow, pytest.mark.browser]


@pytest.mark.parametrize("typed, shown", [
    ("hi", "#status .msg-note"),  # the greeting's reply
    ("?", "#status .msg-error"),  # no words to search for
    ("x" * 1200, "#status .msg-error"),  # over the 1,000-character limit
])
def test_a_message_needing_no_search_is_answered_while_another_members_answer_is_written(tmp_path, typed, shown):
    from playwright.sync_api import sync_playwright

    from tests.app_server import running_app
    from tests.openai_stub import Reply
    from tests.queued_member import FIRST, SLOW
    from tests.test_browser import ARGS, CHROMIUM

    if not Path(CHROMIUM).exists():
        pytest.skip("Debian chromium missing: run `apt-get install -y chromium`")
    with running_app(tmp_path, concurrency=1, rate_per_minute=1000) as app, sync_playwright() as p:
        app.stub.always("stub", Reply(SLOW * 3, chunk_delay=0.25))
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
            second.wait_for_selector(shown, state="visible", timeout=5_000)
            assert first.locator("#chat .answer.st-writing").count() == 1  # said while the other answer is written
            assert second.input_value("#question textarea") == typed  # kept, as the handler leaves it in its turn
        finally:
            browser.close()
