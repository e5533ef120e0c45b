"""rag ingest | remove | status | verify | rollback | retrieve | ask | eval | serve (wiring only; see cli_index.py)."""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
import time
from pathlib import Path

from rag.cli_index import (
    Terminated,
    add_index_commands,
    cmd_ingest,
    cmd_remove,
    cmd_rollback,
    term_as_interrupt,
)
from rag.cli_output import OutputLost, guarded_stdout, output_lost, parse_args, print_json, writes_unicode
from rag.config import Settings, load_settings
from rag.errors import RagError
from rag.index.served import after_interrupt, served_now
from rag.settings_checks import unknown_warnings


def _iso_date(text: str) -> str:
    import argparse
    import datetime

    try:
        return datetime.date.fromisoformat(text).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date: write it as YYYY-MM-DD, e.g. 2026-06-01") from None


def _positive(text: str) -> int:
    import argparse

    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text!r}: give a whole number of passages, 1 or more")
    return value


def _filters(args):
    from rag.answer.retrieve import Filters

    blank = next((x for x in args.issue or () if not x.strip()), None)
    if blank is not None:  # `--issue "$ISSUE"` with ISSUE unset: it matched the issue with no number (summer 2024)
        raise RagError(f"--issue {blank!r} names no issue (an unset shell variable?): give an issue's id, number or "
                       "season, or leave --issue out to search all issues")
    if args.date_from and args.date_to and args.date_from > args.date_to:
        raise RagError(f"--from {args.date_from} is after --to {args.date_to}, so no issue can match: swap them")
    return Filters(issues=tuple(args.issue or ()), date_from=args.date_from, date_to=args.date_to)


def cmd_retrieve(args, settings: Settings) -> int:
    from rag.answer.build import build_pipeline
    from rag.answer.retrieve import check_filters, checked_question, resolved

    filters = _filters(args)
    question = checked_question(args.question, settings.max_question_chars)  # said before the models load
    pipeline = build_pipeline(settings, use_configured_llm=False)
    filters = resolved(filters, pipeline.index.issues)  # "68", "summer 2024", as `rag ask` reads them
    check_filters(filters, pipeline.index.issues)  # an unknown issue is said, as `rag ask` says it
    found = pipeline.retrieve(question, k=args.k, filters=filters)
    if args.json:
        print_json({"hits": [h.to_dict() for h in found.hits]})
        return 0
    for h in found.hits:
        print(f"{h.rank:>2}. [{h.score:.3f}] {h.issue_title}, p.{h.page or '?'}: {h.article}\n    {h.text[:200]}")
    return 0


def _local_model_ready(settings: Settings) -> None:
    """With RAG_LLM_MODEL=local, its server's packages and the model (its joined file, or the parts to join it from),
    before any question: without them every answer, a whole `rag eval` run's, was quoted passages with the failure in
    its notice (RAG_LOCAL_MODEL=qwen2.5-coder-0.5b, whose parts `make` had not installed)."""
    if settings.llm_model != "local":
        return
    import importlib.util

    from rag.errors import InputError, LLMError
    from rag.fileio import is_verified
    from rag.llm.local_model import NOT_INSTALLED, SERVER_MODULES, installed_parts, local_model, model_path

    where = f"RAG_LLM_MODEL=local (RAG_LOCAL_MODEL={settings.local_model})"
    try:
        model = local_model(settings.local_model)
        missing = [m for m in SERVER_MODULES if importlib.util.find_spec(m) is None]
        if missing:
            raise LLMError(f"the local model's server needs {', '.join(missing)}, not installed: {NOT_INSTALLED}")
        if not is_verified(model_path(settings), model.size, model.sha256):  # the server joins it from its parts
            installed_parts(model.module, model.parts, model.pip_hint)
    except LLMError as exc:
        raise InputError(f"{where}: {exc}") from None


def cmd_ask(args, settings: Settings) -> int:
    from rag.answer.build import build_pipeline
    from rag.answer.retrieve import checked_question

    if args.llm is not None:  # `--llm ""` (an unset shell variable) is no model, not the configured one
        settings = settings.with_(llm_model=args.llm)
    filters = _filters(args)  # a range that cannot match, or no question, is said before the models load
    question = checked_question(args.question, settings.max_question_chars)
    _local_model_ready(settings)
    answer = build_pipeline(settings).answer(question, filters=filters)
    if args.json:
        print_json(answer.to_dict())
        return 0
    print("\n".join(ask_lines(answer)))
    return 0


