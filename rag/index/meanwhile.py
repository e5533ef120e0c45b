"""What another build did while this one ran: a build that found index/.lock deleted (or an index on a network disk
whose locks do not reach every machine) ran beside another, deleted its half-written folder as stale, and published
over the version it had just published."""

from __future__ import annotations

import os
import stat
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
    if not (pid.isdigit() and _alive(pid)):  # OverflowError in _alive: a number no pid can be
        return False
    try:  # a process started after the folder was last written is not its writer, but took a killed build's pid
        return _started(pid) <= os.stat(tmp).st_mtime + 60  # 60 s: the clock set since boot
    except (OSError, ValueError, IndexError):  # no /proc (not Linux): the pid alone says
        return True


def _started(pid: str) -> float:
    """When process pid started (seconds since the epoch), from Linux's /proc; its command's name may hold spaces."""
    fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    booted = [float(line.split()[1]) for line in Path("/proc/stat").read_text().splitlines()
              if line.startswith("btime ")]
    return booted[0] + int(fields[19]) / os.sysconf("SC_CLK_TCK")  # field 22, starttime, in clock ticks since boot


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
        # written past the file object's buffer: a line left there by a full disk was written again as the lock
        # closed, and that failure was a traceback ending every command on a full disk (tester 33)
        os.write(lock.fileno(), f"{os.getpid()} {time.strftime('%Y-%m-%d %H:%M:%S')} {' '.join(argv)[:200]}\n".encode())
    except (OSError, ValueError):  # no room to say it: the lock holds all the same
        pass


def unstamp(lock) -> None:
    """Empty .lock again as the build leaves: a refused or unchanged build leaves the index byte for byte as it was."""
    try:
        if _own(lock):
            lock.truncate(0)
    except (OSError, ValueError):
        pass


def _line(lock_path: Path) -> tuple[str, str, str] | None:
    """(pid, since, command) as stamp wrote them into .lock; None when it holds none (empty, older code, unreadable)."""
    try:
        if not stat.S_ISREG(os.stat(lock_path).st_mode):  # a named pipe would be read for ever (`rag status` hung)
            return None
        with lock_path.open("rb") as f:  # a .lock linked to a large file: its start alone
            pid, day, when, *command = f.read(400).decode("utf-8", "replace").split()
    except (OSError, ValueError):
        return None
    return (pid, f"{day} {when}", " ".join(command)) if pid.isdigit() else None


def _running(lock_path: Path, pid: str) -> bool:
    """Whether process pid still holds .lock: Linux lists every flock in /proc/locks (a pid reused by another process
    holds no lock); with no lock listed on .lock (no /proc, or a file system whose inode numbers differ there), whether
    the process runs."""
    try:
        inode, locks = str(os.stat(lock_path).st_ino), Path("/proc/locks").read_text().splitlines()
    except OSError:
        return _alive(pid)
    holders = [f[4] for f in (line.split() for line in locks)
               if len(f) > 5 and f[1] == "FLOCK" and f[5].rpartition(":")[2] == inode]
    return pid in holders if holders else _alive(pid)


def dry_runs(lock_path: Path) -> str:
    """What to say when .lock is held shared: a dry run reading the index (store.read_lock), which stamps nothing, so
    a build it held up was told "another build is writing" of a build nobody had started; "" when none (or no
    /proc/locks)."""
    try:
        inode, locks = str(os.stat(lock_path).st_ino), Path("/proc/locks").read_text().splitlines()
    except OSError:
        return ""
    pids = [f[4] for f in (line.split() for line in locks)
            if len(f) > 5 and f[1] == "FLOCK" and f[3] == "READ" and f[5].rpartition(":")[2] == inode]
    if not pids:
        return ""
    return (f": a dry run (rag ingest or remove --dry-run, process {', '.join(sorted(set(pids)))}) is reading it, "
            "which takes a few seconds to minutes: wait for it to finish, then try again")


def _alive(pid: str) -> bool:
    try:
        os.kill(int(pid), 0)
    except PermissionError:  # another user's, running
        return True
    except (ProcessLookupError, OverflowError, ValueError):
        return False
    return True


def holder(lock_path: Path) -> str:
    """Which build holds .lock, as stamp wrote it, and what to do if it is hung; "" when unsaid. A maintainer told only
    "another build is writing" who believed none was could delete .lock, letting two builds run at once. A line left
    by a build killed outright (kill -9) names a process that is gone: it is not offered to be killed."""
    line = _line(lock_path)
    if line is None:
        return ""
    pid, since, command = line
    ran = f" `{command}`" if command else ""
    if not _running(lock_path, pid):  # never "kill" a process that is gone, or took a dead build's number
        return (f": {lock_path} names process {pid}{ran} (since {since}), which no longer holds it, so another "
                "process holds the lock without saying so (a build on another machine sharing this disk, or in a "
                f"container?): `fuser -v {lock_path}` shows which; wait for it to finish, then try again; do not "
                f"delete {lock_path}, which lets two builds write at once")
    return (f" (process {pid}{ran}, since {since}): wait for it to finish, or if it is hung stop it (kill {pid}); "
            f"do not delete {lock_path}, which lets two builds write at once; then try again")


def build_said(lock_path: Path) -> dict | None:
    """What .lock says of the build holding it, for `rag status`: {"pid", "command", "since", "running"}; None when it
    names none. running is False for a line left by a build killed outright (kill -9, the out-of-memory killer), which
    stayed in .lock, saying nothing, until the next build took the lock (tester 30's open item)."""
    line = _line(lock_path)
    if line is None:
        return None
    pid, since, command = line
    return {"pid": int(pid), "command": command, "since": since, "running": _running(lock_path, pid)}


def build_line(lock_path: Path, said: dict) -> str:
    """The line `rag status` prints of the build .lock names (build_said)."""
    who = f"process {said['pid']}" + (f" `{said['command']}`" if said["command"] else "") + f", since {said['since']}"
    if said["running"]:
        return f"a build is writing the index now ({who}): what is listed here stays served until it publishes"
    return (f"{lock_path} names a build that is no longer running ({who}): it was stopped outright (kill -9, the "
            "out-of-memory killer, a power cut) before it finished; nothing to do: the next build takes the lock over "
            "and cleans up what it left (`rag verify` checks the version served)")
