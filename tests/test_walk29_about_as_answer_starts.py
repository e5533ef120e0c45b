"""Walk 28 (remains) and 29: the About line said "The AI model is ready" beside "Reading the sources and thinking…" for
up to 10 s: the local model counts a question only once its stream has started, its first words 5-30 s later, and the
line followed it at its 10 s tick and as an answer ended. While the app's answers are under way it is not said to be
ready, and the line is said again as the status line changes (searching, reading, writing), not only at the tick."""

import threading

import pytest

from rag.config import Settings
from rag.llm.client import READY
from rag.web.chat_handlers import ChatHandlers
from tests.chat_fakes import FakePipeline
from tests.test_walk27_about_line import CalledLocal


class _Ready(FakePipeline):
    def llm_status(self) -> str:
        return READY  # as the local model says until a question's stream has started


def test_the_model_is_not_said_ready_while_the_apps_answers_are_under_way(tmp_path):
    h = ChatHandlers(_Ready(), Settings(data_dir=tmp_path))
    assert h.model_state() == READY
    h.answering = 1
    assert h.model_state() == "the AI model is answering 1 question"
    h.answering = 2
    assert h.model_state() == "the AI model is answering 2 questions, one at a time"


def test_a_model_down_or_hosted_is_said_as_it_says_itself(tmp_path):
    h = ChatHandlers(FakePipeline(), Settings(data_dir=tmp_path))
    h.answering = 1
    assert h.model_state() == FakePipeline().llm_status()


class ReadyUntilItsWords(CalledLocal):
    """Says "ready" throughout (the model's own count starts with its stream); its words come once the test says so."""

    def __init__(self, llm):
        super().__init__(llm, READY)
        self.go = threading.Event()

    def stream(self, messages, **options):
        self.go.wait(30)
        yield from self._llm.stream(messages, **options)


@pytest.mark.slow
@pytest.mark.browser
def test_the_about_line_says_the_model_is_answering_as_the_answer_starts(tmp_path):
    from tests.test_browser import FINISHED, QUESTION, app_in_chromium, quoting_responder

    about = "(re) => re.test((document.querySelector('#about') || {}).innerText)"
    # no tick in this test (about_tick_s an hour): only the answer says it
    with app_in_chromium(tmp_path, responder=quoting_responder, about_tick_s=3600) as (app, browser):
        app.pipeline.llm = local = ReadyUntilItsWords(app.pipeline.llm)
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        page.goto(app.url)
        page.wait_for_function(f"() => ({about})(/model is ready/)", timeout=10_000)
        page.fill("#question textarea", QUESTION)
        page.press("#question textarea", "Enter")
        page.wait_for_selector("#chat .answer.st-writing", timeout=15_000)  # "Reading the sources and thinking…"
        # before: "The AI model is ready" until the tick, 10 s away
        page.wait_for_function(f"() => ({about})(/answering 1 question/)", timeout=3_000)
        local.go.set()
        page.wait_for_selector(FINISHED, timeout=30_000)
        page.wait_for_function(f"() => ({about})(/model is ready/)", timeout=3_000)  # and ready again once it ends
        page.wait_for_timeout(1_500)  # nothing late says it is answering again
        assert "model is ready" in page.locator("#about").inner_text()
        page.close()
