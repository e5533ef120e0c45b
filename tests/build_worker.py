"""Run in a child process by test_index.py: a build we can kill or starve of disk space."""

import resource
import signal
import sys
from pathlib import Path

from rag.errors import RagError
from rag.index import store
from rag.index.chunking import ChunkerSettings
from rag.index.embedders import HashEmbedder
from rag.index.ingest import ParsedIssue, execute, plan
from rag.index.reader import load_index
from rag.testing import SlowEmbedder
from rag.types import Article, Issue, Paragraph


def main(index_dir: Path, mode: str, flag: Path) -> int:
    issue = Issue("2025-winter", "Healthcare Manager winter 2025", "2025-12-01", "winter 2025", "w.txt")
    words = " ".join(f"word{i}" for i in range(400))
    articles = [Article(issue.issue_id, f"{n:02d}-a", f"Article {n}", (Paragraph(f"Sentence {n}. {words}.", 1),))
                for n in range(60)]
    current = load_index(index_dir)
    chunker = ChunkerSettings(60, 15)
    parsed = [ParsedIssue(issue, articles, "hash-new", "src-new")]
    if mode == "slow":
        embedder = SlowEmbedder(flag, seconds=60)
    else:
        embedder = HashEmbedder()
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a too-big write fails with EFBIG, like a full disk
        limit = 200_000
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    p = plan(parsed, current, lambda t: len(t.split()), chunker)
    try:
        with store.build_lock(index_dir):
            execute(p, index_dir, current, embedder, chunker)
    except RagError as exc:
        print(f"error: {exc}")
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), sys.argv[2], Path(sys.argv[3])))
