"""The only writer of index/: versioned, checksummed, atomically published; loaded and verified."""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import shutil
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Iterator

import numpy as np

from rag.errors import IndexUnavailable, RagError
from rag.fileio import fsync_dir, sha256_file
from rag.types import Chunk, Issue

FORMAT = 1
KEEP_VERSIONS = 5
CURRENT = "CURRENT"
SENTENCE_VECTORS = "sentence_vectors.npy"  # optional: one row per sentence of each chunk, in chunk order
SENTENCE_COUNTS = "sentence_counts.npy"  # sentences per chunk


@dataclass(frozen=True)
class IssueRecord:
    """An indexed issue: its metadata, content hash and parsed articles (for the article view)."""

    issue: Issue
    content_hash: str
    articles: tuple[dict, ...]  # {article_id, headline, page, section, paragraphs: [{text, page}]}


def _fsync_tree(folder: Path) -> None:
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            with path.open("rb") as f:
                os.fsync(f.fileno())
    fsync_dir(folder)


@contextlib.contextmanager
def build_lock(index_dir: Path) -> Iterator[None]:
    """One writer at a time; a second build is told to wait rather than corrupting the first."""
    index_dir.mkdir(parents=True, exist_ok=True)
    with (index_dir / ".lock").open("w") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise RagError(f"another build is writing {index_dir}: wait for it to finish, then try again") from None
        yield


def _versions_dir(index_dir: Path) -> Path:
    return index_dir / "versions"


def list_versions(index_dir: Path) -> list[str]:
    """Published versions, oldest first."""
    folder = _versions_dir(index_dir)
    if not folder.is_dir():
        return []
    return sorted(p.name for p in folder.iterdir() if p.is_dir() and p.name.startswith("v"))


def current_version(index_dir: Path) -> str | None:
    pointer = index_dir / CURRENT
    if not pointer.is_file():
        return None
    name = pointer.read_text().strip()
    return name or None


def publish(
    index_dir: Path,
    *,
    chunks: list[Chunk],
    vectors: np.ndarray,
    issues: list[IssueRecord],
    embedder: dict,
    chunker: dict,
    bm25_dir_writer,
    sentence_vectors: np.ndarray | None = None,
    sentence_counts: list[int] | None = None,
) -> str:
    """Write a new version beside the old ones, fsync it, then switch CURRENT with os.replace.

    bm25_dir_writer(folder) writes the BM25 files (kept out of here so storage stays format-agnostic).
    sentence_vectors (one row per sentence, chunk by chunk) and sentence_counts (sentences per chunk)
    are optional: without them, answering embeds a passage's sentences when it needs them.
    Caller holds build_lock. Any failure leaves CURRENT and every published version untouched.
    """
    import faiss  # heavy: only builds and loads need it

    versions = _versions_dir(index_dir)
    versions.mkdir(parents=True, exist_ok=True)
    existing = list_versions(index_dir)
    number = int(existing[-1][1:5]) + 1 if existing else 1
    name = f"v{number:04d}-{time.strftime('%Y%m%dT%H%M%S')}"
    tmp = versions / f".tmp-{name}-{os.getpid()}"
    try:
        tmp.mkdir()
        with (tmp / "chunks.jsonl").open("w", encoding="utf-8") as f:
            for chunk in chunks:
                f.write(json.dumps(asdict(chunk), ensure_ascii=False) + "\n")
        vec_index = faiss.IndexFlatIP(int(embedder["dim"]))
        if len(chunks):
            vec_index.add(np.ascontiguousarray(vectors, dtype=np.float32))
        faiss.write_index(vec_index, str(tmp / "vectors.faiss"))
        if sentence_vectors is not None and sentence_counts is not None:
            if len(sentence_counts) != len(chunks) or sum(sentence_counts) != len(sentence_vectors):
                raise RagError("sentence vectors do not line up with the chunks: run `rag ingest corpus/ --rebuild`")
            np.save(tmp / SENTENCE_VECTORS, np.ascontiguousarray(sentence_vectors, dtype=np.float32), allow_pickle=False)
            np.save(tmp / SENTENCE_COUNTS, np.asarray(sentence_counts, dtype=np.int32), allow_pickle=False)
        (tmp / "bm25").mkdir()
        bm25_dir_writer(tmp / "bm25")
        records = [{"issue": asdict(r.issue), "content_hash": r.content_hash, "articles": list(r.articles)} for r in issues]
        (tmp / "issues.json").write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
        files = {str(p.relative_to(tmp)): sha256_file(p) for p in sorted(tmp.rglob("*")) if p.is_file()}
        manifest = {
            "format": FORMAT,
            "version": name,
            "created": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            "embedder": embedder,
            "chunker": chunker,
            "chunks": len(chunks),
            "issues": {r.issue.issue_id: {"content_hash": r.content_hash, "title": r.issue.title,
                                          "date": r.issue.date, "source_file": r.issue.source_file,
                                          "chunks": sum(c.issue_id == r.issue.issue_id for c in chunks)}
                       for r in issues},
            "files": files,
        }
        (tmp / "manifest.json").write_text(json.dumps(manifest, indent=2), encoding="utf-8")
        _fsync_tree(tmp)
        os.rename(tmp, versions / name)
        fsync_dir(versions)
    except BaseException as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        if isinstance(exc, OSError):
            raise RagError(f"could not write the new index version ({exc.strerror or exc}): "
                           "free some disk space and run the build again; the published index is unchanged") from exc
        raise
    set_current(index_dir, name)
    _prune(index_dir)
    return name