def ask_lines(answer) -> list[str]:
    """`rag ask`'s text: the notice (as "Note: ...", not in brackets: it holds its own, and read "(Quoted passages from
    the sources (no AI model configured).)"), the answer, then each source."""
    notice = [f"Note: {answer.notice}"] if answer.notice else []
    return [*notice, answer.answer, *(f"[{c.n}] {c.issue_title}, {c.date}, \"{c.article}\", p.{c.page or '?'} - {c.url}"
                                     for c in answer.citations)]


def cmd_eval(args, settings: Settings) -> int:
    from rag.evals import compare, scoring
    from rag.evals.runner import load_results, prepare_out_dir, read_baseline, run_eval

    for flag, what in (("questions", "a questions file"), ("out", "the folder for the reports"),
                       ("compare", "an earlier run's folder, or leave --compare out"),
                       ("baseline", "a baseline file (evals/baseline.json), or leave --baseline out"),
                       ("from_feedback", "the feedback log (.data/feedback.jsonl)")):
        given = getattr(args, flag)
        if given is not None and not given.strip():  # `--baseline "$BASELINE"` unset in CI ran with no regression check
            raise RagError(f"--{flag.replace('_', '-')} {given!r} names nothing (an unset shell variable?): give "
                           f"{what}; nothing was run")
    if args.from_feedback:
        from rag.evals.feedback_items import drafts_from_feedback, read_feedback_log

        entries, skipped = read_feedback_log(args.from_feedback)
        existing = scoring.load_questions(args.questions) if args.questions else []
        for draft in drafts_from_feedback(entries, existing):
            print(json.dumps(draft, ensure_ascii=False))
        if skipped:
            print(f"skipped {skipped} unreadable log lines (not JSON objects, not UTF-8, or a field of another "
                  "type than the app writes)", file=sys.stderr)
        return 0
    if not args.questions or not args.out:
        raise RagError("rag eval needs --questions FILE and --out DIR (or --from-feedback LOG)")
    from rag.answer.build import build_pipeline
    from rag.evals.report import format_compare, format_summary

    questions = scoring.load_questions(args.questions, settings.max_question_chars)
    # Every input is read before the models load and the questions run: a wrong one is said at once
    baseline = read_baseline(args.baseline) if args.baseline else None
    earlier = load_results(args.compare) if args.compare else None  # also before --out, which may be the same folder
    prepare_out_dir(Path(args.out), {"RAG_INDEX_DIR": settings.index_dir, "RAG_CORPUS_DIR": settings.corpus_dir})
    if args.llm is not None:
        settings = settings.with_(llm_model=args.llm)
    if not args.retrieval_only:
        _local_model_ready(settings)
    pipeline = build_pipeline(settings, use_configured_llm=not args.retrieval_only)
    known = {x for i in pipeline.index.issues for x in (i.issue_id, i.source_file)}
    for warning in scoring.short_evidence(questions) + scoring.unknown_sources(questions, known):
        print(f"warning: {args.questions}: {warning}", file=sys.stderr)

    def ask(question: str) -> dict:
        if args.retrieval_only:  # timed: the report's retrieval latency was "n/a" in the one run that measures it
            start = time.perf_counter()
            found = pipeline.retrieve(question, k=10)
            took = round((time.perf_counter() - start) * 1000, 1)
            return {"question": question, "hits": [h.to_dict() for h in found.hits],
                    "timings_ms": {"retrieve": took, "total": took}}
        return pipeline.answer(question).to_dict()

    meta = {"index_version": pipeline.index.version, "llm": "none" if args.retrieval_only else pipeline.llm_name,
            "questions": str(args.questions)}
    summary = run_eval(questions, ask, Path(args.out), retrieval_only=args.retrieval_only, meta=meta)
    print(format_summary(summary))
    status = 0
    if earlier is not None:
        print(format_compare(compare.compare(earlier, load_results(args.out))))
    if baseline is not None:
        failures = compare.check_baseline(summary, baseline)
        for failure in failures:
            print(f"REGRESSION: {failure}", file=sys.stderr)
        status = 1 if failures else 0
    print(f"wrote {args.out}/results.jsonl, summary.json, report.html")
    return status


