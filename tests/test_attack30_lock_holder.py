"""A second build was told only "another build is writing index: wait for it to finish": a maintainer who believed
none was running (a hung `make serve` in another terminal) had nothing to find it by, and deleting index/.lock, the
obvious way out, let two builds write at once (tests/test_attack30_current_changed.py). The refusal now names the
process holding the lock, its command and since when, how to stop it, and not to delete .lock."""

import os

import pytest

from rag.errors import RagError
from rag.index import store


def test_a_build_refused_by_the_lock_is_told_who_holds_it(tmp_path):
    index = tmp_path / "index"
    with store.build_lock(index):
        with pytest.raises(RagError) as refused:
            with store.build_lock(index):
                pass
    said = str(refused.value)
    assert said.startswith(f"another build is writing {index} (process {os.getpid()} `")
    assert f"kill {os.getpid()}" in said and f"do not delete {index / '.lock'}" in said


def test_a_lock_without_a_holder_written_is_the_old_message(tmp_path):
    index = tmp_path / "index"
    with store.build_lock(index):
        (index / ".lock").write_text("")  # written by older code: nothing to name
        with pytest.raises(RagError, match=r"another build is writing .*index: wait for it to finish, then try again$"):
            with store.build_lock(index):
                pass


@pytest.mark.parametrize("link", ["symbolic", "hard"])
def test_a_lock_linked_to_another_file_is_never_written(tmp_path, link):
    index, precious = tmp_path / "index", tmp_path / "notes.txt"
    index.mkdir()
    precious.write_text("the maintainer's notes\n")
    (index / ".lock").symlink_to(precious) if link == "symbolic" else os.link(precious, index / ".lock")
    with store.build_lock(index):
        pass
    assert precious.read_text() == "the maintainer's notes\n"
