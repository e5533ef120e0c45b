"""Where an index's parts are, and what to say when a folder on the way is a link leading nowhere or no folder
(versions.py reads the versions, store.py writes them)."""

from __future__ import annotations

from pathlib import Path

from rag.fileio import dead_link_on, leads_nowhere


def versions_dir(index_dir: Path) -> Path:
    """The folder holding every published version."""
    return index_dir / "versions"


def dangling_link(path: Path) -> str:
    """What to say when path, or a folder on its way, is a symbolic link leading nowhere ("" otherwise): an index on a
    drive not mounted was "no index at ...: run `rag ingest corpus/`", and the ingest "cannot write ... (File exists):
    ... free some disk space"."""
    link = dead_link_on(path)
    return (f"{leads_nowhere(link)}: mount or restore what it leads to, or point RAG_INDEX_DIR (now {path}) at the "
            "index") if link is not None else ""


def versions_unusable(index_dir: Path) -> str:
    """What to say when index/versions is a link leading nowhere, or no folder ("" otherwise): the versions moved to a
    second disk, not mounted, read as every version gone ("CURRENT is damaged ... (kept: none), or rebuild"), and
    the rebuild was sent to free disk space (tester 32)."""
    folder = versions_dir(index_dir)
    if folder.is_symlink() and not folder.exists():
        return f"{leads_nowhere(folder)}: mount or restore what it leads to (the index's versions)"
    if folder.exists() and not folder.is_dir():
        return (f"{folder} is not a folder, where the index's versions should be: move it away (mv {folder} "
                f"{folder}.moved), then put the folder back from a copy of the index, or build the index anew (rag "
                "ingest corpus/ --rebuild)")
    return ""
