"""RAG_INDEX_DIR (or a folder on its way) a symbolic link leading nowhere (`index -> /mnt/data/index` with the drive
not mounted, or the folder moved): `rag ingest` said "cannot write index (File exists): ... free some disk space",
`rag status` "no index at index: run `rag ingest corpus/`" and `rag rollback` "nothing to roll back". Each now says
the link leads nowhere and what to do, and nothing is written."""

import pytest

from tests.conftest import isolated_corpus, run_cli


@pytest.mark.parametrize("where", ["index", "parent"])
def test_an_index_link_leading_nowhere_is_said_so(tmp_path, monkeypatch, capsys, where):
    corpus = isolated_corpus(tmp_path, monkeypatch)
    monkeypatch.setenv("RAG_QUESTION_MODEL", "none")
    link = tmp_path / "data"
    link.symlink_to(tmp_path / "not-mounted")
    index = link / "index" if where == "parent" else link
    monkeypatch.setenv("RAG_INDEX_DIR", str(index))
    said = f"{link} is a link to {tmp_path / 'not-mounted'}, which leads to nothing (a drive not mounted"
    for args in (["ingest", str(corpus)], ["status"], ["verify"], ["rollback"], ["remove", "2026-summer-68"]):
        status, out, err = run_cli(capsys, *args)
        assert status == 2 and said in err and "free some disk space" not in err, (args, err)
    status, out, _ = run_cli(capsys, "status", "--json")
    assert status == 2 and said in out
    assert not (tmp_path / "not-mounted").exists() and link.is_symlink()  # nothing made where it leads
