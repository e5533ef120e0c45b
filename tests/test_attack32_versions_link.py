"""index/versions a symbolic link leading nowhere (the versions moved to a second disk, not mounted) or a file: every
command said "index/CURRENT is damaged ('v0001-...' is not a version folder in versions/): serve a kept version with
`rag rollback --to VERSION` (kept: none), or rebuild with `rag ingest corpus/ --rebuild`", sending the maintainer to
a sound CURRENT and a rebuild. Each now names the link or the file and what to do, and nothing is written."""

import shutil

from tests.conftest import isolated_corpus, run_cli


def _built(tmp_path, monkeypatch, capsys):
    corpus = isolated_corpus(tmp_path, monkeypatch)
    monkeypatch.setenv("RAG_QUESTION_MODEL", "none")
    assert run_cli(capsys, "ingest", str(corpus))[0] == 0
    return corpus, tmp_path / "index"


def test_a_versions_link_leading_nowhere_is_said_so_and_nothing_is_written(tmp_path, monkeypatch, capsys):
    corpus, index = _built(tmp_path, monkeypatch, capsys)
    current = (index / "CURRENT").read_text()
    shutil.move(index / "versions", tmp_path / "disk2-versions")
    (index / "versions").symlink_to(tmp_path / "not-mounted" / "versions")
    said = f"{index / 'versions'} is a link to {tmp_path / 'not-mounted' / 'versions'}, which leads to nothing"
    for args in (["status"], ["verify"], ["rollback"], ["ingest", str(corpus), "--rebuild"], ["remove", "x"]):
        status, out, err = run_cli(capsys, *args)
        assert status == 2 and said in err and "CURRENT is damaged" not in err, (args, err)
    assert not (tmp_path / "not-mounted").exists() and (index / "CURRENT").read_text() == current
    (index / "versions").unlink()
    (index / "versions").symlink_to(tmp_path / "disk2-versions")  # mounted again: served as before
    status, out, _ = run_cli(capsys, "status")
    assert status == 0 and current.strip() in out


def test_a_file_where_the_versions_folder_should_be_is_named(tmp_path, monkeypatch, capsys):
    corpus, index = _built(tmp_path, monkeypatch, capsys)
    shutil.move(index / "versions", tmp_path / "elsewhere")
    (index / "versions").write_text("x")
    for args in (["status"], ["ingest", str(corpus), "--rebuild"]):
        status, out, err = run_cli(capsys, *args)
        assert status == 2 and f"{index / 'versions'} is not a folder, where the index's versions should be" in err
    assert (index / "versions").read_text() == "x"
