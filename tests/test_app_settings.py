"""The app's front door with a bad setting: one line naming it, exit 2, no traceback (`make serve` ran app.py)."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_a_bad_setting_stops_the_app_with_one_clear_line():
    env = {**os.environ, "RAG_TOP_K": "abc", "GRADIO_ANALYTICS_ENABLED": "False"}
    done = subprocess.run([sys.executable, str(ROOT / "app.py")], env=env, cwd=ROOT, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert done.stderr.strip().startswith("error: RAG_TOP_K")
