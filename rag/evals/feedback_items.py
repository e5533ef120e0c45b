"""Turn thumbs-down feedback from the chat app into draft evaluation items for staff to complete."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from typing import Iterable

from rag.errors import InputError
from rag.fileio import gone_link
from rag.textnorm import normalize

_TEMPORAL = re.compile(r"\b(latest|current(ly)?|recent(ly)?|newest|now|this year|today|last issue)\b")
_ADVICE = re.compile(r"\b(my rights?|entitled|can i|should i|how (do|can|should) i|what can i|advice|tips?)\b")


def read_feedback_log(path: str | Path) -> tuple[list[dict], int]:
    """Entries of a feedback JSONL log and how many unreadable lines were skipped."""
    path = Path(path)
    if not path.is_file():
        raise InputError(f"{path} {'is not a file' if path.exists() else 'not found'}: give the feedback log the chat "
                         f"app writes (.data/feedback.jsonl){gone_link(path)}")
    entries, skipped = [], 0
    for line in path.read_bytes().splitlines():
        if not line.strip():
            continue
        try:
            entry = json.loads(line.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):  # nested too deep: was a traceback
            skipped += 1  # e.g. a line cut short when the app was killed mid-write, or not UTF-8
            continue
        if isinstance(entry, dict) and not _wrong_types(entry):
            entries.append(entry)
        else:
            skipped += 1
    return entries, skipped


_TEXT = ("time", "rating", "comment", "answer_id", "question", "standalone_question", "answer", "notice", "llm",
         "index_version")


def _wrong_types(entry: dict) -> bool:
    """Whether a field drafts_from_feedback reads holds another type than the app writes (text or null; lists of
    citations and hits): a hand-merged or foreign log's `"question": 5` or `"hits": 5` was a traceback (tester 32)."""
    return any(entry.get(k) is not None and not isinstance(entry[k], str) for k in _TEXT) or any(
        entry.get(k) is not None and not isinstance(entry[k], list) for k in ("citations", "hits"))


def guess_type(question: str) -> str:
    """A first guess at the question type; staff confirm it. Example: "latest pay offer?" -> "temporal"."""
    q = normalize(question)
    if _TEMPORAL.search(q):
        return "temporal"
    if _ADVICE.search(q):
        return "advice"
    return "fact"


def drafts_from_feedback(log_lines: Iterable[dict], existing: Iterable[dict] = ()) -> list[dict]:
    """Draft items (eval-format.md) from thumbs-down entries; skips questions already drafted or in `existing`."""
    seen = {normalize(item.get("question") or "") for item in existing}
    log_lines = list(log_lines)
    latest = {e["answer_id"]: e for e in log_lines if e.get("answer_id")}  # a changed vote replaces the earlier
    drafts = []
    for entry in log_lines:
        if entry.get("answer_id") and latest[entry["answer_id"]] is not entry:
            continue
        if entry.get("rating") != "down":
            continue
        # The condensed question stands alone; the raw one may lean on chat history the eval lacks.
        question = (entry.get("standalone_question") or entry.get("question") or "").strip()
        key = normalize(question)
        if not key or key in seen:
            continue
        seen.add(key)
        drafts.append({
            "id": "fb-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:8],
            "question": question,
            "answer": "",
            "must_include": [],
            "evidence": [],
            "source": "",
            "article": "",
            "type": guess_type(question),
            "draft_note": _note(entry, question),
        })
    return drafts


def _note(entry: dict, question: str) -> str:
    parts = [f"Thumbs down on {entry.get('time') or 'unknown time'}."]
    if entry.get("comment"):
        parts.append(f"Member's comment: {entry['comment'].strip()}")
    if entry.get("question") and entry["question"].strip() != question:
        parts.append(f"As typed in the chat: {entry['question'].strip()}")
    answer = " ".join((entry.get("answer") or "").split())
    if answer:
        parts.append(f"Answered ({entry.get('llm') or 'unknown model'}, index {entry.get('index_version') or '?'}): "
                     + (answer if len(answer) <= 400 else answer[:399] + "…"))
    if entry.get("refused"):
        parts.append("The assistant refused (said the archive does not cover it): is that right?")
    if entry.get("notice"):
        parts.append(f"Notice shown: {entry['notice']}")
    cited = [f"[{c.get('n')}] {c.get('article')} ({c.get('issue')})" for c in entry.get("citations") or []
             if isinstance(c, dict)]
    if cited:
        parts.append("Cited: " + "; ".join(cited))
    top = [f"{h.get('article')} ({h.get('issue')})" for h in (entry.get("hits") or [])[:3] if isinstance(h, dict)]
    if top:
        parts.append("Top passages: " + "; ".join(top))
    parts.append("To do: write the answer, must_include facts, evidence spans, source and article; confirm the type.")
    return "\n".join(parts)
