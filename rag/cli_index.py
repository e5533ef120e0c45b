"""rag ingest | remove | status | verify | rollback: the commands that build and look after index/, and their
arguments (cli.py wires)."""

from __future__ import annotations

import contextlib
import signal
import sys
from pathlib import Path
from typing import Iterator

from rag.cli_output import print_json
from rag.config import Settings
from rag.errors import IndexUnavailable, RagError
from rag.index.served import meanwhile_said, served_now, unavailable


class Terminated(KeyboardInterrupt):
    """SIGTERM (`kill`, a service or container stopping) or SIGHUP (the terminal or ssh session closed), unwound as
    Ctrl-C is: killed outright, an ingest left its half-written version and .lock behind, and a first one a new index
    folder holding only .lock (testers' finds: SIGTERM, then SIGHUP)."""

    def __init__(self, signum: int = signal.SIGTERM):
        super().__init__()
        self.status = 128 + signum


@contextlib.contextmanager
def term_as_interrupt() -> Iterator[None]:
    """SIGTERM and SIGHUP raise Terminated while the block runs (the main thread only; the handlers before are put
    back); a SIGHUP ignored (`nohup rag ingest ...`) stays ignored."""
    def stop(signum, frame):
        raise Terminated(signum)

    before = {}
    try:
        for sig in (signal.SIGTERM, signal.SIGHUP):
            if sig == signal.SIGTERM or signal.getsignal(sig) is not signal.SIG_IGN:
                before[sig] = signal.signal(sig, stop)
    except ValueError:  # not the main thread: nothing to install
        before.clear()
    try:
        yield
    finally:
        for sig, handler in before.items():
            signal.signal(sig, handler)


def cmd_ingest(args, settings: Settings) -> int:
    from rag.corpus.folders import SourceLimits
    from rag.index import ingest
    from rag.index.chunking import ChunkerSettings
    from rag.index.embedders import make_embedder
    from rag.index.ingest_paths import index_apart, parse_reports
    from rag.tokens import tiktoken_counter

    if any(not p.strip() for p in args.paths):  # `rag ingest "$ISSUE"` with ISSUE unset was `rag ingest .`
        raise RagError("rag ingest '' names no folder (an unset shell variable?): give corpus/ or one issue's folder")
    index_apart(settings.index_dir, list(args.paths), settings.corpus_dir)
    chunker = ChunkerSettings(settings.chunk_tokens, settings.chunk_overlap)
    limits = SourceLimits(settings.max_text_source_kb * 1024, settings.max_pdf_source_mb << 20,
                          settings.max_pdf_pages)
    embedder = make_embedder(settings, progress=not args.json)
    def count_tokens(text: str) -> int:  # loads tiktoken only when an issue is chunked (not when all are unchanged)
        return tiktoken_counter()(text)

    from rag.index.questions import chunk_questions

    # a mistyped RAG_INDEX_DIR (/srv/indx) built a second index there without a word, which no app serves
    new_index = not (settings.index_dir / "versions").is_dir()
    questions = None if args.dry_run else chunk_questions(settings, embedder)
    outcome = ingest.run(settings.index_dir, embedder, count_tokens, paths=[Path(p) for p in args.paths],
                         chunker=chunker, dry_run=args.dry_run, rebuild=args.rebuild, limits=limits,
                         strict=args.strict, reparse=args.report, questions=questions, force=args.force,
                         repair=args.repair)
    if questions is not None and questions.summary():  # also in --json's "warnings": it was said on stderr only
        outcome.warnings.append(questions.summary())
    for warning in outcome.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    reports = parse_reports(outcome, args.paths, limits) if args.report else []
    if args.json:  # --report --json printed no report at all: it is "reports", one per issue parsed
        said = outcome.to_dict()
        said["warnings"] = getattr(args, "settings_said", []) + said["warnings"]  # RAG_ names that are no setting
        print_json({**said, **({"reports": reports} if args.report else {})})
        return 0
    if reports:
        from rag.corpus.parse_report import render_parse_report

        for report in reports:
            print(render_parse_report(report))
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
        print(f"published index version {outcome.version}" + (
            f", the first of a new index at {settings.index_dir} (RAG_INDEX_DIR): if you meant to add to an index "
            "already built, check RAG_INDEX_DIR, which the app reads too" if new_index else ""))
    else:
        print("nothing changed: the published index stays as it is")
    return 0


