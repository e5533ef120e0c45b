"""`rag eval --out reports` with `reports` a symbolic link looping back on itself (`ln -s reports reports`, or two
links to each other) was a RuntimeError traceback ("Symlink loop from ..."), exit 1. It is said as a link leading
nowhere, naming the loop, before any question is asked."""

import json

import pytest

from tests.conftest import isolated_corpus, run_cli


@pytest.mark.parametrize("out", ["reports", "reports/latest"])
def test_an_out_through_a_looping_link_is_said(tmp_path, monkeypatch, capsys, out):
    corpus = isolated_corpus(tmp_path, monkeypatch)
    monkeypatch.setenv("RAG_QUESTION_MODEL", "none")
    assert run_cli(capsys, "ingest", str(corpus))[0] == 0
    (tmp_path / "reports").symlink_to(tmp_path / "reports")
    questions = tmp_path / "q.jsonl"
    questions.write_text(json.dumps({"id": "q1", "question": "what pay rise?", "must_include": ["3%"],
                                     "source": "000_14b77b378cd60039.txt", "type": "fact"}) + "\n")
    status, _, err = run_cli(capsys, "eval", "--questions", str(questions), "--out", str(tmp_path / out),
                             "--retrieval-only")
    assert status == 2
    assert f"{tmp_path / 'reports'} is a link to {tmp_path / 'reports'}, which leads to nothing" in err
    assert "or a link looping back?" in err and "no question was asked" in err


def test_settings_through_a_looping_link_are_no_traceback(tmp_path, monkeypatch, capsys):
    """RAG_CORPUS_DIR or RAG_INDEX_DIR a looping link: `rag ingest` and `rag eval` were RuntimeError tracebacks."""
    corpus = isolated_corpus(tmp_path, monkeypatch)
    monkeypatch.setenv("RAG_QUESTION_MODEL", "none")
    (tmp_path / "loop").symlink_to(tmp_path / "loop")
    monkeypatch.setenv("RAG_CORPUS_DIR", str(tmp_path / "loop"))
    assert run_cli(capsys, "ingest", str(corpus))[0] == 0  # the folder given is ingested; the setting only compared
    questions = tmp_path / "q.jsonl"
    questions.write_text(json.dumps({"id": "q1", "question": "what pay rise?", "must_include": ["3%"],
                                     "source": "000_14b77b378cd60039.txt", "type": "fact"}) + "\n")
    run = ["eval", "--questions", str(questions), "--out", str(tmp_path / "out"), "--retrieval-only"]
    assert run_cli(capsys, *run)[0] == 0
    monkeypatch.setenv("RAG_INDEX_DIR", str(tmp_path / "loop"))
    status, _, err = run_cli(capsys, *run)
    assert status == 2 and "which leads to nothing" in err and "point RAG_INDEX_DIR" in err
