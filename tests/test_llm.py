"""LiteLLM through litellm over real HTTP to a scripted loopback server."""

from __future__ import annotations

import socket
import time

import pytest

from rag.answer.notices import short
from rag.config import Settings
from rag.errors import LLMError
from rag.llm import failures
from rag.llm.client import LiteLLM, make_llm
from tests.openai_stub import Fail, HangUp, Reply, StubOpenAIServer

MESSAGES = [{"role": "user", "content": "When is the conference?"}]


@pytest.fixture
def stub():
    with StubOpenAIServer() as server:
        yield server


def llm_for(stub: StubOpenAIServer, model: str = "openai/primary", **options) -> LiteLLM:
    return LiteLLM(model, api_base=stub.url, api_key=options.pop("api_key", "x"), **options)


def test_streams_text_in_pieces_and_sends_the_messages(stub):
    stub.enqueue(Reply("The conference is on 12 March [1]."))
    pieces = list(llm_for(stub, max_tokens=50, temperature=0.0).stream(MESSAGES))

    assert len(pieces) > 1
    assert "".join(pieces) == "The conference is on 12 March [1]."
    [request] = stub.requests
    assert request["messages"] == MESSAGES
    assert request["stream"] is True
    assert request["model"] == "primary"
    assert request["max_tokens"] == 50


def test_responder_scripts_answers_from_the_prompt():
    with StubOpenAIServer(responder=lambda messages: messages[-1]["content"].upper()) as stub:
        assert "".join(llm_for(stub).stream(MESSAGES)) == "WHEN IS THE CONFERENCE?"


def test_429_with_retry_after_is_honoured_then_succeeds(stub):
    stub.enqueue(Fail(429, retry_after=1), Reply("ok now"))
    started = time.monotonic()
    text = "".join(llm_for(stub, retries=2).stream(MESSAGES))

    assert text == "ok now"
    assert len(stub.requests) == 2
    assert time.monotonic() - started >= 0.95  # waited as told, not the shorter default backoff


def test_retry_after_beyond_the_cap_moves_on_instead_of_waiting(stub):
    stub.enqueue(Fail(429, retry_after=120))
    started = time.monotonic()
    with pytest.raises(LLMError, match=r"rate-limited \(HTTP 429, retry after 120 s\)"):
        list(llm_for(stub, retries=2).stream(MESSAGES))
    assert time.monotonic() - started < 60  # did not sit out the 120 s (loose: shared machines are slow)
    assert len(stub.requests) == 1


def test_500_is_retried_then_succeeds(stub):
    stub.enqueue(Fail(500), Reply("recovered"))
    assert "".join(llm_for(stub, retries=1).stream(MESSAGES)) == "recovered"
    assert len(stub.requests) == 2


def test_persistent_500_falls_back_to_the_next_model(stub):
    stub.always("primary", Fail(500))
    stub.always("backup", Reply("from the backup"))
    llm = llm_for(stub, retries=1, fallbacks=("openai/backup",))

    assert "".join(llm.stream(MESSAGES)) == "from the backup"
    assert stub.models_requested() == ["primary", "primary", "backup"]


def test_every_model_failing_names_each_failure(stub):
    stub.always("primary", Fail(500))
    stub.always("backup", Fail(503))
    with pytest.raises(LLMError) as caught:
        list(llm_for(stub, retries=0, fallbacks=("openai/backup",)).stream(MESSAGES))
    message = str(caught.value)
    assert "openai/primary failed with HTTP 500" in message
    assert "openai/backup failed with HTTP 503" in message


def test_timeout_becomes_llm_error_quickly(stub):
    stub.enqueue(Reply("too late", delay=5))
    started = time.monotonic()
    with pytest.raises(LLMError, match="did not answer within 1 s: raise RAG_LLM_TIMEOUT"):
        list(llm_for(stub, timeout=1.0, retries=2).stream(MESSAGES))
    assert time.monotonic() - started < 4.5  # gave up at the 1 s timeout, before the 5 s reply
    assert len(stub.requests) == 1


def test_stream_cut_midway_raises_after_some_tokens_without_retrying(stub):
    stub.enqueue(Reply("one two three four five six", cut_after=3), Reply("should not be asked"))
    received = []
    with pytest.raises(LLMError, match="broke off mid-answer"):
        for piece in llm_for(stub, retries=2, fallbacks=("openai/backup",)).stream(MESSAGES):
            received.append(piece)
    assert "".join(received) == "one two three "
    assert len(stub.requests) == 1


