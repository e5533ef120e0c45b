"""Walk 27, the About line at the bottom of the chat. With two members asking, it said "The AI model is ready" while
one question was answered and the other waited its turn, told "1 other question first, then yours"; a page opened
after the app started said "The AI model is not started" (its state as the app was built) until the page's load came
back, a second later on a busy server; and on a 320 px phone it took three lines of twelve-pixel print."""

import pytest

from rag.config import Settings
from rag.llm.asked import Asked
from rag.llm.client import LiteLLM, _StartsServer
from rag.web.chat_page import about_html
from tests.chat_fakes import FakePipeline


class ReadyServer:
    """The local server as it is once started: only its state is asked here."""

    def state(self) -> str:
        return "ready"


def test_the_model_says_it_is_answering_while_questions_are_under_way():
    clock = [100.0]
    llm = _StartsServer(LiteLLM("openai/local", api_base="http://127.0.0.1:9/v1", api_key="x"), ReadyServer(),
                        clock=lambda: clock[0])
    assert llm.status() == "the AI model is ready"
    first, second = Asked(2.0), Asked(1.0)  # the second asked before: its turn comes before the first's next request
    with llm._order.turn(first):
        assert llm.status() == "the AI model is answering 1 question"  # before: "the AI model is ready"
    assert llm.status() == "the AI model is answering 1 question"  # between its rewrite and its answer
    with llm._order.turn(second):
        assert llm.status() == "the AI model is answering 2 questions, one at a time"
    first.finished = second.finished = True
    assert llm.status() == "the AI model is ready"


def test_the_page_as_built_says_nothing_of_the_models_state_until_it_has_asked():
    from rag.web.app import build_app

    pipeline = FakePipeline(llm_name="local")
    pipeline.status = "the AI model is not started"  # as app.py builds the page: the model starts after
    demo = build_app(pipeline, Settings())
    about, = [c["props"]["value"] for c in demo.config["components"] if c.get("props", {}).get("elem_id") == "about"]
    assert "not started" not in about and "model-status" not in about, about
    assert "small AI model" in about


def test_a_phone_reads_the_small_models_line_short_and_a_desktop_whole():
    ready = about_html("v0026-20261202T213439", "local", "the AI model is ready")
    assert '<span class="about-short">About: archive updated 2 Dec 2026 · AI model: ready</span>' in ready
    assert "(version 26) · answers by a small AI model on this server · " in ready  # the long form, unchanged
    assert "about-short" not in about_html("v0026-20261202T213439", "extractive")  # two lines at most already


class CalledLocal:
    """The scripted model, named and reporting its state as the local model does (the About line's words for it)."""

    def __init__(self, llm, status: str):
        self._llm, self.model, self.state = llm, "local", status

    def status(self) -> str:
        return self.state

    def stream(self, messages, **options):
        yield from self._llm.stream(messages, **options)


ABOUT = """() => { const p = document.querySelector('#about .about-line');
  return {lines: p.getBoundingClientRect().height / parseFloat(getComputedStyle(p).lineHeight), text: p.innerText}; }"""


@pytest.mark.slow
@pytest.mark.browser
def test_on_a_320_px_phone_the_about_line_takes_one_line_and_two_while_busy(tmp_path):
    from tests.test_browser import app_in_chromium

    with app_in_chromium(tmp_path) as (app, browser):
        app.pipeline.llm = local = CalledLocal(app.pipeline.llm, "the AI model is ready")
        page = browser.new_page(viewport={"width": 320, "height": 640})
        page.goto(app.url)
        page.wait_for_function("() => /AI model: ready/.test((document.querySelector('#about') || {}).innerText)",
                               timeout=10_000)
        about = page.evaluate(ABOUT)
        assert about["lines"] < 1.5, about  # before: 3 lines ("About: archive updated ... · The AI / model is ready")
        assert "(version" not in about["text"] and "The AI model is ready" not in about["text"]  # said once
        local.state = "the AI model is answering 2 questions, one at a time"
        page.reload()
        page.wait_for_function("() => /answering 2/.test((document.querySelector('#about') || {}).innerText)",
                               timeout=10_000)
        assert page.evaluate(ABOUT)["lines"] < 2.5
        page.set_viewport_size({"width": 1280, "height": 800})
        about = page.evaluate(ABOUT)
        assert "answers by a small AI model on this server · The AI model is answering 2" in about["text"], about
        assert about["lines"] < 1.5 and "AI model: " not in about["text"], about
        page.close()
