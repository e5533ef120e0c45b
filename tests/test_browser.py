"""A member's session in Debian's chromium (Playwright): ask, watch it stream, follow a source to its passage."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.app_server import running_app, stub_responder
from tests.openai_stub import Reply

CHROMIUM = Path("/usr/bin/chromium")
# Screenshots go to test-artifacts/ (ignored); RAG_UPDATE_SCREENSHOTS=1 refreshes the ones in docs/.
SHOTS = Path(__file__).resolve().parent.parent / (
    "docs/screenshots" if os.environ.get("RAG_UPDATE_SCREENSHOTS") == "1" else "test-artifacts/screenshots")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
QUESTION = "What did Jason Killens say about ambulance response times?"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(),
                       reason="Debian chromium missing: run `apt-get install -y chromium` (make test does)"),
]


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    with running_app(tmp_path_factory.mktemp("browser"), rate_per_minute=1000) as running:
        yield running


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


def _ask(page, question: str) -> None:
    page.fill("#question textarea", question)
    page.press("#question textarea", "Enter")  # keyboard submit


def test_ask_stream_and_follow_a_source_to_the_highlighted_passage(app, browser):
    app.stub.enqueue(Reply(stub_responder([]), chunk_delay=0.15))  # slow enough to watch it stream
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(app.url)
    page.wait_for_selector("#question textarea")
    assert "Indexed:" in page.inner_text("#indexed") and "openai/stub" in page.inner_text("#indexed")
    _ask(page, QUESTION)
    page.wait_for_selector("#sources a.src-link", timeout=30_000)
    bot = page.locator("#chat .bot.message").last
    early = bot.inner_text() if bot.count() else ""
    page.wait_for_selector("#status:has-text('Answered')", timeout=30_000)
    final = page.locator("#chat .bot.message").last.inner_text()
    assert "Killens" in final and "[1]" in final
    assert len(early) < len(final)  # sources were on screen before the full text
    assert page.locator("#chat img").count() == 0
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "chat.png"), full_page=True)

    link = page.locator("#sources a.src-link").first
    href = link.get_attribute("href")
    chunk_id = href.split("#p-")[1]
    with context.expect_page() as opened:
        link.click()
    article = opened.value
    article.wait_for_load_state()
    assert article.url.endswith(f"#p-{chunk_id}")
    target = article.locator(":target")
    assert target.get_attribute("id") == f"p-{chunk_id}"
    assert target.is_visible()
    background = target.evaluate("el => getComputedStyle(el).backgroundColor")
    assert background == "rgb(255, 243, 176)"  # the highlight colour, applied by :target
    box, height = target.bounding_box(), article.viewport_size["height"]
    assert box["y"] >= 0 and box["y"] < height  # scrolled into view
    article.screenshot(path=str(SHOTS / "article.png"))
    context.close()


def test_phone_width_and_keyboard(app, browser):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(app.url)
    page.wait_for_selector("#question textarea")
    _ask(page, QUESTION)
    page.wait_for_selector("#status:has-text('Answered')", timeout=30_000)
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= 400  # no sideways scrolling on a phone
    page.screenshot(path=str(SHOTS / "chat-phone.png"), full_page=True)
    # keyboard only: tab to the New chat button and press Enter
    page.focus("#new-chat")
    page.keyboard.press("Enter")
    page.wait_for_function("() => !document.querySelector('#chat .bot.message')", timeout=10_000)
    context.close()


def test_empty_question_gets_a_clear_message(app, browser):
    page = browser.new_page()
    page.goto(app.url)
    page.wait_for_selector("#question textarea")
    page.click("#ask")
    page.wait_for_selector("#status [role=alert]", timeout=10_000)
    assert "type a question" in page.inner_text("#status")
    page.close()
