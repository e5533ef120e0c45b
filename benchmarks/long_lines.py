"""Parsing an issue that holds one long run of text without spaces (a pasted base64 image, a line of letters).

Usage: .venv/bin/python benchmarks/long_lines.py [--sizes 25,50,100,200,1000] [--json]

For each size (KB) it builds a small text issue with one such line pasted into an article and times parsing and
chunking it as `rag ingest` does (rag.corpus.folders.load_issue, then chunk_issue and each chunk's embedding text,
which reads its contact details). The code before the fix is timed by running this file in a copy of it:
    mkdir -p /tmp/before/benchmarks && git archive 4a425e8 rag | tar -x -C /tmp/before &&
    cp benchmarks/long_lines.py /tmp/before/benchmarks/ && .venv/bin/python /tmp/before/benchmarks/long_lines.py
"""

from __future__ import annotations

import argparse
import base64
import json
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the rag/ beside benchmarks/: this checkout's, or an older copy's (above)

from rag.corpus.folders import load_issue  # noqa: E402
from rag.index.chunking import chunk_issue  # noqa: E402
from rag.tokens import tiktoken_counter  # noqa: E402


def long_line(kind: str, size: int) -> str:
    if kind == "letters":
        return "a" * size
    return base64.b64encode(random.Random(size).randbytes(size * 3 // 4)).decode()[:size]


ISSUE = """Zebra crossings in hospital car parks

A new survey of 40 NHS trusts found that zebra crossings in hospital car parks were repainted only once every
nine years, on average. Managers said the backlog of maintenance work was the main reason.

Attachment: {line}

Quokka therapy pilot ends

A pilot that brought animals onto two wards has ended. Staff said patients missed the visits.
"""


def issue_text(kind: str, kb: int) -> str:
    """A small text issue of two articles, one line of the first an attachment pasted in (as a walk found one)."""
    return ISSUE.format(line=long_line(kind, kb * 1024))


def time_ingest_parse(text: str, count) -> float:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "2030-spring"
        folder.mkdir()
        (folder / "i.txt").write_text(text, encoding="utf-8")
        (folder / "issue.toml").write_text('title = "T"\nseason = "s"\ndate = "2030-03-01"\nsource = "i.txt"\n')
        start = time.perf_counter()
        issue, articles = load_issue(folder)
        for chunk in chunk_issue(issue, articles, count):
            chunk.embedding_text()
        return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="25,50,100,200,1000")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    count = tiktoken_counter()
    rows = []
    for kind in ("letters", "base64"):
        for kb in (int(s) for s in args.sizes.split(",")):
            text = issue_text(kind, kb)
            rows.append({"kind": kind, "kb": kb, "parse_and_chunk_s": round(time_ingest_parse(text, count), 3)})
            if not args.json:
                print(f"{kind:8} {kb:5} KB line: parse and chunk {rows[-1]['parse_and_chunk_s']:.2f} s", flush=True)
    if args.json:
        print(json.dumps(rows, indent=1))


if __name__ == "__main__":
    main()
