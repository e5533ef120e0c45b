"""run_eval with fake `ask` callables: the three files, errors recorded, --compare on two runs."""

import json

import pytest

from rag.errors import InputError
from rag.evals.compare import compare
from rag.evals.runner import load_results, run_eval
from rag.types import Answer, Citation, Hit

PAY = "the pay award for managers is 5 per cent from April"
OFFICE = "Centenary House, 93-95 Borough High St, London, SE1 1NL"

QUESTIONS = [
    {"id": "pay", "question": "what is the pay award?", "answer": "5%", "must_include": ["5 per cent"],
     "evidence": [PAY], "source": "i1.txt", "article": "Pay", "type": "fact"},
    {"id": "office", "question": "where is the office?", "answer": "Borough High St", "must_include": ["SE1 1NL"],
     "evidence": [OFFICE], "source": "i2.txt", "article": "Masthead", "type": "fact"},
    {"id": "boom", "question": "this one breaks", "answer": "", "must_include": [], "evidence": [],
     "source": "i1.txt", "article": "", "type": "unanswerable"},
]


def make_hit(rank, text):
    return Hit(rank=rank, chunk_id=f"c-{abs(hash(text)) % 10**6}", score=1.0 / rank, text=text, issue="i",
               issue_title="Issue", date="2024-01-01", article="A", article_id="a", page=1, url="/a")


def fake_ask(passages, *, fail_on="this one breaks"):
    """An ask() that ranks the given passages in order and answers with the first one, citing it."""

    def ask(question):
        if question == fail_on:
            raise RuntimeError("index exploded")
        hits = tuple(make_hit(i + 1, t) for i, t in enumerate(passages[question]))
        c = hits[0]
        cite = Citation(n=1, chunk_id=c.chunk_id, text=c.text, issue=c.issue, issue_title=c.issue_title,
                        date=c.date, article=c.article, page=c.page, url=c.url)
        return Answer(question=question, answer=f"{c.text} [1]", refused=False, citations=(cite,), hits=hits,
                      llm="scripted", timings_ms={"retrieve": 5, "generate": 20, "total": 25},
                      index_version="v1").to_dict()

    return ask


GOOD = {"what is the pay award?": [PAY, "other"], "where is the office?": ["other", OFFICE]}
WORSE = {"what is the pay award?": ["other", "more", "x", "y", "z", PAY], "where is the office?": ["other", OFFICE]}


def test_run_eval_writes_the_three_files_and_records_a_failing_question(tmp_path):
    summary = run_eval(QUESTIONS, fake_ask(GOOD), tmp_path / "run", progress=False)
    rows = [json.loads(line) for line in (tmp_path / "run" / "results.jsonl").read_text().splitlines()]
    assert [r["id"] for r in rows] == ["pay", "office", "boom"]
    assert rows[0]["answer"].startswith(PAY) and rows[0]["score"]["found_rank"] == 1
    assert rows[1]["score"]["found_rank"] == 2
    assert rows[2]["error"] == "RuntimeError: index exploded" and not rows[2]["score"]["passed"]
    assert rows[2]["score"]["reasons"] == ["pipeline error: RuntimeError: index exploded"]
    on_disk = json.loads((tmp_path / "run" / "summary.json").read_text())
    assert on_disk == summary
    o = summary["overall"]
    assert o["recall@1"] == 0.5 and o["recall@5"] == 1.0 and o["mrr"] == 0.75
    assert rows[1]["score"]["reasons"] == ["answer lacks: SE1 1NL"]  # it answered from the first passage
    assert o["answer_correct_rate"] == 0.5 and o["errors"] == 1 and o["invalid_citations"] == 0
    assert o["unanswerable_refused_rate"] == 0.0  # the failed question did not refuse
    assert summary["meta"]["llm"] == "scripted" and summary["meta"]["index_version"] == "v1"
    page = (tmp_path / "run" / "report.html").read_text()
    assert all(f'id="q-{q["id"]}"' in page for q in QUESTIONS) and "index exploded" in page


def test_retrieval_only_run_has_no_answer_figures(tmp_path):
    def ask(question):
        hits = [make_hit(i + 1, t).to_dict() for i, t in enumerate(GOOD[question])]
        return {"question": question, "hits": hits, "timings_ms": {"retrieve": 3, "total": 3}}

    summary = run_eval(QUESTIONS[:2], ask, tmp_path, progress=False, retrieval_only=True, meta={"llm": "none"})
    o = summary["overall"]
    assert o["mrr"] == 0.75 and o["answer_correct_rate"] is None and o["citation_precision"] is None
    assert summary["retrieval_only"] is True and summary["meta"]["llm"] == "none"


def test_compare_two_runs_flags_the_planted_regression(tmp_path):
    run_eval(QUESTIONS[:2], fake_ask(GOOD), tmp_path / "old", progress=False)
    run_eval(QUESTIONS[:2], fake_ask(WORSE), tmp_path / "new", progress=False)
    cmp = compare(load_results(tmp_path / "old"), load_results(tmp_path / "new"))
    assert cmp["regressed"] == ["pay"] and cmp["improved"] == []
    pay = cmp["questions"][0]
    assert pay["changes"]["found_rank"] == "regressed" and (pay["old"]["found_rank"], pay["new"]["found_rank"]) == (1, 6)
    assert cmp["deltas"]["recall@5"] == -0.5


def test_load_results_says_what_to_do(tmp_path):
    with pytest.raises(InputError, match="--out folder"):
        load_results(tmp_path)
    (tmp_path / "results.jsonl").write_text('{"id": "a"}\n')
    with pytest.raises(InputError, match="line 1"):
        load_results(tmp_path)


def test_an_interrupted_run_leaves_the_earlier_run_whole_and_its_own_answers_beside_it(tmp_path, capsys):
    """A tester's find: Ctrl-C during `rag eval --out DIR` overwrote DIR/results.jsonl with the questions asked so
    far, under the earlier run's summary.json and report.html: the earlier results were lost, and the folder's
    three files disagreed (a later --compare DIR read 17 results of 260)."""
    out = tmp_path / "run"
    run_eval(QUESTIONS, fake_ask(GOOD), out, progress=False)
    before = {name: (out / name).read_bytes() for name in ("results.jsonl", "summary.json", "report.html")}
    ask = fake_ask(GOOD)

    def interrupted(question):
        if question == "where is the office?":
            raise KeyboardInterrupt
        return ask(question)

    with pytest.raises(KeyboardInterrupt):
        run_eval(QUESTIONS, interrupted, out, progress=False)
    assert {name: (out / name).read_bytes() for name in before} == before
    assert [json.loads(line)["id"] for line in (out / "results.jsonl.partial").read_text().splitlines()] == ["pay"]
    assert "evaluation interrupted: " in capsys.readouterr()[1]
    run_eval(QUESTIONS, fake_ask(GOOD), out, progress=False)  # a whole run replaces it
    assert not (out / "results.jsonl.partial").exists() and len(load_results(out)) == 3
