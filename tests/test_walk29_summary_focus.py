"""Walk 29, keyboard only, dark theme: Shift+Tab from the question box back through an answer stops on its source
lists' headings ("Sources (2)", "2 more passages read, not cited"), which open and fold with Enter. Their focus ring was
chromium's own, 1 px and near black (rgb(16, 16, 16)), not seen on the dark card; links and buttons had the page's
3 px blue one. A heading now has that ring too, light and dark."""

import pytest

pytestmark = [pytest.mark.slow, pytest.mark.browser]

RING = """() => { const e = document.activeElement, c = getComputedStyle(e);
  return {tag: e.tagName, style: c.outlineStyle, width: c.outlineWidth, color: c.outlineColor}; }"""


@pytest.mark.parametrize("scheme", ["dark", "light"])
def test_a_source_lists_heading_reached_by_keyboard_has_the_pages_focus_ring(tmp_path, scheme):
    from tests.test_browser import FINISHED, QUESTION, app_in_chromium

    with app_in_chromium(tmp_path) as (app, browser):
        page = browser.new_page(viewport={"width": 1280, "height": 800}, color_scheme=scheme)
        page.goto(app.url)
        page.wait_for_selector("#question textarea")
        page.keyboard.type(QUESTION)
        page.keyboard.press("Enter")
        page.wait_for_selector(FINISHED, timeout=30_000)
        headings = page.locator("#chat .answer").last.locator("summary")
        assert headings.count() >= 1
        for k in range(headings.count()):
            headings.nth(k).focus()  # as Tab reaches it: the page had a key pressed, so it is focus-visible
            ring = page.evaluate(RING)
            assert ring["tag"] == "SUMMARY"
            assert (ring["style"], ring["width"], ring["color"]) == ("solid", "3px", "rgb(9, 105, 218)"), ring
        page.close()
