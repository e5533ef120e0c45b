"""What another build did while this one ran: a build that found index/.lock deleted (or an index on a network disk
whose locks do not reach every machine) ran beside another, deleted its half-written folder as stale, and published
over the version it had just published."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

CURRENT = "CURRENT"


def pointer(index_dir: Path) -> bytes:
    """CURRENT as it is on disk (b"" when there is none), for a build to tell whether it changed while it ran."""
    try:
        return (index_dir / CURRENT).read_bytes()
    except OSError:
        return b""


def changed(index_dir: Path, built_on: bytes) -> str:
    """What to say when CURRENT no longer holds what it held when the build read it ("" when it does)."""
    now = pointer(index_dir)
    if now == built_on:
        return ""

    def said(data: bytes) -> str:
        return data.decode("ascii", "replace").strip()[:80] or "no version"

    return (f"{index_dir / CURRENT} changed while this build ran (it named {said(built_on)}, now {said(now)}): "
            f"another build or a rollback switched it meanwhile (was {index_dir / '.lock'} deleted, or is the index on "
            "a network disk whose locks do not reach every machine?), and this build, made from what was served "
            f"before, would have undone it; nothing was published, {said(now)} stays served: run the command again")


def writer_alive(tmp: Path) -> bool:
    """Whether the process named at the end of a half-written folder's name (.tmp-VERSION-PID) is still running: a
    build that found .lock deleted took another's folder for one left by a killed build and deleted it mid-write."""
    pid = tmp.name.rpartition("-")[2]
    if not pid.isdigit():
        return False
    try:
        os.kill(int(pid), 0)
    except PermissionError:  # another user's, running
        return True
    except (ProcessLookupError, OverflowError):  # OverflowError: a number no pid can be
        return False
    return True


def _own(lock) -> bool:
    """Whether .lock is a file of its own: a link (symbolic or hard) to another file is never emptied or written."""
    return not os.path.islink(lock.name) and os.fstat(lock.fileno()).st_nlink == 1


def stamp(lock) -> None:
    """Write into the held .lock which build holds it (pid, command, since when), for another build to say."""
    try:
        if not _own(lock):
            return
        lock.truncate(0)
        argv = ["rag", *sys.argv[1:]] if Path(sys.argv[0]).name in ("rag", "cli.py") else sys.argv
        lock.write(f"{os.getpid()} {time.strftime('%Y-%m-%d %H:%M:%S')} {' '.join(argv)[:200]}\n")
        lock.flush()
    except (OSError, ValueError):  # no room to say it: the lock holds all the same
        pass


def unstamp(lock) -> None:
    """Empty .lock again as the build leaves: a refused or unchanged build leaves the index byte for byte as it was."""
    try:
        if _own(lock):
            lock.truncate(0)
    except (OSError, ValueError):
        pass


def holder(lock_path: Path) -> str:
    """Which build holds .lock, as stamp wrote it, and what to do if it is hung; "" when unsaid. A maintainer told only
    "another build is writing" who believed none was could delete .lock, letting two builds run at once."""
    try:
        pid, day, when, *command = lock_path.read_text("utf-8", "replace")[:400].split()
    except (OSError, ValueError):
        return ""
    if not pid.isdigit():
        return ""
    ran = f" `{' '.join(command)}`" if command else ""
    return (f" (process {pid}{ran}, since {day} {when}): wait for it to finish, or if it is hung stop it (kill {pid}); "
            f"do not delete {lock_path}, which lets two builds write at once; then try again")
