"""Walk 35 ran the app with its model unreachable (RAG_LLM_MODEL=openai/gpt-4o-mini at a closed port): every answer came
as quotes under the banner, but the About line under the question box said "answers by openai/gpt-4o-mini" before and
after each failure, as if the model answered; a member opening the page learnt otherwise only by asking. A model
whose last question failed every model now says so there, until one answers again (LiteLLM.status)."""

import socket

from rag.errors import LLMError
from rag.llm.client import LiteLLM
from rag.web.chat_page import about_html
from tests.openai_stub import Reply, StubOpenAIServer

MESSAGES = [{"role": "user", "content": "What is MiP?"}]


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_the_about_line_says_the_model_could_not_answer_until_it_answers_again():
    llm = LiteLLM("openai/gpt-4o-mini", api_base=f"http://127.0.0.1:{_closed_port()}/v1", api_key="x", retries=0,
                  timeout=5)
    assert llm.status() == "answers by openai/gpt-4o-mini"  # nothing asked yet: the About line names the model alone
    try:
        list(llm.stream(MESSAGES))
    except LLMError:
        pass
    about = about_html("v0027-20261204T101010", "openai/gpt-4o-mini", llm.status())
    # before: "answers by openai/gpt-4o-mini" and nothing else
    assert "answers by openai/gpt-4o-mini · <span id=\"model-status\">The AI model could not answer just now" in about
    with StubOpenAIServer() as stub:
        stub.always("gpt-4o-mini", Reply("MiP is a trade union [1]."))
        llm.api_base = stub.url
        assert "".join(llm.stream(MESSAGES)) == "MiP is a trade union [1]."
    assert llm.status() == "answers by openai/gpt-4o-mini"
    assert "model-status" not in about_html("v0027-20261204T101010", "openai/gpt-4o-mini", llm.status())
