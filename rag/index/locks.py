"""The build lock (one writer at a time, .lock in the index folder) and the dry run's shared read of it; store.py
re-exports both."""

from __future__ import annotations

import contextlib
import fcntl
import os
from pathlib import Path
from typing import Iterator

from rag.errors import RagError
from rag.fileio import not_a_file
from rag.index import meanwhile
from rag.index.index_folder import dangling_link, unwritable, versions_dir, versions_unusable
from rag.index.versions import CURRENT


@contextlib.contextmanager
def build_lock(index_dir: Path) -> Iterator[None]:
    """One writer at a time; a second build is told to wait rather than corrupting the first.

    A build that leaves no index (nothing published) takes its .lock and the empty folders it made away again: a
    refused first ingest left a new index folder holding only .lock behind (a tester's find). Another build may have
    opened that .lock meanwhile, so the file locked is checked to be the one at the path. So does a build stopped
    (Ctrl-C, SIGTERM, SIGHUP) while it was still taking the lock: it left the new folder and its .lock (CI's find).
    """
    if why := dangling_link(index_dir) or versions_unusable(index_dir):  # mkdir said "File exists", and the
        # maintainer was sent to free disk space
        raise RagError(f"{why}; the published index is unchanged")
    made = [d for d in (index_dir, *index_dir.parents) if not d.exists()]  # deepest first
    try:
        lock = _locked(index_dir)
    except OSError as exc:  # a read-only or full disk, a file where the folder should be
        raise unwritable(index_dir / ".lock", exc) from None
    except KeyboardInterrupt:  # before the lock was held (_locked let go of what it had opened)
        _leave_unheld(index_dir, made)
        raise
    with lock:
        try:
            yield
        finally:
            meanwhile.unstamp(lock)
            _leave(index_dir, made)


@contextlib.contextmanager
def read_lock(index_dir: Path) -> Iterator[None]:
    """For a dry run, which writes nothing: .lock shared when it is there to open (a build writing now is still said),
    none when it is not; nothing made. A dry run on a read-only index was refused as a build (tester 33's open item)."""
    if not_a_file(index_dir / ".lock"):  # a pipe would never open; a folder or a link leading nowhere locks nothing
        yield
        return
    try:
        lock = (index_dir / ".lock").open("rb")
    except OSError:  # none yet (no build holds it), or unreadable to this user: read as any reader reads the index
        yield
        return
    with lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            said = meanwhile.holder(index_dir / ".lock") or ": wait for it to finish, then try again"
            raise RagError(f"another build is writing {index_dir}{said}") from None
        yield


def _locked(index_dir: Path):
    """The open .lock file, flocked; retried when another build took the file away between our open and flock. Stopped
    on the way (KeyboardInterrupt), it closes what it opened, so the lock is free for build_lock to clear away."""
    for _ in range(20):
        index_dir.mkdir(parents=True, exist_ok=True)
        kind = not_a_file(index_dir / ".lock")
        if kind and kind != "a folder":  # opening a named pipe waits for a reader: the ingest hung (tester 29)
            raise RagError(f"{index_dir / '.lock'} is {kind}, not a file: move it away (mv {index_dir / '.lock'} "
                           f"{index_dir / '.lock.old'}), then run the command again; the published index is unchanged")
        try:
            lock = (index_dir / ".lock").open("a")
        except FileNotFoundError:  # the folder went between mkdir and open: a build that made it is leaving
            continue
        try:
            if held := _flocked(index_dir, lock):
                return held
        except BaseException:
            lock.close()
            raise
        lock.close()  # we locked a file the build before us had already removed
    raise RagError(f"another build keeps taking {index_dir / '.lock'} away: wait for it to finish, then try again")


def _flocked(index_dir: Path, lock):
    """lock, flocked and stamped when it is still the file at index_dir/.lock; None when another build removed it."""
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        if said := meanwhile.dry_runs(index_dir / ".lock"):
            raise RagError(f"{index_dir} cannot be written now{said}") from None
        said = meanwhile.holder(index_dir / ".lock") or ": wait for it to finish, then try again"
        raise RagError(f"another build is writing {index_dir}{said}") from None
    if not _at_path(index_dir, lock):
        return None
    meanwhile.stamp(lock)
    return lock


def _at_path(index_dir: Path, lock) -> bool:
    """The open lock is still the file at index_dir/.lock (not one another build has removed)."""
    try:
        return os.stat(index_dir / ".lock").st_ino == os.fstat(lock.fileno()).st_ino
    except FileNotFoundError:
        return False


def _leave(index_dir: Path, made: list[Path]) -> None:
    """With nothing published, remove .lock (still held) and the empty folders this build made."""
    if os.path.lexists(index_dir / CURRENT):
        return  # an index: its .lock stays, as it always has
    with contextlib.suppress(OSError):
        (index_dir / ".lock").unlink()
    for d in [versions_dir(index_dir), *made]:
        with contextlib.suppress(OSError):
            d.rmdir()  # only ever an empty folder


def _leave_unheld(index_dir: Path, made: list[Path]) -> None:
    """Stopped while taking the lock: take it now, if no other build holds it, and leave as a build that published
    nothing; a lock another build holds is left to it."""
    try:
        with (index_dir / ".lock").open("a") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            if _at_path(index_dir, lock):
                _leave(index_dir, made)
    except OSError:  # held by another build, gone already, or the folder was never made
        pass
