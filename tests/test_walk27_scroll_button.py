"""Walk 27, a short window (a laptop at 800 x 450, 1280 x 500, a phone on its side): the chat's round scroll-down button
sits at its bottom right, and as the conversation scrolled under it the button covered the end of a member's question
("And what about the crews?" lost its "?"), the question's copy button and the right edge of the answers: Gradio keeps
20 px at the right of a row, the button takes 38. The whole conversation is scrolled past the button here, a step at a
time, and nothing with words or a button may pass under it (a short screen, or wider than a phone)."""

import pytest

pytestmark = [pytest.mark.slow, pytest.mark.browser]

# Every scroll position of the chat, 30 px apart: what lies under the button at any of them ("" when it never shows);
# the part of an element the scroll box clips away is not seen (on a tall phone the button sits under the box, walk 28).
UNDER_THE_BUTTON = """() => {
  const box = [...document.querySelectorAll('#chat *')].find(el => el.scrollHeight > el.clientHeight + 20
    && getComputedStyle(el).overflowY !== 'visible');
  const button = document.querySelector('#chat .scroll-down-button-container button');
  if (!box || !button) return null;
  const words = '#chat p, #chat summary, #chat .src-head, #chat .src-meta, #chat .src-text, #chat .src-links a,'
    + ' #chat .message-buttons button';
  const under = new Set();
  for (let top = 0; top < box.scrollHeight - box.clientHeight - 60; top += 30) {
    box.scrollTop = top;
    const r = button.getBoundingClientRect(), seen = box.getBoundingClientRect();
    for (const el of document.querySelectorAll(words)) {
      const q = el.getBoundingClientRect();
      const topSeen = Math.max(q.top, seen.top), bottomSeen = Math.min(q.bottom, seen.bottom);
      if (q.width && bottomSeen > topSeen && r.left < q.right && q.left < r.right && r.top < bottomSeen
          && topSeen < r.bottom)
        under.add((el.className || el.tagName) + ': '
                  + (el.textContent.trim() || el.getAttribute('aria-label')).slice(0, 40));
    }
  }
  return [...under];
}"""


def asked_then_scrolled_up(page, questions) -> None:
    """Each question asked and answered in turn, then every scroll box of the conversation back at its top, so the
    scroll-down button shows."""
    from tests.test_browser import FINISHED

    for done, question in enumerate(questions):
        page.fill("#question textarea", question)
        page.press("#question textarea", "Enter")
        page.wait_for_function(f"() => document.querySelectorAll({FINISHED!r}).length > {done}", timeout=30_000)
    page.wait_for_selector("#ask", state="visible", timeout=10_000)
    page.evaluate("() => { for (const el of document.querySelectorAll('#chat *')) "
                  "if (el.scrollHeight > el.clientHeight + 20 && getComputedStyle(el).overflowY !== 'visible') "
                  "el.scrollTop = 0; }")


# A tall phone is left out: there a question keeps its place at the right edge (tests/test_walk26b_short_screen.py),
# so it can still pass under the button as the member scrolls (docs/app.md, walk 27, what remains).
@pytest.mark.parametrize("viewport", [(800, 450), (1280, 500), (844, 390), (640, 400)])
def test_nothing_the_member_reads_or_presses_passes_under_the_scroll_down_button(tmp_path, viewport):
    from tests.test_browser import QUESTION, app_in_chromium, quoting_responder

    with app_in_chromium(tmp_path, responder=quoting_responder) as (app, browser):
        phone = viewport[0] < 500
        page = browser.new_page(viewport={"width": viewport[0], "height": viewport[1]}, is_mobile=phone,
                                has_touch=phone)
        page.goto(app.url)
        page.wait_for_selector("#question textarea")
        asked_then_scrolled_up(page, (QUESTION, "And what about the crews?", "What about AI?"))
        page.locator("#chat .scroll-down-button-container button").wait_for(state="visible", timeout=10_000)
        assert page.evaluate(UNDER_THE_BUTTON) == []
        page.close()
