"""Every generative model goes through litellm: streaming, timeouts, retries, fallbacks, clear errors."""

from __future__ import annotations

import os
import statistics
import time
from typing import TYPE_CHECKING, Iterator, Sequence

from rag.config import Settings
from rag.errors import InputError, LLMError
from rag.llm import failures
from rag.llm.asked import Asked, asked_now, reaching_model
from rag.types import LLM

if TYPE_CHECKING:
    from rag.llm.local_server import LocalServer

MAX_RETRY_AFTER = 10.0  # seconds; a longer Retry-After means try the next model instead of waiting
BACKOFF = 0.5  # first pause before retrying a 5xx or a refused connection; doubles each time
# A streamed answer is stopped past this many characters per max_tokens token (English averages about 4), or after
# this many request timeouts in all (the local model writes 300 tokens in about 40 s on 2 busy cores)
MAX_CHARS_PER_TOKEN = 16
TOTAL_TIMEOUTS = 3


class LiteLLM:
    """Any litellm model string, streamed; raises LLMError with a message that says what to do."""

    def __init__(
        self,
        model: str,
        *,
        api_base: str | None = None,
        api_key: str | None = None,
        timeout: float = 60.0,
        retries: int = 2,
        fallbacks: Sequence[str] = (),
        max_tokens: int = 300,
        temperature: float = 0.0,
    ):
        self.model = model
        self.api_base = api_base
        self.api_key = api_key
        self.timeout = timeout
        self.retries = retries
        self.fallbacks = tuple(fallbacks)
        self.max_tokens = max_tokens
        self.temperature = temperature
        self.failed_last = False  # the last question failed every model: said in the app's About line (status)

    def status(self) -> str:
        """What answers right now, in a member's words: with the model unreachable the About line named it as if it
        answered ("answers by openai/gpt-4o-mini"), before and after each failure (walk 35)."""
        if self.failed_last:
            return "the AI model could not answer just now, so answers may be quoted passages"
        return f"answers by {self.model}"

    def stream(self, messages: list[dict], *, max_tokens: int | None = None) -> Iterator[str]:
        """Yield text deltas from the first model that answers; never retries once text has been yielded."""
        reaching_model()  # before any request: outside _stream_one, which takes every exception for a model's fault
        failed: list[str] = []
        for model in (self.model, *self.fallbacks):
            progress = [0]  # characters yielded so far, shared with _stream_one
            try:
                yield from self._stream_one(model, messages, progress, max_tokens or self.max_tokens)
                self.failed_last = False
                return
            except LLMError as e:
                self.failed_last = True
                if progress[0]:
                    raise  # the caller already holds part of this answer: no second opinion mixed in
                failed.append(str(e))
        if len(failed) == 1:
            raise LLMError(failed[0])
        raise LLMError("every model failed: " + " | ".join(failed))

    def _stream_one(self, model: str, messages: list[dict], progress: list[int], max_tokens: int) -> Iterator[str]:
        litellm = load_litellm()
        attempt = 0
        while True:
            response = None
            started = time.monotonic()
            try:
                response = litellm.completion(
                    model=model,
                    messages=messages,
                    stream=True,
                    api_base=self.api_base,
                    api_key=self.api_key,
                    timeout=self.timeout,
                    max_retries=0,  # retries are ours, so Retry-After and fallbacks are handled once
                    max_tokens=max_tokens,
                    temperature=self.temperature,
                )
                for chunk in response:
                    text = chunk.choices[0].delta.content if chunk.choices else None
                    if text:
                        progress[0] += len(text)
                        yield text
                    self._check_still_bounded(model, progress[0], max_tokens, started)
                return
            except LLMError:
                raise
            except Exception as exc:  # litellm raises many provider-specific types: classify them here
                if progress[0]:
                    raise LLMError(
                        f"{model} broke off mid-answer after {progress[0]} characters ({failures.root_cause(exc)})"
                    ) from exc
                kind, status = failures.classify(exc)
                wait = self._wait_before_retry(kind, exc, attempt)
                if wait is None:
                    raise LLMError(self._describe(model, kind, status, exc, attempt + 1)) from exc
                time.sleep(wait)
                attempt += 1
            finally:
                _close(response)

    def _check_still_bounded(self, model: str, chars: int, max_tokens: int, started: float) -> None:
        """The timeout bounds each wait for bytes, not a whole answer: a server that ignores max_tokens, or drips a
        token just inside the timeout, held `rag ask` (and a member's chat) for ever (a tester's find). An answer is
        stopped past MAX_CHARS_PER_TOKEN characters a token, or TOTAL_TIMEOUTS request timeouts in all."""
        seconds = time.monotonic() - started
        if chars > max_tokens * MAX_CHARS_PER_TOKEN or seconds > self.timeout * TOTAL_TIMEOUTS:
            raise LLMError(f"{model} was stopped after {chars} characters in {seconds:.0f} s, more than an answer of "
                           f"{max_tokens} tokens takes: check that the server honours max_tokens, or raise "
                           "RAG_LLM_TIMEOUT for a slow model")

    def _wait_before_retry(self, kind: str, exc: Exception, attempt: int) -> float | None:
        """Seconds to wait before the next attempt, or None to give up on this model."""
        if attempt >= self.retries:
            return None
        if kind == "rate_limit":
            after = failures.retry_after(exc)
            if after is None:
                return BACKOFF * 2**attempt
            return after if after <= MAX_RETRY_AFTER else None
        if kind in ("server", "connection", "dropped"):
            return BACKOFF * 2**attempt
        return None  # timeouts are not retried: a slow server stays slow while the member waits

    def _describe(self, model: str, kind: str, status: int | None, exc: Exception, attempts: int) -> str:
        where = self.api_base or "the provider"
        tries = f" after {attempts} attempts" if attempts > 1 else ""
        cause = failures.root_cause(exc)
        if kind == "timeout":
            return f"{model} did not answer within {self.timeout:g} s: raise RAG_LLM_TIMEOUT or use a faster model"
        # Said first, as a member's notice keeps only a message's first 260 characters (rag.answer.notices.short)
        if kind == "connection":
            return (f"{model} is not reachable: could not connect to {where}{tries}; is the server running? Start it, "
                    f"or check RAG_LLM_API_BASE ({cause})")
        if kind == "dropped":
            return (f"{model} is not reachable: {where} closed the connection before answering{tries}; the server may "
                    f"have stopped or crashed: check that it runs (its log says why), then ask again ({cause})")
        if kind == "no_key":  # an OpenAI-compatible server (RAG_LLM_API_BASE) often needs none, but the client does
            return (f"{model} has no API key, so no request was sent: set RAG_LLM_API_KEY (any value, e.g. "
                    "RAG_LLM_API_KEY=none, for a server that needs no key) or the provider's key variable")
        if status in (401, 403):
            return f"{model} rejected the API key (HTTP {status}): set RAG_LLM_API_KEY or the provider's key variable"
        if status == 404:
            return f"{model} was not found at {where} (HTTP 404): check RAG_LLM_MODEL and RAG_LLM_API_BASE"
        if kind == "rate_limit":
            after = failures.retry_after(exc)
            hint = f", retry after {after:g} s" if after is not None else ""
            return f"{model} is rate-limited (HTTP 429{hint}){tries}: try again later or set RAG_LLM_FALLBACKS"
        if kind == "server":
            return f"{model} failed with HTTP {status}{tries}: try again later or set RAG_LLM_FALLBACKS"
        code = f" (HTTP {status})" if status else ""
        return f"{model} failed{code}: {failures.first_line(exc)}"