def cmd_remove(args, settings: Settings) -> int:
    from rag.index import ingest, served_folders
    from rag.index.embedders import make_embedder
    from rag.tokens import tiktoken_counter

    issues = list(dict.fromkeys(args.issues))
    outcome = ingest.run(settings.index_dir, make_embedder(settings), tiktoken_counter(), remove=issues,
                         dry_run=args.dry_run, force=args.force)
    outcome.warnings.extend(served_folders.still_in_corpus(settings.corpus_dir, issues))
    for warning in outcome.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    if args.json:
        print_json({**outcome.to_dict(), "warnings": getattr(args, "settings_said", []) + outcome.warnings})
    else:
        print(f"{'would remove' if args.dry_run else 'removed'} {', '.join(issues)} "
              f"({outcome.plan.removed} chunks); version {outcome.version or 'unchanged'}")
    return 0


def cmd_status(args, settings: Settings) -> int:
    from rag.index import meanwhile, store, versions

    index_dir = settings.index_dir
    status = {"index_dir": str(index_dir), "current": served_now(index_dir), "versions": store.list_versions(index_dir),
              "embedder": None, "chunks": 0, "issues": {}, "problems": [],
              "build": meanwhile.build_said(index_dir / ".lock")}  # one writing now, or one killed outright (kill -9)
    build = "\n" + meanwhile.build_line(index_dir / ".lock", status["build"]) if status["build"] else ""
    try:
        current = store.current_version(index_dir)
        manifest = store.read_manifest(index_dir) if current else None
        problems = store.verify(index_dir) if current else []
    except IndexUnavailable as exc:  # CURRENT or the manifest damaged, unreadable, or from newer code
        status.update(unavailable(index_dir, exc))
        print(f"error: {exc}", file=sys.stderr)
        if args.json:
            print_json(status)
        else:
            print(f"versions kept: {', '.join(status['versions']) or 'none'}\n{meanwhile_said(status['serving'])}"
                  + build)
        return 2
    if manifest:
        status.update(embedder=manifest["embedder"], chunks=manifest["chunks"], issues=manifest["issues"])
    status["problems"] = problems
    if args.json:
        print_json(status)
        return 1 if status["problems"] or not current else 0  # no index: 1, as the text says "no index at ..."
    if not current:
        print(f"no index at {index_dir}: run `rag ingest corpus/`{build}")
        return 1
    print(f"current version: {current} ({status['chunks']} chunks, embedder {status['embedder']['name']})")
    for issue_id, info in sorted(status["issues"].items()):
        print(f"  {issue_id}: {info['title']} ({info['date']}), {info['chunks']} chunks, source {info['source_file']}")
    print(f"versions kept: {', '.join(status['versions'])}{build}")
    if status["problems"]:
        print(f"index version {current} is DAMAGED and cannot be served:", *status["problems"][:5], sep="\n  ")
        print(store.way_out(index_dir, current))
        print(meanwhile_said(versions.served_meanwhile(index_dir)))
        return 1
    return 0


