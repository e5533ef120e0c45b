"""An index inside the corpus or a folder being ingested is refused: RAG_INDEX_DIR=corpus (for RAG_CORPUS_DIR) or
corpus/ISSUE was taken, the index published among the issue folders or inside one, where replacing the issue's folder
(rm -r, cp) deletes it (a tester's find). A hidden folder (corpus/.index) and a folder beside the corpus are fine."""

import pytest

from tests.conftest import isolated_corpus, run_cli


@pytest.mark.parametrize("inside", ["corpus", "corpus/2026-summer-68", "corpus/2026-summer-68/index"])
def test_an_index_in_the_corpus_is_refused(tmp_path, monkeypatch, capsys, inside):
    corpus = isolated_corpus(tmp_path, monkeypatch)
    before = sorted(p.name for p in corpus.rglob("*"))
    monkeypatch.setenv("RAG_INDEX_DIR", str(tmp_path / inside))
    status, _, err = run_cli(capsys, "ingest", str(corpus / "2026-summer-68"))  # one issue: the corpus is checked too
    assert status == 2 and "among the issue folders" in err and "RAG_INDEX_DIR at a folder of its own" in err, err
    assert sorted(p.name for p in corpus.rglob("*")) == before  # nothing written there


@pytest.mark.parametrize("beside", ["index", "corpus/.index"])
def test_an_index_beside_the_corpus_or_hidden_in_it_is_fine(tmp_path, monkeypatch, capsys, beside):
    corpus = isolated_corpus(tmp_path, monkeypatch)
    monkeypatch.setenv("RAG_INDEX_DIR", str(tmp_path / beside))
    assert run_cli(capsys, "ingest", str(corpus))[0] == 0
    assert (tmp_path / beside / "CURRENT").is_file()
