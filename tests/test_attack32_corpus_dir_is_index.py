"""RAG_CORPUS_DIR=index (the two folder settings swapped in a .env): `rag ingest corpus/` was refused with "/.../index
is the index (RAG_INDEX_DIR=...), not issue folders: give the folder holding the issues, e.g. rag ingest corpus/",
the very command just typed. It names the setting now; the index is untouched."""

from tests.conftest import isolated_corpus, run_cli


def test_a_corpus_setting_naming_the_index_is_named(tmp_path, monkeypatch, capsys):
    corpus = isolated_corpus(tmp_path, monkeypatch)
    monkeypatch.setenv("RAG_QUESTION_MODEL", "none")
    assert run_cli(capsys, "ingest", str(corpus))[0] == 0
    index = tmp_path / "index"
    before = (index / "CURRENT").read_text()
    monkeypatch.setenv("RAG_CORPUS_DIR", str(index))
    status, out, err = run_cli(capsys, "ingest", str(corpus))
    assert status == 2
    assert f"RAG_CORPUS_DIR={index} is in the index (RAG_INDEX_DIR={index}), not the folder holding the issue" in err
    assert "e.g. rag ingest corpus/" not in err
    assert (index / "CURRENT").read_text() == before
    status, out, err = run_cli(capsys, "ingest", str(index))  # the index given as the path: said as before
    assert status == 2 and f"{index} is the index (RAG_INDEX_DIR={index}), not issue folders" in err
