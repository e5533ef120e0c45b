"""Tester 34: RAG_INDEX_DIR pointing inside an index (its versions/ folder, a version, a segment: the folder a
maintainer saw files in) was "no index at ...: run `rag ingest corpus/`", and that ingest built a second index inside
the first one's published version, which no app serves."""

from __future__ import annotations

import json

import pytest

from tests.conftest import isolated_corpus, run_cli


@pytest.mark.parametrize("inside", ["versions", "versions/{v}", "versions/{v}/segments/2026-summer-68"])
def test_an_index_dir_inside_an_index_is_refused_naming_the_index(tmp_path, monkeypatch, capsys, inside):
    corpus = isolated_corpus(tmp_path, monkeypatch)
    assert run_cli(capsys, "ingest", str(corpus))[0] == 0
    index = tmp_path / "index"
    version = (index / "CURRENT").read_text().strip()
    nested = index / inside.format(v=version)
    before = sorted(p.relative_to(index) for p in index.rglob("*"))
    monkeypatch.setenv("RAG_INDEX_DIR", str(nested))
    for args in (("status", "--json"), ("ingest", str(corpus), "--json")):
        status, out, err = run_cli(capsys, *args)
        said = json.loads(out)["error"]
        assert status == 2 and f"is inside the index at {index}" in said and f"point RAG_INDEX_DIR at {index}" in said
    assert sorted(p.relative_to(index) for p in index.rglob("*")) == before  # nothing built inside it
