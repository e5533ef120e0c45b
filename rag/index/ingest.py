"""Incremental ingest: parse and chunk issues, embed only unseen chunks, publish a new version."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Callable, Sequence

import numpy as np

from rag.index import store
from rag.index.chunking import ChunkerSettings, chunk_issue
from rag.corpus.folders import SourceLimits
from rag.errors import IndexUnavailable, InputError, RagError
from rag.sentences import passage_sentences
from rag.index.reader import LoadedIndex
from rag.index.lexical import Lexical
from rag.types import Article, Chunk, Embedder, Issue


@dataclass(frozen=True)
class ParsedIssue:
    issue: Issue
    articles: list[Article]
    content_hash: str
    source_sha256: str
    parse_key: str = ""  # see parse_key(); "" when unknown, so the issue is always parsed again


@dataclass(frozen=True)
class ScannedIssue:
    """An issue folder whose files were read and hashed, but not parsed."""

    folder: Path
    issue_id: str
    content_hash: str
    source_sha256: str
    parse_key: str


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


def parse_key(content_hash: str, chunker: ChunkerSettings, pipeline_version: str) -> str:
    """Changes whenever anything that shapes an issue's chunks changes: its files, the chunker, the parsing code."""
    return hashlib.sha256(json.dumps([content_hash, chunker.as_dict(), pipeline_version]).encode()).hexdigest()


def find_folders(paths: Sequence[Path]) -> tuple[list[Path], list[str]]:
    """Issue folders under the given paths, and a warning for each folder skipped for lack of an issue.toml."""
    from rag.corpus import folders as corpus_folders

    found, warnings = [], []
    for path in paths:
        found += corpus_folders.find_issue_dirs(Path(path))
        warnings += [f"{d} has files but no issue.toml, so it was skipped: add an issue.toml (title, season, "
                     f"date, source) to ingest it, or move the folder out of {path}"
                     for d in corpus_folders.folders_without_issue_toml(Path(path))]
    return found, warnings


def scan_issues(folders: Sequence[Path], limits: SourceLimits, chunker: ChunkerSettings) -> list[ScannedIssue]:
    """Read and hash every issue folder; refuse two folders with the same id or source before anything else."""
    from rag.corpus import folders as corpus_folders

    version = corpus_folders.pipeline_version()
    scanned = []
    for folder in folders:
        content, source = corpus_folders.issue_hashes(folder, limits)
        scanned.append(ScannedIssue(folder, folder.name, content, source, parse_key(content, chunker, version)))
    seen: dict[str, str] = {}
    for s in scanned:
        for key, what in ((s.issue_id, "issue id"), (s.source_sha256, "source file")):
            if key in seen:
                raise InputError(f"{s.issue_id}: same {what} as {seen[key]} - each issue must be ingested once; "
                                 "remove the duplicate folder")
            seen[key] = s.issue_id
    return scanned


def parse_issue(s: ScannedIssue, limits: SourceLimits = SourceLimits()) -> ParsedIssue:
    from rag.corpus import folders as corpus_folders  # the parsers pull in pdfplumber: only when files are read

    issue, articles = corpus_folders.load_issue(s.folder, limits)
    return ParsedIssue(issue, articles, s.content_hash, s.source_sha256, s.parse_key)


def _refuse_duplicates(parsed: list[ParsedIssue], records: dict[str, store.IssueRecord]) -> None:
    """An issue whose source (or issue.toml and source) is already indexed under another id is refused."""
    for p in parsed:
        for other in records.values():
            if other.issue.issue_id == p.issue.issue_id:
                continue
            same = ("source file" if other.source_sha256 and other.source_sha256 == p.source_sha256
                    else "issue.toml and source file" if other.content_hash == p.content_hash else None)
            if same:
                raise InputError(
                    f"{p.issue.issue_id}: same {same} as {other.issue.issue_id}, which is already indexed - each "
                    f"issue must be ingested once: remove the folder {p.issue.issue_id}, or to rename the issue "
                    f"run `rag remove {other.issue.issue_id}` first")


def _record(p: ParsedIssue) -> store.IssueRecord:
    articles = tuple(
        {"article_id": a.article_id, "headline": a.headline, "page": a.page, "section": a.section,
         "paragraphs": [asdict(par) for par in a.paragraphs]}
        for a in p.articles)
    return store.IssueRecord(p.issue, p.content_hash, articles, p.source_sha256, p.parse_key)


