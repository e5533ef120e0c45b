"""What another build did while this one ran: a build that found index/.lock deleted (or an index on a network disk
whose locks do not reach every machine) ran beside another, deleted its half-written folder as stale, and published
over the version it had just published."""

from __future__ import annotations

import os
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
