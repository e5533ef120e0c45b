"""A member's walk with everything real: the published index, the bundled embedder, the local model through
its llama.cpp server, the app, and Debian's chromium. `make test` runs it (it installs the model).

The member sees that the local model answers, asks, gets an answer written by it (not the quoted-passages
fallback), and every [n] leads to the source holding the passage the model was given as [n], and on to
the article at that passage.
"""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from tests.app_server import free_port
from tests.test_browser import (  # noqa: F401 - browser is the shared chromium fixture
    CHROMIUM,
    DESKTOP,
    FINISHED,
    ROOT,
    _follow_every_marker,
    _open,
    _shot,
    browser,
    passages_sent,
)

pytestmark = [
    pytest.mark.slow,
    pytest.mark.browser,
    pytest.mark.local_llm,
    pytest.mark.skipif(not CHROMIUM.exists(),
                       reason="Debian chromium missing: run `apt-get install -y chromium` (make test does)"),
]


class Recording:
    """The real LLM, with the messages of each call kept so the test knows what the model was given."""

    def __init__(self, llm):
        self._llm = llm
        self.messages: list[list[dict]] = []

    def stream(self, messages, **options):
        self.messages.append(messages)
        yield from self._llm.stream(messages, **options)

    def __getattr__(self, name):  # model, status, queue, warm_up: the real ones
        return getattr(self._llm, name)


def test_a_member_gets_the_local_models_answer_and_every_marker_leads_to_its_source(browser, tmp_path):
    from rag.answer.build import build_pipeline
    from rag.config import load_settings
    from rag.llm.local_model import model_path
    from rag.web.app import build_app, launch_app

    base = load_settings()
    settings = base.with_(index_dir=ROOT / "index", llm_model="local", port=free_port(), data_dir=tmp_path,
                          local_model_file=model_path(base), gemma_model_dir=base.gemma_model_path, local_port=0,
                          auth=None, auth_file=None,
                          public_base_url="")
    pipeline = build_pipeline(settings)
    recording = pipeline.llm = Recording(pipeline.llm)
    assert pipeline.warm_up() == ""
    demo = build_app(pipeline, settings)
    _, url, _ = launch_app(demo, pipeline, settings, prevent_thread_lock=True, quiet=True)
    try:
        context, page = _open(browser, url.rstrip("/"), DESKTOP)
        # the page as built says nothing of the model until its load has asked (walk 27): then it is ready
        page.wait_for_function("() => document.querySelector('#about').innerText.includes('The AI model is ready')",
                               timeout=60_000)
        page.fill("#question textarea", "What pay rise did board-level NHS managers get?")
        page.press("#question textarea", "Enter")
        page.wait_for_function(f"() => document.querySelectorAll({FINISHED!r}).length > 0", timeout=240_000)
        answer = page.locator("#chat .answer").last
        text = answer.inner_text()
        assert "3%" in text and "Quoted from the articles" not in text, text  # written by the model
        assert page.inner_text("#notice").strip() == ""  # no fallback banner
        numbers = _follow_every_marker(SimpleNamespace(url=url.rstrip("/")), context, page, answer,
                                       passages_sent(recording.messages[-1]))
        assert numbers, text
        _shot(page, "chat-local-model.png")
        context.close()
    finally:
        demo.close()
        pipeline.llm._server.stop()