def test_401_says_which_key_to_set():
    with StubOpenAIServer(api_key="right-key") as stub:
        with pytest.raises(LLMError, match="openai/primary rejected the API key.*RAG_LLM_API_KEY"):
            list(llm_for(stub, api_key="wrong-key").stream(MESSAGES))
        assert len(stub.requests) == 1  # an auth failure is not retried


def test_401_then_right_key_works():
    with StubOpenAIServer(api_key="right-key") as stub:
        assert "".join(llm_for(stub, api_key="right-key").stream(MESSAGES)) == "This is the stub's answer [1]."


def test_connection_refused_asks_whether_the_server_runs():
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    url = f"http://127.0.0.1:{port}/v1"
    for model in ("openai/primary", "hosted_vllm/primary"):
        with pytest.raises(LLMError) as caught:
            list(LiteLLM(model, api_base=url, api_key="x", retries=1).stream(MESSAGES))
        message = str(caught.value)
        assert message.startswith(f"{model} is not reachable: could not connect to {url} after 2 attempts; is the "
                                  "server running? Start it")
        assert "Connection refused" in message and "InternalServerError" not in message  # the cause, not its wrapper


def test_a_server_that_dies_on_the_request_is_not_reachable_not_an_http_500(stub):
    """A tester's find: a model server that died mid-request was reported to the member as 'failed with HTTP 500'
    (litellm's wrapper for every failure it cannot name). Dying after the response headers, or before any response."""
    for model in ("openai/primary", "hosted_vllm/primary"):
        for dies in (Reply("never sent", cut_after=0), HangUp()):
            stub.enqueue(dies, dies)
            with pytest.raises(LLMError) as caught:
                list(llm_for(stub, model, retries=1).stream(MESSAGES))
            message = str(caught.value)
            assert "HTTP 500" not in message and "InternalServerError" not in message, message
            assert message.startswith(f"{model} is not reachable: {stub.url} closed the connection before answering "
                                      "after 2 attempts; the server may have stopped or crashed"), message
            assert "not reachable" in short(message)  # what the member's notice keeps of it
    assert len(stub.requests) == 8  # retried once, as a refused connection is


def test_no_api_key_for_a_compatible_server_says_to_set_one_not_http_500(stub, monkeypatch):
    """A tester's find: `openai/NAME` + RAG_LLM_API_BASE without RAG_LLM_API_KEY (a local server needs none) failed
    in the openai client before any request, and was told as "failed with HTTP 500 after 3 attempts: try again
    later", after two pointless retries."""
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    with pytest.raises(LLMError) as caught:
        list(LiteLLM("openai/primary", api_base=stub.url, api_key=None, retries=2).stream(MESSAGES))
    message = str(caught.value)
    assert message.startswith("openai/primary has no API key, so no request was sent: set RAG_LLM_API_KEY"), message
    assert "HTTP 500" not in message and "attempts" not in message  # said once, not retried
    assert "no API key" in short(message)  # what the member's notice keeps of it
    assert not stub.requests
    assert "".join(LiteLLM("openai/primary", api_base=stub.url, api_key="none").stream(MESSAGES))  # the fix works


def test_an_answer_longer_than_max_tokens_allow_or_dripping_past_the_timeouts_is_stopped(stub):
    """A tester's find: RAG_LLM_TIMEOUT bounds each wait for bytes, so a server that ignores max_tokens (or drips a
    token just inside the timeout) kept `rag ask` streaming past 120 s with RAG_LLM_TIMEOUT=3, and would hold a
    member's chat for ever. The stream is stopped, as one broken mid-answer is (the member gets quoted passages)."""
    stub.enqueue(Reply("pay rise " * 400))  # 3,600 characters for max_tokens=10: the server ignored it
    received = []
    with pytest.raises(LLMError, match=r"openai/primary was stopped after \d+ characters .* check that the server "
                                       r"honours max_tokens"):
        for piece in llm_for(stub, retries=0).stream(MESSAGES, max_tokens=10):
            received.append(piece)
    assert 0 < len("".join(received)) <= 10 * 16 + 20  # stopped near the cap, not after the whole reply
    stub.enqueue(Reply("slow drip " * 20, chunk_delay=0.3))  # each piece inside the 1 s timeout; 3 s in all
    start = time.monotonic()
    with pytest.raises(LLMError, match="was stopped after"):
        list(llm_for(stub, retries=0, timeout=0.5).stream(MESSAGES))
    assert time.monotonic() - start < 3  # 3 timeouts of 0.5 s, and one piece's wait
    stub.enqueue(Reply("pay rise " * 30))  # an answer within its tokens is untouched
    assert "".join(llm_for(stub).stream(MESSAGES, max_tokens=60)) == "pay rise " * 30


