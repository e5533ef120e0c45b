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