def cmd_serve(args, settings: Settings) -> int:
    import runpy

    from rag.config import ROOT

    runpy.run_path(str(ROOT / "app.py"), run_name="__main__")  # app.py is the one place the app is wired
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="rag", description="Healthcare Manager archive assistant")
    sub = parser.add_subparsers(dest="command", required=True)

    add_index_commands(sub)  # ingest, remove, status, verify, rollback

    for name, func, helptext in (("retrieve", cmd_retrieve, "ranked passages for a question"),
                                 ("ask", cmd_ask, "a cited answer to a question")):
        p = sub.add_parser(name, help=helptext)
        p.add_argument("question")
        p.add_argument("--issue", action="append", help="only this issue: its id, number or season (repeatable)")
        p.add_argument("--from", dest="date_from", type=_iso_date, help="only issues dated on or after (YYYY-MM-DD)")
        p.add_argument("--to", dest="date_to", type=_iso_date, help="only issues dated on or before (YYYY-MM-DD)")
        p.add_argument("--json", action="store_true")
        if name == "retrieve":
            p.add_argument("--k", type=_positive, default=10, help="passages to return (1 or more)")
        else:
            p.add_argument("--llm", help="any litellm model string, 'local' or 'extractive'")
        p.set_defaults(func=func)

    p = sub.add_parser("eval", help="run an evaluation set and write results.jsonl, summary.json, report.html")
    p.add_argument("--questions", help="a questions.jsonl file (eval-format.md)")
    p.add_argument("--out", help="output folder")
    p.add_argument("--llm", help="any litellm model string, 'local' or 'extractive'")
    p.add_argument("--retrieval-only", action="store_true")
    p.add_argument("--compare", metavar="OLD_DIR", help="an earlier run's folder to compare with")
    p.add_argument("--baseline", metavar="FILE", help="fail when a figure in FILE got worse (recall@5, MRR, answers "
                   "correct, wrongly refused, invalid citations)")
    p.add_argument("--from-feedback", metavar="LOG", help="turn thumbs-down feedback into draft items")
    p.set_defaults(func=cmd_eval)

    p = sub.add_parser("serve", help="start the chat app")
    p.set_defaults(func=cmd_serve)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    for stream in (sys.stdout, sys.stderr):  # a terminal that cannot show '’' gets '?', not a traceback mid-answer
        if not writes_unicode(stream):
            with contextlib.suppress(AttributeError, ValueError):
                stream.reconfigure(errors="replace")
    seen: dict = {}  # the index and the version it served, once the settings are read: what a stopped command left
    try:
        with guarded_stdout():
            return _run(parse_args(build_parser(), argv), seen)
    except OutputLost as exc:  # `rag ingest --json > out.json` on a full disk: a traceback, exit 1, after publishing
        return output_lost(exc, after_interrupt(seen.get("index"), seen.get("served")))
    except BrokenPipeError:  # `rag status | head -1`: the reader has what it wanted; no traceback
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # so the exit's flush writes nowhere
        return 141  # 128 + SIGPIPE, as a shell tool ends


def _run(args, seen: dict) -> int:
    """The command, its refusals and interruptions said (on stderr, and as {"error": ...} with --json)."""
    try:
        settings = load_settings()
        writes = args.func in (cmd_ingest, cmd_remove, cmd_rollback) and not getattr(args, "dry_run", False)
        args.settings_said = unknown_warnings(os.environ, settings, writes)  # RAG_INDEX_PATH: ignored, said nowhere
        for warning in args.settings_said:  # (ingest and remove also give them in --json's "warnings")
            print(f"warning: {warning}", file=sys.stderr)
        seen.update(index=settings.index_dir, served=served_now(settings.index_dir))
        unwound = (cmd_ingest, cmd_remove, cmd_rollback, cmd_eval)  # eval: killed, it said nothing of what it asked
        with term_as_interrupt() if args.func in unwound else contextlib.nullcontext():
            return args.func(args, settings)
    except RagError as exc:
        print(f"error: {exc}", file=sys.stderr)
        if getattr(args, "json", False):  # a tool reading the JSON gets JSON it can parse; the status says it failed
            print_json({"error": str(exc)})
        return 2
    except KeyboardInterrupt as exc:
        stopped = isinstance(exc, Terminated)
        said = f"{'terminated' if stopped else 'interrupted'}: {after_interrupt(seen.get('index'), seen.get('served'))}"
        with contextlib.suppress(OSError):  # a terminal hung up (SIGHUP) cannot be written to
            print(said, file=sys.stderr)
        if getattr(args, "json", False):  # a tool reading the JSON got none at all (tester 33)
            with contextlib.suppress(OSError):
                print_json({"error": said})
        return exc.status if stopped else 130


if __name__ == "__main__":
    sys.exit(main())