def plan(
    parsed: list[ParsedIssue],
    current: LoadedIndex | None,
    count_tokens: Callable[[str], int],
    chunker: ChunkerSettings,
    *,
    remove: Sequence[str] = (),
    reuse_vectors: bool = True,
    unchanged: Sequence[str] = (),
) -> Plan:
    """Pure bookkeeping: the new chunk set = current issues, replaced or added, minus removed.

    unchanged: issues known unchanged without being parsed (listed as such; their chunks are kept).
    """
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
    added_ids, changed_ids, unchanged_ids = [], [], list(unchanged)
    for p in parsed:
        iid = p.issue.issue_id
        fresh = chunk_issue(p.issue, p.articles, count_tokens, chunker)
        records[iid] = _record(p)  # an unchanged issue's record gains its source hash and parse key
        if iid in by_issue and [c.chunk_id for c in fresh] == [c.chunk_id for c in by_issue[iid]] \
                and old_records[iid].content_hash == p.content_hash:
            unchanged_ids.append(iid)
            continue
        (changed_ids if iid in old_records else added_ids).append(iid)
        by_issue[iid] = fresh
    _refuse_duplicates(parsed, records)
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
        issues_unchanged=sorted(unchanged_ids), issues_removed=list(remove),
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
    warnings: list[str] = field(default_factory=list)  # e.g. folders skipped for lack of an issue.toml

    def to_dict(self) -> dict:
        p = self.plan
        return {"version": self.version, **p.counts(), "issues": {
            "added": p.issues_added, "changed": p.issues_changed,
            "unchanged": p.issues_unchanged, "removed": p.issues_removed}, "warnings": self.warnings}


def _current_manifest(index_dir: Path, embedder: Embedder) -> dict | None:
    """The published version's (verified) manifest, or None when there is none; refuses another embedder's."""
    if store.current_version(index_dir) is None:
        return None
    manifest = store.read_manifest(index_dir)
    if manifest["embedder"]["name"] != embedder.name:
        raise IndexUnavailable(
            f"index {manifest['version']} was built with {manifest['embedder']['name']}, but this run embeds with "
            f"{embedder.name}: run `rag ingest corpus/ --rebuild` to rebuild it with the current embedder")
    return manifest


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
    limits: SourceLimits = SourceLimits(),
    strict: bool = False,
    reparse: bool = False,
) -> Outcome:
    """Add/replace the issues under paths and/or remove issues; publish only if something changed.

    An issue whose files, chunker settings and parsing code match what the published version was made from
    is not parsed again (reparse forces it, e.g. for the parse report). rebuild ignores the current index
    entirely (e.g. after changing the embedder). strict refuses folders that lack an issue.toml.
    """
    from rag.index.reader import load_index

    if rebuild and remove:
        raise InputError("--rebuild starts from the corpus alone; remove issues from corpus/ instead")
    folders, warnings = find_folders(paths) if paths else ([], [])
    if strict and warnings:
        raise InputError("; ".join(warnings) + " (--strict refuses to skip them)")
    with store.build_lock(index_dir):
        stale = [] if dry_run else store.clean_stale(index_dir)
        manifest = None if rebuild else _current_manifest(index_dir, embedder)
        published = manifest["issues"] if manifest else {}
        scanned = scan_issues(folders, limits, chunker)
        todo = [s for s in scanned if reparse or not s.parse_key
                or published.get(s.issue_id, {}).get("parse_key") != s.parse_key]
        skipped = [s.issue_id for s in scanned if s not in todo]
        if manifest is not None and not todo and not remove:
            return Outcome(None, plan([], None, count_tokens, chunker, unchanged=skipped), stale, [], warnings)
        parsed = [parse_issue(s, limits) for s in todo]
        current = None if manifest is None else load_index(index_dir, embedder_name=embedder.name)
        p = plan(parsed, current, count_tokens, chunker, remove=remove, unchanged=skipped)
        if dry_run or (current is not None and is_noop(p)):
            return Outcome(None, p, stale, parsed, warnings)
        return Outcome(execute(p, index_dir, current, embedder, chunker), p, stale, parsed, warnings)
