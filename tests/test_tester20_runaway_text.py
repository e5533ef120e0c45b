"""A run of end marks in an issue's text ("....", a leader line or separator; a tester's 100 KB of dots) is written as
three: the sentence splitter backtracked over such a run at every mark, so 25 KB of dots took 13 s to ingest and 100
KB 288 s, holding the build lock all along."""

import time

from rag.corpus.folders import load_issue
from rag.index.chunking import chunk_issue


def _issue(tmp_path, body: str):
    folder = tmp_path / "2030-spring"
    folder.mkdir()
    (folder / "i.txt").write_text(" Pay award\n" + body + "\n", encoding="utf-8")
    (folder / "issue.toml").write_text('title = "T"\nseason = "s"\ndate = "2030-03-01"\nsource = "i.txt"\n')
    return load_issue(folder)


def test_a_long_run_of_dots_is_three_and_chunks_at_once(tmp_path):
    issue, articles = _issue(tmp_path, "Managers met the review body. Contents " + "." * 40_000 + " page 4. Done!!!")
    text = " ".join(p.text for a in articles for p in a.paragraphs)
    assert "Contents ... page 4. Done!!!" in text and "...." not in text
    started = time.monotonic()
    chunks = chunk_issue(issue, articles, lambda s: len(s.split()))
    assert chunks and time.monotonic() - started < 5  # before: about 30 s for 40,000 dots


def test_short_runs_stay_as_written(tmp_path):
    body = "Pay rose... or did it?! Leaders: " + "." * 19 + " 4."
    _, articles = _issue(tmp_path, body)
    assert body in " ".join(p.text for a in articles for p in a.paragraphs)
