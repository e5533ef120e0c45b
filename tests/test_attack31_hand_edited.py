"""index/CURRENT and index/HISTORY edited by hand, as a maintainer may (HISTORY's refusal says to correct or delete a
damaged line): saved by Notepad with a byte-order mark, with Windows line ends (CRLF), or with the deleted line left
blank. CURRENT with a byte-order mark was "damaged (it is not plain text)", every `rag ask` refused; HISTORY so saved
(or with a blank line) refused every `rag rollback`. What the maintainer meant is read; anything else is still
damage."""

import json

import pytest

from rag.errors import IndexUnavailable
from rag.index import history, store
from rag.testing import build_index, sample_corpus
from tests.conftest import run_cli

BOM = b"\xef\xbb\xbf"


def _two_versions(tmp_path, monkeypatch):
    index = tmp_path / "index"
    corpus = sample_corpus()
    build_index(index, corpus)
    build_index(index, corpus[:1])
    monkeypatch.setenv("RAG_INDEX_DIR", str(index))
    monkeypatch.setenv("RAG_EMBEDDER", "hash")
    return index, store.list_versions(index)


def test_current_saved_with_a_byte_order_mark_and_crlf_is_read(tmp_path, monkeypatch, capsys):
    index, (first, second) = _two_versions(tmp_path, monkeypatch)
    (index / "CURRENT").write_bytes(BOM + second.encode() + b"\r\n")
    assert store.current_version(index) == second
    status, out, err = run_cli(capsys, "status", "--json")
    assert status == 0 and json.loads(out)["current"] == second and not err
    (index / "CURRENT").write_bytes(second.encode("utf-16"))  # not what `rag` or a maintainer writes: still damage
    with pytest.raises(IndexUnavailable, match="it is not plain text"):
        store.current_version(index)


def test_history_saved_by_an_editor_still_rolls_back(tmp_path, monkeypatch, capsys):
    index, (first, second) = _two_versions(tmp_path, monkeypatch)
    lines = (index / "HISTORY").read_bytes().splitlines()
    (index / "HISTORY").write_bytes(BOM + b"\r\n".join(lines[:1] + [b"", b"   "] + lines[1:]) + b"\r\n")
    assert history.served(index / "HISTORY") == [first, second]
    status, out, err = run_cli(capsys, "rollback")
    assert status == 0 and f"current index version is now {first}" in out
    assert history.served(index / "HISTORY") == [first]  # the rollback's own line, after the CRLF ones
