"""The local model's server ends when the app that started it is gone, even when the app is killed."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# An "app" that starts a server child the way LocalServer does, prints the child's pid, and waits.
APP = """
import os, subprocess, sys, time
child = subprocess.Popen([sys.executable, "-m", "rag.llm.server_child", str(os.getpid()),
                          "http.server", "--bind", "127.0.0.1", "0"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
print(child.pid, flush=True)
time.sleep(60)
"""


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:
        return False
    return "\nState:\tZ" not in state  # a zombie has ended; only its exit status is left


def test_the_server_child_ends_when_its_app_is_killed():
    app = subprocess.Popen([sys.executable, "-c", APP], stdout=subprocess.PIPE, text=True, cwd=ROOT)
    child = int(app.stdout.readline())
    try:
        time.sleep(1.5)
        assert _alive(child)  # serving while the app lives
        app.send_signal(signal.SIGKILL)  # no atexit, no clean-up: the worst case
        app.wait(5)
        deadline = time.monotonic() + 10
        while _alive(child) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not _alive(child)
    finally:
        if _alive(child):
            os.kill(child, signal.SIGKILL)


def test_local_server_runs_llama_cpp_through_the_child_guard(tmp_path):
    from rag.llm.local_server import LocalServer

    cmd = LocalServer(tmp_path / "m.gguf", port=1234).command()
    assert cmd[1:5] == ["-m", "rag.llm.server_child", str(os.getpid()), "llama_cpp.server"]
    assert cmd[cmd.index("--port") + 1] == "1234"
