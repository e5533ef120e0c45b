"""A fake answering pipeline with the shape of rag.answer.pipeline.Pipeline, for the chat app's fast tests."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Iterator, Sequence

from rag.types import Answer, Chunk, Citation, Hit, Issue

try:  # the real event types once rag.answer.pipeline exists; the app only relies on their fields
    from rag.answer.pipeline import DoneEvent, SourcesEvent, TokenEvent
except ImportError:  # pragma: no cover - before rag.answer.pipeline lands

    @dataclass(frozen=True)
    class SourcesEvent:
        hits: tuple
        standalone_question: str
        refused: bool

    @dataclass(frozen=True)
    class TokenEvent:
        text: str

    @dataclass(frozen=True)
    class DoneEvent:
        answer: Answer


ISSUE = Issue("2026-summer-68", "Healthcare Manager issue 68, summer 2026", "2026-06-01", "summer 2026",
              "000.txt", 68, None)
CHUNKS = [
    Chunk("c1", ISSUE.issue_id, ISSUE.title, ISSUE.date, "03-ambulance", "Ambulance chief <b>talks</b>", 4, 0,
          "Jason Killens said response times improved after the reorganisation."),
    Chunk("c2", ISSUE.issue_id, ISSUE.title, ISSUE.date, "03-ambulance", "Ambulance chief <b>talks</b>", 5, 1,
          "He praised managers who kept crews on the road during winter."),
]


@dataclass
class FakeIndex:
    version: str = "v-test"
    issues: list = field(default_factory=lambda: [ISSUE])

    def article(self, issue_id: str, article_id: str):
        chunks = [c for c in CHUNKS if c.issue_id == issue_id and c.article_id == article_id]
        if not chunks:
            raise KeyError(f"{issue_id}/{article_id}")
        return ISSUE, chunks


def hit_for(chunk: Chunk, rank: int, base: str = "") -> Hit:
    return Hit(rank, chunk.chunk_id, 0.9 - rank / 10, chunk.text, chunk.issue_id, chunk.issue_title, chunk.date,
               chunk.headline, chunk.article_id, chunk.page,
               f"{base}/article/{chunk.issue_id}/{chunk.article_id}#p-{chunk.chunk_id}")


class FakePipeline:
    """Streams a scripted reply word by word; refuses questions containing 'weather'; records calls."""

    def __init__(self, reply: str = "Response times improved [1]. Crews stayed on the road [2].",
                 *, notice: str = "", delay: float = 0.0, llm_name: str = "fake-llm"):
        self.reply, self.notice, self.delay, self.llm_name = reply, notice, delay, llm_name
        self.index = FakeIndex()
        self.calls: list[dict] = []
        self.status = f"answers by {llm_name}"

    def llm_status(self) -> str:
        return self.status

    def llm_queue(self) -> tuple[int, float | None]:
        return self.queue

    queue: tuple[int, float | None] = (0, None)

    def stream(self, question: str, *, history: Sequence[tuple[str, str]] = (), issue: str | None = None
               ) -> Iterator:
        self.calls.append({"question": question, "history": tuple(history), "issue": issue})
        refused = "weather" in question.lower()
        hits = () if refused else tuple(hit_for(c, i) for i, c in enumerate(CHUNKS, start=1))
        yield SourcesEvent(hits=hits, standalone_question=question, refused=refused)
        text = "That is not in the archive." if refused else self.reply
        for word in text.split(" "):
            if self.delay:
                time.sleep(self.delay)
            yield TokenEvent(word + " ")
        cites = () if refused else tuple(
            Citation(i, h.chunk_id, h.text, h.issue, h.issue_title, h.date, h.article, h.page, h.url)
            for i, h in enumerate(hits, start=1))
        yield DoneEvent(Answer(question, text, refused, cites, hits, self.llm_name, {"total": 1},
                               standalone_question=question, notice=self.notice, index_version="v-test"))

    def answer(self, question: str, *, history=(), issue=None) -> Answer:
        return [e for e in self.stream(question, history=history, issue=issue)][-1].answer
