"""Frozen values that cross module boundaries, and the two seams (Embedder, LLM)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Iterator, Protocol, Sequence

import numpy as np

from rag.contact_details import contact_note


@dataclass(frozen=True)
class Issue:
    """One issue of Healthcare Manager, as described by its issue.toml."""

    issue_id: str  # folder name under corpus/, e.g. "2026-summer-68"
    title: str  # "Healthcare Manager issue 68, summer 2026"
    date: str  # ISO date of publication, e.g. "2026-06-01"
    season: str  # "summer 2026"
    source_file: str  # file name inside the folder, as supplied
    number: int | None = None  # issue number where printed
    url: str | None = None  # publisher's edition, only when known


@dataclass(frozen=True)
class Paragraph:
    text: str
    page: int | None = None


@dataclass(frozen=True)
class Article:
    issue_id: str
    article_id: str  # stable within its issue: "03-new-uk-health-secretary"
    headline: str
    paragraphs: tuple[Paragraph, ...]
    page: int | None = None  # first page, where it can be known
    section: str = ""  # e.g. "heads up", "features"

    @property
    def text(self) -> str:
        return "\n\n".join(p.text for p in self.paragraphs)


@dataclass(frozen=True)
class Chunk:
    chunk_id: str  # content hash: stable across rebuilds
    issue_id: str
    issue_title: str
    date: str
    article_id: str
    headline: str
    page: int | None
    position: int  # order within the article
    text: str

    def embedding_text(self) -> str:
        """The chunk with its context header (and a note naming any contact details it holds), as embedded and
        as indexed for BM25."""
        note = contact_note(self.text)
        return f"{self.issue_title} ({self.date}). {self.headline}.{' ' + note if note else ''}\n{self.text}"


@dataclass(frozen=True)
class Hit:
    rank: int
    chunk_id: str
    score: float
    text: str
    issue: str  # issue_id
    issue_title: str
    date: str
    article: str  # headline
    article_id: str
    page: int | None
    url: str  # the project's own view of the article, scrolled to this passage
    publisher_url: str | None = None

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class Citation:
    n: int  # the [n] marker in the answer, 1-based position in the passages sent
    chunk_id: str
    text: str
    issue: str
    issue_title: str
    date: str
    article: str
    page: int | None
    url: str
    publisher_url: str | None = None
    supported: bool = True  # False when the cited sentence is not backed by the passage

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class Answer:
    question: str
    answer: str
    refused: bool
    citations: tuple[Citation, ...]
    hits: tuple[Hit, ...]
    llm: str  # model that wrote the answer, "extractive" when none did
    timings_ms: dict = field(default_factory=dict)  # retrieve, generate, total
    standalone_question: str = ""
    notice: str = ""  # e.g. "The AI model was unavailable: quoted passages instead."
    index_version: str = ""

    def to_dict(self) -> dict:
        d = asdict(self)
        d["citations"] = [c.to_dict() for c in self.citations]
        d["hits"] = [h.to_dict() for h in self.hits]
        return d


class Embedder(Protocol):
    name: str  # written into the manifest; loading refuses a mismatch
    dim: int

    def embed_documents(self, texts: Sequence[str]) -> np.ndarray: ...  # (n, dim) float32, unit norm

    def embed_query(self, text: str) -> np.ndarray: ...  # (dim,) float32, unit norm


class LLM(Protocol):
    model: str

    def stream(self, messages: list[dict], *, max_tokens: int | None = None) -> Iterator[str]: ...  # raises LLMError
