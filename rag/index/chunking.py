"""Pure: article -> token-bounded, sentence-aligned, overlapping chunks with stable ids."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Callable, Iterable

from rag.sentences import rules_version, split_sentences
from rag.types import Article, Chunk, Issue


@dataclass(frozen=True)
class ChunkerSettings:
    max_tokens: int = 180  # + the context header stays under MiniLM's 256 word pieces (benchmarks check)
    overlap_tokens: int = 40
    version: int = 3  # bump when the algorithm changes, so old vectors are not reused

    def as_dict(self) -> dict:
        """What the manifest records, with the sentence rules its sentence vectors follow (rag.sentences)."""
        return {"max_tokens": self.max_tokens, "overlap_tokens": self.overlap_tokens, "version": self.version,
                "sentences": rules_version()}

    def cut_otherwise(self, recorded: dict, version: str) -> list[str]:
        """What to say when these sizes differ from those a version was cut with (its manifest's "chunker"): a
        RAG_CHUNK_TOKENS or RAG_CHUNK_OVERLAP left in .env by an experiment cut and embedded every issue ingested
        again without a word, 20 minutes and more with the default embedders."""
        moved = [f"{env}={getattr(self, k)}" for k, env in (("max_tokens", "RAG_CHUNK_TOKENS"),
                                                             ("overlap_tokens", "RAG_CHUNK_OVERLAP"))
                 if k in recorded and recorded[k] != getattr(self, k)]
        was = ", ".join(f"{k} {recorded[k]}" for k in ("max_tokens", "overlap_tokens") if k in recorded)
        return [f"{' and '.join(moved)}: not what {version} was cut with ({was}), so every issue ingested is cut "
                "into passages and embedded again, and retrieval's figures move (docs/evals.md); if that is not "
                f"meant, unset {'them' if len(moved) > 1 else 'it'} and ingest again"] if moved else []


def _pieces(sentence: str, limit: int, count: Callable[[str], int]) -> list[str]:
    """A sentence longer than the limit, cut into word runs that fit."""
    if count(sentence) <= limit:
        return [sentence]
    out, cur = [], []
    for word in sentence.split():
        if cur and count(" ".join(cur + [word])) > limit:
            out.append(" ".join(cur))
            cur = []
        cur.append(word)
    if cur:
        out.append(" ".join(cur))
    return out


def chunk_id(issue_id: str, article_id: str, embedding_text: str) -> str:
    """Content hash: the same text in the same place gets the same id on every build."""
    digest = hashlib.sha256(f"{issue_id}\x1f{article_id}\x1f{embedding_text}".encode()).hexdigest()
    return digest[:20]


def chunk_article(
    issue: Issue, article: Article, count: Callable[[str], int], settings: ChunkerSettings = ChunkerSettings()
) -> list[Chunk]:
    """Windows of whole sentences up to max_tokens, each starting with the previous one's tail."""
    units: list[_Unit] = []
    for index, para in enumerate(article.paragraphs):
        for sentence in split_sentences(para.text):
            for piece in _pieces(sentence, settings.max_tokens, count):
                units.append(_Unit(piece, para.page, count(piece), index))
    windows: list[list[_Unit]] = []
    cur: list[_Unit] = []
    fresh = 0  # units in cur not already in the previous window
    for unit in units:
        if fresh and sum(u.tokens for u in cur) + unit.tokens > settings.max_tokens:
            windows.append(cur)
            cur = _tail(cur, settings.overlap_tokens)
            fresh = 0
        cur.append(unit)
        fresh += 1
    if fresh:
        windows.append(cur)
    return list(_to_chunks(issue, article, windows))


@dataclass(frozen=True)
class _Unit:
    text: str
    page: int | None
    tokens: int
    paragraph: int


def _tail(window: list[_Unit], budget: int) -> list[_Unit]:
    """The last sentences of a window that fit in the overlap budget."""
    tail: list[_Unit] = []
    for unit in reversed(window):
        if sum(u.tokens for u in tail) + unit.tokens > budget:
            break
        tail.insert(0, unit)
    return tail


def _join(window: list[_Unit]) -> str:
    out = window[0].text
    for prev, unit in zip(window, window[1:]):
        out += ("\n\n" if unit.paragraph != prev.paragraph else " ") + unit.text
    return out


def _to_chunks(issue: Issue, article: Article, windows: list[list[_Unit]]) -> Iterable[Chunk]:
    seen: set[str] = set()
    for position, window in enumerate(windows):
        text = _join(window)
        page = next((u.page for u in window if u.page is not None), article.page)
        fields = (issue.issue_id, issue.title, issue.date, article.article_id, article.headline, page, position, text)
        cid = chunk_id(issue.issue_id, article.article_id, Chunk("", *fields).embedding_text())
        if cid not in seen:
            seen.add(cid)
            yield Chunk(cid, *fields)


def chunk_issue(issue: Issue, articles: Iterable[Article], count: Callable[[str], int],
                settings: ChunkerSettings = ChunkerSettings()) -> list[Chunk]:
    return [c for a in articles for c in chunk_article(issue, a, count, settings)]
