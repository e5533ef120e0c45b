"""Tester 34: settings as a .env file or a careless shell gives them (tester 33's open items): $HOME in a path, RAG_
names misspelt, RAG_DATA_DIR inside the index or the corpus."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rag.config import load_settings
from rag.errors import InputError
from tests.conftest import isolated_corpus, run_cli


def test_a_path_setting_reads_variables_as_a_shell_would(tmp_path):
    env = {"HOME": str(tmp_path), "ROOT": "/srv/hm", "RAG_INDEX_DIR": "$HOME/index",
           "RAG_CORPUS_DIR": "${ROOT}/corpus", "RAG_DATA_DIR": "~/data"}
    settings = load_settings(env)
    assert settings.index_dir == tmp_path / "index"
    assert settings.corpus_dir == Path("/srv/hm/corpus")
    assert settings.data_dir == Path("~/data").expanduser()  # ~ is the user's own, as before


@pytest.mark.parametrize("env", [{"RAG_INDEX_DIR": "$INDEX_ROOT/index"}, {"RAG_INDEX_DIR": "${INDEX_ROOT}/index",
                                                                          "INDEX_ROOT": ""}])
def test_a_path_naming_a_variable_not_set_is_refused_not_read_as_written(env):
    with pytest.raises(InputError) as said:
        load_settings(env)
    assert "names $INDEX_ROOT, which is" in str(said.value) and "set INDEX_ROOT" in str(said.value)


def test_a_misspelt_setting_is_said_and_an_index_is_not_written_with_it(tmp_path, monkeypatch, capsys):
    corpus = isolated_corpus(tmp_path, monkeypatch)
    monkeypatch.setenv("RAG_EMBEDER", "minilm")  # the maintainer meant RAG_EMBEDDER: the build would use another
    status, out, err = run_cli(capsys, "ingest", str(corpus), "--json")
    assert status == 2 and "RAG_EMBEDER is no setting" in json.loads(out)["error"]
    assert "did you mean RAG_EMBEDDER?" in err and "nothing was changed" in err
    assert not (tmp_path / "index" / "CURRENT").exists()
    status, out, err = run_cli(capsys, "ingest", str(corpus), "--dry-run")  # a dry run writes nothing: told only
    assert status == 0 and "warning: RAG_EMBEDER is no setting, so it is ignored: did you mean RAG_EMBEDDER?" in err
    monkeypatch.delenv("RAG_EMBEDER")
    monkeypatch.setenv("RAG_SOMETHING_ELSE_ENTIRELY", "1")
    status, out, err = run_cli(capsys, "ingest", str(corpus), "--json")
    assert status == 0 and "warning: RAG_SOMETHING_ELSE_ENTIRELY is no setting" in err  # near none: said, not refused
    assert any("RAG_SOMETHING_ELSE_ENTIRELY is no setting" in w for w in json.loads(out)["warnings"])  # as ingest's
    monkeypatch.setenv("rag_top_k", "3")  # lower case, which no setting is read as
    status, out, err = run_cli(capsys, "status")
    assert status == 0 and "warning: rag_top_k is no setting, so it is ignored: did you mean RAG_TOP_K?" in err


@pytest.mark.parametrize("data", ["index", "index/.data", "corpus", "corpus/.data"])
def test_the_data_folder_inside_the_index_or_corpus_is_refused(tmp_path, data):
    env = {"RAG_INDEX_DIR": str(tmp_path / "index"), "RAG_CORPUS_DIR": str(tmp_path / "corpus"),
           "RAG_DATA_DIR": str(tmp_path / data)}
    with pytest.raises(InputError) as said:
        load_settings(env)
    assert f"RAG_DATA_DIR={tmp_path / data} is" in str(said.value) and "would go into git" in str(said.value)
    assert load_settings({**env, "RAG_DATA_DIR": str(tmp_path / ".data")}).data_dir == tmp_path / ".data"


@pytest.mark.parametrize("name, value, said", [("RAG_TOP_K", '"5"', "RAG_TOP_K=5"),
                                               ("RAG_LLM_MODEL", "'extractive'", "RAG_LLM_MODEL=extractive"),
                                               ("RAG_AUTH", '"ann:pw"', "RAG_AUTH=..."),
                                               ("RAG_LLM_API_KEY", '"sk-secret"', "RAG_LLM_API_KEY=..."),
                                               ("RAG_CHAT_SECRET", "'s3cret'", "RAG_CHAT_SECRET=...")])
def test_a_value_in_quote_marks_from_a_env_file_is_refused_naming_them(name, value, said):
    """docker --env-file keeps quotes: RAG_AUTH="ann:pw" asked for the login '"ann', RAG_LLM_API_KEY's quotes went to
    the provider, RAG_TOP_K="5" was 'not a whole number'. A secret is not repeated."""
    with pytest.raises(InputError) as refused:
        load_settings({name: value})
    assert f"{name} has quote marks around its value" in str(refused.value) and said in str(refused.value)
    assert "secret" not in str(refused.value).replace("RAG_CHAT_SECRET", "") and "pw" not in str(refused.value)


def test_the_feedback_log_inside_the_index_is_refused(tmp_path):
    env = {"RAG_INDEX_DIR": str(tmp_path / "index"), "RAG_FEEDBACK_LOG": str(tmp_path / "index" / "feedback.jsonl")}
    with pytest.raises(InputError) as said:
        load_settings(env)
    assert "RAG_FEEDBACK_LOG=" in str(said.value) and "would go into git with the index" in str(said.value)
    assert load_settings({**env, "RAG_FEEDBACK_LOG": str(tmp_path / "feedback.jsonl")})


def test_the_default_data_folder_is_not_refused_under_a_corpus_holding_the_app(tmp_path):
    from rag.config import ROOT

    assert load_settings({"RAG_CORPUS_DIR": str(ROOT.parent), "RAG_INDEX_DIR": str(tmp_path / "index")}).corpus_dir


def test_a_folder_really_named_with_a_dollar_is_read_as_written(tmp_path):
    (tmp_path / "$hm").mkdir()
    assert load_settings({"RAG_INDEX_DIR": f"{tmp_path}/$hm"}).index_dir == tmp_path / "$hm"
