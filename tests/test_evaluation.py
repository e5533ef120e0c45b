"""Scoring checked against figures worked out by hand on tiny made-up results."""

import json
import math

import pytest

from rag.errors import InputError
from rag.evals.compare import check_baseline, compare, raised_baseline
from rag.evals.scoring import load_questions, percentile, score_question, summarize

EVIDENCE = "the pay award for managers is 5 per cent from April"
OTHER = "the conference takes place in Manchester in October"


def hit(rank, text, chunk_id=None):
    return {"rank": rank, "chunk_id": chunk_id or f"c{rank}", "score": 1.0 / rank, "text": text, "issue": "i1",
            "date": "2024-01-01", "article": "Pay", "page": 1, "url": f"/a#c{rank}"}


def item(qid="q1", type_="fact", evidence=(EVIDENCE,), must=("5 per cent",), source="000.txt"):
    return {"id": qid, "question": "what is the pay award?", "answer": "5%", "must_include": list(must),
            "evidence": list(evidence), "source": source, "article": "Pay", "type": type_}


def result(hits, answer="", refused=False, citations=(), retrieve=10, total=100):
    return {"question": "q", "answer": answer, "refused": refused, "citations": list(citations), "hits": hits,
            "llm": "fake", "timings_ms": {"retrieve": retrieve, "generate": total - retrieve, "total": total}}


def ranked(relevant_ranks, n=10):
    return [hit(r, f"Filler text {r}. " + (EVIDENCE if r in relevant_ranks else "nothing relevant here"))
            for r in range(1, n + 1)]


def test_recall_mrr_ndcg_for_a_known_ranking():
    s = score_question(item(), result(ranked({2, 4})))
    assert s["found_rank"] == 2
    assert (s["recall@1"], s["recall@5"], s["recall@10"]) == (0.0, 1.0, 1.0)
    assert s["rr"] == 0.5
    # DCG = 1/log2(3) + 1/log2(5); ideal puts the two relevant hits at ranks 1 and 2: 1 + 1/log2(3)
    assert s["ndcg@10"] == pytest.approx(1.0616063 / 1.6309298, abs=1e-6)
    assert s["ndcg@10"] == pytest.approx(0.650920, abs=1e-5)


def test_relevant_only_beyond_ten_counts_as_missed():
    s = score_question(item(), result(ranked({12}, n=12)))
    assert s["found_rank"] == 12
    assert (s["recall@5"], s["recall@10"]) == (0.0, 0.0)
    assert s["rr"] == pytest.approx(1 / 12)
    assert s["ndcg@10"] == 0.0  # the ideal ranking has the one relevant hit at rank 1; DCG@10 is 0
    assert any("rank 12" in r for r in s["reasons"])


def test_nothing_found_scores_zero_and_says_why():
    s = score_question(item(), result(ranked(set())))
    assert s["found_rank"] is None and s["rr"] == 0.0 and s["ndcg@10"] == 0.0 and s["recall@10"] == 0.0
    assert not s["passed"]
    assert any("no retrieved passage" in r for r in s["reasons"])


def test_evidence_cut_by_a_chunk_boundary_still_counts():
    # 9 of the span's 11 tokens as one run (>= 70%)
    s = score_question(item(), result([hit(1, "unrelated"), hit(2, "... the pay award for managers is 5 per cent")]))
    assert s["found_rank"] == 2


def test_partial_credit_after_normalisation():
    it = item(must=("Borough High St", "SE1 1NL", "Centenary House"))
    s = score_question(it, result(ranked({1}), answer="MiP is at 93\u201395 BOROUGH high st,\nlondon se1 1nl."))
    assert (s["facts_found"], s["facts_total"]) == (2, 3)
    assert s["partial"] == pytest.approx(2 / 3)
    assert s["correct"] is False
    assert s["missing"] == ["Centenary House"]
    assert any("Centenary House" in r for r in s["reasons"])


def test_citation_precision_and_invalid_citations():
    hits = [hit(1, EVIDENCE), hit(2, OTHER), hit(3, "something else")]
    cites = [
        {"n": 1, "chunk_id": "c1", "text": EVIDENCE, "supported": False},  # covers the evidence: precise
        {"n": 2, "chunk_id": "c2", "text": OTHER, "supported": True},  # supports its sentence: precise
        {"n": 3, "chunk_id": "c3", "text": "something else", "supported": False},  # neither
        {"n": 4, "chunk_id": "zz", "text": EVIDENCE, "supported": True},  # not retrieved: invalid
    ]
    s = score_question(item(), result(hits, answer="5 per cent", citations=cites))
    assert (s["citations"], s["precise_citations"], s["invalid_citations"]) == (4, 2, 1)
    assert s["citation_precision"] == 0.5
    assert s["correct"] is True and not s["passed"]
    assert any("[4]" in r and "not retrieved" in r for r in s["reasons"])
    assert any("[3]" in r for r in s["reasons"])


