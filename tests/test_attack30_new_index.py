"""`rag ingest corpus/` with a mistyped RAG_INDEX_DIR (`/srv/indx` for `/srv/index`) built a whole second index there
and said only "published index version v0001-...", which no app serves: the maintainer believed the issue published.
The first version of a new index now says so, naming the folder and the setting to check."""

from tests.conftest import isolated_corpus, run_cli


def test_the_first_version_of_a_new_index_says_where_it_was_built(tmp_path, monkeypatch, capsys):
    corpus = isolated_corpus(tmp_path, monkeypatch)
    monkeypatch.setenv("RAG_QUESTION_MODEL", "none")
    status, out, _ = run_cli(capsys, "ingest", str(corpus))
    assert status == 0 and f", the first of a new index at {tmp_path / 'index'} (RAG_INDEX_DIR): if you meant" in out
    (corpus / "2026-summer-68" / "issue.toml").write_text(
        (corpus / "2026-summer-68" / "issue.toml").read_text(encoding="utf-8") + "\n", encoding="utf-8")
    status, out, _ = run_cli(capsys, "ingest", str(corpus), "--rebuild")
    assert status == 0 and "published index version" in out and "new index" not in out
