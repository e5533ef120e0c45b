"""The mv a message advises for a misnamed or misfiled issue folder must be one a maintainer can type and that gives a
name then accepted. It was "mv corpus/2026/autumn 69 corpus/autumn 69" (four words to mv, and "autumn 69" is then
refused as an issue id) and "mv c10/2026/deep\\udce9 c10/deep\\udce9" for a folder name that is not UTF-8 (cannot be
typed); a folder directly in the corpus so named was told only "rename the folder (mv)". Each advised command is run
here through bash, and the issue is then ingested. And `--json` naming such a folder wrote its byte raw: the output was
not UTF-8, which a JSON reader refuses; it is now escaped."""

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from rag.corpus.issue_toml import shell_word, suggested_id
from tests.conftest import isolated_corpus, run_cli

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("name, made", [("autumn 69", "autumn-69"), (os.fsdecode(b"deep\xe9"), "deepe"),
                                        ("für 2026", "fur-2026"), (".hidden", "hidden"), ("###", "issue")])
def test_a_folder_name_is_made_an_issue_id(name, made):
    assert suggested_id(name) == made


def test_a_path_is_written_as_typed_in_a_shell():
    assert shell_word("corpus/autumn-69") == "corpus/autumn-69"
    assert shell_word("corpus/2026/autumn 69") == "'corpus/2026/autumn 69'"
    assert shell_word(os.fsdecode(b"c/deep\xe9 it's")) == "$'c/deep\\xe9 it\\x27s'"


def _advised_mv(text: str) -> str:
    (command,) = re.findall(r"\((mv .*?)\)(?: and| using)", text)
    return command


@pytest.mark.parametrize("name", ["autumn 69", os.fsdecode(b"deep\xe9")], ids=["space", "not-utf8"])
def test_the_mv_advised_for_a_misfiled_folder_works(tmp_path, monkeypatch, name):
    corpus = isolated_corpus(tmp_path, monkeypatch)
    shutil.copytree(corpus / "2026-summer-68", corpus / "2026" / name)
    shutil.rmtree(corpus / "2026-summer-68")
    shutil.copytree(ROOT / "corpus" / "2024-summer", corpus / "2024-summer")  # one issue in place, to be ingested
    (said,) = [w for w in _ingest_json(corpus)["warnings"] if "inside another folder" in w]
    subprocess.run(["bash", "-c", _advised_mv(said)], cwd=tmp_path, check=True)
    assert not [w for w in _ingest_json(corpus).get("warnings", []) if "inside another folder" in w]
    assert (corpus / suggested_id(name) / "issue.toml").is_file()


def _ingest_json(corpus) -> dict:
    """`rag ingest CORPUS --dry-run --json` run as members' tools run it (its stderr as a terminal's, which escapes
    what it cannot encode): its output must be UTF-8 and JSON."""
    done = subprocess.run([sys.executable, "-m", "rag.cli", "ingest", str(corpus), "--dry-run", "--force", "--json"],
                          capture_output=True, check=True, cwd=ROOT)
    return json.loads(done.stdout.decode("utf-8"))  # a name not UTF-8 was written raw: no UTF-8, so no JSON


def test_the_mv_advised_for_a_misnamed_folder_works(tmp_path, monkeypatch, capsys):
    corpus = isolated_corpus(tmp_path, monkeypatch)
    bad = corpus / os.fsdecode(b"summer\xe9 2026")
    os.rename(corpus / "2026-summer-68", bad)
    status, _, err = run_cli(capsys, "ingest", str(corpus), "--dry-run")
    assert status == 2 and "cannot be an issue id" in err
    subprocess.run(["bash", "-c", _advised_mv(err)], cwd=os.getcwd(), check=True)
    status, out, err = run_cli(capsys, "ingest", str(corpus), "--dry-run")
    assert status == 0 and (corpus / "summere-2026").is_dir(), err
