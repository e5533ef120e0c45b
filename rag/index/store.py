"""The only writer of index/: versioned, checksummed, atomically published; loaded and verified."""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import re
import shutil
import time
from collections import Counter
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Iterator

import numpy as np

from rag.index import history
from rag.errors import IndexUnavailable, RagError
from rag.fileio import fsync_dir, sha256_file
from rag.index.history import HISTORY
from rag.index.manifest import content_problems, manifest_problems
from rag.types import Chunk, Issue

FORMAT = 1
KEEP_VERSIONS = 5
CURRENT = "CURRENT"
MANIFEST_SUM = "manifest.json.sha256"  # the manifest's own checksum, `sha256sum -c` format
_VERSION_NAME = re.compile(r"v\d{4,}-\d{8}T\d{6}")
SENTENCE_VECTORS = "sentence_vectors.npy"  # optional: one row per sentence of each chunk, in chunk order
SENTENCE_COUNTS = "sentence_counts.npy"  # sentences per chunk


@dataclass(frozen=True)
class IssueRecord:
    """An indexed issue: its metadata, content hash and parsed articles (for the article view)."""

    issue: Issue
    content_hash: str
    articles: tuple[dict, ...]  # {article_id, headline, page, section, paragraphs: [{text, page}]}
    source_sha256: str = ""  # the source file alone, so a copy under another name is refused ("" in old versions)
    parse_key: str = ""  # content, chunker and parser code it was made from ("" in old versions: always re-parsed)


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
    """Published versions, oldest first: real folders inside versions/ (never symlinks out of it)."""
    folder = _versions_dir(index_dir)
    if not folder.is_dir():
        return []
    return sorted(p.name for p in folder.iterdir()
                  if _VERSION_NAME.fullmatch(p.name) and p.is_dir() and not p.is_symlink())


def current_version(index_dir: Path) -> str | None:
    """The version CURRENT names; None when there is no index; IndexUnavailable when CURRENT is damaged."""
    pointer = index_dir / CURRENT
    if not pointer.is_file():
        return None
    try:
        name = pointer.read_bytes().decode("ascii").strip()
    except UnicodeDecodeError:
        raise IndexUnavailable(_bad_current(index_dir, "it is not plain text")) from None
    if not name and not list_versions(index_dir):
        return None
    if not _VERSION_NAME.fullmatch(name) or name not in list_versions(index_dir):
        raise IndexUnavailable(_bad_current(index_dir, f"{name[:80]!r} is not a version folder in versions/"))
    return name


def _bad_current(index_dir: Path, why: str) -> str:
    kept = ", ".join(list_versions(index_dir)) or "none"
    return (f"{index_dir / CURRENT} is damaged ({why}): serve a kept version with `rag rollback --to VERSION` "
            f"(kept: {kept}), or rebuild with `rag ingest corpus/ --rebuild`")


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
        records = [{"issue": asdict(r.issue), "content_hash": r.content_hash, "articles": list(r.articles),
                    "source_sha256": r.source_sha256, "parse_key": r.parse_key} for r in issues]
        (tmp / "issues.json").write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
        files = {str(p.relative_to(tmp)): sha256_file(p) for p in sorted(tmp.rglob("*")) if p.is_file()}
        per_issue = Counter(c.issue_id for c in chunks)
        manifest = {
            "format": FORMAT,
            "version": name,
            "created": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            "embedder": embedder,
            "chunker": chunker,
            "chunks": len(chunks),
            "issues": {r.issue.issue_id: {"content_hash": r.content_hash, "title": r.issue.title,
                                          "date": r.issue.date, "source_file": r.issue.source_file,
                                          "chunks": per_issue[r.issue.issue_id],
                                          "source_sha256": r.source_sha256, "parse_key": r.parse_key}
                       for r in issues},
            "files": files,
        }
        text = json.dumps(manifest, indent=2).encode("utf-8")
        (tmp / "manifest.json").write_bytes(text)
        (tmp / MANIFEST_SUM).write_bytes(_manifest_sum(text))
        _fsync_tree(tmp)
        os.rename(tmp, versions / name)
        fsync_dir(versions)
    except BaseException as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        if isinstance(exc, OSError):
            raise RagError(f"could not write the new index version ({exc.strerror or exc}): "
                           "free some disk space and run the build again; the published index is unchanged") from exc
        raise
    set_current(index_dir, name, event="publish")
    _prune(index_dir)
    return name


