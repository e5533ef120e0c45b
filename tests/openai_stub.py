"""A scripted OpenAI-compatible HTTP server on loopback, for tests that go through litellm for real.

Example:
    with StubOpenAIServer(responder=lambda messages: "Hello [1].") as stub:
        stub.enqueue(Fail(429, retry_after=1), Reply("Hi there"))
        LiteLLM("openai/test", api_base=stub.url, api_key="x").stream([...])
        stub.requests[0]["messages"]
"""

from __future__ import annotations

import json
import re
import select
import socket
import threading
import time
from collections import deque
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Callable


@dataclass(frozen=True)
class Reply:
    """Answer with this text (streamed in small pieces), after an optional delay."""

    text: str
    delay: float = 0.0  # seconds before the response starts: provokes client timeouts
    chunk_delay: float = 0.0  # seconds between streamed pieces
    cut_after: int | None = None  # close the connection after this many pieces, without [DONE]


@dataclass(frozen=True)
class Fail:
    """Answer with an HTTP error status (and Retry-After when given)."""

    status: int
    retry_after: float | None = None
    message: str = "stub failure"


@dataclass(frozen=True)
class HangUp:
    """Read the request, then close the connection with no response at all, as a server that dies on it does."""


Behaviour = Reply | Fail | HangUp


def pieces(text: str) -> list[str]:
    """Split text as a tokenizer might: each word with its trailing space."""
    return re.findall(r"\S+\s*|\s+", text) or [""]


def default_responder(messages: list[dict]) -> str:
    return "This is the stub's answer [1]."


class StubOpenAIServer:
    """POST /v1/chat/completions (stream or not) and GET /v1/models, scripted per test."""

    def __init__(
        self,
        responder: Callable[[list[dict]], str] = default_responder,
        *,
        api_key: str | None = None,  # when set, other bearer tokens get 401
        models: tuple[str, ...] = ("local",),
        port: int = 0,  # 0: any free port
    ):
        self.responder = responder
        self.api_key = api_key
        self.models = models
        self.requests: list[dict] = []  # every chat request body, in arrival order
        self.hung_up: list[int] = []  # per stream the client closed before its end: the pieces it had been sent
        self._queue: deque[Behaviour] = deque()
        self._per_model: dict[str, Behaviour] = {}
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._httpd = ThreadingHTTPServer(("127.0.0.1", port), _handler_for(self))
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    @property
    def port(self) -> int:
        return self._httpd.server_address[1]

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def url(self) -> str:
        """The api_base litellm wants for openai/<name> models."""
        return self.base_url + "/v1"

    def enqueue(self, *behaviours: Behaviour) -> None:
        """Use these for the next requests, in order; then fall back to the responder."""
        with self._lock:
            self._queue.extend(behaviours)

    def always(self, model: str, behaviour: Behaviour) -> None:
        """Answer every request for this model (as sent, without provider prefix) this way."""
        with self._lock:
            self._per_model[model] = behaviour

    def models_requested(self) -> list[str]:
        return [r.get("model", "") for r in self.requests]

    def start(self) -> "StubOpenAIServer":
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stopping.set()  # cuts scripted delays short
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)

    def __enter__(self) -> "StubOpenAIServer":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    def _next(self, body: dict) -> Behaviour:
        with self._lock:
            self.requests.append(body)
            if body.get("model") in self._per_model:
                return self._per_model[body["model"]]
            if self._queue:
                return self._queue.popleft()
        return Reply(self.responder(body.get("messages", [])))


