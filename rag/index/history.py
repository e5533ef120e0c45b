"""index/HISTORY: one JSON line per switch of CURRENT, so rollback returns to what was really served."""

from __future__ import annotations

import contextlib
import errno
import json
import os
import time
from pathlib import Path

from rag.errors import RagError
from rag.fileio import not_a_file

HISTORY = "HISTORY"
EVENTS = ("publish", "switch", "rollback", "seen")  # seen: what an index from before HISTORY was serving


def append(path: Path, name: str, event: str) -> None:
    """Record that CURRENT now names `name` (durably: rollback trusts this file)."""
    data = (json.dumps({"version": name, "event": event, "at": time.strftime("%Y-%m-%dT%H:%M:%S%z")}) + "\n").encode()
    fd = os.open(path, os.O_RDWR | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        size = os.fstat(fd).st_size
        if size and os.pread(fd, 1, size - 1) != b"\n":  # a line cut short (by another tool, a crash, an editor):
            data = b"\n" + data  # this record on a line of its own, not glued to it and lost with it
        try:
            if os.write(fd, data) != len(data):
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))
            os.fsync(fd)
        except OSError:  # a full disk: no half line left for readers to call damaged
            with contextlib.suppress(OSError):
                os.ftruncate(fd, size)
            raise
    finally:
        os.close(fd)


def served(path: Path) -> list[str]:
    """Versions served, oldest first, each rollback undoing what followed its target; [] without a HISTORY."""
    if kind := not_a_file(path):  # a named pipe, a link to /dev/zero or a folder read as "no history" (tester 33)
        raise RagError(f"{path} is {kind}, not the file recording the versions served: move it away (mv {path} "
                       f"{path}.old) and choose the version to serve with `rag rollback --to VERSION` (see `rag "
                       "status`); the next publish or switch starts the history anew")
    if not path.is_file():
        return []
    stack: list[str] = []
    # the maintainer is told to correct or delete a damaged line: an editor's byte-order mark, CRLF or a line left
    # blank is no damage
    for n, line in enumerate(path.read_bytes().removeprefix(b"\xef\xbb\xbf").splitlines(), 1):
        if not line.strip():
            continue
        try:
            entry = json.loads(line)
            name, event = entry["version"], entry["event"]
            if not isinstance(name, str) or event not in EVENTS:
                raise TypeError(name)
        except (ValueError, KeyError, TypeError, RecursionError):  # nested too deep: was a traceback
            raise RagError(f"{path}, line {n} is damaged: choose the version to serve with "
                           "`rag rollback --to VERSION` (see `rag status`), and correct or delete that line so that "
                           "`rag rollback` can read the history again") from None
        if event == "rollback" and name in stack:
            del stack[len(stack) - stack[::-1].index(name):]
        else:
            stack.append(name)
    return stack


def before(stack: list[str], current: str | None, kept: list[str]) -> str | None:
    """Pure: the version served before `current` that is still kept, or None.

    Example: before(["v1", "v2", "v4"], "v4", ["v1", "v2", "v3", "v4"]) -> "v2" (v3 was never served).
    """
    stack = list(stack)
    if not stack or stack[-1] != current:  # CURRENT switched, but the build was killed before HISTORY said so
        stack.append(current)
    stack.pop()
    while stack and (stack[-1] == current or stack[-1] not in kept):
        stack.pop()
    return stack[-1] if stack else None
