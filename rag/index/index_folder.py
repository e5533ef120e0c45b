"""Where an index's parts are, and what to say when a folder on the way is a link leading nowhere or no folder
(versions.py reads the versions, store.py writes them)."""

from __future__ import annotations

import errno
from pathlib import Path

from rag.errors import RagError
from rag.fileio import dead_link_on, leads_nowhere, not_a_file


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


def unwritable(path: Path, exc: OSError, done: str = "the published index is unchanged") -> RagError:
    """What a maintainer reads when the index folder cannot be written: what failed, where, what to do."""
    folder = next((p for p in path.parents if p.exists()), path.parent)
    if exc.errno == errno.EISDIR:  # a folder where CURRENT or HISTORY should be: no disk space or rights will help
        where = exc.filename2 or exc.filename or path
        return RagError(f"cannot write {where}: it is a folder, not a file; move it away (mv {where} {where}.old), "
                        f"then run the command again; {done}")
    if (kind := not_a_file(path) or "").startswith(("a named", "a socket", "a device")):  # HISTORY a named pipe, or
        # a link to /dev/zero: its fsync said "Invalid argument", and the maintainer was sent to free disk space
        return RagError(f"cannot write {path}: it is {kind}, not a file; move it away (mv {path} {path}.old), then "
                        f"run the command again; {done}")
    if folder.exists() and not folder.is_dir() or exc.errno == errno.ENOTDIR:
        return RagError(f"cannot write {path}: {folder} is a file, not a folder; point RAG_INDEX_DIR at a folder "
                        f"(or where one can be made); {done}")
    said = f"cannot write {exc.filename or path} ({exc.strerror or exc})"
    if exc.errno in (errno.EACCES, errno.EPERM):  # no disk space would help: "or free some disk space" was said
        return RagError(f"{said}: make {folder} writable by this user (ls -ld {folder} shows its owner and rights: "
                        f"chown -R or chmod -R), or run the command as its owner; {done}")
    if exc.errno == errno.EROFS:
        return RagError(f"{said}: {folder} is on a read-only disk; point RAG_INDEX_DIR at a folder on a writable "
                        f"one (moving the index there with cp -a first), then run the command again; {done}")
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return RagError(f"{said}: free some disk space there (df -h {folder}), then run the command again; {done}")
    return RagError(f"{said}: make {folder} writable by this user, or free some disk space there (df -h {folder}), "
                    f"then run the command again; {done}")
