"""rag ingest | remove | status | verify | rollback | retrieve | ask | eval | serve (wiring only)."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from rag.config import Settings, load_settings
from rag.errors import RagError


def _print_json(obj) -> None:
    print(json.dumps(obj, indent=2, ensure_ascii=False))


def cmd_ingest(args, settings: Settings) -> int:
    from rag.corpus.folders import SourceLimits
    from rag.index import ingest, issue_folders
    from rag.index.chunking import ChunkerSettings
    from rag.index.embedders import make_embedder
    from rag.tokens import tiktoken_counter

    chunker = ChunkerSettings(settings.chunk_tokens, settings.chunk_overlap)
    limits = SourceLimits(settings.max_text_source_kb * 1024, settings.max_pdf_source_mb << 20)
    embedder = make_embedder(settings, progress=not args.json)
    def count_tokens(text: str) -> int:  # loads tiktoken only when an issue is chunked (not when all are unchanged)
        return tiktoken_counter()(text)

    from rag.index.questions import chunk_questions

    questions = None if args.dry_run else chunk_questions(settings, embedder)
    outcome = ingest.run(settings.index_dir, embedder, count_tokens, paths=[Path(p) for p in args.paths],
                         chunker=chunker, dry_run=args.dry_run, rebuild=args.rebuild, limits=limits,
                         strict=args.strict, reparse=args.report, questions=questions)
    if questions is not None and questions.failed:
        print(f"warning: the question model failed on {questions.failed} passages; they are found by their own "
              "words only (see the log; `rag ingest corpus/ --rebuild` asks again)", file=sys.stderr)
    for warning in outcome.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    if args.json:
        _print_json(outcome.to_dict())
        return 0
    if args.report:
        from rag.corpus.folders import left_out
        from rag.corpus.parse_report import parse_report, render_parse_report

        folders = {f.name: f for f in issue_folders.find_folders([Path(p) for p in args.paths])[0]}
        for parsed in outcome.parsed:
            counts: dict[str, int] = {}
            for c in outcome.plan.chunks:
                if c.issue_id == parsed.issue.issue_id:
                    counts[c.article_id] = counts.get(c.article_id, 0) + 1
            dropped = left_out(folders[parsed.issue.issue_id], limits)
            print(render_parse_report(parse_report(parsed.issue, parsed.articles, counts, dropped)))
    d = outcome.to_dict()
    for kind in ("added", "changed", "unchanged", "removed"):
        ids = d["issues"][kind]
        if ids:  # a 400-issue archive is mostly unchanged: a count, not 400 names
            print(f"issues {kind}: {', '.join(ids) if len(ids) <= 10 else f'{len(ids)} ({ids[0]} ... {ids[-1]})'}")
    print(f"chunks: {d['added']} added, {d['changed']} changed, {d['removed']} removed, {d['embedded']} embedded")
    if outcome.stale_cleaned:
        print(f"cleaned up after an interrupted build: {', '.join(outcome.stale_cleaned)}")
    if args.dry_run:
        print("dry run: nothing was written")
    elif outcome.version:
        print(f"published index version {outcome.version}")
    else:
        print("nothing changed: the published index stays as it is")
    return 0


def cmd_remove(args, settings: Settings) -> int:
    from rag.index import ingest, issue_folders
    from rag.index.embedders import make_embedder
    from rag.tokens import tiktoken_counter

    issues = list(dict.fromkeys(args.issues))
    outcome = ingest.run(settings.index_dir, make_embedder(settings), tiktoken_counter(), remove=issues,
                         dry_run=args.dry_run, force=args.force)
    outcome.warnings.extend(issue_folders.still_in_corpus(settings.corpus_dir, issues))
    for warning in outcome.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    if args.json:
        _print_json(outcome.to_dict())
    else:
        print(f"{'would remove' if args.dry_run else 'removed'} {', '.join(issues)} "
              f"({outcome.plan.removed} chunks); version {outcome.version or 'unchanged'}")
    return 0


def cmd_status(args, settings: Settings) -> int:
    from rag.index import store

    current = store.current_version(settings.index_dir)
    versions = store.list_versions(settings.index_dir)
    manifest = store.read_manifest(settings.index_dir) if current else None
    status = {"index_dir": str(settings.index_dir), "current": current, "versions": versions,
              "embedder": manifest["embedder"] if manifest else None,
              "chunks": manifest["chunks"] if manifest else 0,
              "issues": manifest["issues"] if manifest else {}}
    status["problems"] = store.verify(settings.index_dir) if current else []
    if args.json:
        _print_json(status)
        return 1 if status["problems"] else 0
    if not current:
        print(f"no index at {settings.index_dir}: run `rag ingest corpus/`")
        return 1
    print(f"current version: {current} ({status['chunks']} chunks, embedder {status['embedder']['name']})")
    for issue_id, info in sorted(status["issues"].items()):
        print(f"  {issue_id}: {info['title']} ({info['date']}), {info['chunks']} chunks, source {info['source_file']}")
    print(f"versions kept: {', '.join(versions)}")
    if status["problems"]:
        print(f"index version {current} is DAMAGED and cannot be served:", *status["problems"][:5], sep="\n  ")
        print("run `rag rollback` to serve the previous version, or `rag ingest corpus/ --rebuild`")
        return 1
    return 0


def cmd_verify(args, settings: Settings) -> int:
    from rag.index import store

    problems = store.verify(settings.index_dir, args.version)
    name = args.version or store.current_version(settings.index_dir)
    if problems:
        print(f"index version {name} is damaged:", *problems, sep="\n  ", file=sys.stderr)
        print("run `rag rollback` to serve the previous version, or `rag ingest corpus/ --rebuild`", file=sys.stderr)
        return 1
    print(f"index version {name}: every file matches its checksum")
    return 0


def cmd_rollback(args, settings: Settings) -> int:
    from rag.index import store

    if not settings.index_dir.is_dir():  # said before the lock would make an empty folder
        raise RagError(f"no index at {settings.index_dir}, so there is nothing to roll back: run `rag ingest corpus/` "
                       "to build one")
    with store.build_lock(settings.index_dir):
        if args.to:
            store.switch_to(settings.index_dir, args.to)
            name = args.to
        else:
            name = store.rollback(settings.index_dir)
    print(f"current index version is now {name}")
    from rag.index import issue_folders

    indexed = store.read_manifest(settings.index_dir)["issues"]
    for warning in issue_folders.back_on_next_ingest(settings.corpus_dir, list(indexed), name):
        print(f"warning: {warning}", file=sys.stderr)
    return 0


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

    if args.date_from and args.date_to and args.date_from > args.date_to:
        raise RagError(f"--from {args.date_from} is after --to {args.date_to}, so no issue can match: swap them")
    return Filters(issues=tuple(args.issue or ()), date_from=args.date_from, date_to=args.date_to)


def cmd_retrieve(args, settings: Settings) -> int:
    from rag.answer.pipeline import build_pipeline
    from rag.answer.retrieve import check_filters

    filters = _filters(args)
    pipeline = build_pipeline(settings, use_configured_llm=False)
    check_filters(filters, pipeline.index.issues)  # an unknown issue is said, as `rag ask` says it
    found = pipeline.retrieve(pipeline.check_question(args.question), k=args.k, filters=filters)
    if args.json:
        _print_json({"hits": [h.to_dict() for h in found.hits]})
        return 0
    for h in found.hits:
        print(f"{h.rank:>2}. [{h.score:.3f}] {h.issue_title}, p.{h.page or '?'}: {h.article}\n    {h.text[:200]}")
    return 0


def cmd_ask(args, settings: Settings) -> int:
    from rag.answer.pipeline import build_pipeline

    if args.llm:
        settings = settings.with_(llm_model=args.llm)
    filters = _filters(args)  # a range that cannot match is said before the models load
    answer = build_pipeline(settings).answer(args.question, filters=filters)
    if args.json:
        _print_json(answer.to_dict())
        return 0
    if answer.notice:
        print(f"({answer.notice})")
    print(answer.answer)
    for c in answer.citations:
        print(f"[{c.n}] {c.issue_title}, {c.date}, \"{c.article}\", p.{c.page or '?'} - {c.url}")
    return 0


def cmd_eval(args, settings: Settings) -> int:
    from rag.evals import compare, scoring
    from rag.evals.runner import load_results, prepare_out_dir, run_eval

    if args.from_feedback:
        from rag.evals.feedback_items import drafts_from_feedback, read_feedback_log

        entries, skipped = read_feedback_log(args.from_feedback)
        existing = scoring.load_questions(args.questions) if args.questions else []
        for draft in drafts_from_feedback(entries, existing):
            print(json.dumps(draft, ensure_ascii=False))
        if skipped:
            print(f"skipped {skipped} unreadable log lines (not JSON objects, or not UTF-8)", file=sys.stderr)
        return 0
    if not args.questions or not args.out:
        raise RagError("rag eval needs --questions FILE and --out DIR (or --from-feedback LOG)")
    from rag.answer.pipeline import build_pipeline
    from rag.evals.report import format_compare, format_summary

    questions = scoring.load_questions(args.questions)
    prepare_out_dir(Path(args.out))  # before the models load: a wrong --out is said at once
    if args.llm:
        settings = settings.with_(llm_model=args.llm)
    pipeline = build_pipeline(settings, use_configured_llm=not args.retrieval_only)

    def ask(question: str) -> dict:
        if args.retrieval_only:
            found = pipeline.retrieve(question, k=10)
            return {"question": question, "hits": [h.to_dict() for h in found.hits]}
        return pipeline.answer(question).to_dict()

    meta = {"index_version": pipeline.index.version, "llm": "none" if args.retrieval_only else pipeline.llm_name,
            "questions": str(args.questions)}
    summary = run_eval(questions, ask, Path(args.out), retrieval_only=args.retrieval_only, meta=meta)
    print(format_summary(summary))
    status = 0
    if args.compare:
        print(format_compare(compare.compare(load_results(args.compare), load_results(args.out))))
    if args.baseline:
        failures = compare.check_baseline(summary, json.loads(Path(args.baseline).read_text()))
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

    p = sub.add_parser("ingest", help="add or replace issues (corpus/ or one issue folder) and publish a new index")
    p.add_argument("paths", nargs="+", help="corpus/ for every issue in it, or one issue's folder")
    p.add_argument("--dry-run", action="store_true", help="show what would be added, changed and removed")
    p.add_argument("--rebuild", action="store_true", help="ignore the current index and embed everything")
    p.add_argument("--report", action="store_true", help="print the parse report of each issue")
    p.add_argument("--strict", action="store_true", help="refuse folders without an issue.toml instead of skipping them")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_ingest)

    p = sub.add_parser("remove", help="remove issues from the index (publishes a new version)")
    p.add_argument("issues", nargs="+")
    p.add_argument("--dry-run", action="store_true")
    p.add_argument("--force", action="store_true", help="remove even the last issues, publishing an empty index")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_remove)

    p = sub.add_parser("status", help="the current index version, its issues and the versions kept")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_status)

    p = sub.add_parser("verify", help="check every index file against its checksum")
    p.add_argument("--version", help="a kept version (default: the current one)")
    p.set_defaults(func=cmd_verify)

    p = sub.add_parser("rollback", help="serve the previous index version again")
    p.add_argument("--to", help="a specific kept version (see `rag status`)")
    p.set_defaults(func=cmd_rollback)

    for name, func, helptext in (("retrieve", cmd_retrieve, "ranked passages for a question"),
                                 ("ask", cmd_ask, "a cited answer to a question")):
        p = sub.add_parser(name, help=helptext)
        p.add_argument("question")
        p.add_argument("--issue", action="append", help="only this issue id (repeatable)")
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
    p.add_argument("--baseline", metavar="FILE", help="fail when a figure in FILE got worse (recall@5, MRR, answers correct, wrongly refused, invalid citations)")
    p.add_argument("--from-feedback", metavar="LOG", help="turn thumbs-down feedback into draft items")
    p.set_defaults(func=cmd_eval)

    p = sub.add_parser("serve", help="start the chat app")
    p.set_defaults(func=cmd_serve)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args, load_settings())
    except RagError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted: the published index is unchanged", file=sys.stderr)
        return 130
    except BrokenPipeError:  # `rag status | head -1`: the reader has what it wanted; no traceback
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # so the exit's flush writes nowhere
        return 141  # 128 + SIGPIPE, as a shell tool ends


if __name__ == "__main__":
    sys.exit(main())
