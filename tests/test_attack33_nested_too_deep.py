"""A file nesting brackets some thousands deep (a hostile or generated file: `x = [[[[...]]]]` in issue.toml, a
questions or feedback line of nested arrays) was a RecursionError traceback (exit 1) from `rag ingest` and `rag
eval`: tomllib and json read nesting recursively. Now a refusal naming the file (and line), or, in a feedback log,
a line skipped and counted like any unreadable one."""

import json

import pytest

from rag.corpus.folders import read_issue_toml
from rag.errors import InputError
from rag.evals.feedback_items import read_feedback_log
from rag.evals.scoring import load_questions

DEEP = "[" * 20_000 + "]" * 20_000  # under the 64 KB an issue.toml may hold


def test_an_issue_toml_nested_too_deep_is_refused(tmp_path):
    folder = tmp_path / "2026-autumn-69"
    folder.mkdir()
    (folder / "issue.toml").write_text('title = "HM 69"\nseason = "autumn 2026"\ndate = "2026-09-01"\n'
                                       f'source = "hm69.md"\nx = {DEEP}\n')
    with pytest.raises(InputError, match=r"issue.toml nests arrays or tables too deeply to be read"):
        read_issue_toml(folder)


def test_a_questions_line_nested_too_deep_is_refused_naming_the_line(tmp_path):
    path = tmp_path / "q.jsonl"
    good = json.dumps({"id": "q1", "question": "who?", "must_include": ["x"], "source": "a.txt", "type": "fact"})
    path.write_text(good + "\n" + '{"id": ' + DEEP + "}\n")
    with pytest.raises(InputError, match=rf"{path}, line 2: nests arrays or objects too deeply to be read"):
        load_questions(path)


def test_a_feedback_line_nested_too_deep_is_skipped(tmp_path):
    path = tmp_path / "feedback.jsonl"
    path.write_text(json.dumps({"rating": "down", "question": "who?"}) + "\n" + '{"x": ' + DEEP + "}\n")
    entries, skipped = read_feedback_log(path)
    assert len(entries) == 1 and skipped == 1


def test_a_history_line_nested_too_deep_is_damage_said_as_such(tmp_path):
    from rag.errors import RagError
    from rag.index.history import served

    path = tmp_path / "HISTORY"
    path.write_text(json.dumps({"version": "v1", "event": "publish", "at": ""}) + "\n" + DEEP + "\n")
    with pytest.raises(RagError, match=r"HISTORY, line 2 is damaged"):
        served(path)


def test_a_questions_cache_line_nested_too_deep_is_skipped(tmp_path):
    from rag.index.questions import read_cache

    path = tmp_path / "questions.jsonl"
    path.write_text(json.dumps({"key": "k", "questions": ["who?"]}) + "\n" + DEEP + "\n")
    assert read_cache(path) == {"k": ["who?"]}


def test_a_baseline_nested_too_deep_is_refused(tmp_path):
    from rag.evals.runner import read_baseline

    path = tmp_path / "baseline.json"
    path.write_text(DEEP)
    with pytest.raises(InputError, match=r"--baseline .* is not a JSON object"):
        read_baseline(path)


def test_a_questions_cache_line_whose_questions_are_no_list_is_skipped(tmp_path):
    from rag.index.questions import read_cache

    path = tmp_path / "questions.jsonl"
    path.write_text(json.dumps({"key": "k", "questions": ["who?"]}) + "\n"
                    + json.dumps({"key": "j", "questions": "what is the pay award?"}) + "\n")
    assert read_cache(path) == {"k": ["who?"]}  # before: "j" held 21 questions of one character each
