"""The dev question set (evals/questions.jsonl) keeps to eval-format.md and its evidence is really in the seeds."""

from __future__ import annotations

import json
from collections import Counter
from functools import lru_cache
from pathlib import Path

import pytest

from rag.textnorm import covers, normalize, tokens

ROOT = Path(__file__).resolve().parents[1]
QUESTIONS = ROOT / "evals" / "questions.jsonl"
SEED_DIRS = [ROOT / "corpus", ROOT.parent / "shared" / "seeds"]
ISSUE_2024 = "004_cb7dbf052e6c1cde.txt"
FIELDS = {"id", "question", "answer", "must_include", "evidence", "source", "article", "type"}
TYPES = {"fact", "paraphrase", "multi", "cross_issue", "temporal", "advice", "unanswerable"}
# Function words a paraphrase may share with its evidence; any other shared word defeats the point.
STOPWORDS = set(
    """a an the and or but of to in on at for from by with about as is are was were be been being do does did
    have has had i me my we our you your he she it they them their this that these those what which who whom
    whose when where why how can could should would will may might must not no any all some there if then than
    so too very just also get got into out up over again more most much many few other such only own same
    s t ve re ll d m""".split()
)


def _rows() -> list[dict]:
    lines = QUESTIONS.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def _sources(row: dict) -> list[str]:
    return row["source"] if isinstance(row["source"], list) else [row["source"]]


@lru_cache(maxsize=None)
def _seed_text(name: str) -> str:
    # corpus/<issue-id>/<name> once the seeds are ingested there; the shared seeds otherwise
    for folder in SEED_DIRS:
        found = sorted(folder.glob(f"**/{name}")) if folder.is_dir() else []
        if found:
            return found[0].read_text(encoding="utf-8")
    pytest.fail(f"seed file {name} not found under corpus/ or ../shared/seeds/")


@lru_cache(maxsize=None)
def _seed_norm(name: str) -> str:
    return normalize(_seed_text(name))


ROWS = _rows()
ANSWERABLE = [r for r in ROWS if r.get("type") != "unanswerable"]


def test_every_line_is_json_with_exactly_the_format_fields() -> None:
    for line in QUESTIONS.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        assert set(row) == FIELDS, (row.get("id"), set(row) ^ FIELDS)
        for key in ("id", "question", "answer", "type"):
            assert isinstance(row[key], str) and row[key].strip(), (row["id"], key)
        for key in ("must_include", "evidence"):
            assert isinstance(row[key], list), (row["id"], key)
            assert all(isinstance(x, str) and x.strip() for x in row[key]), (row["id"], key)
        for key in ("source", "article"):
            value = row[key]
            assert isinstance(value, str) or (
                isinstance(value, list) and value and all(isinstance(x, str) for x in value)
            ), (row["id"], key)
        assert row["type"] in TYPES, (row["id"], row["type"])


def test_ids_are_unique() -> None:
    ids = [r["id"] for r in ROWS]
    assert len(ids) == len(set(ids)), [i for i, n in Counter(ids).items() if n > 1]


def test_counts_cover_both_issues_and_every_type() -> None:
    types = Counter(r["type"] for r in ROWS)
    assert len(ROWS) >= 90
    assert sum(1 for r in ROWS if r["source"] == ISSUE_2024) >= 45
    assert set(types) == TYPES, TYPES - set(types)
    assert types["unanswerable"] >= 8


def test_cross_issue_items_name_both_issues() -> None:
    for row in ROWS:
        if row["type"] == "cross_issue":
            assert isinstance(row["source"], list) and len(set(row["source"])) >= 2, row["id"]


def test_answerable_items_have_evidence_and_facts_and_unanswerable_have_none() -> None:
    for row in ROWS:
        if row["type"] == "unanswerable":
            assert row["evidence"] == [] and row["must_include"] == [], row["id"]
        else:
            assert row["evidence"] and row["must_include"], row["id"]
            assert len(row["evidence"]) <= 3, row["id"]


@pytest.mark.parametrize("row", ANSWERABLE, ids=[r["id"] for r in ANSWERABLE])
def test_evidence_spans_are_in_the_source_issue(row: dict) -> None:
    for span in row["evidence"]:
        assert 40 <= len(span) <= 200, (len(span), span)
        # the exact normalised match is what covers() tries first; checked on the cached text for speed
        assert any(
            normalize(span) in _seed_norm(s) or covers(_seed_text(s), span) for s in _sources(row)
        ), span


@pytest.mark.parametrize("row", ANSWERABLE, ids=[r["id"] for r in ANSWERABLE])
def test_must_include_facts_are_in_the_evidence_or_the_issue(row: dict) -> None:
    spans = [normalize(e) for e in row["evidence"]]
    for fact in row["must_include"]:
        f = normalize(fact)
        assert any(f in s for s in spans) or any(f in _seed_norm(s) for s in _sources(row)), fact


def test_paraphrase_questions_share_no_content_words_with_their_evidence() -> None:
    for row in ROWS:
        if row["type"] != "paraphrase":
            continue
        asked = {t for t in tokens(row["question"]) if t not in STOPWORDS}
        printed = {t for e in row["evidence"] for t in tokens(e)}
        assert not asked & printed, (row["id"], asked & printed)
