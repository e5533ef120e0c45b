"""An index built with one embedder met by a run with another (RAG_EMBEDDER left set by a test or an experiment, the
tests' "hash" over the real gemma+minilm index): `rag ingest` and `rag retrieve` said only "run `rag ingest corpus/
--rebuild` to rebuild it with the current embedder", which replaced the index with vectors the app refuses. They name
the setting the index was built with first, and the rebuild as the way to move it."""

import json

import pytest

from rag.index.embedders import setting_of
from tests.conftest import isolated_corpus, run_cli


@pytest.mark.parametrize("name, setting", [
    ("google/embeddinggemma-300m+sentence-transformers/all-MiniLM-L6-v2", "gemma+minilm"),
    ("hash-embedder-v1", "hash"), ("sentence-transformers/all-MiniLM-L6-v2", "minilm"),
    ("nomic-ai/nomic-embed-text-v1.5 f16 GGUF @256", "nomic"), ("someone/else", None)])
def test_the_setting_an_embedder_name_comes_from(name, setting):
    assert setting_of(name) == setting


@pytest.mark.parametrize("command", [["ingest", "CORPUS"], ["retrieve", "pay rise", "--k", "1"]])
def test_a_run_with_another_embedder_names_the_setting_it_was_built_with(tmp_path, monkeypatch, capsys, command):
    corpus = isolated_corpus(tmp_path, monkeypatch)
    monkeypatch.setenv("RAG_QUESTION_MODEL", "none")
    assert run_cli(capsys, "ingest", str(corpus))[0] == 0
    served = (tmp_path / "index" / "CURRENT").read_text()
    monkeypatch.setenv("RAG_EMBEDDER", "minilm")  # refused before any model loads
    status, out, err = run_cli(capsys, *[str(corpus) if x == "CORPUS" else x for x in command], "--json")
    assert status == 2
    said = json.loads(out)["error"]
    assert "was built with hash-embedder-v1, but this run embeds with sentence-transformers/all-MiniLM-L6-v2" in said
    assert "set RAG_EMBEDDER=hash" in said and "rag ingest corpus/ --rebuild" in said
    assert (tmp_path / "index" / "CURRENT").read_text() == served