def set_current(index_dir: Path, name: str) -> None:
    """Point CURRENT at a published version, atomically."""
    if name not in list_versions(index_dir):
        raise RagError(f"no index version {name!r}: see `rag status` for the versions kept")
    tmp = index_dir / f".{CURRENT}.tmp"
    with tmp.open("w") as f:
        f.write(name + "\n")
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, index_dir / CURRENT)
    fsync_dir(index_dir)


def rollback(index_dir: Path) -> str:
    """Make the version published before the current one current again."""
    versions, current = list_versions(index_dir), current_version(index_dir)
    if current not in versions or versions.index(current) == 0:
        raise RagError("there is no earlier index version to go back to")
    previous = versions[versions.index(current) - 1]
    set_current(index_dir, previous)
    return previous


def clean_stale(index_dir: Path) -> list[str]:
    """Remove half-written folders left by a build that was killed (caller holds build_lock)."""
    folder = _versions_dir(index_dir)
    stale = [p for p in folder.glob(".tmp-*")] if folder.is_dir() else []
    for p in stale:
        shutil.rmtree(p, ignore_errors=True)
    return [p.name for p in stale]


def _prune(index_dir: Path) -> None:
    versions, current = list_versions(index_dir), current_version(index_dir)
    for name in versions[:-KEEP_VERSIONS]:
        if name != current:
            shutil.rmtree(_versions_dir(index_dir) / name, ignore_errors=True)


def read_manifest(index_dir: Path, name: str | None = None) -> dict:
    name = name or current_version(index_dir)
    if not name:
        raise IndexUnavailable(f"no index at {index_dir}: run `rag ingest corpus/` to build one")
    path = _versions_dir(index_dir) / name / "manifest.json"
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise IndexUnavailable(f"index version {name} has no readable manifest ({exc}): "
                               "run `rag rollback` or rebuild with `rag ingest corpus/ --rebuild`") from exc


def verify(index_dir: Path, name: str | None = None) -> list[str]:
    """Problems found in a version (missing or altered files); empty when it is sound."""
    manifest = read_manifest(index_dir, name)
    folder = _versions_dir(index_dir) / manifest["version"]
    problems = []
    if manifest.get("format") != FORMAT:
        problems.append(f"format {manifest.get('format')} is not {FORMAT}")
    for rel, digest in manifest["files"].items():
        path = folder / rel
        if not path.is_file():
            problems.append(f"{rel} is missing")
        elif sha256_file(path) != digest:
            problems.append(f"{rel} does not match its checksum")
    return problems
