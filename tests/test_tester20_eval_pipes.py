"""`rag eval`'s inputs that are named pipes are refused at once, naming what they are: `--compare DIR` whose
results.jsonl is a named pipe waited for a writer for ever (a tester's find), and a piped --questions or --baseline was
"no such file" / "not found"."""

import json
import os
import signal

import pytest

from tests.conftest import run_cli


def _timed_out(*_):
    raise TimeoutError("rag eval waited on a named pipe")


@pytest.fixture
def pipe_run(tmp_path, capsys):
    questions = tmp_path / "q.jsonl"
    questions.write_text(json.dumps({"id": "q1", "question": "what pay rise?", "type": "fact", "must_include": ["3%"],
                                     "source": "x.txt"}) + "\n")
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)

    def run(*args):
        old = signal.signal(signal.SIGALRM, _timed_out)
        signal.alarm(30)
        try:
            return run_cli(capsys, "eval", "--out", str(tmp_path / "out"), "--llm", "extractive", *args)
        finally:
            signal.alarm(0)
            signal.signal(signal.SIGALRM, old)
    return tmp_path, questions, pipe, run


def test_a_compare_folder_whose_results_are_a_pipe_is_refused_without_waiting(pipe_run):
    tmp_path, questions, _, run = pipe_run
    (tmp_path / "earlier").mkdir()
    os.mkfifo(tmp_path / "earlier" / "results.jsonl")
    status, _, err = run("--questions", str(questions), "--compare", str(tmp_path / "earlier"))
    assert status == 2 and "results.jsonl is a named pipe (FIFO), not a file" in err


def test_a_piped_questions_or_baseline_file_is_named_as_a_pipe(pipe_run):
    _, questions, pipe, run = pipe_run
    status, _, err = run("--questions", str(pipe))
    assert status == 2 and "it is a named pipe (FIFO), not a file" in err  # was "no such file"
    status, _, err = run("--questions", str(questions), "--baseline", str(pipe))
    assert status == 2 and f"--baseline {pipe} is a named pipe (FIFO)" in err  # was "not found"
