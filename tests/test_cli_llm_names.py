"""A model name litellm cannot route is said once, before any question is asked, not sent with every question."""

import json

import pytest

from rag import cli
from rag.config import Settings
from rag.errors import InputError
from rag.llm.client import make_llm
from tests.conftest import isolated_corpus


def run(capsys, *args):
    status = cli.main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


# ("local " with a stray space is the embedded model since session 33: tests/test_attack33_llm_model_words.py)
@pytest.mark.parametrize("name", ["bogus", "Openai/gpt-4o-mini", "openai/", "locale", ""])
def test_a_model_name_litellm_cannot_route_is_refused(name):
    with pytest.raises(InputError, match=r"RAG_LLM_MODEL \(or --llm\): .* is no model litellm can reach: write "
                                         r"provider/model"):
        make_llm(Settings(llm_model=name))


def test_a_fallback_litellm_cannot_route_is_refused_by_its_setting():
    with pytest.raises(InputError, match=r"RAG_LLM_FALLBACKS: 'gpt4' is no model"):
        make_llm(Settings(llm_model="openai/primary", llm_fallbacks=("openai/backup", "gpt4")))
    assert make_llm(Settings(llm_model="openai/primary", llm_fallbacks=("ollama/llama3.1",))).model == "openai/primary"


def test_ask_and_eval_with_an_unknown_llm_exit_2_before_asking(tmp_path, monkeypatch, capsys):
    """`rag ask --llm bogus` was answered (exit 0) with quotes and litellm's 'LLM Provider NOT provided' in the notice;
    `rag eval --llm bogus` asked every question so. `--llm ""` (an unset shell variable) used the configured model."""
    corpus = isolated_corpus(tmp_path, monkeypatch)
    run(capsys, "ingest", str(corpus))
    for name in ("bogus", ""):
        status, out, err = run(capsys, "ask", "what pay rise did VSMs get?", "--llm", name, "--json")
        assert status == 2 and "is no model litellm can reach" in json.loads(out)["error"]
    questions = tmp_path / "q.jsonl"
    questions.write_text(json.dumps({"id": "a", "question": "what pay rise did VSMs get?", "must_include": ["3%"],
                                     "source": "2026-summer-68", "type": "fact"}) + "\n")
    status, out, err = run(capsys, "eval", "--questions", str(questions), "--out", str(tmp_path / "out"),
                           "--llm", "bogus")
    assert status == 2 and "'bogus' is no model" in err
    assert not (tmp_path / "out" / "results.jsonl").exists() and not (tmp_path / "out" / "results.jsonl.partial").exists()


def test_an_unknown_question_model_is_refused_by_its_own_name_and_the_index_kept(tmp_path, monkeypatch, capsys):
    """RAG_QUESTION_MODEL=bogus was refused as 'RAG_LLM_MODEL (or --llm)' once model names were checked."""
    corpus = isolated_corpus(tmp_path, monkeypatch)
    run(capsys, "ingest", str(corpus))
    before = run(capsys, "status", "--json")[1]
    (corpus / "2026-summer-68" / "issue.toml").write_text(
        (corpus / "2026-summer-68" / "issue.toml").read_text().replace("summer 2026\"", "summer 2026 \""))
    monkeypatch.setenv("RAG_QUESTION_MODEL", "bogus")
    status, out, err = run(capsys, "ingest", str(corpus))
    assert status == 2 and err.startswith("error: RAG_QUESTION_MODEL: 'bogus' is no model litellm can reach")
    assert run(capsys, "status", "--json")[1] == before
