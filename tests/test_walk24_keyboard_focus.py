"""Walk 24, keyboard only: Ask pressed with Enter is replaced by Stop as the answer starts, and Stop by Ask as it ends;
the focus went with the button hidden, to the page itself (the next Tab found an unnamed icon button, a second Tab
the page again), so a keyboard or screen-reader member lost their place twice per question. The focus now goes to the
question box; a pointer's click leaves it alone (on a phone the box's keyboard would cover the answer). So does a
comment sent with Enter: its box is hidden once it is sent."""

import pytest

pytestmark = [pytest.mark.slow, pytest.mark.browser]

IN_BOX = "() => !!document.activeElement && !!document.activeElement.closest('#question')"


def test_ask_and_stop_pressed_from_the_keyboard_leave_the_focus_in_the_question_box(tmp_path):
    from tests.openai_stub import Reply
    from tests.test_browser import FINISHED, QUESTION, app_in_chromium

    with app_in_chromium(tmp_path) as (app, browser):
        app.stub.enqueue(Reply("Jason Killens said response times improved [1].", delay=8.0))
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        page.goto(app.url)
        page.wait_for_selector("#question textarea")
        page.keyboard.type(QUESTION)
        page.keyboard.press("Tab")
        assert page.evaluate("() => document.activeElement.id") == "ask"
        page.keyboard.press("Enter")
        page.wait_for_selector("#stop", state="visible", timeout=10_000)
        page.wait_for_function(IN_BOX, timeout=5_000)  # before: the page itself (body)
        page.keyboard.press("Tab")
        assert page.evaluate("() => document.activeElement.id") == "stop"
        page.keyboard.press("Enter")
        page.wait_for_selector("#chat .answer.st-stopped", timeout=10_000)
        page.wait_for_selector("#ask", state="visible", timeout=10_000)
        page.wait_for_function(IN_BOX, timeout=5_000)  # before: the page itself, and Tab found nothing after it
        # a pointer's click on Ask does not put the focus in the box
        page.fill("#question textarea", QUESTION)
        page.click("#ask")
        page.wait_for_selector(FINISHED, timeout=30_000)
        page.wait_for_timeout(1_000)
        assert not page.evaluate(IN_BOX)


def test_a_comment_sent_with_enter_leaves_the_focus_in_the_question_box(tmp_path):
    """The comment box is hidden once its comment is sent: the focus went with it, to the page itself."""
    from tests.test_browser import FINISHED, QUESTION, app_in_chromium

    with app_in_chromium(tmp_path) as (app, browser):
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        page.goto(app.url)
        page.wait_for_selector("#question textarea")
        page.keyboard.type(QUESTION)
        page.keyboard.press("Enter")
        page.wait_for_selector(FINISHED, timeout=30_000)
        page.locator("#chat button[aria-label='Like']").last.focus()
        page.keyboard.press("Enter")
        page.wait_for_selector("#fb-comment textarea", state="visible", timeout=10_000)
        page.keyboard.press("Tab")
        assert page.evaluate("() => !!document.activeElement.closest('#fb-comment')")
        page.keyboard.type("Clear, thank you.")
        page.keyboard.press("Enter")
        page.wait_for_selector("#fb-comment textarea", state="hidden", timeout=10_000)
        assert "comment was recorded" in page.inner_text("#status")
        page.wait_for_function(IN_BOX, timeout=5_000)  # before: the page itself (body)
