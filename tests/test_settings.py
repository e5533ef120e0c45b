"""Settings check themselves: a numeric setting of the wrong type or out of its range, a yes/no setting that is
neither, or an index folder that is a file, is one message naming the variable and what it accepts."""

import dataclasses

import pytest

from rag import cli
from rag.config import RANGES, Settings, load_settings
from rag.errors import InputError


@pytest.mark.parametrize("env, message", [
    ({"RAG_TOP_K": "abc"}, "RAG_TOP_K='abc' is not a whole number: give a whole number from 1"),
    ({"RAG_TOP_K": "2.5"}, "RAG_TOP_K='2.5' is not a whole number"),
    ({"RAG_TOP_K": "0"}, "RAG_TOP_K=0 is out of range: give a whole number from 1"),
    ({"RAG_MAX_QUESTION_CHARS": "-1"}, "RAG_MAX_QUESTION_CHARS=-1 is out of range: give a whole number from 1"),
    ({"RAG_FUSION_ALPHA": "1.5"}, "RAG_FUSION_ALPHA=1.5 is out of range: give a number from 0 to 1"),
    ({"RAG_FUSION_ALPHA": "nan"}, "RAG_FUSION_ALPHA=nan is out of range"),
    ({"RAG_LLM_TIMEOUT": "0"}, "RAG_LLM_TIMEOUT=0.0 is out of range: give a number from 0.1"),
    ({"RAG_PORT": "70000"}, "RAG_PORT=70000 is out of range: give a whole number from 0 to 65535"),
    ({"GRADIO_SERVER_PORT": "http"}, "GRADIO_SERVER_PORT='http' is not a port"),
    ({"RAG_ANSWERABILITY": "maybe"}, "RAG_ANSWERABILITY='maybe' is not yes or no: give true or false"),
    ({"RAG_CHUNK_OVERLAP": "200"}, "RAG_CHUNK_OVERLAP=200 must be below RAG_CHUNK_TOKENS=180"),
])
def test_a_bad_numeric_or_yes_no_setting_names_the_variable_and_what_it_accepts(env, message):
    with pytest.raises(InputError) as e:
        load_settings(env)
    assert message in str(e.value)


def test_settings_made_in_code_are_checked_too():
    with pytest.raises(InputError, match="RAG_TOP_K=0 is out of range"):
        Settings(top_k=0)
    with pytest.raises(InputError, match="RAG_CONTEXT_K=True is out of range"):
        Settings().with_(context_k=True)


def test_sound_settings_load_and_every_numeric_setting_has_a_range():
    settings = load_settings({"RAG_TOP_K": "5", "RAG_MIN_RELEVANCE": "0", "RAG_ANSWERABILITY": "off",
                              "GRADIO_SERVER_PORT": "7861", "RAG_LOCAL_PORT": "0"})
    assert (settings.top_k, settings.min_relevance, settings.answerability, settings.port) == (5, 0.0, False, 7861)
    numeric = [f.name for f in dataclasses.fields(Settings) if str(f.type).startswith(("int", "float"))]
    assert numeric and not [name for name in numeric if name not in RANGES]


def test_an_index_dir_that_is_a_file_is_said_by_every_command(tmp_path, monkeypatch, capsys):
    (tmp_path / "afile").write_text("x")
    monkeypatch.setenv("RAG_INDEX_DIR", str(tmp_path / "afile"))
    for command in (["status"], ["ask", "pay?"], ["rollback"]):
        assert cli.main(command) == 2
        assert f"RAG_INDEX_DIR={tmp_path / 'afile'} is a file, not a folder" in capsys.readouterr()[1]


def test_the_cli_prints_a_bad_setting_as_one_error_line(monkeypatch, capsys):
    monkeypatch.setenv("RAG_TOP_K", "abc")
    assert cli.main(["status"]) == 2
    assert capsys.readouterr()[1] == "error: RAG_TOP_K='abc' is not a whole number: give a whole number from 1\n"
