"""Ctrl-C after an ingest switched CURRENT (while it pruned old versions, which hashes every kept version's files:
seconds on a large archive) was told "interrupted: the published index is unchanged", though the new version was
served, and a re-run said nothing changed (a tester's find). The message now says what is served."""

import json
import os
import shutil

from rag.index.store import KEEP_VERSIONS
from tests.conftest import isolated_corpus, run_cli

run = run_cli


def _current(capsys) -> str:
    return json.loads(run(capsys, "status", "--json")[1])["current"]


def test_an_interrupt_after_the_switch_says_the_new_version_is_served(tmp_path, monkeypatch, capsys):
    corpus = isolated_corpus(tmp_path, monkeypatch)
    monkeypatch.setenv("RAG_QUESTION_MODEL", "none")
    source = corpus / "2026-summer-68" / "000_14b77b378cd60039.txt"
    for n in range(KEEP_VERSIONS):  # as many versions as are kept: the next publish prunes the oldest
        assert run(capsys, "ingest", str(corpus))[0] == 0
        source.write_text(source.read_text(encoding="utf-8") + f"\nEditor's note {n}.\n", encoding="utf-8")
    before = _current(capsys)

    def interrupted(*args, **kwargs):  # the Ctrl-C arrives while the oldest version is deleted
        raise KeyboardInterrupt

    with monkeypatch.context() as patched:
        patched.setattr(shutil, "rmtree", interrupted)
        status, _, err = run(capsys, "ingest", str(corpus))
    now = _current(capsys)
    assert status == 130 and now != before
    assert "unchanged" not in err
    assert f"index version {now} had already been published and is served now" in err
    assert f"`rag rollback` serves {before} again" in err


def test_an_interrupt_before_the_switch_says_the_index_is_unchanged(tmp_path, monkeypatch, capsys):
    corpus = isolated_corpus(tmp_path, monkeypatch)
    monkeypatch.setenv("RAG_QUESTION_MODEL", "none")
    assert run(capsys, "ingest", str(corpus))[0] == 0
    before = _current(capsys)
    source = corpus / "2026-summer-68" / "000_14b77b378cd60039.txt"
    source.write_text(source.read_text(encoding="utf-8") + "\nEditor's note.\n", encoding="utf-8")

    def interrupted(*args, **kwargs):  # the Ctrl-C arrives as the new version is renamed into versions/
        raise KeyboardInterrupt

    with monkeypatch.context() as patched:
        patched.setattr(os, "rename", interrupted)
        status, _, err = run(capsys, "ingest", str(corpus))
    assert status == 130 and err.endswith("interrupted: the published index is unchanged\n")
    assert _current(capsys) == before
