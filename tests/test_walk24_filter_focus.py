"""Walk 24, keyboard only, dark mode: Tab to the "Search in" filter showed no focus ring (Gradio's focus shadow is the
unfocused one in dark mode, and a pale blue on white in light); only the selected text told where the focus was. It
now has the buttons' blue ring, light and dark."""

import pytest

pytestmark = [pytest.mark.slow, pytest.mark.browser]

RING = "() => getComputedStyle(document.activeElement.closest('.wrap')).boxShadow"


def test_the_issue_filter_shows_a_ring_when_tabbed_to(tmp_path):
    from tests.test_browser import app_in_chromium

    with app_in_chromium(tmp_path) as (app, browser):
        for scheme in ("dark", "light"):
            page = browser.new_page(viewport={"width": 1280, "height": 800}, color_scheme=scheme)
            page.goto(app.url)
            page.wait_for_selector("#question textarea")
            for _ in range(12):
                page.keyboard.press("Shift+Tab")
                if page.evaluate("() => !!document.activeElement.closest('#issue-filter')"):
                    break
            assert page.evaluate("() => document.activeElement.getAttribute('aria-label')") == "Search in"
            assert "rgb(9, 105, 218) 0px 0px 0px 3px" in page.evaluate(RING), scheme  # before: none in dark mode
            page.close()
