"""Walk 26b, zoom 200% on a laptop (640 x 400 CSS pixels, as a short phone on its side): the chat had 165 px of the
400, with a blank 28 px strip between it and the question box (the status line heard, not seen, "Answered.", kept
Gradio's 10 px padding above and below), and after a thumbs-up the vote's thank-you and the comment box pushed the
question box half off the screen, the About line below it. The status heard takes no room (it is still in the page
for screen readers), the title shares its line with the filter on a short screen, and the box stays in view."""

import pytest

pytestmark = [pytest.mark.slow, pytest.mark.browser]

BOXES = """() => Object.fromEntries(['#chat', '#status', '#composer', '#about', '#topbar', '#issue-filter']
  .map(s => { const r = document.querySelector(s).getBoundingClientRect(); return [s, [r.top, r.bottom]]; })
  .concat([['height', innerHeight], ['heard', (document.querySelector('#status [role]') || {}).textContent || '']]))"""


def test_at_zoom_200_the_question_box_stays_in_view_after_an_answer_and_a_vote(tmp_path):
    from tests.test_browser import FINISHED, QUESTION, app_in_chromium

    with app_in_chromium(tmp_path) as (app, browser):
        page = browser.new_page(viewport={"width": 640, "height": 400}, device_scale_factor=2)
        page.goto(app.url)
        page.wait_for_selector("#question textarea")
        page.fill("#question textarea", QUESTION)
        page.press("#question textarea", "Enter")
        page.wait_for_selector(FINISHED, timeout=30_000)
        page.wait_for_selector("#ask", state="visible", timeout=10_000)
        page.wait_for_timeout(500)
        box = page.evaluate(BOXES)
        assert box["heard"] == "Answered."  # still there for a screen reader
        assert box["#composer"][0] - box["#chat"][1] <= 10  # before: 36 px, the status line's empty strip between
        assert box["#issue-filter"][0] - box["#topbar"][0] < 10  # the title beside the filter, not above it
        page.locator("#chat button[aria-label='Like']").last.click()
        page.wait_for_selector("#fb-comment textarea", state="visible", timeout=10_000)
        page.wait_for_timeout(500)
        box = page.evaluate(BOXES)
        assert box["#composer"][1] <= box["height"]  # before: 412 of 400, the box cut by the screen's edge
        assert box["#about"][1] <= box["height"] + 1
        page.close()


def test_a_narrow_tall_phone_still_puts_the_title_on_its_own_line(tmp_path):
    from tests.test_browser import app_in_chromium

    with app_in_chromium(tmp_path) as (app, browser):
        page = browser.new_page(viewport={"width": 320, "height": 640})
        page.goto(app.url)
        page.wait_for_selector("#question textarea")
        box = page.evaluate(BOXES)
        assert box["#issue-filter"][0] > box["#topbar"][0] + 20
        assert page.evaluate("() => document.documentElement.scrollWidth") <= 320
        page.close()


def test_on_a_320_px_phone_an_answer_takes_the_chat_s_width(tmp_path):
    """Walk 26b: Gradio's 20 px margins each side of an answer (room for avatars this chat has none of) left an answer
    and its source cards 220 px of the chat's 302 on a 320 px phone, the passages four words a line."""
    from tests.test_browser import FINISHED, QUESTION, app_in_chromium

    with app_in_chromium(tmp_path) as (app, browser):
        page = browser.new_page(viewport={"width": 320, "height": 640})
        page.goto(app.url)
        page.wait_for_selector("#question textarea")
        page.fill("#question textarea", QUESTION)
        page.press("#question textarea", "Enter")
        page.wait_for_selector(FINISHED, timeout=30_000)
        widths = page.evaluate("""() => { const w = s => document.querySelector(s).getBoundingClientRect();
          const chat = w('#chat .bubble-wrap'), answer = w('#chat .answer'), asked = w('#chat .asked');
          return {chat: chat.width, answer: answer.width, asked_right: chat.right - asked.right,
                  page: document.documentElement.scrollWidth}; }""")
        # before: 220 of 302 (0.73); 248 now, the right keeping the scroll-down button's gutter (at 272 the button sat
        # over the answer's words: tests/test_browser.py -k scroll_down)
        assert widths["answer"] >= 0.8 * widths["chat"], widths
        assert widths["asked_right"] < 20 and widths["page"] <= 320, widths
        page.close()
