"""Run question items through an `ask` callable and write results.jsonl, summary.json, report.html."""

from __future__ import annotations

import contextlib
import json
import math
import os
import sys
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable

from rag.errors import InputError
from rag.evals.report import render_report
from rag.evals.scoring import score_question, summarize
from rag.fileio import dead_link_on, gone_link, leads_nowhere, not_a_file, read_jsonl, resolved


def prepare_out_dir(out_dir: Path, keep_out: dict[str, Path] | None = None) -> Path:
    """The folder an evaluation writes into, made now, so a wrong --out is said before any question is asked.

    keep_out: setting -> folder the run must not write into (the index, which rag ingest alone writes, and the
    corpus, whose issue folders are the maintainer's copies): `--out index` wrote the reports among CURRENT and the
    versions, `--out corpus/ISSUE` beside an issue's file (a tester's find)."""
    out_dir = Path(out_dir)
    # first: a link looping on itself made resolve() below a RuntimeError traceback (tester 33)
    if (link := dead_link_on(out_dir)) is not None:  # reports on a share not mounted: "cannot make ... (File exists)"
        raise InputError(f"--out {out_dir}: {leads_nowhere(link)}: mount or restore what it leads to, or give another "
                         "folder (e.g. evals/reports/latest); no question was asked")
    for setting, folder in (keep_out or {}).items():
        if resolved(out_dir).is_relative_to(resolved(folder)):
            raise InputError(f"--out {out_dir} is in {folder} ({setting}), which holds no reports: give a folder "
                             "of its own (e.g. evals/reports/latest)")
    issue = next((d for d in (out_dir, *resolved(out_dir).parents) if (d / "issue.toml").is_file()), None)
    if issue is not None:  # an issue folder outside RAG_CORPUS_DIR (one being prepared) got the reports beside its file
        raise InputError(f"--out {out_dir} is in the issue folder {issue} (it holds an issue.toml), which holds no "
                         "reports: give a folder of its own (e.g. evals/reports/latest)")
    if out_dir.exists() and not out_dir.is_dir():
        raise InputError(f"--out {out_dir} is a file: give a folder, which will hold results.jsonl, summary.json and "
                         "report.html (e.g. evals/reports/latest)")
    if not out_dir.exists() and out_dir.suffix.lower() in (".jsonl", ".json", ".html", ".htm", ".csv", ".txt"):
        # `--out evals/reports/latest/results.jsonl` (--out taken for a file's name) made a folder results.jsonl
        raise InputError(f"--out {out_dir} names a file ({out_dir.name}), but --out is the folder the run writes into: "
                         f"give the folder, e.g. --out {out_dir.parent}, which will hold results.jsonl, summary.json "
                         "and report.html; no question was asked")
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(f"cannot make the folder --out {out_dir} ({exc.strerror or exc}): give a folder you can "
                         "write to (e.g. evals/reports/latest)") from None
    return out_dir


def run_eval(
    questions: list[dict],
    ask: Callable[[str], dict],
    out_dir: Path,
    *,
    progress: bool = True,
    retrieval_only: bool = False,
    meta: dict | None = None,
    title: str = "Evaluation report",
) -> dict:
    """Ask every question, score it, write the three output files and return the summary."""
    out_dir = prepare_out_dir(out_dir)
    lock = _only_run_in(out_dir)
    try:
        return _run(questions, ask, out_dir, progress=progress, retrieval_only=retrieval_only, meta=meta, title=title)
    finally:
        os.close(lock)


