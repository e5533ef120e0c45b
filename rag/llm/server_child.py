"""Runs a server module (llama-cpp-python's) as a child that ends when the app that started it is gone.

Python runs no atexit handler when it is killed (SIGKILL, or SIGTERM without a handler), so the app's own
clean-up cannot be the only guard: an orphaned llama.cpp server would keep 2 GB and both cores.

    python -m rag.llm.server_child <parent pid> <module> [module args...]
"""

from __future__ import annotations

import os
import runpy
import sys
import threading
import time


def watch_parent(parent: int, every_s: float = 1.0) -> None:
    """Exit this process at once when its parent is no longer the process that started it."""
    while True:
        if os.getppid() != parent:
            os._exit(0)
        time.sleep(every_s)


def main(argv: list[str]) -> None:
    parent, module, rest = int(argv[0]), argv[1], argv[2:]
    threading.Thread(target=watch_parent, args=(parent,), name="parent-watch", daemon=True).start()
    sys.argv = [module, *rest]
    runpy.run_module(module, run_name="__main__", alter_sys=True)


if __name__ == "__main__":
    main(sys.argv[1:])
