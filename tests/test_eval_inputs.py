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


@pytest.mark.parametrize("content, said", [
    (b'{"recall@5": 0.8}\n{"mrr": 0.6}\n', "is not a JSON object (Extra data"),  # two objects: JSON lines, not JSON
    (b"[0.8]", "is not a JSON object: give a baseline file"),
    (b'{"recall@5": "0.8"}', "recall@5 = '0.8' is not a number"),
    (b'{"mrr": \xff}', "is not a JSON object ("),
    (None, "not found: give a baseline file such as evals/baseline.json"),
])
def test_a_bad_baseline_or_compare_folder_is_refused_before_any_question_is_asked(tmp_path, monkeypatch, capsys,
                                                                                  content, said):
    """A tester's find: --baseline was read only after every question had run (hours, with a model), and a file that
    was not one JSON object was a traceback (exit 1) with no verdict; a missing --compare folder was said after the
    run too."""
    questions = tmp_path / "q.jsonl"
    questions.write_text(json.dumps(QUESTION) + "\n")
    baseline = tmp_path / "baseline.json"
    if content is not None:
        baseline.write_bytes(content)
    monkeypatch.setenv("RAG_INDEX_DIR", str(tmp_path / "no-index"))  # a pipeline built first would fail on this
    out = tmp_path / "out"
    assert cli.main(["eval", "--questions", str(questions), "--out", str(out), "--retrieval-only",
                     "--baseline", str(baseline)]) == 2
    err = capsys.readouterr()[1]
    assert err.startswith(f"error: --baseline {baseline}") and said in err, err
    assert not out.exists()  # nothing was run or written
    assert cli.main(["eval", "--questions", str(questions), "--out", str(out), "--retrieval-only",
                     "--compare", str(tmp_path / "no-run")]) == 2
    assert "no-run/results.jsonl not found: give the --out folder of an earlier `rag eval` run" in capsys.readouterr()[1]
    assert not out.exists()


def test_a_questions_folder_is_said_to_be_a_folder_not_missing(tmp_path):
    """A tester's find: `rag eval --questions evals/` said "no such file" of a folder that is there."""
    with pytest.raises(InputError, match="cannot read the question file .*: it is a folder: give the questions.jsonl"):
        load_questions(tmp_path)
    with pytest.raises(InputError, match="no such file"):
        load_questions(tmp_path / "nope.jsonl")


def test_questions_naming_a_source_no_indexed_issue_has_are_warned_of(tmp_path):
    """A tester's find: an item whose source was a typo was scored as usual and filed under an issue of its own."""
    from rag.evals.scoring import unknown_sources

    known = {"2026-summer-68", "000_14b77b378cd60039.txt"}
    typo = {**QUESTION, "id": "q2", "source": "000_14b77b378cd60039.tx"}
    (warning,) = unknown_sources([QUESTION, typo, {**typo, "id": "q3", "source": ["000_14b77b378cd60039.txt"]}], known)
    assert warning.startswith("1 questions name a source that no indexed issue has (q2: '000_14b77b378cd60039.tx'): "
                              "give the issue's file name (or its id), one of 000_14b77b378cd60039.txt, 2026-summer-68")


def test_the_dev_set_names_only_issues_of_the_corpus():
    import tomllib
    from pathlib import Path

    from rag.evals.scoring import unknown_sources

    root = Path(__file__).resolve().parent.parent
    known = {x for toml in (root / "corpus").glob("*/issue.toml")
             for x in (toml.parent.name, tomllib.loads(toml.read_text())["source"])}
    assert unknown_sources(load_questions(root / "evals" / "questions.jsonl"), known) == []


def test_a_question_file_saved_with_a_byte_order_mark_is_read(tmp_path):
    """Notepad's 'UTF-8 with BOM': line 1 was 'not valid JSON (Unexpected UTF-8 BOM ...)'."""
    item = {"id": "a", "question": "What pay rise did VSMs get?", "must_include": ["3%"], "source": "x.txt",
            "type": "fact"}
    path = tmp_path / "q.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(item).encode() + b"\r\n" + json.dumps({**item, "id": "b"}).encode())
    assert [q["id"] for q in load_questions(path)] == ["a", "b"]
    path.write_bytes(b"\n\xef\xbb\xbf" + json.dumps(item).encode())  # a BOM anywhere else is no BOM of the file
    with pytest.raises(InputError, match="line 2: not valid JSON"):
        load_questions(path)


