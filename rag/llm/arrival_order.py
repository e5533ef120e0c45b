"""The local server's requests one at a time, in the order members asked their questions (rag.llm.local_server
runs the server; rag.llm.asked says which question a request is for)."""

from __future__ import annotations

import collections
import threading
import time
from typing import Callable

from rag.errors import RagError


class QuestionStopped(RagError):
    """The member stopped the question while its request waited for the model: it is not sent (not a model fault)."""


def _stopped(asked) -> bool:
    wanted = getattr(asked, "wanted", None)
    return wanted is not None and not wanted()


class ArrivalOrder:
    """Requests to the local server one at a time, in the order their questions were asked.

    llama.cpp answers one request at a time, but a question makes two or three (its follow-up rewrite, the check that
    the passages answer it, the answer), each queued afresh: a second question's check went in before the first
    question's answer, and a member told "1 other question first" waited for more. Here a request waits until no
    older question is waiting, or is between two of its requests (for up to hold_s); a request holding the server
    longer than limit_s (a stream its reader dropped without closing) no longer keeps the others out. A question the
    member stopped leaves at once: its waiting request raises QuestionStopped, and it keeps no place between requests
    (a walk's stopped question held its place for 100 s, and the question asked after it waited behind it).
    A question is anything with `at` (when it was asked), `finished` and optionally `wanted` (rag.llm.asked.Asked).
    """

    def __init__(self, *, hold_s: float = 10.0, limit_s: float = 180.0, clock: Callable[[], float] = time.monotonic):
        self.hold_s, self.limit_s, self._clock = hold_s, limit_s, clock
        self._cond = threading.Condition()
        self._holder: tuple[object, float] | None = None  # the question whose request the server answers, since when
        self._waiting: list = []  # questions with a request waiting, in arrival order of the requests
        self._between: dict = {}  # question -> when its last request ended (it may send another)
        self._held: dict = {}  # question -> seconds the server spent on its requests so far
        self.took: collections.deque[float] = collections.deque(maxlen=20)  # seconds of model time, recent questions

    def turn(self, asked):
        """Wait for asked's place, then hold the server until the returned context manager exits."""
        return _Turn(self, asked)

    def ahead(self, asked=None) -> int:
        """Questions the server answers before asked (all under way when None): holding, waiting or between."""
        with self._cond:
            self._forget(self._clock())
            under_way = {id(q): q for q in [*self._waiting, *self._between, *([self._holder[0]] if self._holder else [])]}
            return sum(1 for q in under_way.values() if q is not asked and (asked is None or q.at <= asked.at))

    def waiting(self) -> int:
        with self._cond:
            return len(self._waiting)

    def _first(self, now: float):
        self._forget(now)
        if self._holder is not None and now - self._holder[1] < self.limit_s:
            return None
        candidates = [*self._waiting, *self._between]
        return min(candidates, key=lambda q: q.at) if candidates else None

    def _forget(self, now: float) -> None:
        """Questions finished, or silent past hold_s, keep no place; their model time goes to took."""
        for q, ended in list(self._between.items()):
            if q.finished or _stopped(q) or now - ended >= self.hold_s:
                del self._between[q]
                self.took.append(self._held.pop(q, 0.0))

    def _enter(self, asked) -> None:
        with self._cond:
            self._waiting.append(asked)
            try:
                while self._first(self._clock()) is not asked:
                    if _stopped(asked):
                        raise QuestionStopped("the member stopped this question before the model answered it")
                    self._cond.wait(timeout=0.25)  # places kept between requests (and stopped questions) end by the clock
            finally:
                self._waiting.remove(asked)
            self._between.pop(asked, None)
            self._holder = (asked, self._clock())

    def _leave(self, asked) -> None:
        with self._cond:
            now = self._clock()
            if self._holder is not None and self._holder[0] is asked:
                self._held[asked] = self._held.get(asked, 0.0) + now - self._holder[1]
                self._holder = None
            self._between[asked] = now
            self._forget(now)
            self._cond.notify_all()


class _Turn:
    def __init__(self, order: ArrivalOrder, asked):
        self.order, self.asked = order, asked

    def __enter__(self):
        self.order._enter(self.asked)
        return self

    def __exit__(self, *exc) -> None:
        self.order._leave(self.asked)
