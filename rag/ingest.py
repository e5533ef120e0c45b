"""Incremental ingest: parse and chunk issues, embed only unseen chunks, publish a new version."""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Callable, Sequence

import numpy as np

from rag import index as store
from rag.chunking import ChunkerSettings, chunk_issue
from rag.errors import InputError, RagError
from rag.evidence import passage_sentences
from rag.index_reader import LoadedIndex
from rag.lexical import Lexical
from rag.types import Article, Chunk, Embedder, Issue


@dataclass(frozen=True)
class ParsedIssue:
    issue: Issue
    articles: list[Article]
    content_hash: str
    source_sha256: str


@dataclass(frozen=True)
class Plan:
    """What a build would do; counts are chunks, as `rag ingest --json` reports them."""

    chunks: list[Chunk]
    records: list[store.IssueRecord]
    to_embed: list[Chunk]
    added: int
    changed: int
    removed: int
    issues_added: list[str]
    issues_changed: list[str]
    issues_unchanged: list[str]
    issues_removed: list[str]

    def counts(self) -> dict:
        return {"added": self.added, "changed": self.changed, "removed": self.removed, "embedded": len(self.to_embed)}


def read_issues(paths: Sequence[Path]) -> list[ParsedIssue]:
    """Parse every issue folder under the given paths; refuse duplicates before anything is written."""
    from rag import corpus  # the parsers pull in pdfplumber: only when files are read

    parsed: list[ParsedIssue] = []
    for path in paths:
        for folder in corpus.find_issue_dirs(Path(path)):
            issue, articles = corpus.load_issue(folder)
            source = hashlib.sha256((folder / issue.source_file).read_bytes()).hexdigest()
            parsed.append(ParsedIssue(issue, articles, corpus.issue_content_hash(folder), source))
    seen: dict[str, str] = {}
    for p in parsed:
        for key, what in ((p.issue.issue_id, "issue id"), (p.source_sha256, "source file")):
            if key in seen:
                raise InputError(f"{p.issue.issue_id}: same {what} as {seen[key]} - each issue must be ingested once; "
                                 "remove the duplicate folder")
            seen[key] = p.issue.issue_id
    return parsed


def _record(p: ParsedIssue) -> store.IssueRecord:
    articles = tuple(
        {"article_id": a.article_id, "headline": a.headline, "page": a.page, "section": a.section,
         "paragraphs": [asdict(par) for par in a.paragraphs]}
        for a in p.articles)
    return store.IssueRecord(p.issue, p.content_hash, articles)


def plan(
    parsed: list[ParsedIssue],
    current: LoadedIndex | None,
    count_tokens: Callable[[str], int],
    chunker: ChunkerSettings,
    *,
    remove: Sequence[str] = (),
    reuse_vectors: bool = True,
) -> Plan:
    """Pure bookkeeping: the new chunk set = current issues, replaced or added, minus removed."""
    old_records = {r.issue.issue_id: r for r in current.records} if current else {}
    old_chunks = current.chunks if current else []
    unknown = [i for i in remove if i not in old_records]
    if unknown:
        known = ", ".join(sorted(old_records)) or "none"
        raise InputError(f"no indexed issue {unknown[0]!r} (indexed: {known}); see `rag status`")
    records = {i: r for i, r in old_records.items() if i not in remove}
    by_issue: dict[str, list[Chunk]] = {}
    for c in old_chunks:
        if c.issue_id not in remove:
            by_issue.setdefault(c.issue_id, []).append(c)
    added_ids, changed_ids, unchanged_ids = [], [], []
    for p in parsed:
        iid = p.issue.issue_id
        fresh = chunk_issue(p.issue, p.articles, count_tokens, chunker)
        if iid in by_issue and [c.chunk_id for c in fresh] == [c.chunk_id for c in by_issue[iid]] \
                and old_records[iid].content_hash == p.content_hash:
            unchanged_ids.append(iid)
            continue
        (changed_ids if iid in old_records else added_ids).append(iid)
        records[iid] = _record(p)
        by_issue[iid] = fresh
    chunks = [c for iid in sorted(by_issue) for c in by_issue[iid]]
    old_ids = {c.chunk_id for c in old_chunks}
    new_ids = {c.chunk_id for c in chunks}
    reusable = old_ids if (current and reuse_vectors) else set()
    return Plan(
        chunks=chunks,
        records=[records[i] for i in sorted(records)],
        to_embed=[c for c in chunks if c.chunk_id not in reusable],
        added=sum(c.chunk_id not in old_ids and c.issue_id in added_ids for c in chunks),
        changed=sum(c.chunk_id not in old_ids and c.issue_id in changed_ids for c in chunks),
        removed=len(old_ids - new_ids),
        issues_added=added_ids, issues_changed=changed_ids,
        issues_unchanged=unchanged_ids, issues_removed=list(remove),
    )


