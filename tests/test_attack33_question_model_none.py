"""`RAG_QUESTION_MODEL=None` (or " none", "NONE": the off switch typed as Python or a shell writes it) was sent to
litellm as a model's name, and the ingest refused with advice naming 'local' and 'extractive', not 'none'. It now
means none; a name litellm cannot reach is refused as before, adding RAG_QUESTION_MODEL=none."""

import pytest

from tests.conftest import isolated_corpus, run_cli


@pytest.mark.parametrize("value", ["None", "NONE", " none "])
def test_none_in_other_forms_writes_no_questions(tmp_path, monkeypatch, capsys, value):
    corpus = isolated_corpus(tmp_path, monkeypatch)
    monkeypatch.setenv("RAG_QUESTION_MODEL", value)
    status, _, err = run_cli(capsys, "ingest", str(corpus))
    assert status == 0, err


def test_a_model_name_litellm_cannot_reach_names_none_too(tmp_path, monkeypatch, capsys):
    corpus = isolated_corpus(tmp_path, monkeypatch)
    monkeypatch.setenv("RAG_QUESTION_MODEL", "garbage")
    status, _, err = run_cli(capsys, "ingest", str(corpus))
    assert status == 2
    assert "'garbage' is no model litellm can reach" in err
    assert "or RAG_QUESTION_MODEL=none to write no questions" in err
