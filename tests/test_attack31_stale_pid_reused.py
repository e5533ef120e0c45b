"""A build killed outright leaves its half-written folder (versions/.tmp-VERSION-PID); the next build cleans it unless
the process PID still runs, since a live writer's folder must never be deleted (tests/test_attack30_current_changed.py).
But a pid is reused: once another process took the killed build's number, the folder was kept, and said nothing, for
as long as that process ran. A process started after the folder was last written is not its writer: it is cleaned."""

import os
import subprocess
import sys
import time

from rag.index import store
from rag.testing import build_index


def test_a_killed_builds_folder_is_cleaned_though_its_pid_was_taken_since(tmp_path):
    index = tmp_path / "index"
    build_index(index)
    versions = index / "versions"
    hour_ago = time.time() - 3600
    other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])  # took the killed build's pid
    try:
        killed = versions / f".tmp-v0002-20261204T090000-{other.pid}"
        writing = versions / f".tmp-v0002-20261204T090001-{os.getpid()}"  # this process, started before it wrote
        for folder in (killed, writing):
            (folder / "segments").mkdir(parents=True)
            os.utime(folder, (hour_ago, hour_ago))
        os.utime(writing, None)
        with store.build_lock(index):
            cleaned = store.clean_stale(index)
    finally:
        other.kill()
        other.wait()
    assert cleaned == [killed.name] and not killed.exists() and writing.is_dir()
