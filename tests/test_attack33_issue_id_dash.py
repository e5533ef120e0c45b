"""An issue folder named with a leading '-' (`-autumn-69`, a name cut at its year) was published, and then every
`rag` command read its id as an option: `rag remove -autumn-69` said "unrecognized arguments", `rag ask --issue
-autumn-69` "expected one argument", and the commands the refusals advise could not be run as written. Refused at
ingest with the `mv` that gives an id."""

import shutil
from pathlib import Path

import pytest

from rag.corpus.issue_toml import check_issue_id
from rag.errors import InputError
from tests.conftest import isolated_corpus, run_cli
from tests.rollback_warning import rollback_warning

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("name", ["-autumn-69", "--69", "-"])
def test_an_id_starting_with_a_dash_is_refused(name):
    with pytest.raises(InputError, match="cannot be an issue id"):
        check_issue_id(name, f"corpus/{name}")


@pytest.mark.parametrize("name", ["2026-autumn-69", "_69", "69", "a.b-c_d"])
def test_ids_as_before_are_taken(name):
    check_issue_id(name, f"corpus/{name}")


def test_ingest_refuses_it_with_the_mv_that_helps(tmp_path, monkeypatch, capsys):
    corpus = isolated_corpus(tmp_path, monkeypatch)
    shutil.copytree(ROOT / "corpus" / "2024-summer", corpus / "-summer-2024")
    status, _, err = run_cli(capsys, "ingest", str(corpus))
    assert status == 2
    assert f"mv {corpus}/-summer-2024 {corpus}/summer-2024" in err and "'-' and '.' not first" in err
    assert not (tmp_path / "index" / "CURRENT").exists()


def test_rollback_does_not_say_a_folder_named_as_no_id_comes_back(tmp_path, monkeypatch, capsys):
    err = rollback_warning(tmp_path, monkeypatch, capsys, "2024-été")  # the next ingest refuses it, by name
    assert "adds 2024-summer back" in err and "été" not in err
