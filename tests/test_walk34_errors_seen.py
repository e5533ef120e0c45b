"""Walk 34: a question pasted over the limit ("That question is 1500 characters long; the limit is 1000 ..."), an empty
one ("Please type a question first."), and the note that Enter held the next question while an answer is written were
heard by screen readers and never seen: the status line is clipped to 1 px unless it holds a note or an error, and
Gradio, prefixing the page's CSS, split ":has(.msg-note,.msg-error,.wait-hint)" at its commas, so only a note was
shown. The page's CSS has no comma directly inside ":has()" now."""

import re
from pathlib import Path

import pytest

from rag.web.chat_page import CSS


def _selectors(css: str) -> list[str]:
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    return [s.strip() for s in re.findall(r"([^{};]+)\{", css) if not s.strip().startswith("@")]


def _comma_inside_has(selector: str) -> bool:
    """A comma directly inside ":has(...)": Gradio prefixes the part after it with ".gradio-container ... .contain",
    which inside :has() must then be found under the element itself (in ":not()" and ":is()" it still matches)."""
    opened: list[str] = []
    for i, ch in enumerate(selector):
        if ch == "(":
            opened.append("has" if selector[:i].endswith(":has") else "other")
        elif ch == ")" and opened:
            opened.pop()
        elif ch == "," and opened and opened[-1] == "has":
            return True
    return False


def test_no_selector_of_the_chat_page_has_a_comma_inside_has():
    bad = [s for s in _selectors(CSS) if _comma_inside_has(s)]
    assert not bad, f"Gradio splits these at every comma when it prefixes them: {bad}"
    assert any(":has(.msg-error)" in s for s in _selectors(CSS))  # the rule is still there, written without one
    assert _comma_inside_has("#status:not(:has(.msg-note,.msg-error))")
    assert not _comma_inside_has("#chat .row:has(.answer:not(.st-done,.st-refused)) :is(.a,.b)")


SEEN = """(sel) => { const el = document.querySelector(sel); if (!el) return false;
  const r = el.getBoundingClientRect(); if (r.width < 100 || r.height < 10) return false;
  const at = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
  return !!at && (el === at || el.contains(at)); }"""


def _wait_seen(page, selector: str) -> None:
    """Waits until the element is drawn where a member sees it: wider than a sliver, and on top at its own centre (not
    clipped away)."""
    page.wait_for_function(SEEN, arg=selector, timeout=10_000)


@pytest.mark.slow
@pytest.mark.browser
@pytest.mark.parametrize("viewport", [{"width": 1280, "height": 800}, {"width": 320, "height": 640}])
def test_a_question_refused_before_it_is_asked_is_told_where_the_member_sees_it(tmp_path, viewport):
    from playwright.sync_api import sync_playwright

    from tests.app_server import running_app
    from tests.openai_stub import Reply
    from tests.test_browser import ARGS, CHROMIUM

    if not Path(CHROMIUM).exists():
        pytest.skip("Debian chromium missing: run `apt-get install -y chromium`")
    slow = "Jason Killens said ambulance response times improved after the control room was reorganised [1]. " * 3
    with running_app(tmp_path, rate_per_minute=1000) as app, sync_playwright() as p:
        app.stub.always("stub", Reply(slow, chunk_delay=0.25))
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            page = browser.new_context(viewport=viewport).new_page()
            for typed, said in (("pay " * 400, "1599 characters long"), ("", "Please type a question first")):
                page.goto(app.url)  # a fresh page each: a press right after a refusal can find its events still running
                page.wait_for_selector("#question textarea")
                page.fill("#question textarea", typed)
                page.click("#ask")
                page.wait_for_selector(f"#status .msg-error:has-text('{said}')", state="attached", timeout=15_000)
                _wait_seen(page, "#status .msg-error")  # before: clipped to 1 px, heard only
            page.goto(app.url)
            page.wait_for_selector("#question textarea")
            page.fill("#question textarea", "What did Jason Killens say about ambulance response times?")
            page.press("#question textarea", "Enter")
            page.wait_for_selector("#chat .answer.st-writing", timeout=30_000)
            page.fill("#question textarea", "And what about ambulance crews?")
            page.press("#question textarea", "Enter")  # held while the answer is written, and said so
            page.wait_for_selector("#status .wait-hint", state="attached", timeout=10_000)
            _wait_seen(page, "#status .wait-hint")
        finally:
            browser.close()