READY = "the AI model is ready"  # the local model's state when nothing is asked of it (_StartsServer.status)


def answering(under_way: int) -> str:
    """The local model's state while questions are under way, in a member's words."""
    return "the AI model is answering " + ("1 question" if under_way == 1 else f"{under_way} questions, one at a time")


class _StartsServer:
    """An LLM that starts its local server on first use, then streams through litellm, one request at a time in the
    order members asked (rag.llm.arrival_order.ArrivalOrder)."""

    def __init__(self, llm: LiteLLM, server: "LocalServer", clock=time.monotonic):
        from rag.llm.arrival_order import ArrivalOrder

        self.model = "local"
        self._llm = llm
        self._server = server
        self._clock = clock
        self._order = ArrivalOrder(limit_s=llm.timeout * TOTAL_TIMEOUTS, clock=clock)

    def stream(self, messages: list[dict], *, max_tokens: int | None = None) -> Iterator[str]:
        asked = asked_now() or Asked(self._clock(), finished=True)  # no member's question: its own place, now
        reaching_model()  # before its place in the order: a question answered without the model takes none
        try:
            with self._order.turn(asked):
                self._server.ensure_started()
                yield from self._llm.stream(messages, max_tokens=max_tokens)
        except LLMError as exc:
            death = self._server.death_report()  # a dead server is said as such, not as "could not connect"
            if death:
                raise LLMError(death) from exc
            raise

    def queue(self) -> tuple[int, float | None]:
        """(questions the server answers before the one asking, median seconds of model time a question took lately).

        Asked from within as_asked, the questions asked before it still under way; else every one under way.
        """
        took = list(self._order.took)
        return self._order.ahead(asked_now()), statistics.median(took) if took else None

    def status(self) -> str:
        """What answers right now, in a member's words."""
        state = self._server.state()
        if state == "ready":
            # "ready" while members' questions waited their turn read as a fault (walk 27): say it is busy
            under_way = self._order.ahead()
            return answering(under_way) if under_way else READY
        if state.startswith("down"):
            return "the AI model is down, so answers are quoted passages (" + state.removeprefix("down: ") + ")"
        return "the AI model is " + state

    def warm_up(self) -> None:
        """Import litellm and start the server now, so the first member does not wait for them."""
        load_litellm()
        self._server.ensure_started()


