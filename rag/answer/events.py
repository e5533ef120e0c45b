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
