"""Pure scoring of evaluation runs: per question and summaries (comparisons and baselines: rag.evals.compare).

Definitions (eval-format.md, made precise here):
- A hit is relevant when its text covers any evidence span (rag.textnorm.covers).
- recall@k: 1 when a relevant hit is within the first k, else 0 (mean over questions).
- nDCG@10: binary relevance per hit; DCG = sum rel_i / log2(i + 1) over ranks i <= 10;
  the ideal puts every relevant hit that was retrieved (any rank, capped at 10) first.
  So it measures how early the relevant passages come; recall@k measures whether they come.
- Retrieval figures are over answerable items that have evidence; answer figures over
  answerable items (a wrong refusal scores as an incorrect answer); None, not 0, when
  nothing was measured (e.g. retrieval-only runs have no answer figures).
- Per issue, a cross-issue item counts once in each of its sources.
- Latency median and p95 use linear interpolation between order statistics.
"""

from __future__ import annotations

import difflib
import math
from pathlib import Path

from rag.answer.answerability import split_of
from rag.answer.retrieve import checked_question
from rag.errors import InputError
from rag.fileio import gone_link, not_a_file, read_jsonl
from rag.textnorm import covers, normalize, tokens

TYPES = ("fact", "paraphrase", "multi", "cross_issue", "temporal", "advice", "unanswerable")
NDCG_DEPTH = 10
MIN_EVIDENCE_WORDS = 3  # the dev set's shortest span is 41 characters, 6 words
FIELDS = ("id", "question", "answer", "must_include", "evidence", "source", "article", "type")  # other keys: notes


def load_questions(path: str | Path, max_chars: int | None = None) -> list[dict]:
    """Read and validate a question file (one JSON object per line, see eval-format.md). max_chars: the longest
    question a member may ask (Settings.max_question_chars); one longer, or of invisible characters only, could never
    be asked, and would be counted as an error and scored against the refusals (a tester's find)."""
    path = Path(path)
    if not path.is_file():  # a folder was "no such file" (a tester's find)
        what = "it is a folder: give the questions.jsonl file in it" if path.is_dir() else \
            f"it is {not_a_file(path)}, not a file" if path.exists() else "no such file" + gone_link(path)
        raise InputError(f"cannot read the question file {path}: {what}")
    items, seen = [], {}
    for n, item in read_jsonl(path, fix="one object per line"):
        _validate(item, f"{path}, line {n}")
        if max_chars is not None:
            try:
                checked_question(item["question"], max_chars)
            except InputError as exc:
                raise InputError(f"{path}, line {n}, field 'question': {exc}") from None
        if item["id"] in seen:
            raise InputError(f"{path}, line {n}, field 'id': {item['id']!r} already used on line {seen[item['id']]}")
        seen[item["id"]] = n
        items.append(item)
    if not items:
        raise InputError(f"{path} holds no questions: see docs/eval-format.md for the format")
    return items


def _validate(item: object, where: str) -> None:
    def bad(field: str, want: str) -> InputError:
        return InputError(f"{where}, field '{field}': {want} (see docs/eval-format.md)")

    if isinstance(item, list):  # the whole set as one JSON array (a tester's): say what the format wants
        raise InputError(f"{where}: a JSON array, where one question object per line is expected (JSON Lines): write "
                         "each object of the array on a line of its own (see docs/eval-format.md)")
    if not isinstance(item, dict):
        raise InputError(f"{where}: expected a JSON object (see docs/eval-format.md)")
    for key in item:  # "evidense" or "mustInclude" was ignored: that question's retrieval or facts went unscored
        meant = difflib.get_close_matches(key.lower().replace("-", "_"), FIELDS, n=1, cutoff=0.85)
        if key not in FIELDS and meant:
            raise bad(key, f"no field of the format, so it would be ignored: did you mean '{meant[0]}'?")
    for field in ("id", "question"):
        if not isinstance(item.get(field), str) or not item[field].strip():
            raise bad(field, "a non-empty string is required")
    if not isinstance(item.get("answer", ""), str):
        raise bad("answer", "expected a string")
    if "type" not in item:  # (was "got None", as if null had been written: a tester's find)
        raise bad("type", f"missing: add \"type\": one of {', '.join(TYPES)}")
    if item["type"] not in TYPES:
        raise bad("type", f"expected one of {', '.join(TYPES)}, got {item['type']!r}")
    for field in ("must_include", "evidence"):
        value = item.get(field, [])
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise bad(field, "expected a list of non-empty strings")
    source = item.get("source")
    if not (isinstance(source, str) and source.strip()) and not (
        isinstance(source, list) and source and all(isinstance(s, str) and s.strip() for s in source)
    ):
        raise bad("source", "expected an issue file name or a non-empty list of them")
    article = item.get("article", "")
    if not isinstance(article, str) and not (isinstance(article, list) and all(isinstance(a, str) for a in article)):
        raise bad("article", "expected a headline or a list of headlines")
    if item["type"] != "unanswerable" and not item.get("evidence") and not item.get("must_include"):
        raise bad("evidence", "an answerable item needs evidence spans or must_include facts")