def make_llm(settings: Settings, *, local_server: "LocalServer | None" = None,
             setting: str = "RAG_LLM_MODEL (or --llm)") -> LLM | None:
    """The configured LLM: None for "extractive", the embedded model for "local", else any litellm model. setting: where
    settings.llm_model came from, as a refusal of it names it."""
    name = settings.llm_model
    if name in ("extractive", "none"):  # (Settings reads our own words in any case; "none" as RAG_QUESTION_MODEL=none)
        return None
    options = dict(timeout=settings.llm_timeout, retries=settings.llm_retries, max_tokens=settings.llm_max_tokens,
                   temperature=settings.llm_temperature)
    if name == "local":
        from rag.llm.local_model import local_model, model_path, prepare
        from rag.llm.local_server import (  # subprocess machinery only when the local model is used
            LocalServer,
            server_options,
        )

        server = local_server or LocalServer(model_path(settings), port=settings.local_port,
                                             options=server_options(settings),
                                             prepare_model=prepare(local_model(settings.local_model)))
        # Our own loopback server is up or dead: retrying a refused connection only delays saying which.
        llm = LiteLLM("openai/local", api_base=server.url + "/v1", api_key="x", **{**options, "retries": 0})
        return _StartsServer(llm, server)
    for model, where in ((name, setting), *((f, "RAG_LLM_FALLBACKS") for f in settings.llm_fallbacks)):
        check_model_name(model, where)
    return LiteLLM(
        name,
        api_base=settings.llm_api_base,
        api_key=settings.llm_api_key,
        fallbacks=settings.llm_fallbacks,
        **options,
    )


def check_model_name(name: str, setting: str) -> None:
    """A model string litellm can route (provider/model), else an InputError before any question is asked: a typo
    such as 'bogus' or 'Openai/x' was sent with every question, each answered by quotes with litellm's 'LLM Provider
    NOT provided' in the notice (a whole `rag eval` run so)."""
    try:
        load_litellm().get_llm_provider(name)
        ok = name == name.strip() and not name.endswith("/")
    except Exception:  # litellm's BadRequestError, or whatever else it finds wrong with the string
        ok = False
    if not ok:
        raise InputError(f"{setting}: {name!r} is no model litellm can reach: write provider/model (e.g. "
                         "openai/gpt-4o-mini, ollama/llama3.1, openai/NAME with RAG_LLM_API_BASE for any "
                         "OpenAI-compatible server), 'local' for the embedded model or 'extractive' for quotes only")


def load_litellm():
    """litellm, imported on first use: it takes seconds to import and `rag --help` must stay instant."""
    os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")  # else it fetches a price list at import
    import litellm

    litellm.suppress_debug_info = True  # it prints provider-list banners to stdout on errors
    return litellm


def _close(response) -> None:
    """Close the HTTP stream so a server that watches for disconnects stops generating."""
    stream = getattr(response, "completion_stream", None)
    close = getattr(stream, "close", None)
    if callable(close):
        try:
            close()
        except Exception:  # closing a broken stream can fail again; nothing left to save
            pass
