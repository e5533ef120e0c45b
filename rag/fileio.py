"""Small file helpers shared by the index store, the model installers and the eval readers."""

from __future__ import annotations

import hashlib
import json
import os
import stat
from pathlib import Path
from typing import Iterator

from rag.errors import InputError

_KINDS = ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISSOCK, "a socket"),
          (stat.S_ISCHR, "a device"), (stat.S_ISBLK, "a device"))


def not_a_file(path: Path) -> str | None:
    """What a path that exists is when it is no regular file (symlinks followed): "a folder", "a named pipe (FIFO)",
    ...; "a symbolic link to a missing file"; None for a regular file or nothing there. Reading a named pipe waits
    for a writer for ever."""
    try:
        mode = Path(path).stat().st_mode
    except FileNotFoundError:
        return "a symbolic link to a missing file" if Path(path).is_symlink() else None
    except OSError as e:  # a loop, or a name too long
        return f"unreadable ({e.strerror})"
    return next((name for test, name in _KINDS if test(mode)), None if stat.S_ISREG(mode) else "no regular file")


def resolved(path) -> Path:
    """path.resolve(), or its absolute form when a link on its way loops (resolve() raised RuntimeError, a traceback
    from `rag ingest` and `rag eval` when RAG_CORPUS_DIR or RAG_INDEX_DIR was such a link: tester 33)."""
    try:
        return Path(path).resolve()
    except (RuntimeError, OSError):
        return Path(os.path.abspath(path))


def dead_link_on(path: Path) -> Path | None:
    """The path, or the first folder on its way, when it is a symbolic link leading nowhere (a drive not mounted, a
    folder moved); None otherwise."""
    return next((p for p in (path, *path.parents) if p.is_symlink() and not p.exists()), None)


def dead_links(folder: Path) -> list[Path]:
    """The symbolic links in a folder that lead nowhere (hidden ones left out), sorted."""
    return sorted(p for p in folder.iterdir() if not p.name.startswith(".") and p.is_symlink() and not p.exists())


def leads_nowhere(link: Path) -> str:
    """What to say of a link leading nowhere; the caller adds what to do."""
    return (f"{link} is a link to {os.readlink(link)}, which leads to nothing (a drive not mounted, a folder moved or "
            "renamed, or a link looping back?)")


def gone_link(path: Path) -> str:
    """What ends a "not found" when path, or a folder on its way, is a link leading nowhere ("" otherwise): "; X is a
    link to Y, which leads to nothing (...): mount or restore what it leads to" (an eval file on a share not mounted
    was "not found" alone)."""
    link = dead_link_on(Path(path))
    return f"; {leads_nowhere(link)}: mount or restore what it leads to" if link is not None else ""


def sha256_file(path: Path) -> str:
    """sha256 of a file, read in 1 MiB blocks (the chat model is over 1 GB)."""
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def fsync_dir(path: Path) -> None:
    """Make a rename or a new file inside a folder durable."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def read_jsonl(path: Path, *, fix: str) -> Iterator[tuple[int, object]]:
    """(line number, object) for each non-blank line; bad JSON or text not in UTF-8 is an InputError naming the line
    and the fix."""
    data = Path(path).read_bytes()
    data = data[3:] if data.startswith(b"\xef\xbb\xbf") else data  # Notepad's "UTF-8 with BOM" is UTF-8 (was "not valid JSON")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or data.count(0) > len(data) // 4:  # was "not UTF-8 (byte 1 ...)"
        raise InputError(f"{path} is saved as UTF-16 (Notepad's \"Unicode\"), not UTF-8: re-save it as UTF-8, e.g. "
                         f"iconv -f utf-16 -t utf-8 {path} > {path}.utf8 && mv {path}.utf8 {path}; {fix}")
    for n, line in enumerate(data.splitlines(), 1):
        if not line.strip():
            continue
        try:
            yield n, json.loads(line.decode("utf-8"))
        except UnicodeDecodeError as e:
            raise InputError(f"{path}, line {n}: not UTF-8 (byte {e.start + 1} of the line); save the file as UTF-8, "
                             f"{fix}") from None
        except json.JSONDecodeError as e:
            # (json's "Invalid control character at" is followed by its position only in str(e))
            raise InputError(f"{path}, line {n}: not valid JSON ({e.msg.removesuffix(' at')}, column {e.colno}); "
                             f"{fix}") from e
        except RecursionError:  # was a traceback: json reads nested brackets recursively (tester 33)
            raise InputError(f"{path}, line {n}: nests arrays or objects too deeply to be read; {fix}") from None


def is_verified(path: Path, expected_size: int, expected_sha256: str) -> bool:
    """True when path has the expected size and hash; a stamp keyed on size+mtime avoids re-hashing 1 GB."""
    try:
        stat = path.stat()
    except FileNotFoundError:
        return False
    if stat.st_size != expected_size:
        return False
    if _read_stamp(path) == {"size": stat.st_size, "mtime_ns": stat.st_mtime_ns, "sha256": expected_sha256}:
        return True
    if sha256_file(path) != expected_sha256:
        return False
    try:
        write_stamp(path, expected_sha256)
    except OSError:  # a read-only models folder (another user's, a read-only mount): the file is sound all the same;
        pass  # a PermissionError traceback ended `rag ask` after the model was hashed (tester 29)
    return True


def _stamp_path(path: Path) -> Path:
    return path.with_name(path.name + ".verified")


def _read_stamp(path: Path) -> dict | None:
    try:
        return json.loads(_stamp_path(path).read_text())
    except (OSError, ValueError):
        return None


def write_stamp(path: Path, sha256: str) -> None:
    """Record that path (at its current size and mtime) was verified to have this sha256."""
    stat = path.stat()
    stamp = {"size": stat.st_size, "mtime_ns": stat.st_mtime_ns, "sha256": sha256}
    _stamp_path(path).write_text(json.dumps(stamp))