def _only_run_in(out_dir: Path) -> int:
    """The --out folder locked while a run writes there (flock on the folder itself, so nothing is left in it; an open
    descriptor: closing it lets go). Two runs into one folder (CI jobs at once) wrote one results.jsonl.partial:
    garbled lines in results.jsonl, the other run's traceback, a report.html.tmp left, and "wrote ..." said of the
    mix (tester 33)."""
    import fcntl

    fd = os.open(out_dir, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        raise InputError(f"another `rag eval` is writing into --out {out_dir}: wait for it to finish, or give another "
                         "--out; no question was asked") from None
    except OSError:  # a file system without locks: run as before
        pass
    return fd


def _run(questions: list[dict], ask: Callable[[str], dict], out_dir: Path, *, progress: bool, retrieval_only: bool,
         meta: dict | None, title: str) -> dict:
    from tqdm import tqdm  # small, but only evaluation runs need it

    rows = []
    # Written line by line so an interrupted run still leaves the questions already asked, in results.jsonl.partial:
    # an earlier run's three files in the folder stay whole and agree until this run has all of its own.
    partial = out_dir / "results.jsonl.partial"
    outputs = {"results.jsonl": partial, "summary.json": out_dir / "summary.json.tmp",
               "report.html": out_dir / "report.html.tmp"}
    try:
        with open(partial, "w", encoding="utf-8") as out:
            try:
                for item in tqdm(questions, desc="eval", unit="q", file=sys.stderr, disable=not progress):
                    result = _ask_one(ask, item["question"], retrieval_only)
                    row = {"id": item["id"], **result}
                    row["score"] = score_question(item, result, retrieval_only=retrieval_only)
                    rows.append(row)
                    out.write(json.dumps(row, ensure_ascii=False) + "\n")
                    out.flush()
            except KeyboardInterrupt:
                print(f"\nevaluation interrupted: {partial} holds the {len(rows)} of {len(questions)} questions asked; "
                      f"the folder's results.jsonl, summary.json and report.html are as before", file=sys.stderr)
                raise
        summary = summarize([r["score"] for r in rows])
        summary["meta"] = _meta(meta, rows, retrieval_only)
        by_id = {q["id"]: q for q in questions}
        report_rows = [{"item": by_id[r["id"]], "result": r, "score": r["score"]} for r in rows]
        outputs["summary.json"].write_text(json.dumps(summary, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        outputs["report.html"].write_text(render_report(summary, report_rows, title=title, meta=summary["meta"]),
                                          encoding="utf-8")
    except OSError as exc:  # a full disk was a traceback, and left results.jsonl newer than the summary beside it
        for path in outputs.values():
            with contextlib.suppress(OSError):
                path.unlink()
        raise InputError(f"cannot write {exc.filename or out_dir} ({exc.strerror or exc}) with {len(rows)} of "
                         f"{len(questions)} questions asked: free some disk space there (df -h {out_dir}) or give "
                         "another --out, then run it again; the folder's results.jsonl, summary.json and report.html "
                         "are as before") from None
    for name, path in outputs.items():  # all three written: only now do they replace the earlier run's
        os.replace(path, out_dir / name)
    return summary


def _ask_one(ask: Callable[[str], dict], question: str, retrieval_only: bool) -> dict:
    start = time.perf_counter()
    try:
        return dict(ask(question))
    except Exception as e:  # one failing question must not lose the whole run; it is scored as a failure
        elapsed = round((time.perf_counter() - start) * 1000, 1)
        result = {"question": question, "hits": [], "citations": [], "timings_ms": {"total": elapsed},
                  "error": f"{type(e).__name__}: {e}"}
        if not retrieval_only:
            result.update(answer="", refused=False, llm="")
        return result


def _meta(meta: dict | None, rows: list[dict], retrieval_only: bool) -> dict:
    first = next((r for r in rows if not r.get("error")), {})
    return {
        "date": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "index_version": first.get("index_version", ""),
        "llm": "none (retrieval only)" if retrieval_only else first.get("llm", ""),
        "questions": len(rows),
        "retrieval_only": retrieval_only,
        **(meta or {}),
    }


def load_results(run_dir: str | Path) -> list[dict]:
    """Read DIR/results.jsonl from an earlier run (for --compare)."""
    if Path(run_dir).is_file():  # "results.jsonl is unreadable (Not a directory), not a file" said nothing useful
        hint = f" ({Path(run_dir).parent})" if Path(run_dir).name == "results.jsonl" else ""
        raise InputError(f"--compare {run_dir} is a file: give the --out folder of an earlier `rag eval` run{hint}, "
                         "which holds its results.jsonl")
    path = Path(run_dir) / "results.jsonl"
    kind = not_a_file(path)  # a named pipe there was opened and waited on for ever
    if kind or not path.exists():
        partial = path.with_name(path.name + ".partial")
        if not kind and partial.is_file():  # a run stopped before its end keeps what it asked there
            raise InputError(f"{path} not found: that evaluation was stopped before its end ({partial} holds the "
                             "questions it asked); run it again to the end, or give the --out folder of a finished run")
        raise InputError(f"{path} {f'is {kind}, not a file' if kind else 'not found'}: give the --out folder of an "
                         f"earlier `rag eval` run{gone_link(path)}")
    rows = []
    for n, row in read_jsonl(path, fix="re-run that evaluation"):
        if not isinstance(row, dict) or "id" not in row or "score" not in row:
            raise InputError(f"{path}, line {n}: a result needs 'id' and 'score'; re-run that evaluation")
        rows.append(row)
    from rag.evals.compare import compare, not_comparable

    # every figure --compare reads, read now: a hand-edited or foreign file was a traceback after the whole run
    try:
        why = next((f"question {r['id']!r}: {w}" for r in rows if (w := not_comparable(r["score"]))), "")
        if not why:
            compare(rows, rows)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        why = f"{type(exc).__name__}: {exc}"
    if why:
        raise InputError(f"{path} cannot be compared ({why}): give the --out folder of an earlier `rag eval` run, "
                         "or re-run that evaluation")
    return rows


def read_baseline(path: str | Path) -> dict:
    """A --baseline file (evals/baseline.json), checked before an evaluation runs: a JSON object whose guarded
    figures are numbers. Read after a run of hours, a bad one was a traceback and no verdict."""
    path = Path(path)
    fix = "give a baseline file such as evals/baseline.json"
    if not path.is_file():  # a named pipe was "not found"
        raise InputError(f"--baseline {path} {f'is {not_a_file(path)}' if path.exists() else 'not found'}: {fix}"
                         + gone_link(path))
    try:
        baseline = json.loads(path.read_bytes().decode("utf-8-sig"))  # a byte-order mark (Notepad) is UTF-8 too
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:  # nested too deep: was a traceback
        raise InputError(f"--baseline {path} is not a JSON object ({exc}): {fix}") from None
    if not isinstance(baseline, dict):
        raise InputError(f"--baseline {path} is not a JSON object: {fix}")
    from rag.evals.compare import BASELINE_CEILINGS, BASELINE_KEYS

    for key in (*BASELINE_KEYS, *BASELINE_CEILINGS):
        value = baseline.get(key, 0)
        # NaN (which Python's json reads) passed, and no figure is ever below NaN: the guard was off, silently
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
            raise InputError(f"--baseline {path}: {key} = {value!r} is not a number: {fix}")
    return baseline
