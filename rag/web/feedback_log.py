"""Feedback records (rating + comment + the full answer trace) appended to a JSONL log."""

from __future__ import annotations

import json
import os
import threading
from datetime import datetime, timezone
from pathlib import Path

from rag.types import Answer

_LOCK = threading.Lock()  # one writer at a time so JSONL lines never interleave
MAX_COMMENT_CHARS = 2000


def comment_too_long(length: int) -> str:
    """What a member is told of a comment over MAX_COMMENT_CHARS; it stays in its box to shorten."""
    return (f"That comment is {length:,} characters long; the limit is {MAX_COMMENT_CHARS:,}. "
            "Please shorten it and send it again: your vote is recorded, the comment not yet.")


RATINGS = ("up", "down", "none")  # "none": the member withdrew their vote


def answer_trace(answer: Answer, written: str = "") -> dict:
    """What staff review of one answer: question, standalone question, hits with scores, answer, citations, model,
    and what the model wrote when the answer shown is not that (its claims not backed, or it declined: in walk 20 one
    answer in four was replaced by quotes, and a thumbs-down on one told staff nothing of what the model had said)."""
    written = " ".join((written or "").split())
    return {
        "model_wrote": "" if written == " ".join(answer.answer.split()) else written,
        "question": answer.question,
        "standalone_question": answer.standalone_question,
        "answer": answer.answer,
        "refused": answer.refused,
        "notice": answer.notice,
        "citations": [
            {"n": c.n, "chunk_id": c.chunk_id, "issue": c.issue, "article": c.article, "page": c.page,
             "supported": c.supported}
            for c in answer.citations
        ],
        "hits": [
            {"rank": h.rank, "chunk_id": h.chunk_id, "score": round(float(h.score), 6), "article": h.article,
             "issue": h.issue}
            for h in answer.hits
        ],
        "llm": answer.llm,
        "index_version": answer.index_version,
        "timings_ms": dict(answer.timings_ms),
    }


def feedback_record(trace: dict | Answer, *, rating: str, comment: str = "", answer_id: str = "",
                    now: datetime | None = None) -> dict:
    """One vote on one answer; a later record with the same answer_id replaces an earlier one (votes change)."""
    if rating not in RATINGS:
        raise ValueError(f"rating must be one of {RATINGS}, not {rating!r}")
    if isinstance(trace, Answer):
        trace = answer_trace(trace)
    when = now or datetime.now(timezone.utc)
    return {
        "time": when.isoformat(timespec="seconds"),
        "rating": rating,
        "comment": (comment or "").strip()[:MAX_COMMENT_CHARS],
        "answer_id": answer_id,
        **{k: trace.get(k) for k in TRACE_KEYS},
    }


TRACE_KEYS = ("question", "standalone_question", "answer", "model_wrote", "refused", "notice", "citations", "hits",
              "llm", "index_version", "timings_ms")


def append_feedback(path: Path, record: dict) -> None:
    """Append one JSON line to path (created with its folder, readable by its owner only)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    line = json.dumps(record, ensure_ascii=False) + "\n"
    with _LOCK:
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        with os.fdopen(fd, "a", encoding="utf-8") as f:
            f.write(line)