class _WrappedByLitellm(Exception):
    status_code = 500  # litellm's InternalServerError, whatever went wrong underneath


def _raised_from(cause: BaseException) -> Exception:
    try:
        raise _WrappedByLitellm("litellm.InternalServerError: OpenAIException - Connection error.") from cause
    except _WrappedByLitellm as exc:
        return exc


def test_failures_are_classified_by_their_cause_before_litellms_status():
    import httpx

    assert failures.classify(_raised_from(httpx.RemoteProtocolError("Server disconnected"))) == ("dropped", None)
    assert failures.classify(_raised_from(httpx.ReadError("peer closed connection"))) == ("dropped", None)
    assert failures.classify(_raised_from(ConnectionRefusedError(111, "Connection refused"))) == ("connection", None)
    assert failures.classify(_raised_from(httpx.ConnectError("[Errno 111] Connection refused"))) == ("connection", None)
    assert failures.classify(_raised_from(httpx.ReadTimeout("timed out"))) == ("timeout", None)
    assert failures.classify(_raised_from(ValueError("bad gateway body"))) == ("server", 500)  # a real HTTP 500
    assert failures.root_cause(_raised_from(OSError(111, "Connection refused"))) == "[Errno 111] Connection refused"


def test_stopping_early_leaves_the_server_usable(stub):
    stub.enqueue(Reply("a b c d e f g h", chunk_delay=0.05), Reply("second answer"))
    llm = llm_for(stub)
    stream = llm.stream(MESSAGES)
    assert next(stream) == "a "
    stream.close()
    assert "".join(llm.stream(MESSAGES)) == "second answer"


def test_make_llm_wires_settings(stub):
    assert make_llm(Settings(llm_model="extractive")) is None
    settings = Settings(
        llm_model="openai/primary",
        llm_api_base=stub.url,
        llm_api_key="x",
        llm_timeout=5.0,
        llm_retries=0,
        llm_fallbacks=("openai/backup",),
        llm_max_tokens=42,
    )
    stub.always("primary", Fail(500))
    llm = make_llm(settings)
    assert llm.model == "openai/primary"
    assert "".join(llm.stream(MESSAGES)) == "This is the stub's answer [1]."
    assert stub.models_requested() == ["primary", "backup"]
    assert stub.requests[-1]["max_tokens"] == 42


class FakeServer:
    """Stands in for LocalServer: the stub plays llama.cpp's OpenAI-compatible server."""

    def __init__(self, url: str):
        self.url = url
        self.starts = 0

    def ensure_started(self) -> None:
        self.starts += 1


def test_make_llm_local_starts_the_server_on_first_stream(stub):
    server = FakeServer(stub.base_url)
    llm = make_llm(Settings(llm_model="local"), local_server=server)
    assert llm.model == "local"
    assert server.starts == 0  # nothing started before it is needed
    assert "".join(llm.stream(MESSAGES)) == "This is the stub's answer [1]."
    assert server.starts == 1
    assert stub.requests[0]["model"] == "local"


def test_settings_reach_the_request(stub):
    settings = Settings(llm_model="openai/configured", llm_api_base=stub.url, llm_api_key="x",
                        llm_max_tokens=77, llm_temperature=0.4)
    stub.enqueue(Reply("Fine [1]."), Reply("Yes"))
    llm = make_llm(settings)
    assert "".join(llm.stream(MESSAGES)) == "Fine [1]."
    assert "".join(llm.stream(MESSAGES, max_tokens=3)) == "Yes"
    first, second = stub.requests
    assert (first["model"], first["max_tokens"], first["temperature"]) == ("configured", 77, 0.4)
    assert second["max_tokens"] == 3  # a per-call limit (the answerability check) wins
    assert Settings().llm_temperature == 0.0  # greedy by default: evals repeat


def test_the_local_model_says_how_many_questions_it_is_answering_before_a_new_one(stub):
    stub.enqueue(Reply("First [1].", delay=0.6), Reply("Second [1]."))
    server = FakeServer(stub.base_url)
    llm = make_llm(Settings(llm_model="local"), local_server=server)
    assert llm.queue() == (0, None)
    first = llm.stream(MESSAGES)
    assert next(first)  # being answered now
    ahead, took = llm.queue()
    assert (ahead, took) == (1, None)
    assert "".join(first)
    assert llm.queue()[0] == 0 and llm.queue()[1] > 0  # how long an answer took, for the estimate
    abandoned = llm.stream(MESSAGES)
    next(abandoned)
    abandoned.close()  # a member pressed Stop: no longer counted
    assert llm.queue()[0] == 0