def is_noop(p: Plan) -> bool:
    return not (p.issues_added or p.issues_changed or p.issues_removed)


def execute(
    p: Plan,
    index_dir: Path,
    current: LoadedIndex | None,
    embedder: Embedder,
    chunker: ChunkerSettings,
) -> str:
    """Embed what is new, reuse the rest, publish. Caller holds store.build_lock."""
    old = current.vectors_by_id() if current is not None else {}
    fresh = embedder.embed_documents([c.embedding_text() for c in p.to_embed]) if p.to_embed else None
    new = {c.chunk_id: fresh[i] for i, c in enumerate(p.to_embed)} if fresh is not None else {}
    dim = int(embedder.dim)
    try:
        vectors = np.stack([new.get(c.chunk_id, old.get(c.chunk_id)) for c in p.chunks]) if p.chunks \
            else np.zeros((0, dim), dtype=np.float32)
    except ValueError as exc:
        raise RagError("some chunks have no vector: run `rag ingest corpus/ --rebuild`") from exc
    sentence_vectors, counts = _sentence_vectors(p.chunks, current, embedder)
    lexical = Lexical.build([c.embedding_text() for c in p.chunks])
    return store.publish(
        index_dir, chunks=p.chunks, vectors=vectors, issues=p.records,
        embedder={"name": embedder.name, "dim": dim}, chunker=chunker.as_dict(),
        bm25_dir_writer=lexical.save, sentence_vectors=sentence_vectors, sentence_counts=counts,
    )


def _sentence_vectors(chunks: list[Chunk], current: LoadedIndex | None, embedder: Embedder) -> tuple[np.ndarray, list[int]]:
    """Vectors of every chunk's sentences (for evidence selection), reusing the current index's."""
    old = current.sentence_vectors_by_id() if current is not None else {}
    sentences = [passage_sentences(c.text) for c in chunks]
    kept = [old.get(c.chunk_id) for c in chunks]
    kept = [k if k is not None and len(k) == len(s) else None for k, s in zip(kept, sentences)]
    todo = [s for k, sents in zip(kept, sentences) if k is None for s in sents]
    fresh = iter(embedder.embed_documents(todo)) if todo else iter(())
    rows = []
    for k, sents in zip(kept, sentences):
        rows.extend(k if k is not None else [next(fresh) for _ in sents])
    dim = int(embedder.dim)
    matrix = np.stack(rows).astype(np.float32) if rows else np.zeros((0, dim), dtype=np.float32)
    return matrix, [len(s) for s in sentences]


@dataclass(frozen=True)
class Outcome:
    version: str | None  # None for a dry run or when nothing changed
    plan: Plan
    stale_cleaned: list[str]
    parsed: list[ParsedIssue]  # what was read, for the parse report

    def to_dict(self) -> dict:
        p = self.plan
        return {"version": self.version, **p.counts(), "issues": {
            "added": p.issues_added, "changed": p.issues_changed,
            "unchanged": p.issues_unchanged, "removed": p.issues_removed}}


def _current(index_dir: Path, embedder: Embedder, rebuild: bool) -> LoadedIndex | None:
    from rag.index_reader import load_index

    if rebuild or store.current_version(index_dir) is None:
        return None
    return load_index(index_dir, embedder_name=embedder.name)


def run(
    index_dir: Path,
    embedder: Embedder,
    count_tokens: Callable[[str], int],
    *,
    paths: Sequence[Path] = (),
    remove: Sequence[str] = (),
    chunker: ChunkerSettings = ChunkerSettings(),
    dry_run: bool = False,
    rebuild: bool = False,
) -> Outcome:
    """Add/replace the issues under paths and/or remove issues; publish only if something changed.

    rebuild ignores the current index entirely (e.g. after changing the embedder).
    """
    parsed = read_issues(paths) if paths else []
    with store.build_lock(index_dir):
        stale = [] if dry_run else store.clean_stale(index_dir)
        current = _current(index_dir, embedder, rebuild)
        if rebuild and remove:
            raise InputError("--rebuild starts from the corpus alone; remove issues from corpus/ instead")
        p = plan(parsed, current, count_tokens, chunker, remove=remove)
        if dry_run or (current is not None and is_noop(p)):
            return Outcome(None, p, stale, parsed)
        return Outcome(execute(p, index_dir, current, embedder, chunker), p, stale, parsed)
