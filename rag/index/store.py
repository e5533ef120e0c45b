"""The only writer of index/: versioned, checksummed, atomically published, switched and rolled back.

The read side (version names, CURRENT, manifests, verify) is versions.py, and what a build clears away (half-written
folders, old versions) pruning.py, and the build lock locks.py, all re-exported here so callers use one module.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import time
from pathlib import Path
from typing import Iterable

from rag.errors import IndexUnavailable, RagError
from rag.fileio import fsync_dir
from rag.index import history, meanwhile, segments
from rag.index.history import HISTORY
from rag.index.index_folder import unwritable
from rag.index.locks import build_lock as build_lock  # re-exported, as read_lock: callers lock through store
from rag.index.locks import read_lock as read_lock
from rag.index.pruning import KEEP_VERSIONS as KEEP_VERSIONS  # re-exported, as the two below
from rag.index.pruning import clean_stale as clean_stale
from rag.index.pruning import prunable as prunable
from rag.index.pruning import prune
from rag.index.segments import KeptSegment, NewSegment
from rag.index.versions import (
    CURRENT,
    MANIFEST_SUM,
    current_version,
    list_versions,
    manifest_sum,
    no_such_version,
    verify,
    version_number,
    versions_dir,
)
from rag.index.versions import fallbacks as fallbacks  # re-exported, as the three below: callers read through store
from rag.index.versions import is_sound as is_sound
from rag.index.versions import read_manifest as read_manifest
from rag.index.versions import way_out as way_out

FORMAT = 2  # 2: each issue's files in their own folder under segments/; 1: one set of files for the whole index
SENTENCE_VECTORS = "sentence_vectors.npy"  # format 1, optional: one row per sentence of each chunk, in chunk order
SENTENCE_COUNTS = "sentence_counts.npy"  # format 1: sentences per chunk


def publish(index_dir: Path, *, segments_: Iterable[NewSegment | KeptSegment], embedder: dict, chunker: dict,
            built_on: bytes | None = None) -> str:
    """Write a new version beside the old ones, fsync it, then switch CURRENT with os.replace.

    segments_: every issue of the new version, one at a time (a generator may embed each when asked for it).
    A NewSegment is written; a KeptSegment's files are hard-linked from the version holding them (copied
    across filesystems), so a publish writes what changed. A published file is never opened for writing
    again: removing an issue or rolling back only adds, drops or switches folders, so no version can damage
    a file another one shares. Caller holds build_lock. Any failure leaves CURRENT and every published
    version untouched. built_on: meanwhile.pointer() when the build read the version it builds on; CURRENT is
    switched only while it still holds that (two builds at once, the first published last, dropped the other's issue).
    """
    versions = versions_dir(index_dir)
    existing = list_versions(index_dir)
    number = version_number(existing[-1]) + 1 if existing else 1  # was its first four digits
    name = f"v{number:04d}-{time.strftime('%Y%m%dT%H%M%S')}"
    tmp = versions / f".tmp-{name}-{os.getpid()}"
    try:
        (tmp / "segments").mkdir(parents=True)
        files, issues = {}, {}
        for seg in segments_:
            issue_id = segments.issue_id_of(seg)
            rel = f"segments/{segments.segment_name(issue_id)}"
            if issue_id in issues or (tmp / rel).exists():
                raise RagError(f"issue {issue_id} came twice into one build: run `rag ingest corpus/ --rebuild`")
            (tmp / rel).mkdir()
            sums, info = segments.write(tmp / rel, seg)
            fsync_dir(tmp / rel)
            files.update({f"{rel}/{f}": digest for f, digest in sums.items()})
            issues[issue_id] = {**info, "segment": rel}
        fsync_dir(tmp / "segments")
        manifest = {
            "format": FORMAT,
            "version": name,
            "created": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            "embedder": embedder,
            "chunker": chunker,
            "chunks": sum(i["chunks"] for i in issues.values()),
            "issues": dict(sorted(issues.items())),
            "files": files,
        }
        text = json.dumps(manifest, indent=1).encode("utf-8")
        segments.write_file(tmp / "manifest.json", text)
        segments.write_file(tmp / MANIFEST_SUM, manifest_sum(text))
        fsync_dir(tmp)
        os.rename(tmp, versions / name)
        fsync_dir(versions)
    except BaseException as exc:
        gone = not tmp.exists()
        shutil.rmtree(tmp, ignore_errors=True)
        if isinstance(exc, OSError) and built_on is not None and (changed := meanwhile.changed(index_dir, built_on)):
            raise RagError(changed) from None  # another build's version in the way: not the disk
        if isinstance(exc, OSError) and gone and versions.is_dir():  # "free some disk space" was said
            raise RagError(f"{tmp}, the folder this build was writing, was deleted while it ran (by another build, "
                           f"after {index_dir / '.lock'} was deleted?); nothing was published, the published index is "
                           "unchanged: run the command again") from None
        if isinstance(exc, OSError):
            raise unwritable(tmp, exc) from None
        raise
    if built_on is not None and (changed := meanwhile.changed(index_dir, built_on)):
        shutil.rmtree(versions / name, ignore_errors=True)
        raise RagError(changed)
    try:
        set_current(index_dir, name, event="publish")
    except RagError:
        try:
            served = current_version(index_dir)
        except IndexUnavailable:  # a CURRENT that is missing or a folder names no version
            served = None
        if served != name:  # never served: gone, so the index is exactly as it was
            shutil.rmtree(versions / name, ignore_errors=True)
        raise
    prune(index_dir)
    return name


def _require_kept(index_dir: Path, name: str) -> None:
    if name not in list_versions(index_dir):
        raise RagError(no_such_version(index_dir, name))


def set_current(index_dir: Path, name: str, *, event: str = "switch") -> None:
    """Point CURRENT at a published version, atomically, and record the switch in HISTORY."""
    _require_kept(index_dir, name)
    log, tmp = index_dir / HISTORY, index_dir / f".{CURRENT}.tmp"
    try:
        if not log.exists():  # an index from before histories: what it serves now was served first
            with contextlib.suppress(IndexUnavailable):
                if (before := current_version(index_dir)) and before != name:
                    history.append(log, before, "seen")
        with tmp.open("w") as f:
            f.write(name + "\n")
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, index_dir / CURRENT)
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise unwritable(index_dir / CURRENT, exc, f"{CURRENT} is unchanged") from None
    try:
        fsync_dir(index_dir)
        history.append(log, name, event)
    except OSError as exc:  # served, and rollback copes with a switch HISTORY missed (as after a killed build)
        raise unwritable(log, exc, f"{CURRENT} names {name} now, but {HISTORY} does not record it, so choose "
                                    "later rollbacks with `rag rollback --to VERSION`") from None


def rollback(index_dir: Path) -> str:
    """Serve again the version that was served before the current one (from HISTORY, never by name order)."""
    current, kept = current_version(index_dir), list_versions(index_dir)
    if current is None:
        raise RagError(f"no index at {index_dir}, so there is nothing to roll back: run `rag ingest corpus/` to build "
                       "one")
    stack = history.served(index_dir / HISTORY)
    if not stack:
        raise RagError(f"{index_dir} has no record of the version served before {current} (it predates "
                       f"{HISTORY}): choose one with `rag rollback --to VERSION` (kept: {', '.join(kept) or 'none'})")
    target = history.before(stack, current, kept)
    if target is None:
        raise RagError("there is no earlier index version to go back to (see `rag status` for the versions kept)")
    switch_to(index_dir, target, event="rollback")
    return target


def switch_to(index_dir: Path, name: str, *, event: str = "switch") -> None:
    """Serve a kept version, but only one whose files match their checksums: a damaged one would be refused by
    every app and replica, which then keep serving the old one while `rag status` names the new."""
    _require_kept(index_dir, name)
    problems = verify(index_dir, name)
    if problems:
        raise RagError(f"index version {name} is damaged ({'; '.join(problems[:2])}): not switched to it; "
                       "choose another with `rag rollback --to VERSION` or run `rag ingest corpus/ --rebuild`")
    set_current(index_dir, name, event=event)
