"""`RAG_INDEX_DIR=` (a .env line with nothing after it, or "${INDEX}" with INDEX unset) was read as unset: every
command, and `rag ingest`, used the default index/, the committed one. A folder setting set but empty is refused."""

import json

import pytest

from rag.config import ROOT, load_settings
from rag.errors import InputError
from tests.conftest import run_cli


@pytest.mark.parametrize("name, default", [("RAG_INDEX_DIR", "index"), ("RAG_CORPUS_DIR", "corpus"),
                                           ("RAG_DATA_DIR", ".data")])
def test_a_folder_setting_set_but_empty_is_refused_naming_the_default(name, default):
    with pytest.raises(InputError) as refused:
        load_settings({name: ""})
    said = str(refused.value)
    assert said.startswith(f"{name} is set but empty")
    assert f"unset {name}" in said and str(ROOT / default) in said


def test_unset_still_means_the_default_and_an_empty_number_still_means_unset():
    assert load_settings({}).index_dir == ROOT / "index"
    assert load_settings({"RAG_TOP_K": ""}).top_k == load_settings({}).top_k


def test_rag_status_refuses_it_before_reading_any_index(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("RAG_INDEX_DIR", "")
    monkeypatch.setenv("RAG_EMBEDDER", "hash")
    status, out, err = run_cli(capsys, "status", "--json")
    assert status == 2
    assert json.loads(out)["error"].startswith("RAG_INDEX_DIR is set but empty")
    assert "error: RAG_INDEX_DIR is set but empty" in err