def short_evidence(items: list[dict]) -> list[str]:
    """Pure: a warning for the items whose evidence holds a span of a word or two ("3%", "NHS": the answer typed where
    the passage belongs): nearly every passage covers it, so retrieval was scored found whatever came back."""
    odd = [(item["id"], e) for item in items for e in item.get("evidence") or [] if len(tokens(e)) < MIN_EVIDENCE_WORDS]
    if not odd:
        return []
    shown = ", ".join(f"{i}: {e!r}" for i, e in odd[:3]) + (" ..." if len(odd) > 3 else "")
    return [f"{len(odd)} evidence spans are under {MIN_EVIDENCE_WORDS} words ({shown}): nearly every passage holds "
            "them, so those questions' retrieval is scored found whatever comes back; give a passage of the text as "
            "printed (40-200 characters), and put short key facts in must_include"]


def unknown_sources(items: list[dict], known: set[str]) -> list[str]:
    """Pure: a warning for the items whose source names no indexed issue (neither its file nor its id): their evidence
    is looked for in whatever is retrieved all the same, but a typo there was filed silently as an issue of its own in
    the per-issue figures (a tester's find)."""
    odd = [(item["id"], s) for item in items for s in sources(item) if s not in known]
    if not odd:
        return []
    shown = ", ".join(f"{i}: {s!r}" for i, s in odd[:3]) + (" ..." if len(odd) > 3 else "")
    return [f"{len(odd)} questions name a source that no indexed issue has ({shown}): give the issue's file name "
            f"(or its id), one of {', '.join(sorted(known)[:6])}{' ...' if len(known) > 6 else ''}"]


def sources(item: dict) -> list[str]:
    """The item's source issue file names as a list."""
    src = item.get("source") or []
    return [src] if isinstance(src, str) else list(src)


def score_question(item: dict, result: dict, k_values=(1, 5, 10), *, retrieval_only: bool | None = None) -> dict:
    """Score one Answer dict against its question item; retrieval_only=None infers it from the result."""
    if retrieval_only is None:
        retrieval_only = "answer" not in result and not result.get("error")
    evidence = item.get("evidence") or []
    answerable = item.get("type") != "unanswerable"
    hits = result.get("hits") or []
    reasons = []
    if result.get("error"):
        reasons.append(f"pipeline error: {result['error']}")

    s: dict = {"id": item.get("id"), "type": item.get("type"), "sources": sources(item), "answerable": answerable,
               "split": split_of(str(item.get("id")))}
    # retrieval is scored on the passages retrieved, not one the pipeline added after (rank 0: the advice line)
    relevant = [any(covers(h.get("text") or "", span) for span in evidence) for h in hits if h.get("rank") != 0]
    scored_retrieval = answerable and bool(evidence)
    found = next((i + 1 for i, r in enumerate(relevant) if r), None)
    s["found_rank"] = found
    for k in k_values:
        s[f"recall@{k}"] = (1.0 if found is not None and found <= k else 0.0) if scored_retrieval else None
    s["rr"] = (1.0 / found if found else 0.0) if scored_retrieval else None
    s["ndcg@10"] = _ndcg(relevant) if scored_retrieval else None
    if scored_retrieval and found is None:
        reasons.append(f"no retrieved passage covers the evidence ({len(hits)} hits)")
    elif scored_retrieval and found > 5:
        reasons.append(f"evidence first retrieved at rank {found}, outside the top 5")

    facts = item.get("must_include") or []
    if retrieval_only:
        s.update(facts_found=None, facts_total=len(facts), partial=None, correct=None, missing=[])
        s.update(refused=None, refusal_right=None, citations=0, invalid_citations=0, precise_citations=0,
                 citation_precision=None, evidence_citations=0, citations_with_evidence=0)
    else:
        text = normalize(result.get("answer") or "")
        missing = [f for f in facts if normalize(f) not in text]
        s["facts_total"] = len(facts)
        s["facts_found"] = len(facts) - len(missing)
        s["missing"] = missing
        s["partial"] = s["facts_found"] / len(facts) if answerable and facts else None
        s["correct"] = not missing if answerable and facts else None
        if missing and answerable:
            reasons.append("answer lacks: " + "; ".join(missing))
        refused = bool(result.get("refused"))
        s["refused"] = refused
        s["refusal_right"] = refused != answerable
        if answerable and refused:
            reasons.append("refused a question the archive answers")
        if not answerable and not refused:
            reasons.append("answered a question the archive cannot answer")
        s.update(_score_citations(result.get("citations") or [], hits, evidence, reasons))

    timings = result.get("timings_ms") or {}
    s["retrieve_ms"] = timings.get("retrieve")
    s["total_ms"] = timings.get("total")
    s["error"] = result.get("error")
    s["reasons"] = reasons[:1] if s["error"] else reasons  # the rest would only echo the error

    s["passed"] = not reasons
    return s


