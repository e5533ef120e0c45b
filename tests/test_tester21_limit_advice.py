"""A source over RAG_MAX_TEXT_SOURCE_KB is refused with a limit to raise it to that admits it: with the limit at 1 KB,
a 97 KB issue was told "e.g. RAG_MAX_TEXT_SOURCE_KB=4", which refuses it again (a tester's find)."""

import re

from tests.conftest import isolated_corpus, run_cli


def test_the_limit_suggested_admits_the_file(tmp_path, monkeypatch, capsys):
    corpus = isolated_corpus(tmp_path, monkeypatch)
    monkeypatch.setenv("RAG_MAX_TEXT_SOURCE_KB", "1")
    status, _, err = run_cli(capsys, "ingest", str(corpus))
    suggested = re.search(r"e\.g\. RAG_MAX_TEXT_SOURCE_KB=(\d+) rag ingest", err)
    assert status == 2 and suggested, err
    monkeypatch.setenv("RAG_MAX_TEXT_SOURCE_KB", suggested.group(1))  # 109 (the file is 108.3 KB); before, 4
    assert run_cli(capsys, "ingest", str(corpus))[0] == 0
