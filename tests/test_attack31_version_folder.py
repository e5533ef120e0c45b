"""`rag rollback --to` and `rag verify --version` given a version's folder (tab-completed: index/versions/v0001-.../)
were "no index version 'index/versions/v0001-.../' in index/versions", and a name pasted with a trailing space "did
you mean v0001-...? Give the whole name", though it was whole. Each now says what to give; nothing is switched."""

from rag.index import store
from rag.testing import build_index, sample_corpus
from tests.conftest import run_cli


def test_a_version_folder_or_a_stray_space_says_what_to_give(tmp_path, monkeypatch, capsys):
    index = tmp_path / "index"
    build_index(index, sample_corpus())
    build_index(index, sample_corpus()[:1])
    monkeypatch.setenv("RAG_INDEX_DIR", str(index))
    monkeypatch.setenv("RAG_EMBEDDER", "hash")
    first, second = store.list_versions(index)
    for given in (f"{index}/versions/{first}/", f"index/versions/{first}"):
        status, _, err = run_cli(capsys, "rollback", "--to", given)
        assert status == 2 and f"{given!r} is the folder of index version {first}: give the version's name alone" in err
        assert store.current_version(index) == second
        status, _, err = run_cli(capsys, "verify", "--version", given)
        assert status == 2 and f"is the folder of index version {first}" in err
    status, _, err = run_cli(capsys, "rollback", "--to", f"{first} ")
    assert status == 2 and f"did you mean {first}? Give it without the space" in err
    assert store.current_version(index) == second
