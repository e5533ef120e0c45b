"""`rag ingest index/` (a slip for corpus/) was told "RAG_INDEX_DIR=index is in index, among the issue folders ...:
point RAG_INDEX_DIR at a folder of its own ..., moving the index there (mv)": advice to move a sound index. Now the
path is named as the index, and the corpus is asked for."""

from tests.conftest import isolated_corpus, run_cli


def test_the_index_given_as_the_corpus_is_named_as_the_index(tmp_path, monkeypatch, capsys):
    corpus = isolated_corpus(tmp_path, monkeypatch)
    monkeypatch.setenv("RAG_QUESTION_MODEL", "none")
    assert run_cli(capsys, "ingest", str(corpus))[0] == 0
    for given in (tmp_path / "index", tmp_path / "index" / "versions"):
        status, out, err = run_cli(capsys, "ingest", str(given))
        assert status == 2 and f"{given} is the index (RAG_INDEX_DIR=" in err and "rag ingest corpus/" in err, err
        assert "moving the index" not in err
