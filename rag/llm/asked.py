"""A member's question as the model's requests know it: whose requests come first when the model answers one at a
time, and whether a question may reach the model at all (rag.web answers one at once without it while other members'
answers hold every place)."""

from __future__ import annotations

import contextvars
from dataclasses import dataclass
from typing import Callable, Iterator, TypeVar


def _always() -> bool:
    return True


def _send() -> None:
    """A request to the model goes ahead."""


class NeedsModel(Exception):
    """Raised at a question's first request to the model when it was to be answered without one (rag.web's reply
    given at once while other members' answers hold every place): it is answered in its turn instead."""


def needs_model() -> None:
    """Asked.reaching for a question to be answered without the model."""
    raise NeedsModel("this question needs the model")


@dataclass(eq=False)
class Asked:
    """A member's question, for the order its requests reach a model that answers one at a time."""

    at: float  # time.monotonic() when it was asked
    finished: bool = False  # it will send no more requests
    wanted: Callable[[], bool] = _always  # False once the member stopped it: a request still waiting is not sent
    reaching: Callable[[], None] = _send  # called before each of its requests to the model; may raise NeedsModel


_ASKED: contextvars.ContextVar[Asked | None] = contextvars.ContextVar("rag_llm_asked", default=None)
T = TypeVar("T")


def as_asked(asked: Asked, call: Callable[[], T]) -> T:
    """call(), its requests to the model made as asked's."""
    def run() -> T:
        _ASKED.set(asked)
        return call()

    return contextvars.copy_context().run(run)


def asked_now() -> Asked | None:
    """The question whose requests are being made, if any (as_asked)."""
    return _ASKED.get()


def reaching_model() -> None:
    """Before a request to the model: the question asking it may not want one (Asked.reaching raises NeedsModel)."""
    asked = _ASKED.get()
    if asked is not None:
        asked.reaching()


def steps_as_asked(asked: Asked, steps: Iterator[T]) -> Iterator[T]:
    """steps (a pipeline's stream) with every request to the model made as asked's; asked is finished with them.

    Each step is run in its own context: Gradio runs each step of a handler in a worker thread, in a fresh copy of its
    own context, so a variable set once would be gone by the next step."""
    try:
        while True:
            try:
                step = as_asked(asked, lambda: next(steps))
            except StopIteration:
                return
            yield step
    finally:
        asked.finished = True
        close = getattr(steps, "close", None)
        if close:
            close()
