"""A refused ingest leaves nothing new behind: into an index folder that did not exist, it left the folder holding only
.lock (a tester's find), and so did a dry run. A build that leaves no index takes its .lock and the empty folders it
made away again; a published index is never touched."""

import os
from pathlib import Path

import pytest

from rag.errors import RagError
from rag.index import store
from tests.conftest import isolated_corpus, run_cli


def tree(root: Path) -> dict:
    return {str(p.relative_to(root)): (p.read_bytes() if p.is_file() else None) for p in sorted(root.rglob("*"))}


@pytest.fixture
def broken(tmp_path) -> Path:
    folder = tmp_path / "elsewhere" / "2030-spring"
    folder.mkdir(parents=True)
    (folder / "issue.toml").write_text('title = "T"\n')  # no season, date or source
    return folder


def test_a_refused_first_ingest_leaves_no_index_folder(tmp_path, monkeypatch, capsys, broken):
    isolated_corpus(tmp_path, monkeypatch)
    monkeypatch.setenv("RAG_INDEX_DIR", str(tmp_path / "new" / "deeper" / "index"))
    status, _, err = run_cli(capsys, "ingest", str(broken))
    assert status == 2 and "lacks season" in err
    assert not (tmp_path / "new").exists()  # before: new/deeper/index/.lock


def test_a_dry_run_into_a_new_folder_writes_nothing(tmp_path, monkeypatch, capsys):
    corpus = isolated_corpus(tmp_path, monkeypatch)
    status, out, _ = run_cli(capsys, "ingest", str(corpus), "--dry-run")
    assert status == 0 and "nothing was written" in out
    assert not (tmp_path / "index").exists()


def test_a_refused_ingest_leaves_a_published_index_as_it_was(tmp_path, monkeypatch, capsys, broken):
    corpus = isolated_corpus(tmp_path, monkeypatch)
    assert run_cli(capsys, "ingest", str(corpus))[0] == 0
    index = tmp_path / "index"
    before = tree(index)
    assert run_cli(capsys, "ingest", str(broken))[0] == 2
    assert tree(index) == before
    assert run_cli(capsys, "ask", "pay award", "--llm", "extractive")[0] == 0


def test_a_failed_build_in_an_existing_empty_folder_keeps_the_folder(tmp_path):
    index = tmp_path / "index"
    index.mkdir()
    with pytest.raises(ValueError):
        with store.build_lock(index):
            store.versions_dir(index).mkdir()
            raise ValueError("the build failed")
    assert index.is_dir() and os.listdir(index) == []  # the maintainer's own folder stays, empty as it was


def test_one_build_at_a_time_and_the_next_one_after_it(tmp_path):
    index = tmp_path / "index"
    with store.build_lock(index):
        with pytest.raises(RagError, match="another build is writing"):
            with store.build_lock(index):
                pass
        assert (index / ".lock").is_file()
    with store.build_lock(index):  # released: the next build gets it
        (index / store.CURRENT).write_text("v0001\n")  # stands for a published version
    assert sorted(os.listdir(index)) == [".lock", store.CURRENT]  # published: the folder stays, and its .lock
