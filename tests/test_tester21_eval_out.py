"""rag eval --out in the index or the corpus folder is refused before any question is asked: `--out index` wrote
results.jsonl, summary.json and report.html among CURRENT and the versions (which rag ingest alone writes), and
`--out corpus/ISSUE` beside the issue's own file (a tester's find)."""

import json

import pytest

from tests.conftest import isolated_corpus, run_cli

QUESTION = {"id": "a", "question": "pay award", "answer": "x", "must_include": ["pay"],
            "evidence": ["the pay award for this year was made"], "source": "000_14b77b378cd60039.txt",
            "article": "Pay", "type": "fact"}


@pytest.fixture
def setup(tmp_path, monkeypatch, capsys):
    corpus = isolated_corpus(tmp_path, monkeypatch)
    assert run_cli(capsys, "ingest", str(corpus))[0] == 0
    questions = tmp_path / "q.jsonl"
    questions.write_text(json.dumps(QUESTION) + "\n")
    return corpus, tmp_path / "index", questions


@pytest.mark.parametrize("where", ["index", "index/versions", "corpus", "corpus/2026-summer-68"])
def test_out_in_the_index_or_corpus_is_refused(setup, tmp_path, capsys, where):
    corpus, index, questions = setup
    before = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))
    status, _, err = run_cli(capsys, "eval", "--questions", str(questions), "--out", str(tmp_path / where),
                             "--retrieval-only")
    assert status == 2 and "which holds no reports: give a folder of its own" in err, err
    assert sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*")) == before  # nothing written


def test_out_beside_them_is_fine(setup, tmp_path, capsys):
    _, _, questions = setup
    status, _, _ = run_cli(capsys, "eval", "--questions", str(questions), "--out", str(tmp_path / "reports"),
                           "--retrieval-only")
    assert status == 0 and (tmp_path / "reports" / "summary.json").is_file()