def set_current(index_dir: Path, name: str, *, event: str = "switch") -> None:
    """Point CURRENT at a published version, atomically, and record the switch in HISTORY."""
    if name not in list_versions(index_dir):
        raise RagError(f"no index version {name!r}: see `rag status` for the versions kept")
    log = index_dir / HISTORY
    if not log.exists():  # an index from before histories: what it serves now was served first
        with contextlib.suppress(IndexUnavailable):
            if (before := current_version(index_dir)) and before != name:
                history.append(log, before, "seen")
    tmp = index_dir / f".{CURRENT}.tmp"
    with tmp.open("w") as f:
        f.write(name + "\n")
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, index_dir / CURRENT)
    fsync_dir(index_dir)
    history.append(log, name, event)


def rollback(index_dir: Path) -> str:
    """Serve again the version that was served before the current one (from HISTORY, never by name order)."""
    current, kept = current_version(index_dir), list_versions(index_dir)
    stack = history.served(index_dir / HISTORY)
    if not stack:
        raise RagError(f"{index_dir} has no record of the version served before {current} (it predates "
                       f"{HISTORY}): choose one with `rag rollback --to VERSION` (kept: {', '.join(kept) or 'none'})")
    target = history.before(stack, current, kept)
    if target is None:
        raise RagError("there is no earlier index version to go back to (see `rag status` for the versions kept)")
    set_current(index_dir, target, event="rollback")
    return target


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
    """A version's manifest, checked against its checksum (when it has one) and for a sound shape."""
    name = name or current_version(index_dir)
    if not name:
        raise IndexUnavailable(f"no index at {index_dir}: run `rag ingest corpus/` to build one")
    if name not in list_versions(index_dir):
        raise IndexUnavailable(f"no index version {name!r} in {_versions_dir(index_dir)}: see `rag status`")
    folder = _versions_dir(index_dir) / name
    try:
        data = (folder / "manifest.json").read_bytes()
        expected = (folder / MANIFEST_SUM).read_bytes() if (folder / MANIFEST_SUM).exists() else None
    except OSError as exc:
        raise IndexUnavailable(_damaged(name, f"its manifest cannot be read ({exc.strerror or exc})")) from exc
    if expected is not None and expected != _manifest_sum(data):
        raise IndexUnavailable(_damaged(name, f"manifest.json does not match its checksum ({MANIFEST_SUM})"))
    try:
        manifest = json.loads(data.decode("utf-8"))
    except ValueError as exc:
        raise IndexUnavailable(_damaged(name, f"manifest.json is not valid JSON ({exc})")) from exc
    problems = manifest_problems(manifest, name, FORMAT)
    if problems:
        raise IndexUnavailable(_damaged(name, "manifest.json " + "; ".join(problems[:3])))
    return manifest


def _manifest_sum(data: bytes) -> bytes:
    return f"{hashlib.sha256(data).hexdigest()}  manifest.json\n".encode("ascii")


def _damaged(name: str, why: str) -> str:
    return (f"index version {name} is damaged ({why}): run `rag rollback` to serve the version served before, "
            "or `rag ingest corpus/ --rebuild`")


def verify(index_dir: Path, name: str | None = None, *, deep: bool = True) -> list[str]:
    """Problems found in a version (missing or altered files; with deep, files that disagree with the
    manifest); empty when it is sound. A damaged manifest raises IndexUnavailable."""
    manifest = read_manifest(index_dir, name)
    folder = _versions_dir(index_dir) / manifest["version"]
    problems = []
    for rel, digest in manifest["files"].items():
        path = folder / rel
        if not path.is_file():
            problems.append(f"{rel} is missing")
        elif sha256_file(path) != digest:
            problems.append(f"{rel} does not match its checksum")
    if deep and not problems:
        try:
            ids = Counter(json.loads(line)["issue_id"] for line in (folder / "chunks.jsonl").read_bytes().splitlines())
            records = json.loads((folder / "issues.json").read_bytes())
            hashes = {r["issue"]["issue_id"]: r["content_hash"] for r in records}
        except (OSError, ValueError, KeyError, TypeError) as exc:
            return [f"chunks.jsonl or issues.json cannot be read ({exc})"]
        wrong = content_problems(manifest, ids, hashes)
        if wrong:
            raise IndexUnavailable(_damaged(manifest["version"], "manifest.json " + "; ".join(wrong[:3])))
    return problems
