"""A RAG_CHUNK_TOKENS or RAG_CHUNK_OVERLAP other than the served version's (an experiment's, left in .env or the shell)
cut every issue ingested into passages and embedded it again without a word ("chunks: 0 added, 153 changed, 279
removed": 20 minutes and more with the default embedders, and retrieval's figures moved). The ingest now says so, in
--dry-run too; the same settings say nothing."""

import json

from tests.conftest import isolated_corpus, run_cli


def test_other_chunk_sizes_than_the_served_versions_are_said(tmp_path, monkeypatch, capsys):
    corpus = isolated_corpus(tmp_path, monkeypatch)
    monkeypatch.setenv("RAG_QUESTION_MODEL", "none")
    assert run_cli(capsys, "ingest", str(corpus))[0] == 0
    served = json.loads(run_cli(capsys, "status", "--json")[1])["current"]
    status, _, err = run_cli(capsys, "ingest", str(corpus), "--dry-run")
    assert status == 0 and "warning" not in err
    monkeypatch.setenv("RAG_CHUNK_TOKENS", "300")
    status, out, err = run_cli(capsys, "ingest", str(corpus), "--dry-run", "--json")
    said = json.loads(out)["warnings"]
    assert status == 0 and said == [
        f"RAG_CHUNK_TOKENS=300: not what {served} was cut with (max_tokens 180, overlap_tokens 40), so every issue "
        "ingested is cut into passages and embedded again, and retrieval's figures move (docs/evals.md); if that is "
        "not meant, unset it and ingest again"]
