"""What a build clears away in index/versions: half-written folders of builds that were killed, and versions past the
KEEP_VERSIONS newest sound ones (store.py publishes; caller holds store.build_lock)."""

from __future__ import annotations

import functools
import shutil
from pathlib import Path
from typing import Callable, Collection

from rag.errors import RagError
from rag.index import history, meanwhile
from rag.index.history import HISTORY
from rag.index.versions import current_version, is_sound, list_versions, versions_dir

KEEP_VERSIONS = 5


def clean_stale(index_dir: Path) -> list[str]:
    """Remove half-written folders left by a build that was killed (caller holds build_lock)."""
    folder = versions_dir(index_dir)
    stale = [p for p in folder.glob(".tmp-*") if not meanwhile.writer_alive(p)] if folder.is_dir() else []
    for p in stale:
        shutil.rmtree(p, ignore_errors=True)
    return [p.name for p in stale]


def prunable(versions: list[str], sound: Callable[[str], bool], protected: Collection[str] = (),
             keep: int = KEEP_VERSIONS) -> list[str]:
    """Pure: the versions to delete, keeping the `keep` newest sound ones, any newer than those, and the protected.

    A damaged version counts for nothing, so a run of them cannot push the last good versions out.
    sound is asked newest first, and only until `keep` sound versions are found.
    Example: prunable(["v1", "v2", "v3", "v4"], lambda v: v != "v3", {"v4"}, keep=2) -> ["v1"]
    """
    found = 0
    for i in range(len(versions) - 1, -1, -1):
        found += bool(sound(versions[i]))
        if found == keep:
            return [name for name in versions[:i] if name not in protected]
    return []


def prune(index_dir: Path) -> None:
    """Old versions go; never the one CURRENT names, nor the last sound one served (HISTORY), which an app serves
    while CURRENT is damaged (reader.load_serving)."""
    versions, current = list_versions(index_dir), current_version(index_dir)
    sound = functools.cache(lambda name: is_sound(index_dir, name))
    try:
        served = [name for name in reversed(history.served(index_dir / HISTORY)) if name in versions]
    except RagError:  # a damaged HISTORY: CURRENT and the newest sound versions are kept all the same
        served = []
    last_good = next((name for name in served if name != current and sound(name)), None)
    for name in prunable(versions, sound, {current, last_good} - {None}):
        shutil.rmtree(versions_dir(index_dir) / name, ignore_errors=True)
