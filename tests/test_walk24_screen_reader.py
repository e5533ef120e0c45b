"""Walk 24, the chat as a screen reader meets it: the conversation (a "log") read as one run of paragraphs and "Copy
message" buttons, nothing telling a question from an answer (Gradio's "user's message" / "bot's message" labels sit on
elements with no role, which readers ignore) and no way to jump from one answer to the next. Each question now opens
with a heading "You asked", each answer with "The answer": heard, not seen, and not copied."""

import pytest

from rag.web.chat_render import messages, new_turn


def test_each_question_and_answer_opens_with_a_heading():
    turn = dict(new_turn("What did Killens say?"), answer="Response times improved.", state="done")
    asked, answer = (m["content"] for m in messages([turn]))
    assert asked.startswith('<h2 class="sr-only">You asked</h2><p class="asked">')
    assert answer.startswith('<h3 class="sr-only">The answer</h3><div class="answer st-done"')


@pytest.mark.slow
@pytest.mark.browser
def test_a_screen_reader_finds_questions_and_answers_by_heading_and_sees_nothing_new(tmp_path):
    from tests.test_browser import QUESTION, _ask, app_in_chromium

    with app_in_chromium(tmp_path) as (app, browser):
        context = browser.new_context(viewport={"width": 1280, "height": 800})
        context.grant_permissions(["clipboard-read", "clipboard-write"], origin=app.url)
        page = context.new_page()
        page.goto(app.url)
        page.wait_for_selector("#question textarea")
        _ask(page, QUESTION)
        tree = page.locator("#chat").aria_snapshot()
        assert 'heading "You asked" [level=2]' in tree and 'heading "The answer" [level=3]' in tree, tree[:600]
        # read every heading's size in one step: Gradio may redraw the chat between two locator calls
        boxes = page.eval_on_selector_all(
            "#chat .sr-only", "els => els.map(e => [e.getBoundingClientRect().width, e.getBoundingClientRect().height])"
        )
        assert len(boxes) >= 2 and all(w <= 1 and h <= 1 for w, h in boxes), boxes  # heard, not seen
        assert page.locator("#chat .asked").first.inner_text() == QUESTION
        page.locator("#chat button[aria-label='Copy message']").last.click()
        copied = page.evaluate("() => navigator.clipboard.readText()")
        assert "Killens" in copied and "The answer" not in copied and "You asked" not in copied
