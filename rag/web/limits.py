"""Request limits for the chat app: question length, a per-client rate, and whose X-Forwarded-For to believe."""

from __future__ import annotations

import ipaddress
import re
import threading
import time
import unicodedata
from collections import deque
from typing import Callable, Sequence

from rag.errors import InputError
from rag.textnorm import without_invisible


def sendable(text: str | None) -> str:
    """text without lone surrogates ("\\ud800" in a request's JSON): UTF-8 cannot carry them, so the reply that
    echoes the text failed to be sent ("str is not valid UTF-8") and the member got no answer and no message."""
    return "".join(" " if "\ud800" <= ch <= "\udfff" else ch for ch in text or "")


# A terminal's colour or cursor code: ESC "[", its numbers, one final letter ("\x1b[31m", "\x1b[0m", "\x1b[2K")
_TERMINAL_CODE = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]")


def without_controls(text: str) -> str:
    """text without control characters other than tab and line breaks: pasted from a terminal or a PDF, a walk's
    "what\\x07 is mip\\x1b[31m" showed in its question bubble as boxes, and was kept so in the saved chat and the
    feedback log. A terminal's colour code goes whole: walk 29's "\\x1b[31mhello\\x1b[0m what is MiP?" was shown,
    searched and rewritten as "[31mhello[0m what is MiP?" once its ESC alone was taken out."""
    text = _TERMINAL_CODE.sub("", text)
    return "".join(ch for ch in text if ch in "\t\n\r" or unicodedata.category(ch) != "Cc")


def check_question(question: str | None, max_chars: int) -> str:
    """The question stripped, or InputError with a message a member can act on."""
    text = without_controls(without_invisible(sendable(question))).strip()
    if not text:
        raise InputError("Please type a question first.")
    if not any(ch.isalnum() for ch in text):  # "?", "😀😀😀": shown as asked, then "Please type a question." (walk 25)
        raise InputError("There are no words in that to search the archive for: please ask your question in words.")
    if len(text) > max_chars:
        raise InputError(
            f"That question is {len(text)} characters long; the limit is {max_chars}. "
            "Please shorten it and ask again."
        )
    return text


class RateLimiter:
    """Sliding one-minute window of requests per client key; thread-safe."""

    def __init__(self, per_minute: int, *, clock: Callable[[], float] = time.monotonic, window: float = 60.0):
        self.per_minute = per_minute
        self.window = window
        self._clock = clock
        self._seen: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def allow(self, key: str) -> bool:
        """Record one request for key; False when the key is over its limit (the request is not counted)."""
        if self.per_minute <= 0:
            return True
        now = self._clock()
        with self._lock:
            times = self._seen.setdefault(key, deque())
            while times and now - times[0] >= self.window:
                times.popleft()
            if len(times) >= self.per_minute:
                return False
            times.append(now)
            if len(self._seen) > 10_000:  # drop idle clients so memory stays bounded
                for k in [k for k, v in self._seen.items() if not v or now - v[-1] >= self.window]:
                    del self._seen[k]
            return True

    def retry_after(self, key: str) -> float:
        """Seconds until key may ask again (0 when it may now)."""
        now = self._clock()
        with self._lock:
            times = self._seen.get(key)
            if not times or len(times) < self.per_minute:
                return 0.0
            return max(0.0, self.window - (now - times[0]))


def rate_message(retry_after: float) -> str:
    """What a member sees when over the rate limit."""
    secs = max(1, int(retry_after + 0.999))
    return f"You are asking faster than this service allows. Please wait {secs} s and ask again."


def forwarded_allow_ips(trusted_proxies: Sequence[str]) -> str:
    """uvicorn's FORWARDED_ALLOW_IPS for the configured proxies ("" trusts none, so X-Forwarded-For is ignored).

    uvicorn rewrites the client address from X-Forwarded-For when the connection comes from a trusted
    address, and by default trusts 127.0.0.1: every local client could then claim any address.
    """
    for entry in trusted_proxies:
        try:
            ipaddress.ip_network(entry, strict=False)
        except ValueError:
            raise InputError(f"RAG_TRUSTED_PROXIES: {entry!r} is not an IP address or network "
                             "(e.g. 127.0.0.1 or 10.0.0.0/8); list your reverse proxies, comma-separated") from None
    return ",".join(trusted_proxies)
