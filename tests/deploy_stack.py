"""Several replicas of the real app (app.py, configured by RAG_* only) behind Debian's nginx, on loopback.

Shared by tests/test_deploy.py (scripted model) and benchmarks/deploy_replicas.py (the real local model);
the members who ask through it are in tests/deploy_members.py.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable

from tests.openai_stub import Reply, StubOpenAIServer

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = ROOT / "deploy" / "nginx.conf"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
OFFLINE = {"HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "LITELLM_LOCAL_MODEL_COST_MAP": "True",
           "GRADIO_ANALYTICS_ENABLED": "False"}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


FAIL_TIMEOUT_S = 3  # nginx skips a replica that failed for this long, then tries it again


def render_nginx_conf(template: str, *, listen: str, replica_ports: list[int]) -> str:
    """deploy/nginx.conf with its {{listen}} and {{replicas}} filled in."""
    servers = "\n        ".join(f"server 127.0.0.1:{p} max_fails=1 fail_timeout={FAIL_TIMEOUT_S}s;"
                                for p in replica_ports)
    return template.replace("{{listen}}", listen).replace("{{replicas}}", servers)


def _wait_port(port: int, process: subprocess.Popen, timeout: float, what: str, log: Path) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{what} exited with {process.returncode}:\n{_tail(log)}")
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise RuntimeError(f"{what} did not listen on {port} within {timeout:g} s:\n{_tail(log)}")


def _tail(path: Path, lines: int = 15) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


class Nginx:
    """Debian's nginx as a non-daemon child with its own prefix (conf, pid, logs, temp files)."""

    def __init__(self, prefix: Path, replica_ports: list[int], port: int | None = None):
        self.prefix = prefix
        self.port = port or free_port()
        for sub in ("logs", "temp"):
            (prefix / sub).mkdir(parents=True, exist_ok=True)
        self.conf = prefix / "nginx.conf"
        self.conf.write_text(render_nginx_conf(TEMPLATE.read_text(), listen=f"127.0.0.1:{self.port}",
                                               replica_ports=replica_ports))
        self.log = prefix / "logs" / "error.log"
        self.process: subprocess.Popen | None = None

    def start(self) -> "Nginx":
        cmd = [NGINX, "-p", str(self.prefix), "-e", str(self.log), "-c", str(self.conf), "-g", "daemon off;"]
        test = subprocess.run(cmd + ["-t"], capture_output=True, text=True)
        if test.returncode:
            raise RuntimeError(f"nginx -t refused {self.conf}:\n{test.stderr}")
        self.process = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                        stderr=subprocess.STDOUT)
        _wait_port(self.port, self.process, 20, "nginx", self.log)
        return self

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGQUIT)  # graceful: workers finish, then the master exits
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)


@dataclass
class Replica:
    """One `python app.py`, configured by environment variables only (as an operator would)."""

    name: str
    env: dict[str, str]
    log: Path
    port: int = field(default_factory=free_port)
    process: subprocess.Popen | None = None
    started_s: float = 0.0  # seconds from launch to listening, last start

    @property
    def address(self) -> str:
        return f"127.0.0.1:{self.port}"

    def start(self, timeout: float = 180) -> "Replica":
        env = {**os.environ, **OFFLINE, **self.env, "RAG_PORT": str(self.port), "RAG_HOST": "127.0.0.1"}
        t0 = time.monotonic()
        with open(self.log, "ab") as log:
            self.process = subprocess.Popen([sys.executable, str(ROOT / "app.py")], cwd=ROOT, env=env,
                                            stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT)
        _wait_port(self.port, self.process, timeout, f"replica {self.name}", self.log)
        self.started_s = time.monotonic() - t0
        return self

    def kill(self) -> None:
        """SIGKILL: a crash, no goodbye to anyone."""
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.kill()


class SharedOpenAIServer(StubOpenAIServer):
    """The one OpenAI-compatible endpoint every replica uses, counting chat requests per API key.

    Each replica is configured with its own RAG_LLM_API_KEY, so the Authorization header says which
    replica asked. Answers stream with chunk_delay between pieces, so some are in flight when a
    replica is killed.
    """

    def __init__(self, responder: Callable[[list[dict]], str], *, chunk_delay: float = 0.0):
        super().__init__(responder=responder)
        self.chunk_delay = chunk_delay
        self.by_key: Counter[str] = Counter()  # chat requests per API key
        self.streamed: Counter[str] = Counter()  # of which stream=true
        self.active: Counter[str] = Counter()  # being answered right now
        self._who = threading.local()
        server, base = self, self._httpd.RequestHandlerClass

        class Counting(base):  # type: ignore[misc, valid-type]
            def do_POST(self) -> None:
                key = (self.headers.get("Authorization") or "").removeprefix("Bearer ")
                server._who.key = key
                with server._lock:
                    server.active[key] += 1
                try:
                    super().do_POST()
                finally:
                    with server._lock:
                        server.active[key] -= 1

        self._httpd.RequestHandlerClass = Counting
        quiet = self._httpd.handle_error

        def handle_error(request, client_address) -> None:  # a killed replica resets its keep-alive connection
            if not isinstance(sys.exc_info()[1], ConnectionError):
                quiet(request, client_address)

        self._httpd.handle_error = handle_error

    def _next(self, body: dict):
        behaviour = super()._next(body)
        key = getattr(self._who, "key", "")
        with self._lock:
            self.by_key[key] += 1
            self.streamed[key] += bool(body.get("stream"))
        if isinstance(behaviour, Reply) and self.chunk_delay:
            behaviour = replace(behaviour, chunk_delay=self.chunk_delay)
        return behaviour
