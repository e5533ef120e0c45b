"""What a failed model request was, read from the exceptions litellm raises: its kind (timeout, refused, dropped,
rate-limited, a server error), HTTP status, Retry-After and the cause under litellm's wrappers."""

from __future__ import annotations

import email.utils
import time
from typing import Iterator


def chain(exc: BaseException) -> Iterator[BaseException]:
    """The exception, then what it was raised from or during, innermost last."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        yield current
        current = current.__cause__ or current.__context__


# The server went away mid-request (a crash, a restart, a proxy cut off), before a word of the answer: httpx, urllib3
# and aiohttp names. Not HTTP 500: no server answered at all.
_DROPPED = {"RemoteProtocolError", "ReadError", "WriteError", "RemoteDisconnected", "IncompleteRead",
            "ChunkedEncodingError", "ServerDisconnectedError", "ClientPayloadError"}


# The openai client's words (openai>=1.0: "The api_key client option must be set ..."; now "Missing credentials ...")
_NO_KEY = ("Missing credentials. Please pass an `api_key`", "The api_key client option must be set")


def _no_key(exc: Exception) -> bool:
    """The openai client refused to send a request without an API key ("Missing credentials. Please pass an
    `api_key` ..."): litellm wraps it as HTTP 500, though no request left this machine."""
    return any(str(e).startswith(_NO_KEY) for e in chain(exc))


def classify(exc: Exception) -> tuple[str, int | None]:
    """(kind, HTTP status): kind is timeout, connection, dropped, no_key, rate_limit, server or other."""
    names = {cls.__name__ for e in chain(exc) for cls in type(e).__mro__}
    if _no_key(exc):
        return "no_key", None
    # litellm reports a refused connection, or one the server closed, as HTTP 500: look at the causes before the status
    if names & {"Timeout", "APITimeoutError", "TimeoutException", "TimeoutError"}:
        return "timeout", None
    if names & _DROPPED:  # before "connection": the openai client calls both an APIConnectionError
        return "dropped", None
    if names & {"ConnectError", "ConnectionError", "APIConnectionError"}:
        return "connection", None
    status = getattr(exc, "status_code", None)
    status = status if isinstance(status, int) else None
    if status == 429:
        return "rate_limit", status
    if status is not None and status >= 500:
        return "server", status
    return "other", status


def retry_after(exc: Exception) -> float | None:
    """Seconds from a Retry-After (or retry-after-ms) response header, if the provider sent one."""
    for e in chain(exc):
        headers = getattr(e, "litellm_response_headers", None) or getattr(getattr(e, "response", None), "headers", None)
        if not headers:
            continue
        if headers.get("retry-after-ms"):
            try:
                return max(0.0, float(headers["retry-after-ms"]) / 1000)
            except ValueError:
                pass
        raw = headers.get("retry-after")
        if raw:
            try:
                return max(0.0, float(raw))
            except ValueError:
                when = email.utils.parsedate_to_datetime(raw) if email.utils.parsedate(raw) else None
                if when is not None:
                    return max(0.0, when.timestamp() - time.time())
    return None


def root_cause(exc: BaseException) -> str:
    """The first line of the innermost cause ("[Errno 111] Connection refused"), not litellm's wrapper around it
    ("litellm.InternalServerError: ...")."""
    *_, root = chain(exc)
    return first_line(root)


def first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text[:200]
