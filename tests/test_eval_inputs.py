"""`rag eval`'s inputs and output folder: a file where the output folder should be, and lines that are not UTF-8, are
said in one line (or skipped and counted, for the feedback log), never a traceback."""

import json

import pytest

from rag import cli
from rag.errors import InputError
from rag.evals.feedback_items import read_feedback_log
from rag.evals.runner import prepare_out_dir, run_eval
from rag.evals.scoring import load_questions

QUESTION = {"id": "q1", "question": "What pay award did managers get?", "answer": "3%", "must_include": ["3%"],
            "evidence": ["3%"], "source": "2026-summer-68", "article": "pay", "type": "fact"}


def test_an_out_that_is_a_file_is_refused_before_any_question_is_asked(tmp_path, monkeypatch, capsys):
    (tmp_path / "afile").write_text("results of something else")
    questions = tmp_path / "q.jsonl"
    questions.write_text(json.dumps(QUESTION) + "\n")
    monkeypatch.setenv("RAG_INDEX_DIR", str(tmp_path / "no-index"))  # a pipeline built first would fail on this
    assert cli.main(["eval", "--questions", str(questions), "--out", str(tmp_path / "afile"), "--retrieval-only"]) == 2
    err = capsys.readouterr()[1]
    assert err == (f"error: --out {tmp_path / 'afile'} is a file: give a folder, which will hold results.jsonl, "
                   "summary.json and report.html (e.g. evals/reports/latest)\n")
    assert (tmp_path / "afile").read_text() == "results of something else"


def test_run_eval_refuses_an_out_that_is_a_file_too(tmp_path):
    (tmp_path / "afile").write_text("x")
    with pytest.raises(InputError, match="is a file: give a folder"):
        run_eval([QUESTION], lambda q: {}, tmp_path / "afile", progress=False)
    assert prepare_out_dir(tmp_path / "new" / "run").is_dir()


def test_feedback_lines_not_in_utf8_are_skipped_and_counted_like_garbage(tmp_path, capsys):
    log = tmp_path / "feedback.jsonl"
    good = {"rating": "down", "question": "What pay award did managers get?", "answer": "x", "citations": []}
    log.write_bytes(b"garbage\n\xff\xfe not utf-8\n" + json.dumps(good).encode() + b"\n")
    entries, skipped = read_feedback_log(log)
    assert (entries, skipped) == ([good], 2)
    assert cli.main(["eval", "--from-feedback", str(log)]) == 0
    assert "skipped 2 unreadable log lines" in capsys.readouterr()[1]


def test_a_question_file_line_not_in_utf8_is_named(tmp_path):
    path = tmp_path / "q.jsonl"
    path.write_bytes(json.dumps(QUESTION).encode() + b"\n{\"id\": \"\xff\"}\n")
    with pytest.raises(InputError, match=r"q.jsonl, line 2: not UTF-8 .*save the file as UTF-8"):
        load_questions(path)
