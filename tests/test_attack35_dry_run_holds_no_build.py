"""Tester 35 (tester 34's open item): a dry run shared .lock for the whole of its run, parsing included, so every
build (`rag ingest`, `remove`, `rollback`, `make serve`'s ingest) was refused while a maintainer's dry run of a long PDF
read it, for minutes. It holds .lock only while it opens the version it compares with, which no build changes."""

from __future__ import annotations

import os
import random
import subprocess
import sys
import time
from pathlib import Path

from rag.testing import paged_pdf
from tests.conftest import isolated_corpus, run_cli

ROOT = Path(__file__).resolve().parent.parent
_WORDS = "the pay rise for managers is three percent this year union said statement Monday staff NHS trust".split()


def _slow_issue(folder: Path, pages: int = 80) -> Path:
    """An issue of `pages` PDF pages of 60 lines each: some seconds to parse."""
    rng = random.Random(35)
    contents = [b"BT /F1 10 Tf 50 800 Td 12 TL\n" + b"\n".join(
        b"(%s.) '" % " ".join(rng.choice(_WORDS) for _ in range(14)).capitalize().encode() for _ in range(60))
        + b"\nET" for _ in range(pages)]
    folder.mkdir(parents=True)
    (folder / "hm69.pdf").write_bytes(paged_pdf(contents, [b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]))
    (folder / "issue.toml").write_text('title = "Healthcare Manager issue 69"\nnumber = 69\nseason = "autumn 2026"\n'
                                       'date = "2026-09-01"\nsource = "hm69.pdf"\n')
    return folder


def _cpu_seconds(pid: int) -> float:
    """The CPU time a process has used (Linux: /proc/PID/stat's utime and stime)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def test_a_build_publishes_while_a_dry_run_parses(tmp_path, monkeypatch, capsys):
    corpus = isolated_corpus(tmp_path, monkeypatch)
    assert run_cli(capsys, "ingest", str(corpus))[0] == 0
    new = corpus / "2026-winter-70"  # what the build publishes meanwhile
    new.mkdir()
    (new / "hm70.md").write_text("# Healthcare Manager issue 70\n\n# Pay talks resume\n\n"
                                 + "Pay talks for managers resumed on Monday, the union said in a statement. " * 40)
    (new / "issue.toml").write_text('title = "Healthcare Manager issue 70"\nnumber = 70\nseason = "winter 2026"\n'
                                    'date = "2026-12-01"\nsource = "hm70.md"\n')
    dry = subprocess.Popen([sys.executable, "-m", "rag.cli", "ingest", str(_slow_issue(tmp_path / "elsewhere" /
                                                                                       "2026-autumn-69")),
                            "--dry-run"], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    published = None
    try:
        while dry.poll() is None and _cpu_seconds(dry.pid) < 3:  # started, and past opening the version: parsing
            time.sleep(0.1)
        while dry.poll() is None:
            status, out, err = run_cli(capsys, "ingest", str(corpus))
            if status == 0:
                published = time.monotonic()
                break
            assert "a dry run" in err  # held up by the dry run while it opens the version: said, and tried again
            time.sleep(0.2)
        out, err = dry.communicate(timeout=600)
    finally:
        dry.kill()
    assert dry.returncode == 0 and "dry run: nothing was written" in out
    assert published is not None and time.monotonic() - published > 2  # published while the dry run still parsed
    assert "2026-winter-70" in run_cli(capsys, "status")[1]
