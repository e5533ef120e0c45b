"""An index folder that cannot be written (read-only, full, a file in its place): `rag ingest`, `rag rollback` and
`rag remove` print one error line saying what failed, where and what to do, exit 2, and leave CURRENT, HISTORY and
the versions as they were, with no temporary file behind. The failures are real ones from the operating system:
/dev/full answers every write with ENOSPC, and a folder where a file should be refuses to open (chmod would not
do: tests may run as root)."""

import os
from pathlib import Path

import pytest

from rag import cli
from tests.conftest import isolated_corpus

FULL = Path("/dev/full")
needs_dev_full = pytest.mark.skipif(not FULL.exists(), reason="needs /dev/full")


@pytest.fixture
def index(tmp_path, monkeypatch, capsys):
    """Two published versions (v1: issue 68; v2: with a second issue), the second served."""
    corpus = isolated_corpus(tmp_path, monkeypatch)
    assert cli.main(["ingest", str(corpus / "2026-summer-68")]) == 0
    second = corpus / "2030-spring"
    second.mkdir()
    (second / "i.md").write_text("# Pay\n\nManagers met to discuss the pay award for this year.\n" * 5)
    (second / "issue.toml").write_text('title = "T"\nseason = "spring 2030"\ndate = "2030-03-01"\nsource = "i.md"\n')
    assert cli.main(["ingest", str(corpus)]) == 0
    capsys.readouterr()
    return tmp_path / "index"


def state(index: Path) -> tuple:
    return ((index / "CURRENT").read_text(), (index / "HISTORY").read_bytes(), sorted(os.listdir(index / "versions")),
            sorted(os.listdir(index)))


def refused(capsys, *args) -> str:
    assert cli.main(list(args)) == 2
    err = capsys.readouterr()[1]
    assert err.startswith("error: ") and err.count("\n") == 1, err
    return err


def change_an_issue(index: Path) -> Path:
    corpus = index.parent / "corpus"
    with open(corpus / "2030-spring" / "i.md", "a") as f:
        f.write("\nA new paragraph about the pay award.\n")
    return corpus


@needs_dev_full
@pytest.mark.parametrize("command", ["ingest", "rollback", "rollback --to", "remove"])
def test_a_full_disk_when_current_switches_leaves_the_index_as_it_was(index, capsys, command):
    before = state(index)
    args = {"ingest": ["ingest", str(change_an_issue(index))], "rollback": ["rollback"],
            "rollback --to": ["rollback", "--to", before[2][0]], "remove": ["remove", "2030-spring"]}[command]
    os.symlink(FULL, index / ".CURRENT.tmp")  # CURRENT's next content is written here first
    err = refused(capsys, *args)
    assert f"cannot write {index / 'CURRENT'} (No space left on device)" in err
    assert "free some disk space" in err and "CURRENT is unchanged" in err
    assert state(index) == before  # no new version kept, no .CURRENT.tmp left, HISTORY as it was


@pytest.mark.parametrize("command", [["ingest", "CORPUS"], ["rollback"], ["remove", "2030-spring"]])
def test_an_index_folder_that_cannot_be_written_is_one_error_line(index, capsys, command):
    before = state(index)
    (index / ".lock").unlink()
    (index / ".lock").mkdir()  # opening it for writing fails (a full or read-only disk: the /dev/full tests above)
    err = refused(capsys, *[str(change_an_issue(index)) if a == "CORPUS" else a for a in command])
    assert f"cannot write {index / '.lock'}: it is a folder, not a file; move it away" in err  # not "free disk space"
    assert "the published index is unchanged" in err
    (index / ".lock").rmdir()
    assert state(index)[:3] == before[:3]


def test_an_index_dir_inside_a_file_is_named_as_such(tmp_path, monkeypatch, capsys):
    corpus = isolated_corpus(tmp_path, monkeypatch)
    (tmp_path / "afile").write_text("not a folder")
    monkeypatch.setenv("RAG_INDEX_DIR", str(tmp_path / "afile" / "index"))  # RAG_INDEX_DIR=afile: tests/test_settings.py
    err = refused(capsys, "ingest", str(corpus))
    assert f"{tmp_path / 'afile'} is a file, not a folder; point RAG_INDEX_DIR at a folder" in err


def test_a_history_that_cannot_record_a_publish_says_what_is_served(index, capsys):
    corpus = change_an_issue(index)
    (index / "HISTORY").unlink()
    (index / "HISTORY").mkdir()
    err = refused(capsys, "ingest", str(corpus))
    served = (index / "CURRENT").read_text().strip()
    assert f"CURRENT names {served} now, but HISTORY does not record it" in err
    assert "rag rollback --to VERSION" in err