def cmd_verify(args, settings: Settings) -> int:
    from rag.index import store

    name = served_now(settings.index_dir) if args.version is None else args.version
    try:
        problems = store.verify(settings.index_dir, args.version)
    except IndexUnavailable as exc:  # CURRENT or the manifest damaged: still the fields a cron job reads
        print(f"error: {exc}", file=sys.stderr)
        said = unavailable(settings.index_dir, exc)
        if args.json:
            print_json({"version": name, "sound": False, "way_out": str(exc), **said})
        elif args.version in (None, served_now(settings.index_dir)):  # of another version: CURRENT's still serves
            print(meanwhile_said(said["serving"]))
        return 2
    if args.json:  # a cron job or deploy script reads the verdict (it was text alone)
        print_json({"version": name, "sound": not problems, "problems": problems,
                    "way_out": store.way_out(settings.index_dir, name) if problems else None})
        return 1 if problems else 0
    if problems:
        print(f"index version {name} is damaged:", *problems, sep="\n  ", file=sys.stderr)
        print(store.way_out(settings.index_dir, name), file=sys.stderr)
        return 1
    print(f"index version {name}: every file matches its checksum")
    return 0


def cmd_rollback(args, settings: Settings) -> int:
    from rag.index import store

    if not settings.index_dir.is_dir():  # said before the lock would make an empty folder
        store.current_version(settings.index_dir)  # a link to a drive not mounted is said as such
        raise RagError(f"no index at {settings.index_dir}, so there is nothing to roll back: run `rag ingest corpus/` "
                       "to build one")
    from rag.index.embedders import make_embedder

    configured = make_embedder(settings).name  # its name alone, no model loaded: an unknown RAG_EMBEDDER said first
    with store.build_lock(settings.index_dir):
        if args.to is not None:  # `--to ""` (an unset shell variable) is no version, not "the one before"
            store.switch_to(settings.index_dir, args.to)
            name = args.to
        else:
            name = store.rollback(settings.index_dir)
    from rag.index import served_folders

    manifest = store.read_manifest(settings.index_dir)
    indexed, built = manifest["issues"], manifest["embedder"]["name"]
    warnings = served_folders.back_on_next_ingest(settings.corpus_dir, indexed, name)
    if built != configured:  # rolled back to without a word, the app so configured refusing it (tester 29)
        warnings.insert(0, f"{name} was built with {built}, but RAG_EMBEDDER={settings.embedder} embeds with "
                           f"{configured}: an app so configured refuses it and keeps serving what it has, and "
                           "`rag ask` refuses it; set RAG_EMBEDDER to the one it was built with (for the app too), or "
                           "serve a version built with the one configured (`rag rollback --to VERSION`)")
    if args.json:
        print_json({"version": name, "issues": sorted(indexed), "warnings": warnings})
    else:
        print(f"current index version is now {name}")
    for warning in warnings:
        print(f"warning: {warning}", file=sys.stderr)
    return 0


def add_index_commands(sub) -> None:
    """The index commands' arguments, on the `rag` parser's sub-parsers (cli.build_parser)."""
    p = sub.add_parser("ingest", help="add or replace issues (corpus/ or one issue folder) and publish a new index")
    p.add_argument("paths", nargs="+", help="corpus/ for every issue in it, or one issue's folder")
    p.add_argument("--dry-run", action="store_true", help="show what would be added, changed and removed")
    p.add_argument("--rebuild", action="store_true", help="ignore the current index and embed everything")
    p.add_argument("--report", action="store_true", help="print the parse report of each issue")
    p.add_argument("--strict", action="store_true", help="refuse instead of warning: folders without an "
                   "issue.toml, issue.toml fields at odds (season, year, number) or an implausible date")
    p.add_argument("--force", action="store_true", help="publish what is otherwise refused: with --rebuild, leaving "
                   "out the served issues the paths lack; an issue reprinting another's passages (or its own, twice "
                   "over); a changed issue whose text is under half the served one's (a source cut short?) or mostly "
                   "not its text (another issue's file?)")
    p.add_argument("--repair", action="store_true", help="write anew, from their folders, the issues whose files in "
                   "the served version are damaged (only they are embedded again)")
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
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_verify)

    p = sub.add_parser("rollback", help="serve the previous index version again")
    p.add_argument("--to", help="a specific kept version (see `rag status`)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_rollback)