def test_a_baseline_saved_with_a_byte_order_mark_is_read(tmp_path):
    from rag.evals.runner import read_baseline

    path = tmp_path / "baseline.json"
    path.write_bytes(b'\xef\xbb\xbf{"recall@5": 0.8}')
    assert read_baseline(path) == {"recall@5": 0.8}


@pytest.mark.parametrize("question,says", [
    ("pay " * 600, "That question is 2399 characters long; please keep it under 1000"),
    ("\u200b\u200d\u2060", "Please type a question")])
def test_a_question_no_member_could_ask_is_refused_before_the_run(tmp_path, monkeypatch, capsys, question, says):
    """Over the length limit, or invisible characters only: it failed at run time, counted among the errors and
    scored against the refusals (a tester's find)."""
    path = tmp_path / "q.jsonl"
    path.write_text(json.dumps(QUESTION) + "\n" + json.dumps({**QUESTION, "id": "q2", "question": question}) + "\n")
    with pytest.raises(InputError, match=f"line 2, field 'question': {says}"):
        load_questions(path, max_chars=1000)
    assert len(load_questions(path)) == 2  # read as data elsewhere (feedback drafts), the length is no concern
    monkeypatch.setenv("RAG_INDEX_DIR", str(tmp_path / "no-index"))  # refused before any index is read
    assert cli.main(["eval", "--questions", str(path), "--out", str(tmp_path / "out"), "--retrieval-only"]) == 2
    assert f"line 2, field 'question': {says}" in capsys.readouterr()[1]
    assert not (tmp_path / "out").exists()


def test_a_question_file_written_as_one_json_array_is_named_as_such(tmp_path):
    """A tester's: the whole set as one JSON array was "expected a JSON object", which it holds."""
    questions = tmp_path / "q.json"
    questions.write_text(json.dumps([QUESTION, {**QUESTION, "id": "q2"}]) + "\n")
    with pytest.raises(InputError, match=r"line 1: a JSON array, where one question object per line is expected"):
        load_questions(questions)


def test_a_question_with_no_type_is_told_it_is_missing(tmp_path):
    """A tester's: a record with no "type" was told "got None", as if null had been written."""
    questions = tmp_path / "q.jsonl"
    questions.write_text(json.dumps({k: v for k, v in QUESTION.items() if k != "type"}) + "\n")
    with pytest.raises(InputError, match=r"field 'type': missing: add \"type\": one of fact"):
        load_questions(questions)
    questions.write_text(json.dumps({**QUESTION, "type": None}) + "\n")
    with pytest.raises(InputError, match=r"got None"):
        load_questions(questions)


def test_compare_given_a_results_file_asks_for_its_folder(tmp_path):
    """Tester 30: `rag eval --compare run/results.jsonl` said "run/results.jsonl/results.jsonl is unreadable (Not a
    directory), not a file", which read as if the file were damaged."""
    from rag.evals.runner import load_results

    run = tmp_path / "run"
    run.mkdir()
    (run / "results.jsonl").write_text("")
    with pytest.raises(InputError, match=rf"--compare {run}/results.jsonl is a file: give the --out folder of an "
                                         rf"earlier `rag eval` run \({run}\)"):
        load_results(run / "results.jsonl")


def test_compare_with_a_run_stopped_before_its_end_says_so(tmp_path):
    """Tester 31: `--compare` given the folder of a first run that was stopped said only "results.jsonl not found"."""
    from rag.evals.runner import load_results

    (tmp_path / "results.jsonl.partial").write_text('{"id": "q1", "score": {}}\n')
    with pytest.raises(InputError, match=r"stopped before its end .*results\.jsonl\.partial holds the questions it "
                                         r"asked\); run it again to the end"):
        load_results(tmp_path)
    with pytest.raises(InputError, match="not found: give the --out folder"):
        load_results(tmp_path / "elsewhere")


def test_a_control_character_in_a_question_line_is_named_with_its_column(tmp_path):
    """Tester 31: a NUL inside a question gave "not valid JSON (Invalid control character at)", the place cut off."""
    path = tmp_path / "q.jsonl"
    path.write_bytes(b'{"id": "a", "question": "pay\x00rise"}\n')
    with pytest.raises(InputError, match=r"line 1: not valid JSON \(Invalid control character, column 29\)"):
        load_questions(path)
