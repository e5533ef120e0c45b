"""A symbolic link in the corpus that points out of it (corpus/up -> .., or -> /) is not walked when looking for
misfiled issue folders: the whole tree it led to was walked (the file system, for a link to /), and issue folders
found there were named as misfiled ones to `mv` into the corpus (a tester's find)."""

import os
import shutil
from pathlib import Path

from tests.conftest import isolated_corpus, run_cli

ROOT = Path(__file__).resolve().parent.parent


def test_a_link_out_of_the_corpus_is_not_walked(tmp_path, monkeypatch, capsys):
    corpus = isolated_corpus(tmp_path, monkeypatch)
    elsewhere = tmp_path / "elsewhere" / "2024-summer"
    shutil.copytree(ROOT / "corpus" / "2024-summer", elsewhere)  # another project's issue, outside the corpus
    os.symlink("..", corpus / "up")
    status, _, err = run_cli(capsys, "ingest", str(corpus), "--dry-run")
    assert status == 0 and "elsewhere" not in err, err  # before: "corpus/up/elsewhere/2024-summer is an issue folder
    # inside another folder ... mv corpus/up/elsewhere/2024-summer corpus/2024-summer"


def test_a_misfiled_issue_inside_the_corpus_is_still_named(tmp_path, monkeypatch, capsys):
    corpus = isolated_corpus(tmp_path, monkeypatch)
    shutil.copytree(ROOT / "corpus" / "2024-summer", corpus / "2024" / "summer")
    os.symlink("2024", corpus / "by-year")  # a link that stays inside: walked, and the folder said once
    status, _, err = run_cli(capsys, "ingest", str(corpus), "--dry-run")
    assert status == 0 and err.count("is an issue folder inside another folder") == 1, err
