"""Walk 28, a tall phone (390 x 844, 360 x 780, 320 x 640): as the member scrolled up the conversation, each question
passed under the round scroll-down button. There a question keeps its place at the right edge, under 20 px from it, to
tell it from an answer (tests/test_walk26b_short_screen.py), and the button takes 38 px there: walk 27 kept it clear on
short and wide windows only (tests/test_walk27_scroll_button.py). On a tall phone the button now has a strip of its own
under the conversation while it shows, so nothing the member reads or presses passes under it, and the question keeps
its place."""

import pytest

pytestmark = [pytest.mark.slow, pytest.mark.browser]


@pytest.mark.parametrize("viewport", [(390, 844), (360, 780), (320, 640)])
def test_on_a_tall_phone_no_question_passes_under_the_scroll_down_button(tmp_path, viewport):
    from tests.test_browser import QUESTION, app_in_chromium, quoting_responder
    from tests.test_walk27_scroll_button import UNDER_THE_BUTTON, asked_then_scrolled_up

    with app_in_chromium(tmp_path, responder=quoting_responder) as (app, browser):
        page = browser.new_page(viewport={"width": viewport[0], "height": viewport[1]}, is_mobile=True, has_touch=True)
        page.goto(app.url)
        page.wait_for_selector("#question textarea")
        asked_then_scrolled_up(page, (QUESTION, "And what about the crews?", "What about AI?",
                                      "What did Jason Killens say then?"))
        button = page.locator("#chat .scroll-down-button-container button")
        button.wait_for(state="visible", timeout=10_000)
        assert page.evaluate(UNDER_THE_BUTTON) == []  # before: every question's end, and its copy button
        page.evaluate("() => { document.querySelector('#chat .bubble-wrap').scrollTop = 0; }")  # the loop ended low
        button.wait_for(state="visible", timeout=10_000)
        where = page.evaluate("""() => { const r = s => document.querySelector(s).getBoundingClientRect();
          const chat = r('#chat'), wrap = r('#chat .bubble-wrap'), asked = r('#chat .asked'),
                button = r('#chat .scroll-down-button-container button');
          return {asked_right: wrap.right - asked.right, inside: button.top >= chat.top && button.bottom <= chat.bottom,
                  size: Math.min(button.width, button.height), page: document.documentElement.scrollWidth}; }""")
        assert where["asked_right"] < 20, where  # the question keeps its place at the right (walk 26b)
        assert where["inside"] and where["size"] >= 36 and where["page"] <= viewport[0], where  # a thumb's target
        button.click()  # and it still takes the member down to the newest answer
        page.wait_for_function("() => { const b = document.querySelector('#chat .bubble-wrap');"
                               " return b.scrollHeight - b.scrollTop - b.clientHeight < 100; }", timeout=5_000)
        page.close()
