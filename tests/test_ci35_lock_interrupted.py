"""A build stopped (SIGHUP, SIGTERM, Ctrl-C) while it was still taking the lock of a new index folder left that folder
and its .lock behind: the fresh-clone CI of 9347cef saw it once in test_attack30_hangup (exit 129, "the published
index is unchanged", and new/index/.lock still there). The stop raised inside the lock's taking, before the part that
clears away what a build that published nothing made."""

import fcntl

import pytest

from rag.index import locks, meanwhile, store


def _stopped_at(monkeypatch, name: str) -> None:
    def stop(*args, **kwargs):
        raise KeyboardInterrupt  # Terminated (SIGTERM, SIGHUP) is one
    monkeypatch.setattr(meanwhile, name, stop)


@pytest.mark.parametrize("where", ["stamp", "dry_runs"])
def test_a_build_stopped_while_taking_the_lock_leaves_no_new_folder(tmp_path, monkeypatch, where):
    index = tmp_path / "new" / "index"
    if where == "dry_runs":  # stopped while finding out who holds a lock it could not take: another build's stays
        index.mkdir(parents=True)
        other = (index / ".lock").open("a")
        fcntl.flock(other, fcntl.LOCK_EX | fcntl.LOCK_NB)
    _stopped_at(monkeypatch, where)
    with pytest.raises(KeyboardInterrupt):
        with store.build_lock(index):
            pass
    if where == "stamp":
        assert not (tmp_path / "new").exists()
    else:
        assert (index / ".lock").is_file()  # the other build's lock is left to it
        other.close()


def test_a_build_stopped_while_taking_the_lock_of_an_index_keeps_it(tmp_path, monkeypatch):
    index = tmp_path / "index"
    index.mkdir()
    (index / "CURRENT").write_text("v0001\n")
    (index / ".lock").write_text("")
    _stopped_at(monkeypatch, "stamp")
    with pytest.raises(KeyboardInterrupt):
        with locks.build_lock(index):
            pass
    assert (index / "CURRENT").read_text() == "v0001\n" and (index / ".lock").is_file()
    monkeypatch.undo()
    with locks.build_lock(index):  # and the lock was let go
        pass