def test_refusals_right_and_wrong():
    unans = item("u1", type_="unanswerable", evidence=(), must=())
    right = score_question(unans, result(ranked(set()), answer="Not in the archive.", refused=True))
    wrong = score_question(unans, result(ranked(set()), answer="It is 7%.", refused=False))
    refused_answerable = score_question(item(), result(ranked({1}), refused=True, answer="Not in the archive."))
    assert right["refusal_right"] is True and right["passed"] and right["recall@5"] is None
    assert wrong["refusal_right"] is False and not wrong["passed"]
    assert refused_answerable["refusal_right"] is False and refused_answerable["correct"] is False
    assert any("refused" in r for r in refused_answerable["reasons"])


def test_percentile_by_linear_interpolation():
    assert percentile([400, 100, 300, 200], 50) == 250
    assert percentile([100, 200, 300, 400], 95) == pytest.approx(385)  # pos 2.85 -> 300 + 0.85 * 100
    assert percentile([7], 95) == 7
    assert percentile([], 50) is None


def scored_set():
    return [
        score_question(item("a", source="i1.txt"), result(ranked({1}), answer="5 per cent", retrieve=10, total=100)),
        score_question(item("b", type_="paraphrase", source="i1.txt"), result(ranked({4}), answer="no idea",
                                                                           retrieve=20, total=200)),
        score_question(item("c", type_="cross_issue", source=["i1.txt", "i2.txt"], must=("5 per cent", "April")),
                       result(ranked(set()), answer="5 per cent", retrieve=30, total=300)),
        score_question(item("u", type_="unanswerable", evidence=(), must=(), source="i2.txt"),
                       result(ranked(set()), answer="Not in the archive.", refused=True, retrieve=40, total=400)),
    ]


def test_summary_overall_by_hand():
    o = summarize(scored_set())["overall"]
    assert (o["n"], o["answerable"], o["unanswerable"]) == (4, 3, 1)
    assert o["recall@1"] == pytest.approx(1 / 3)
    assert o["recall@5"] == pytest.approx(2 / 3)
    assert o["mrr"] == pytest.approx((1 + 0.25 + 0) / 3)
    assert o["ndcg@10"] == pytest.approx((1 + 1 / math.log2(5) + 0) / 3)
    assert o["answer_correct_rate"] == pytest.approx(1 / 3)
    assert o["partial_credit"] == pytest.approx((1 + 0 + 0.5) / 3)
    assert o["unanswerable_refused_rate"] == 1.0 and o["answerable_wrongly_refused_rate"] == 0.0
    assert (o["retrieve_ms_median"], o["retrieve_ms_p95"]) == (25, pytest.approx(38.5))
    assert (o["total_ms_median"], o["total_ms_p95"]) == (250, pytest.approx(385))
    assert o["citation_precision"] is None and o["citations"] == 0
    assert o["passed"] == 2  # a and u


def test_summary_per_type_and_cross_issue_counts_in_each_source():
    s = summarize(scored_set())
    assert set(s["by_type"]) == {"fact", "paraphrase", "cross_issue", "unanswerable"}
    assert s["by_type"]["paraphrase"]["mrr"] == 0.25
    assert s["by_type"]["unanswerable"]["recall@5"] is None
    assert s["by_issue"]["i1.txt"]["n"] == 3 and s["by_issue"]["i2.txt"]["n"] == 2
    assert s["by_issue"]["i2.txt"]["recall@5"] == 0.0  # only c is answerable there


def test_retrieval_only_leaves_answer_metrics_absent_not_zero():
    only = {"question": "q", "hits": ranked({3}), "timings_ms": {"retrieve": 12, "total": 12}}
    s = score_question(item(), only)
    assert s["correct"] is None and s["partial"] is None and s["refused"] is None
    summary = summarize([s])
    o = summary["overall"]
    assert summary["retrieval_only"] is True
    assert o["answer_correct_rate"] is None and o["partial_credit"] is None and o["citation_precision"] is None
    assert o["unanswerable_refused_rate"] is None and o["answerable_wrongly_refused_rate"] is None
    assert o["recall@5"] == 1.0 and o["mrr"] == pytest.approx(1 / 3)


def test_compare_flags_a_planted_regression():
    old = [score_question(item("a"), result(ranked({1}), answer="5 per cent")),
           score_question(item("b"), result(ranked({3}), answer="nope"))]
    new = [score_question(item("a"), result(ranked(set()), answer="nope")),
           score_question(item("b"), result(ranked({3}), answer="5 per cent"))]
    cmp = compare([{"id": s["id"], "score": s} for s in old], new)
    assert cmp["regressed"] == ["a"] and cmp["improved"] == ["b"]
    a = next(q for q in cmp["questions"] if q["id"] == "a")
    assert a["changes"] == {"found_rank": "regressed", "correct": "regressed"}
    assert cmp["counts"]["found_rank"] == {"improved": 0, "regressed": 1, "unchanged": 1}
    assert cmp["counts"]["refusal_right"]["unchanged"] == 2
    assert cmp["deltas"]["recall@5"] == pytest.approx(-0.5)


