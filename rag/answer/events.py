"""What Pipeline.stream yields: the sources as soon as retrieval is done, the model's text as it comes, the
checked answer last."""

from __future__ import annotations

from dataclasses import dataclass

from rag.types import Answer, Hit


@dataclass(frozen=True)
class SourcesEvent:
    hits: tuple[Hit, ...]  # passages numbered 1..n like the [n] markers; further reading when refused
    standalone_question: str
    refused: bool


@dataclass(frozen=True)
class TokenEvent:
    text: str  # raw streamed delta: untrusted, sanitise before display


@dataclass(frozen=True)
class DoneEvent:
    answer: Answer


Event = SourcesEvent | TokenEvent | DoneEvent


def without_search(question: str, text: str, *, refused: bool, notice: str, total_ms: float,
                   version: str) -> list[Event]:
    """The events of an answer given without a search: nothing retrieved, nothing cited, no model ("which issues do
    you have?", "who are you?", a request to reword when there is nothing to reword)."""
    return [SourcesEvent((), question, refused),
            DoneEvent(Answer(question=question, answer=text, refused=refused, citations=(), hits=(), llm="none",
                             timings_ms={"retrieve": 0.0, "generate": 0.0, "total": total_ms},
                             standalone_question=question, notice=notice, index_version=version))]
