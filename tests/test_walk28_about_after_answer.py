"""Walk 28: the About line said "The AI model is answering 1 question" under a member's answer already finished (desktop
and phone, three times in one walk): it follows the model's state at its 10 s tick, so it kept the state of the answer
being written for up to 10 s after. It is now said again as each answer ends."""

import threading

import pytest

from tests.test_walk27_about_line import CalledLocal

pytestmark = [pytest.mark.slow, pytest.mark.browser]


class EndsReady(CalledLocal):
    """Answering while its answer is written, ready the moment it ends (as the local model's state is); the answer is
    written once the test says so."""

    def __init__(self, llm, status: str):
        super().__init__(llm, status)
        self.go = threading.Event()

    def stream(self, messages, **options):
        self.state = "the AI model is answering 1 question"
        self.go.wait(30)
        yield from self._llm.stream(messages, **options)
        self.state = "the AI model is ready"


def test_the_about_line_says_the_model_is_ready_as_the_members_answer_ends(tmp_path):
    from tests.test_browser import FINISHED, QUESTION, app_in_chromium, quoting_responder

    with app_in_chromium(tmp_path, responder=quoting_responder) as (app, browser):
        app.pipeline.llm = local = EndsReady(app.pipeline.llm, "the AI model is ready")
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        page.goto(app.url)
        page.wait_for_function("() => /model is ready/.test((document.querySelector('#about') || {}).innerText)",
                               timeout=10_000)
        page.fill("#question textarea", QUESTION)
        page.press("#question textarea", "Enter")
        page.wait_for_function("() => /answering 1 question/.test((document.querySelector('#about') || {}).innerText)",
                               timeout=15_000)  # the 10 s tick, while the answer is being written
        local.go.set()  # the answer is written and ends at once: the next tick is some 10 s away
        page.wait_for_selector(FINISHED, timeout=30_000)
        # said again as the answer ends (before: "answering 1 question" under the answer until that tick)
        page.wait_for_function("() => /model is ready/.test((document.querySelector('#about') || {}).innerText)",
                               timeout=2_000)
        page.close()
