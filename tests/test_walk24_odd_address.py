"""Walk 24: the chat opened at an odd address, /#%E0%A4%A (a fragment that is not valid percent-encoding), threw "URI
malformed" at every redraw of the page (15 errors for one greeting): the page's script decoded the fragment to find
the source card reached by [n], and what runs after that step (taking down the "your next question waits" hint) never
ran. A malformed fragment now names no card; the page works as at its plain address."""

import pytest

pytestmark = [pytest.mark.slow, pytest.mark.browser]


def test_a_malformed_fragment_breaks_nothing(tmp_path):
    from tests.test_browser import FINISHED, QUESTION, app_in_chromium

    with app_in_chromium(tmp_path) as (app, browser):
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        errors = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(f"{app.url}/#%E0%A4%A")
        page.wait_for_selector("#question textarea")
        page.fill("#question textarea", QUESTION)
        page.press("#question textarea", "Enter")
        page.wait_for_selector(FINISHED, timeout=30_000)
        assert errors == [], errors[:3]  # before: "URI malformed" at every redraw
        cite = page.locator("#chat a.cite").first
        cite.click()
        card = page.locator(f"#chat {cite.get_attribute('href')}")
        assert "reached" in card.get_attribute("class")  # [n] still leads to its card, highlighted
