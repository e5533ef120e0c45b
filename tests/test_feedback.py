"""Thumbs-down feedback becomes draft eval items that staff must complete before they run."""

import json

import pytest

from rag.errors import InputError
from rag.evals.feedback_items import drafts_from_feedback, guess_type, read_feedback_log
from rag.evals.scoring import load_questions


def entry(question, rating="down", comment="", standalone="", answer="It was 3%.", refused=False):
    return {"time": "2026-07-01T10:00:00+00:00", "rating": rating, "comment": comment, "question": question,
            "standalone_question": standalone, "answer": answer, "refused": refused,
            "citations": [{"n": 1, "chunk_id": "c1", "issue": "2024-spring", "article": "Pay round", "page": 3}],
            "hits": [{"rank": 1, "chunk_id": "c1", "score": 0.8, "article": "Pay round", "issue": "2024-spring"}],
            "llm": "local", "index_version": "v4"}


def test_only_thumbs_down_becomes_a_draft_with_a_note():
    drafts = drafts_from_feedback([
        entry("and in 2024?", standalone="What was the pay award in 2024?", comment="wrong year, it was 5%"),
        entry("where is the office?", rating="up"),
    ])
    assert len(drafts) == 1
    d = drafts[0]
    assert d["question"] == "What was the pay award in 2024?"  # stands alone, unlike the chat turn
    assert (d["must_include"], d["evidence"], d["answer"], d["type"]) == ([], [], "", "fact")
    assert d["id"].startswith("fb-")
    for text in ("wrong year, it was 5%", "and in 2024?", "It was 3%.", "local", "v4", "Pay round (2024-spring)"):
        assert text in d["draft_note"]


def test_only_the_latest_vote_on_an_answer_counts():
    changed = [entry("pay in 2024?") | {"answer_id": "a1"}, entry("pay in 2024?", rating="up") | {"answer_id": "a1"},
               entry("pay in 2025?") | {"answer_id": "a2"}, entry("pay in 2025?", rating="none") | {"answer_id": "a2"},
               entry("pay in 2026?", rating="up") | {"answer_id": "a3"}, entry("pay in 2026?") | {"answer_id": "a3"}]
    assert [d["question"] for d in drafts_from_feedback(changed)] == ["pay in 2026?"]


def test_duplicates_by_normalised_question_and_existing_items_are_skipped():
    drafts = drafts_from_feedback(
        [entry("What\u2019s the latest pay offer?"), entry("  what's the LATEST   pay offer? "),
         entry("Where is the office?"), entry("")],
        existing=[{"question": "where is the OFFICE?"}],
    )
    assert [d["question"] for d in drafts] == ["What\u2019s the latest pay offer?"]
    assert drafts[0]["type"] == "temporal"


def test_ids_are_stable_across_runs():
    a = drafts_from_feedback([entry("Who chairs the union?")])
    b = drafts_from_feedback([entry("who chairs the union?", comment="other")])
    assert a[0]["id"] == b[0]["id"]


@pytest.mark.parametrize("question, expected", [
    ("What is the current pay offer?", "temporal"),
    ("Can I refuse to work overtime?", "advice"),
    ("Who wrote the editorial?", "fact"),
])
def test_guess_type(question, expected):
    assert guess_type(question) == expected


def test_a_refusal_is_noted():
    assert "refused" in drafts_from_feedback([entry("q?", refused=True, answer="")])[0]["draft_note"]


def test_drafts_are_not_runnable_until_completed(tmp_path):
    p = tmp_path / "drafts.jsonl"
    p.write_text("".join(json.dumps(d) + "\n" for d in drafts_from_feedback([entry("Who chairs the union?")])))
    with pytest.raises(InputError, match="line 1"):
        load_questions(p)


def test_read_feedback_log_skips_a_cut_line(tmp_path):
    p = tmp_path / "feedback.jsonl"
    p.write_text(json.dumps(entry("a?")) + "\n\n" + json.dumps(entry("b?")) + "\n" + '{"time": "2026')
    entries, skipped = read_feedback_log(p)
    assert [e["question"] for e in entries] == ["a?", "b?"] and skipped == 1
    with pytest.raises(InputError, match="not found"):
        read_feedback_log(tmp_path / "missing.jsonl")
