"""Walk 27, what a screen reader finds on the page while a question waits in Gradio's queue: the status line under the
chat (heard, not seen) held Gradio's own "queue: 2/2 | 4.5/13.0s" beside the app's words, and the About line a "0.0s"
timer at every tick. Not seen (transparent, or clipped to a pixel), they were still in the accessibility tree, read out
when a member moved through the page. The page's accessibility tree is read here, as a screen reader gets it."""

import re

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
    from tests.queued_member import second_member_waiting

    with second_member_waiting(tmp_path) as (app, first, second):
        second.wait_for_function("() => /queue:/.test(document.querySelector('#status').textContent)", timeout=10_000)
        heard = [text for text in _heard(second) if GRADIO_TIMER.search(text)]
        assert heard == [], heard  # before: ['queue: 1/1 | 0.6/4.1s']
        assert any("yours waits for a free place" in text for text in _heard(second))  # the app's own words are
        second.wait_for_selector("#chat .answer.st-done", timeout=90_000)