def _handler_for(stub: StubOpenAIServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # keep-alive and chunked streams, like real servers

        def log_message(self, *args) -> None:  # keep test output clean
            pass

        def do_GET(self) -> None:
            if self.path.rstrip("/") != "/v1/models":
                return self._json(404, {"error": {"message": "not found"}})
            data = [{"id": m, "object": "model", "owned_by": "stub"} for m in stub.models]
            self._json(200, {"object": "list", "data": data})

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = json.loads(self.rfile.read(length) or b"{}")
            if self.path.rstrip("/") != "/v1/chat/completions":
                return self._json(404, {"error": {"message": "not found"}})
            if stub.api_key and self.headers.get("Authorization") != f"Bearer {stub.api_key}":
                stub._next(body)  # record it all the same
                return self._json(401, _error("Incorrect API key provided", "invalid_api_key"))
            behaviour = stub._next(body)
            if isinstance(behaviour, HangUp):
                self.close_connection = True
                return
            if isinstance(behaviour, Fail):
                headers = {} if behaviour.retry_after is None else {"Retry-After": f"{behaviour.retry_after:g}"}
                return self._json(behaviour.status, _error(behaviour.message, "stub_error"), headers)
            if behaviour.delay and stub._stopping.wait(behaviour.delay):
                return
            model = body.get("model", "stub")
            if body.get("stream"):
                self._stream(model, behaviour)
            else:
                self._json(200, _completion(model, behaviour.text))

        def _json(self, status: int, payload: dict, headers: dict | None = None) -> None:
            data = json.dumps(payload).encode()
            try:
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                for k, v in (headers or {}).items():
                    self.send_header(k, v)
                self.end_headers()
                self.wfile.write(data)
            except (BrokenPipeError, ConnectionResetError):  # the client gave up (timeout test)
                self.close_connection = True

        def _stream(self, model: str, reply: Reply) -> None:
            try:
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream")
                self.send_header("Transfer-Encoding", "chunked")
                self.end_headers()
                for i, piece in enumerate(pieces(reply.text)):
                    if reply.cut_after is not None and i >= reply.cut_after:
                        # No terminating chunk: the client sees an incomplete body, as when a server dies.
                        self.wfile.flush()
                        self.close_connection = True
                        return
                    self._event(_chunk(model, {"role": "assistant", "content": piece} if i == 0 else {"content": piece}))
                    if reply.chunk_delay and self._wait(reply.chunk_delay, sent=i + 1):
                        return
                self._event(_chunk(model, {}, finish_reason="stop"))
                self._send_chunk(b"data: [DONE]\n\n")
                self._send_chunk(b"")
            except (BrokenPipeError, ConnectionResetError):
                self.close_connection = True

        def _wait(self, seconds: float, *, sent: int) -> bool:
            """Wait between pieces; True (and the stream ends) when the stub stops or the client hangs up."""
            until = time.monotonic() + seconds
            while (left := until - time.monotonic()) > 0:
                if stub._stopping.wait(min(left, 0.05)):
                    return True
                if select.select([self.connection], [], [], 0)[0] and not self.connection.recv(1, socket.MSG_PEEK):
                    stub.hung_up.append(sent)  # readable with nothing to read: the client closed the connection
                    self.close_connection = True
                    return True
            return False

        def _event(self, payload: dict) -> None:
            self._send_chunk(f"data: {json.dumps(payload)}\n\n".encode())

        def _send_chunk(self, data: bytes) -> None:
            self.wfile.write(f"{len(data):x}\r\n".encode() + data + b"\r\n")
            self.wfile.flush()

    return Handler


def _error(message: str, code: str) -> dict:
    return {"error": {"message": message, "type": code, "code": code, "param": None}}


def _chunk(model: str, delta: dict, finish_reason: str | None = None) -> dict:
    return {
        "id": "chatcmpl-stub",
        "object": "chat.completion.chunk",
        "created": int(time.time()),
        "model": model,
        "choices": [{"index": 0, "delta": delta, "finish_reason": finish_reason}],
    }


def _completion(model: str, text: str) -> dict:
    return {
        "id": "chatcmpl-stub",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": model,
        "choices": [{"index": 0, "message": {"role": "assistant", "content": text}, "finish_reason": "stop"}],
        "usage": {"prompt_tokens": 1, "completion_tokens": len(pieces(text)), "total_tokens": 1 + len(pieces(text))},
    }
