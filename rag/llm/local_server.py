"""llama-cpp-python's OpenAI-compatible server as a child process on loopback, and what to say when it dies. Its
requests, one at a time in the order members asked, are rag.llm.arrival_order's (ArrivalOrder is named here too)."""

from __future__ import annotations

import atexit
import importlib.util
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from rag.errors import LLMError
from rag.llm.arrival_order import ArrivalOrder, QuestionStopped  # noqa: F401 (named here before)
from rag.llm.local_model import NOT_INSTALLED, SERVER_MODULES, assemble_model

REBUILD = "rebuild it portable with `make local-llm-rebuild`, or set RAG_LLM_MODEL=extractive meanwhile"
SIGNAL_HINTS = {
    "SIGILL": "illegal instruction: this llama-cpp-python build uses CPU instructions this machine does not "
              f"allow; {REBUILD}",
    "SIGKILL": "killed, usually by the kernel for lack of memory (see `dmesg`); free memory or use a smaller model",
    "SIGSEGV": f"crashed (segmentation fault); see the log below, and {REBUILD}",
    "SIGBUS": f"crashed (bus error); check the model file with `make local-llm`, and {REBUILD}",
}  # fmt: skip


def describe_exit(returncode: int) -> str:
    """'exited with signal 4 (SIGILL: illegal instruction ...)' or 'exited with code 3'."""
    if returncode >= 0:
        return f"exited with code {returncode}"
    try:
        name = signal.Signals(-returncode).name
    except ValueError:
        return f"exited with signal {-returncode}"
    hint = SIGNAL_HINTS.get(name)
    return f"exited with signal {-returncode} ({name}: {hint})" if hint else f"exited with signal {-returncode} ({name})"


@dataclass(frozen=True)
class ServerOptions:
    """How llama.cpp runs the model; every field is measured in docs/benchmarks.md."""

    n_threads: int = 2
    n_ctx: int = 4096
    n_batch: int = 512
    draft_tokens: int = 0  # prompt-lookup speculative decoding: tokens drafted per step (0: off)


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
        options: ServerOptions = ServerOptions(),
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
        self.options = options
        self.startup_timeout = startup_timeout
        self.log_path = Path(log_path) if log_path else self.model_path.with_name("llama-server.log")
        self.python = python
        self.required_modules = required_modules
        self.prepare_model = prepare_model  # joins and verifies the model file unless it already verifies
        self.load_seconds: float | None = None  # measured start-up time, for docs and logs
        self._process: subprocess.Popen | None = None
        self._last_exit: str | None = None  # how the last server process ended, if it died on its own
        self._lock = threading.Lock()

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def command(self) -> list[str]:
        o = self.options
        cmd = [
            # through rag.llm.server_child: the server ends when this process does, even when it is killed
            self.python, "-m", "rag.llm.server_child", str(os.getpid()), "llama_cpp.server",
            "--model", str(self.model_path), "--model_alias", "local",
            "--host", self.host, "--port", str(self.port), "--n_threads", str(o.n_threads),
            "--n_threads_batch", str(o.n_threads), "--n_ctx", str(o.n_ctx), "--n_batch", str(o.n_batch),
            # The server's default keeps logits for every prompt token (only logprobs need them):
            # off, prompts read 12-20% faster and the server holds 1.2 GB less (docs/llm.md).
            "--logits_all", "False",
            # Its default ends a streaming answer as soon as another request arrives, with a normal [DONE]:
            # a member's answer would be cut short, looking complete, whenever another member asks.
            "--interrupt_requests", "False",
        ]  # fmt: skip
        if o.draft_tokens:
            cmd += ["--draft_model", "prompt-lookup-decoding", "--draft_model_num_pred_tokens", str(o.draft_tokens)]
        return cmd

    def ensure_started(self) -> None:
        """Start the server unless it is running; safe to call from several threads."""
        with self._lock:
            if self._process is not None and self._process.poll() is None:
                return
            self._note_death()
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
                how = describe_exit(self._process.returncode)
                self._process = None
                raise LLMError(f"the local model server {how} while starting (log {self.log_path}):\n"
                               f"{self.log_tail()}")  # fmt: skip
            if self._healthy():
                self.load_seconds = time.monotonic() - started
                self._last_exit = None
                return
            time.sleep(0.25)
        self._stop_locked()
        raise LLMError(
            f"the local model server did not answer within {self.startup_timeout:g} s "
            f"(log {self.log_path}):\n{self.log_tail()}"
        )

    def _note_death(self) -> None:
        """Remember how a server that was running ended by itself (caller holds the lock)."""
        if self._process is not None and self._process.poll() is not None:
            self._last_exit = describe_exit(self._process.returncode)
            self._process = None

    def death_report(self) -> str | None:
        """If the server died by itself: what happened, the last lines of its log and what to run; else None."""
        with self._lock:
            if self._process is not None:
                try:  # a dropped connection can arrive a moment before the process is reaped
                    self._process.wait(timeout=2.0)  # (0.5 s was too short on a loaded machine: a test flaked)
                except subprocess.TimeoutExpired:
                    pass
            self._note_death()
            how = self._last_exit
        if how is None:
            return None
        return f"the local model server {how}. Last lines of {self.log_path}:\n{self.log_tail(8)}"

    def state(self) -> str:
        """One of 'ready', 'starting', 'not started' or 'down: <how it ended>'; never waits for a start."""
        if not self._lock.acquire(timeout=0.05):
            return "starting"
        try:
            self._note_death()
            if self._process is not None:
                return "ready"
            return f"down: the server {self._last_exit}" if self._last_exit else "not started"
        finally:
            self._lock.release()

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


def server_options(settings) -> ServerOptions:
    """The server's options as Settings give them (threads, batch, draft tokens)."""
    return ServerOptions(n_threads=settings.local_threads, n_batch=settings.local_batch,
                         draft_tokens=settings.local_draft_tokens)