def _ndcg(relevant: list[bool]) -> float:
    ideal_count = min(sum(relevant), NDCG_DEPTH)
    if not ideal_count:
        return 0.0
    dcg = sum(1.0 / math.log2(i + 2) for i, r in enumerate(relevant[:NDCG_DEPTH]) if r)
    idcg = sum(1.0 / math.log2(i + 2) for i in range(ideal_count))
    return dcg / idcg


def _score_citations(citations: list[dict], hits: list[dict], evidence: list[str], reasons: list[str]) -> dict:
    retrieved = {h.get("chunk_id") for h in hits}
    invalid = precise = on_evidence = 0
    for c in citations:
        if evidence and any(covers(c.get("text") or "", span) for span in evidence):
            on_evidence += 1  # judged by the evidence alone, independent of the pipeline's own check
        if c.get("chunk_id") not in retrieved:
            invalid += 1
            reasons.append(f"citation [{c.get('n')}] points to a passage that was not retrieved")
        elif c.get("supported") is True or any(covers(c.get("text") or "", span) for span in evidence):
            precise += 1
        else:
            reasons.append(f"citation [{c.get('n')}] neither covers the evidence nor supports its sentence")
    return {
        "citations": len(citations),
        "invalid_citations": invalid,
        "precise_citations": precise,
        "citation_precision": precise / len(citations) if citations else None,
        "evidence_citations": on_evidence,
        "citations_with_evidence": len(citations) if evidence else 0,
    }


def percentile(values: list[float], p: float) -> float | None:
    """p-th percentile by linear interpolation (numpy's default). Example: ([1, 2, 3, 4], 50) -> 2.5"""
    xs = sorted(v for v in values if v is not None)
    if not xs:
        return None
    pos = (len(xs) - 1) * p / 100.0
    lo, hi = math.floor(pos), math.ceil(pos)
    return xs[lo] + (xs[hi] - xs[lo]) * (pos - lo)


def _mean(values: list) -> float | None:
    xs = [float(v) for v in values if v is not None]
    return sum(xs) / len(xs) if xs else None


def _block(scored: list[dict]) -> dict:
    answerable = [s for s in scored if s["answerable"]]
    unanswerable = [s for s in scored if not s["answerable"]]
    b: dict = {"n": len(scored), "answerable": len(answerable), "unanswerable": len(unanswerable)}
    recall_keys = sorted({k for s in scored for k in s if k.startswith("recall@")}, key=lambda k: int(k[7:]))
    for k in recall_keys:
        b[k] = _mean([s.get(k) for s in answerable])
    b["mrr"] = _mean([s["rr"] for s in answerable])
    b["ndcg@10"] = _mean([s["ndcg@10"] for s in answerable])
    b["answer_correct_rate"] = _mean([s["correct"] for s in answerable])
    b["partial_credit"] = _mean([s["partial"] for s in answerable])
    b["citations"] = sum(s["citations"] for s in scored)
    b["invalid_citations"] = sum(s["invalid_citations"] for s in scored)
    b["citation_precision"] = sum(s["precise_citations"] for s in scored) / b["citations"] if b["citations"] else None
    with_evidence = sum(s.get("citations_with_evidence", 0) for s in scored)
    # Lower bound: a citation of another passage stating the same fact counts as a miss here.
    b["citation_evidence_rate"] = (sum(s.get("evidence_citations", 0) for s in scored) / with_evidence
                                   if with_evidence else None)
    b["unanswerable_refused_rate"] = _mean([s["refused"] for s in unanswerable])
    b["answerable_wrongly_refused_rate"] = _mean([s["refused"] for s in answerable])
    for key in ("retrieve_ms", "total_ms"):
        b[f"{key}_median"] = percentile([s[key] for s in scored], 50)
        b[f"{key}_p95"] = percentile([s[key] for s in scored], 95)
    b["errors"] = sum(1 for s in scored if s.get("error"))
    b["passed"] = sum(1 for s in scored if s["passed"])
    return b


def summarize(scored: list[dict]) -> dict:
    """Overall, per-type and per-issue figures from score_question outputs."""
    by_type: dict[str, list] = {}
    by_issue: dict[str, list] = {}
    by_split: dict[str, list] = {}  # the answerability model is fitted on "calibration"; report "heldout"
    for s in scored:
        by_type.setdefault(s["type"], []).append(s)
        by_split.setdefault(s.get("split") or split_of(str(s["id"])), []).append(s)
        for src in s["sources"]:
            by_issue.setdefault(src, []).append(s)
    return {
        "overall": _block(scored),
        "by_type": {t: _block(v) for t, v in sorted(by_type.items())},
        "by_issue": {i: _block(v) for i, v in sorted(by_issue.items())},
        "by_split": {k: _block(v) for k, v in sorted(by_split.items())},
        "by_split_type": {f"{k}/{t}": _block([s for s in v if s["type"] == t])
                          for k, v in sorted(by_split.items()) for t in sorted({s["type"] for s in v})},
        "retrieval_only": all(s["correct"] is None and s["refused"] is None for s in scored),
    }