def test_check_baseline():
    summary = {"overall": {"recall@5": 0.70, "mrr": 0.6004}}
    assert check_baseline(summary, {"recall@5": 0.70, "mrr": 0.6, "date": "2026-01-01"}) == []
    assert check_baseline(summary, {"recall@5": 0.7004, "mrr": 0.6}) == []  # within epsilon
    failures = check_baseline(summary, {"recall@5": 0.75, "mrr": 0.65, "date": "2026-01-01", "index_version": "v3"})
    assert len(failures) == 2
    assert "recall@5" in failures[0] and "0.7000" in failures[0] and "0.7500" in failures[0] and "v3" in failures[0]
    assert check_baseline({"overall": {"recall@5": None, "mrr": 0.7}}, {"recall@5": 0.5})[0].startswith("recall@5")


def test_raised_baseline_only_goes_up():
    base = {"recall@5": 0.7, "mrr": 0.6, "date": "old"}
    assert raised_baseline({"overall": {"recall@5": 0.69, "mrr": 0.6}}, base, date="new") is None
    up = raised_baseline({"overall": {"recall@5": 0.812345, "mrr": 0.5}}, base, date="new", index_version="v9")
    assert up == {"recall@5": 0.8123, "mrr": 0.6, "date": "new", "index_version": "v9"}


def write_lines(tmp_path, lines):
    p = tmp_path / "q.jsonl"
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return p


def test_load_questions_accepts_the_format(tmp_path):
    good = [json.dumps(item("a")), "", json.dumps(item("b", type_="cross_issue", source=["x.txt", "y.txt"])),
            json.dumps(item("u", type_="unanswerable", evidence=(), must=()))]
    assert [q["id"] for q in load_questions(write_lines(tmp_path, good))] == ["a", "b", "u"]


@pytest.mark.parametrize("bad, line, field", [
    ({**item("b"), "evidence": "not a list"}, 2, "evidence"),
    ({**item("b"), "type": "trivia"}, 2, "type"),
    ({k: v for k, v in item("b").items() if k != "question"}, 2, "question"),
    ({**item("b"), "source": []}, 2, "source"),
    ({**item("b"), "evidence": [], "must_include": []}, 2, "evidence"),
    ({**item("a")}, 2, "id"),  # duplicate id
])
def test_load_questions_names_the_line_and_field(tmp_path, bad, line, field):
    p = write_lines(tmp_path, [json.dumps(item("a")), json.dumps(bad)])
    with pytest.raises(InputError, match=rf"line {line}, field '{field}'"):
        load_questions(p)


def test_load_questions_rejects_broken_json_and_empty_files(tmp_path):
    with pytest.raises(InputError, match="line 2: not valid JSON"):
        load_questions(write_lines(tmp_path, [json.dumps(item("a")), '{"id": "b", ']))
    with pytest.raises(InputError, match="no questions"):
        load_questions(write_lines(tmp_path, [""]))


def test_citation_evidence_rate_is_independent_of_the_supported_flag():
    from rag.evals.scoring import score_question, summarize

    item = {"id": "x", "question": "q", "answer": "a", "must_include": ["3%"], "type": "fact", "source": "f",
            "article": "h", "evidence": ["managers get a 3% pay rise this year after talks"]}
    hits = [{"rank": 1, "chunk_id": "a", "text": "Managers get a 3% pay rise this year after talks."},
            {"rank": 2, "chunk_id": "b", "text": "Something else entirely."}]
    cites = [{"n": 1, "chunk_id": "a", "text": hits[0]["text"], "supported": True},
             {"n": 2, "chunk_id": "b", "text": hits[1]["text"], "supported": True}]
    result = {"question": "q", "answer": "3% [1][2]", "refused": False, "citations": cites, "hits": hits,
              "timings_ms": {"retrieve": 1, "total": 2}}
    overall = summarize([score_question(item, result)])["overall"]
    assert overall["citation_precision"] == 1.0  # both flagged supported by the pipeline
    assert overall["citation_evidence_rate"] == 0.5  # only one covers the evidence


def test_a_passage_the_pipeline_added_after_retrieval_is_a_source_not_a_retrieval_result():
    # the advice line's passage (rank 0) is cited and shown, but was not found by retrieval
    added = {**hit(1, "Members needing personal advice should contact MiP. " + EVIDENCE, chunk_id="advice"), "rank": 0}
    cite = {"n": 11, "chunk_id": "advice", "text": added["text"], "supported": True}
    s = score_question(item(), result([*ranked(set()), added], answer="5 per cent [11]", citations=[cite]))
    assert s["found_rank"] is None and s["rr"] == 0.0  # retrieval missed it
    assert s["invalid_citations"] == 0  # a source the member is shown
